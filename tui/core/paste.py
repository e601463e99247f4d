"""Text pasted from Word: its typed bullets and numbers become real Markdown lists.

Word puts a list item on the clipboard as its bullet glyph (or number), a tab and the text:
``•\\tFörsta``, ``o\\tUnderpunkt`` (the second level), ``–\\tTankstreck``, ``1)\\tEtt``. As
Markdown those lines run together into one paragraph. :func:`word_lists` rewrites exactly those
lines as list items (``- Första``, ``  - Underpunkt``, ``1) Ett``), with a blank line around the
list so it neither joins the paragraph before nor swallows the one after. The words are kept
exactly; only the glyph, the tab and the blank lines change. Idempotent.
"""

from __future__ import annotations

import re

# Bullet glyphs Word writes: •, ·, ▪, ■, ◦, ○, ➢, ►, ✓, –, —, -, *, the Symbol font's private-use
# bullets (U+F0B7, U+F0A7, U+F0D8, U+F0FC) and "o" (Word's second-level bullet).
_BULLET = re.compile(r"^[ \t]*([•·▪■◦○➢►✓–—*\-\uf0b7\uf0a7\uf0d8\uf0fc§]|o)\t+(?=\S)(.*)$")
_NUMBER = re.compile(r"^[ \t]*(\d{1,9})([.)])\t+(?=\S)(.*)$")
_SECOND_LEVEL = frozenset({"o", "◦", "○", "\uf0a7", "▪", "§"})


def word_lists(text: str) -> str:
    """``text`` with Word's pasted list lines as Markdown list items (see the module docstring)."""
    if "\t" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    in_list = False
    first_glyph: str | None = None
    for line in lines:
        item = _item(line, first_glyph)
        if item is None:
            if in_list and line.strip():
                out.append("")  # the paragraph after the list is not part of its last item
            in_list = False
            first_glyph = None
            out.append(line)
            continue
        text_item, glyph = item
        if not in_list:
            if out and out[-1].strip():
                out.append("")  # a list after a paragraph starts its own block
            first_glyph = glyph
            text_item, _ = _item(line, first_glyph) or (text_item, glyph)
        in_list = True
        out.append(text_item)
    return "\n".join(out)


def _item(line: str, first_glyph: str | None) -> tuple[str, str] | None:
    number = _NUMBER.match(line)
    if number:
        return f"{number.group(1)}{number.group(2)} {number.group(3)}", number.group(2)
    bullet = _BULLET.match(line)
    if bullet:
        glyph = bullet.group(1)
        # A second-level glyph under a first-level list is nested; alone it is a list of its own.
        nested = glyph in _SECOND_LEVEL and first_glyph is not None and first_glyph != glyph
        return f"{'  ' if nested else ''}- {bullet.group(2)}", glyph
    return None
