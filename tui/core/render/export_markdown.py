"""The same document as one Markdown file: for web publishing, and for comparing with pandoc.

The Markdown writer of the report's blocks (:mod:`.blocks`), so the same order and words as
the DOCX: a YAML metadata block (title, author, date, lang, which pandoc and static-site
generators read), the head, the foreword, every part and section with its heading (``#``
parts, ``##``/``###`` sections), the preamble as a block quote, guidance in italics, the
answers, insats tables as pipe tables, the signature. Footnote labels are renumbered across
the file (every answer numbers its own from 1) and the answers' own headings are placed below
their section's heading, as in the DOCX.

Written for CommonMark readers with GitHub's pipe tables (GitHub, markdown-it, pandoc's
``commonmark_x`` or ``gfm``): lists inside table cells are HTML lists (``<ul><li>…``), which
pandoc's own ``markdown`` reader keeps only with ``-f markdown-markdown_in_html_blocks``; lists
that follow a paragraph get the blank line pandoc's ``markdown`` needs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from markdown_it.token import Token

from tui.core.render.blocks import (
    CHECKED,
    COMMENT_LEAD,
    DRAFT_MARK,
    UNCHECKED,
    Answer,
    Block,
    Box,
    Choice,
    Guidance,
    Head,
    Heading,
    Prompt,
    ReportBlocks,
    Signature,
    Table,
    report_blocks,
    section_blocks,
)
from tui.core.render.headings import MARKDOWN_MAX_LEVEL, answer_levels
from tui.core.render.parser import parse
from tui.core.report import Report
from tui.core.template import Section

_LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])(\s+)(.*)$")
_NOTE_DEF = re.compile(r"^(\s*)\[\^([^\]\s]+)\]:(\s*)(.*)$")
_NOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")


class _Notes:
    """Gives every footnote label of every text a label unique in the whole file."""

    def __init__(self) -> None:
        self.count = 0

    def relabel(self, text: str) -> str:
        mapping: dict[str, str] = {}

        def new(label: str) -> str:
            if label not in mapping:
                self.count += 1
                mapping[label] = str(self.count)
            return mapping[label]

        return _NOTE_REF.sub(lambda m: f"[^{new(m.group(1))}]", text)


def export_markdown(report: Report, *, draft: bool = False) -> str:
    return export_blocks(report_blocks(report), draft=draft)


def export_blocks(walk: ReportBlocks, *, draft: bool = False) -> str:
    """The Markdown of a report's blocks."""
    exporter = _Exporter(draft)
    exporter.head(walk.head)
    exporter.write(walk.blocks)
    return exporter.text()


def export_section(report: Report, section: Section, *, draft: bool = True) -> str:
    """One section as the export writes it (the app's preview shows exactly this)."""
    exporter = _Exporter(draft)
    exporter.write(section_blocks(report, section))
    return exporter.text()


