"""markdown-it's tokens for a text of plain prose and simple lists, made without markdown-it.

Most answers and template texts are prose: paragraphs of words with no Markdown syntax, some
with a ``-`` list of one-line points. For those, :func:`plain_parse` builds the very tokens and
env markdown-it would (the same ``map``, ``content``, levels, markup, hidden paragraphs of a
tight list, soft and hard breaks), so :func:`tui.core.render.parser.parse` need not run
markdown-it's block and inline rule chains over them. It refuses (returns None) any text in
which a character or a line start could mean anything else; the tests compare its output with
markdown-it's field by field on generated texts and on the samples (tests/test_plain_markdown.py).
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
# thematic break), whatever its indentation: quotes, list markers, fences, tables, headings (a
# run of ``#`` and a space; ``#ord`` is a word) and ordered list markers (``8.9`` is a number).
_BLOCK_START = re.compile(r"^[ \t]*(?:[>\-+*=_~`<\[|]|#+(?=[ \t]|$)|[0-9]+[.)](?=[ \t]|$))", re.MULTILINE)
# A heading as the fast path takes them: one to six ``#``, a space and words without ``#`` (which
# might close it), on a line of its own.
_HEADING = re.compile(r"(#{1,6}) ([^ \t#][^#]*)")
# A paragraph: lines that are not blank (markdown-it's blank is spaces and tabs only).
_PARAGRAPH = re.compile(r"^[ \t]*[^ \t\n].*(?:\n[ \t]*[^ \t\n].*)*", re.MULTILINE)
# The rest of markdown-it's inline terminators (characters its text rule stops at). At one that
# is at least three characters before the end of a paragraph, the footnote plugin's reference
# rule puts its empty tables in the env before it sees that no ``[^`` follows.
_TERMINATOR = re.compile(r"[!#$%+\-:=>@^{}]")


def plain_parse(text: str) -> tuple[list[Token], dict[str, Any]] | None:
    """The tokens and env markdown-it (CommonMark, tables, strikethrough, footnotes) makes of
    ``text`` when it is plain paragraphs, ``#`` headings and tight one-level ``-`` lists of
    one-line items; None when it may be anything else."""
    if _UNSAFE.search(text):
        return None
    # List items or headings (substrings are found faster than a multiline ^).
    if text.startswith(("- ", "#")) or "\n- " in text or "\n#" in text:
        return _by_lines(text)
    if _BLOCK_START.search(text):
        return None
    tokens: list[Token] = []
    env: dict[str, Any] = {}
    line = 0  # the line number of ``position``
    position = 0
    for match in _PARAGRAPH.finditer(text):
        paragraph = match.group()
        if _indented_code(paragraph):
            return None
        line += text.count("\n", position, match.start())
        position = match.start()
        _paragraph(tokens, env, paragraph.strip(" \t"), line, line + paragraph.count("\n") + 1)
    return tokens, env


def _by_lines(text: str) -> tuple[list[Token], dict[str, Any]] | None:
    """Line by line, for a text with list items or headings: an item line is ``- `` and plain
    words, all the list's items follow each other (a blank line between two would make the
    list loose), and the line after the last is blank or a heading (a line of words there would
    continue the item). A heading ends the paragraph or list above it."""
    lines = text.split("\n")
    # markdown-it counts no line after the last newline, nor a last line of only spaces and tabs.
    count = len(lines) if lines[-1].strip(" \t") else len(lines) - 1
    tokens: list[Token] = []
    env: dict[str, Any] = {}
    paragraph = -1  # the first line of the paragraph being read
    items: list[int] = []  # the lines of the items of the list being read
    list_ended = False  # the last block was a list that blank lines ended
    for number, line in enumerate(lines[:count]):
        if not line.strip(" \t"):
            if paragraph >= 0:
                _paragraph(tokens, env, "\n".join(lines[paragraph:number]).strip(" \t"), paragraph, number)
                paragraph = -1
            list_ended = list_ended or bool(items)
            continue
        heading = _HEADING.fullmatch(line) if line.startswith("#") else None
        if heading:
            if paragraph >= 0:
                _paragraph(tokens, env, "\n".join(lines[paragraph:number]).strip(" \t"), paragraph, number)
                paragraph = -1
            if items:
                _list(tokens, env, lines, items, number)
                items = []
            list_ended = False
            _heading(tokens, env, heading.group(1), heading.group(2).strip(" \t"), number)
            continue
        if line.startswith("- "):
            words = line[2:]
            if not words or words[0] in " \t" or _BLOCK_START.match(words):
                return None  # an empty item, indented code or another block inside the item
            if paragraph >= 0:  # a list interrupts a paragraph
                _paragraph(tokens, env, "\n".join(lines[paragraph:number]).strip(" \t"), paragraph, number)
                paragraph = -1
            if list_ended:
                return None  # the item would continue the list above, which makes it loose
            items.append(number)
            continue
        if items and not list_ended:
            return None  # a lazy continuation line of the item above
        if _BLOCK_START.match(line):
            return None
        if items:
            if line[0] in " \t":
                return None  # may be the last item's next paragraph
            _list(tokens, env, lines, items, number)
            items = []
            list_ended = False
        if paragraph < 0:
            if _indented_code(line):
                return None
            paragraph = number
    if paragraph >= 0:
        _paragraph(tokens, env, "\n".join(lines[paragraph:count]).strip(" \t"), paragraph, count)
    if items:
        _list(tokens, env, lines, items, count)
    return tokens, env


def _indented_code(line: str) -> bool:
    """Whether a paragraph starting with ``line`` would be an indented code block."""
    indent = len(line) - len(line.lstrip(" \t"))
    return indent > 3 or "\t" in line[:indent]


def _list(tokens: list[Token], env: dict[str, Any], lines: list[str], items: list[int], end: int) -> None:
    """A tight bullet list of one-line items; the last item (and the list) reach to ``end``,
    the line of the next block, over the blank lines between."""
    tokens.append(Token("bullet_list_open", "ul", 1, map=[items[0], end], markup="-", block=True))
    for index, line in enumerate(items):
        tokens.append(Token("list_item_open", "li", 1, map=[line, items[index + 1] if index + 1 < len(items) else end],
                            level=1, markup="-", block=True))
        _paragraph(tokens, env, lines[line][2:].strip(" \t"), line, line + 1, level=2, hidden=True)
        tokens.append(Token("list_item_close", "li", -1, level=1, markup="-", block=True))
    tokens.append(Token("bullet_list_close", "ul", -1, markup="-", block=True))


def _heading(tokens: list[Token], env: dict[str, Any], marks: str, content: str, line: int) -> None:
    tag = f"h{len(marks)}"
    tokens.append(Token("heading_open", tag, 1, map=[line, line + 1], markup=marks, block=True))
    tokens.append(Token("inline", "", 0, map=[line, line + 1], level=1, content=content, block=True,
                        children=[Token("text", "", 0, content=content)]))
    tokens.append(Token("heading_close", tag, -1, markup=marks, block=True))
    _footnote_env(env, content)


def _footnote_env(env: dict[str, Any], content: str) -> None:
    terminator = _TERMINATOR.search(content)
    if terminator and terminator.start() + 3 <= len(content):
        env.setdefault("footnotes", {"refs": {}, "list": {}})


def _paragraph(tokens: list[Token], env: dict[str, Any], content: str, start: int, end: int, *,
               level: int = 0, hidden: bool = False) -> None:
    _footnote_env(env, content)
    tokens.append(Token("paragraph_open", "p", 1, map=[start, end], level=level, block=True, hidden=hidden))
    tokens.append(Token("inline", "", 0, map=[start, end], level=level + 1, content=content, block=True,
                        children=_inline(content) if "\n" in content else [Token("text", "", 0, content=content)]))
    tokens.append(Token("paragraph_close", "p", -1, level=level, block=True, hidden=hidden))


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
