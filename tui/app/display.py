"""Template Markdown for display in the terminal (Rich's Markdown has no footnotes).

Most guidance and prompts are plain paragraphs. Those are drawn exactly as Rich's Markdown
draws them (:class:`Paragraphs`) without importing markdown-it and Rich's Markdown (~18 ms of
the app's first screen); anything else goes to Rich's Markdown, imported when first needed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_DEFINITION = re.compile(r"^\[\^([^\]]+)\]:\s*", re.MULTILINE)
_REFERENCE = re.compile(r"\[\^([^\]]+)\]")

# A text is plain paragraphs for CommonMark (and Rich's parser: strikethrough and tables on)
# when no character can start markup (escapes, code, emphasis, links and images, HTML and
# entities, tables, strikethrough, headings) or needs normalising (controls, tabs, CR), and
# no line starts a block (indented code, lists, quotes, setext underlines, ordered lists) or
# ends in a blank (two blanks are a hard break). Checked against Rich's Markdown in
# tests/test_display.py.
_MARKUP = re.compile(r"[\\`*_\[\]<>&|~#\x00-\x09\x0b-\x1f\x7f]")
_BLOCK_START = re.compile(r"^(?:\s|[-+=]|\d{1,9}[.)])")


def _mark(label: str) -> str:
    return label.translate(_SUPERSCRIPT) if label.isdigit() else f"[{label}]"


class Paragraphs:
    """Plain paragraphs drawn as Rich's Markdown draws them: each a left-justified Text in the
    style ``markdown.paragraph``, a blank line between two."""

    def __init__(self, paragraphs: list[str]) -> None:
        self.paragraphs = paragraphs

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        style = console.get_style("none") + console.get_style("markdown.paragraph", default="none")
        options = options.update(height=None)
        for number, paragraph in enumerate(self.paragraphs):
            if number:
                yield Segment.line()
            text = Text(justify="left")
            text.append(paragraph, style)
            yield from console.render(text, options)


def plain_paragraphs(text: str) -> list[str] | None:
    """The paragraphs of ``text`` if it is nothing but plain paragraphs, else None."""
    if _MARKUP.search(text):
        return None
    paragraphs: list[list[str]] = [[]]
    for line in text.split("\n"):
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        if _BLOCK_START.match(line) or line[-1].isspace():
            return None
        paragraphs[-1].append(line)
    return [" ".join(lines) for lines in paragraphs if lines]


def terminal_markdown(text: str) -> RenderableType:
    """Footnote references become superscripts; definitions become small notes below."""
    text = text.replace("<br>", " · ")  # the export's line break inside table headers
    text = _DEFINITION.sub(lambda m: f"\n{_mark(m.group(1))} ", text)
    text = _REFERENCE.sub(lambda m: _mark(m.group(1)), text)
    paragraphs = plain_paragraphs(text)
    if paragraphs is not None:
        return Paragraphs(paragraphs)
    from rich.markdown import Markdown

    return Markdown(text)