class _Exporter:
    """The Markdown writer of a report's blocks (:mod:`.blocks`)."""

    def __init__(self, draft: bool) -> None:
        self.draft = draft
        self.notes = _Notes()
        self.out: list[str] = []

    def block(self, text: str) -> None:
        text = text.strip("\n")
        if text:
            self.out.append(text)

    def text(self) -> str:
        return "\n\n".join(self.out) + "\n"

    def head(self, head: Head) -> None:
        meta = {"title": head.title, "lang": "sv-SE"}
        if head.region:
            meta["author"] = head.region
        if head.date:
            meta["date"] = head.date.isoformat()
        # JSON strings are valid YAML scalars: no quoting rules to get wrong. The blank line before
        # the closing --- keeps a plain CommonMark reader from taking the last line for a setext
        # heading; pandoc, markdown-it's front_matter, GitHub and static-site generators read it
        # as front matter.
        self.block("---\n" + "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items())
                   + "\n\n---")
        lines: list[str] = []
        if head.region:
            lines.append(f"**{_escape(head.region)}**")
        if head.date:
            lines.append(f"Datum: {head.date.isoformat()}")
        if head.diarienr:
            lines.append(f"Diarienr: {_escape(head.diarienr)}")
        if head.ert_diarienr:
            lines.append(f"Ert diarienr: {_escape(head.ert_diarienr)}")
        lines += [_escape(line) for line in head.kontakt]
        self.block("\\\n".join(lines))

    def write(self, blocks: Iterable[Block]) -> None:
        for block in blocks:
            match block:
                case Heading():
                    self.block(f"{'#' * min(block.level, MARKDOWN_MAX_LEVEL)} {block.text}")
                case Box():
                    self.box(block)
                case Guidance() | Prompt():
                    self.block(italic(blank_before_lists(self.notes.relabel(block.text))))
                case Answer() if block.text:
                    self.block(self.answer(block.text, block.level))
                case Answer():
                    self.mark()
                case Choice():
                    self.choice(block)
                case Table():
                    self.table(block)
                case Signature():
                    self.signature(block)

    def box(self, box: Box) -> None:
        """The preamble and "Kommentar:" as one block quote."""
        quote = blank_before_lists(self.notes.relabel(box.preamble))
        if box.comment:
            quote += f"\n\n**{COMMENT_LEAD}** {blank_before_lists(self.notes.relabel(box.comment))}"
        self.block("\n".join(f"> {line}".rstrip() for line in quote.strip("\n").split("\n")))

    def mark(self) -> None:
        if self.draft:
            self.block(f"**{DRAFT_MARK.replace('[', chr(92) + '[').replace(']', chr(92) + ']')}**")

    def answer(self, text: str, level: int) -> str:
        return hard_breaks(shift_headings(self.notes.relabel(text), level))

    def choice(self, choice: Choice) -> None:
        if not choice.value:
            self.mark()
            return
        self.block("    ".join(f"{CHECKED} **{o}**" if o == choice.value else f"{UNCHECKED} {o}"
                               for o in choice.options))

    def table(self, table: Table) -> None:
        if table.note:
            self.block(italic(table.note))
        if not table.rows:
            self.mark()
            return
        header = []
        for column in table.columns:
            cell = _cell(column.header)
            if column.help:
                cell += "<br>" + "<br>".join(f"*{line.strip()}*" for line in column.help.strip().split("\n")
                                             if line.strip())
            header.append(cell)
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in table.columns) + "|"]
        for row in table.rows:
            cells = [_cell(self.notes.relabel(row.get(c.key, ""))) for c in table.columns]
            lines.append("| " + " | ".join(cells) + " |")
        self.block("\n".join(lines))

    def signature(self, signature: Signature) -> None:
        if signature.place:
            self.block(_escape(signature.place))
        if signature.names:
            self.block("\\\n".join(_escape(name) for name in signature.names))


def italic(text: str) -> str:
    """Template guidance in italics, line by line (list markers and footnote definitions kept)."""
    out: list[str] = []
    for line in text.strip("\n").split("\n"):
        if not line.strip():
            out.append("")
            continue
        note = _NOTE_DEF.match(line)
        if note:
            out.append(line)
            continue
        item = _LIST_ITEM.match(line)
        if item:
            indent, marker, space, rest = item.groups()
            out.append(f"{indent}{marker}{space}*{rest.strip()}*")
            continue
        stripped = line.lstrip()
        out.append(f"{line[: len(line) - len(stripped)]}*{stripped.rstrip()}*")
    return "\n".join(out)


def shift_headings(text: str, parent: int) -> str:
    """The answer's own headings placed under its section's heading at level ``parent``, as in
    the DOCX (``headings.answer_levels``), but no deeper than Markdown's ``######``."""
    tokens, _env = parse(text)
    headings = [(t, tokens[i + 1], t.map) for i, t in enumerate(tokens) if t.type == "heading_open" and t.map]
    if not headings:
        return text
    levels = answer_levels([int(t.tag[1:]) for t, _, _ in headings], parent, deepest=MARKDOWN_MAX_LEVEL)
    lines = text.split("\n")
    for (_token, inline, (start, end)), level in reversed(list(zip(headings, levels, strict=True))):
        lines[start:end] = [f"{'#' * level} {inline.content.strip()}"]
    return "\n".join(lines)


