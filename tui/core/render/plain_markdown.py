"""markdown-it's tokens for a text that is only paragraphs of plain words, without markdown-it.

Most answers and template texts are prose: paragraphs of words with no Markdown syntax. For
those, :func:`plain_tokens` builds the very tokens markdown-it would (the same ``map``,
``content``, levels, soft and hard breaks), so :func:`tui.core.render.parser.parse` need not run
markdown-it's block and inline rule chains over them. It refuses (returns None) any text in
which a character or a line start could mean anything but a paragraph word; the tests compare
its tokens with markdown-it's field by field on generated texts (tests/test_plain_markdown.py).
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it.token import Token

# Characters some inline or block rule of the dialect acts on (escapes, code, emphasis,
# strikethrough, links, images, footnotes, autolinks, HTML, entities, tables), NUL (which
# markdown-it replaces), and every whitespace but space, tab and newline (Python's ``\s``, spelt
# out: one character class is searched much faster; markdown-it splits lines at \r and trims
# some of the others as spaces).
_UNSAFE = re.compile(r"[\\`*_\[\]<&|~\x00\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
# A line that may start a block other than a paragraph, or underline one (setext heading,
# thematic break), whatever its indentation: headings, quotes, list markers, fences, tables.
_BLOCK_START = re.compile(r"^[ \t]*(?:[#>\-+*=_~`<\[|]|[0-9]+[.)])", re.MULTILINE)
# A paragraph: lines that are not blank (markdown-it's blank is spaces and tabs only).
_PARAGRAPH = re.compile(r"^[ \t]*[^ \t\n].*(?:\n[ \t]*[^ \t\n].*)*", re.MULTILINE)
# The rest of markdown-it's inline terminators (characters its text rule stops at). At one that
# is at least three characters before the end of a paragraph, the footnote plugin's reference
# rule puts its empty tables in the env before it sees that no ``[^`` follows.
_TERMINATOR = re.compile(r"[!#$%+\-:=>@^{}]")


def plain_parse(text: str) -> tuple[list[Token], dict[str, Any]] | None:
    """The tokens and env markdown-it (CommonMark, tables, strikethrough, footnotes) makes of
    ``text`` when it is plain paragraphs; None when it may be anything else."""
    if _UNSAFE.search(text) or _BLOCK_START.search(text):
        return None
    tokens: list[Token] = []
    env: dict[str, Any] = {}
    line = 0  # the line number of ``position``
    position = 0
    for match in _PARAGRAPH.finditer(text):
        paragraph = match.group()
        indent = len(paragraph) - len(paragraph.lstrip(" \t"))
        if indent > 3 or "\t" in paragraph[:indent]:  # an indented code block
            return None
        line += text.count("\n", position, match.start())
        position = match.start()
        end = line + paragraph.count("\n") + 1
        content = paragraph.strip(" \t")
        terminator = _TERMINATOR.search(content)
        if terminator and terminator.start() + 3 <= len(content):
            env.setdefault("footnotes", {"refs": {}, "list": {}})
        tokens.append(Token("paragraph_open", "p", 1, map=[line, end], block=True))
        tokens.append(Token("inline", "", 0, map=[line, end], level=1, content=content, block=True,
                            children=_inline(content) if "\n" in content else
                            [Token("text", "", 0, content=content)]))
        tokens.append(Token("paragraph_close", "p", -1, block=True))
    return tokens, env


def _inline(content: str) -> list[Token]:
    """markdown-it's newline rule: a line ending in two spaces or more breaks hard, any other
    newline softly; the spaces before a newline and at the start of the next line are dropped."""
    children: list[Token] = []
    segments = content.split("\n")
    last = len(segments) - 1
    for index, segment in enumerate(segments):
        if index:
            segment = segment.lstrip(" \t")
        if index == last:
            if segment:
                children.append(Token("text", "", 0, content=segment))
            break
        kind = "softbreak"
        if segment.endswith("  "):
            kind = "hardbreak"
            segment = segment.rstrip(" ")
        elif segment.endswith(" "):
            segment = segment[:-1]
        if segment:
            children.append(Token("text", "", 0, content=segment))
        children.append(Token(kind, "br", 0))
    return children