def hard_breaks(text: str) -> str:
    """Mark every single newline inside a paragraph as a hard break (a trailing backslash), so
    a CommonMark reader breaks the line where the writer pressed Enter, as the DOCX does."""
    tokens, _env = parse(text)
    lines = text.split("\n")
    marked = False
    for i, token in enumerate(tokens):
        setext = token.type == "heading_open" and token.markup in ("=", "-")
        if not (token.type == "paragraph_open" or setext) or not token.map:
            continue
        inline = tokens[i + 1]
        if not any(c.type == "softbreak" for c in inline.children or []):
            continue
        start, end = token.map
        for number in range(start, end - (2 if setext else 1)):
            if not lines[number].endswith("\\"):
                lines[number] += "\\"
                marked = True
    return "\n".join(lines) if marked else text


def _escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def blank_before_lists(text: str) -> str:
    """A blank line before every top-level list that directly follows a paragraph line: CommonMark
    lets a list interrupt a paragraph, pandoc's Markdown does not."""
    tokens, _env = parse(text)
    lines = text.split("\n")
    starts = sorted({t.map[0] for t in tokens if t.type in _LIST_OPEN and t.level == 0 and t.map
                     and t.map[0] > 0 and lines[t.map[0] - 1].strip()}, reverse=True)
    for start in starts:
        lines.insert(start, "")
    return "\n".join(lines)


def _cell(text: str) -> str:
    """A table cell on one line: pipes escaped, line breaks as <br> (GitHub's convention), and
    lists as HTML lists (``<ul><li>…</li></ul>``), whose items' Markdown is still read."""
    text = text.strip()
    tokens, _env = parse(text)
    if any(t.type in _LIST_OPEN for t in tokens):
        return _cell_with_lists(text, tokens).replace("|", "\\|")
    return "<br>".join(line.rstrip() for line in text.replace("|", "\\|").split("\n"))


_LIST_OPEN = ("bullet_list_open", "ordered_list_open")


def _cell_with_lists(text: str, tokens: list[Token]) -> str:
    lines = text.split("\n")
    out: list[str] = []
    in_item: list[bool] = []  # per open list: has the current item shown a paragraph yet
    skip_to = -1
    for index, tok in enumerate(tokens):
        if index <= skip_to:
            continue
        kind = tok.type
        if kind == "bullet_list_open":
            out.append("<ul>")
            in_item.append(False)
        elif kind == "ordered_list_open":
            start = int(tok.attrs.get("start", 1))
            out.append(f'<ol start="{start}">' if start != 1 else "<ol>")
            in_item.append(False)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            out.append("</ul>" if kind == "bullet_list_close" else "</ol>")
            in_item.pop()
        elif kind == "list_item_open":
            out.append("<li>")
            in_item[-1] = False
        elif kind == "list_item_close":
            out.append("</li>")
        elif kind == "inline":
            content = " ".join(line.strip() for line in tok.content.split("\n")) if in_item else \
                "<br>".join(line.rstrip() for line in tok.content.split("\n"))
            if in_item and in_item[-1]:
                out.append("<br>")
            elif not in_item and out and not out[-1].endswith(("</ul>", "</ol>")):
                out.append("<br><br>")
            if in_item:
                in_item[-1] = True
            out.append(content)
        elif tok.nesting == 1 and tok.map and kind not in ("paragraph_open", "list_item_open"):
            # Another block (quote, table, code): its own lines, as the plain cell shows them.
            end = _close_of(tokens, index)
            if out:
                out.append("<br>")
            out.append("<br>".join(line.rstrip() for line in lines[tok.map[0]:tok.map[1]]))
            skip_to = end
        elif tok.nesting == 0 and tok.map and kind != "inline":  # code block, fence, hr, html
            if out:
                out.append("<br>")
            out.append("<br>".join(line.rstrip() for line in lines[tok.map[0]:tok.map[1]]))
    return "".join(out)


def _close_of(tokens: list[Token], start: int) -> int:
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1
