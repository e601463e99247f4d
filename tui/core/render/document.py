"""The official document: the DOCX writer of a report's blocks (:mod:`.blocks`).

Page 1 head (region, Datum, Diarienr, Ert diarienr), the title, the table of contents and the
optional foreword; then every part and section in template order: the numbered heading
(Heading 1–9), a part's preamble in a light shaded box, the guidance in italics, each field
(its prompt in italics, the answer in the body style, insats tables with repeated header
rows); the signature block last. The header names the region and the year on every page; the
footer says "Sida X av Y". The PDF (:mod:`.pdf`) is made of this DOCX, and the tracked changes
(:mod:`.tracked`) extend its steps.

The renderer never invents text: an unanswered field shows only the template's own words,
and with ``draft`` a highlighted "[Obesvarat]" after them.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple, Unpack

from docx.document import Document as DocxDocument

from tui.core.problems import AterrapportError, Problem
from tui.core.render import ooxml
from tui.core.render.blocks import (
    CHECKED,
    COMMENT_LEAD,
    DRAFT_MARK,
    UNCHECKED,
    Answer,
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
)
from tui.core.render.headings import MAX_LEVEL
from tui.core.render.markdown import MarkdownWriter, Story
from tui.core.render.ooxml import (
    HEADER_FILL,
    Border,
    Element,
    Indent,
    ParagraphOptions,
    RunFormat,
    Spacing,
    add_ppr,
    fit_widths,
    run,
    spacer,
    sub,
)
from tui.core.render.outline import Entry, Outline
from tui.core.render.output import write_error
from tui.core.render.package import docx_bytes
from tui.core.render.parts import Footnotes, Numbering
from tui.core.render.styles import LANGUAGE, prepare
from tui.core.render.toc import write_toc
from tui.core.report import Report
from tui.core.template import Column
from tui.core.text import clean_xml
from tui.core.yamlio import atomic_write_bytes

SUBJECT = "Återrapportering till regeringen om det regionala utvecklingsansvaret"
CELL_PADDING = 170  # twips of left+right cell margin (ooxml.table's default 85 each side)
PREAMBLE_FILL = "F2F2F2"
PROMPT_SPACE = 160  # twips above a field's own question, to part it from the answer before
PREAMBLE_BORDER = "D0D0D0"
# A row taller than about a page cannot be kept on one page; Word and LibreOffice would
# then cut it at the page's end, so such rows are allowed to split.
_LINES_PER_PAGE = 50
_TWIPS_PER_CHAR = 95  # average character width at the table text size


class RenderOptions(NamedTuple):
    reference_doc: Path | None = None
    draft: bool = False
    now: dt.datetime | None = None  # the document's modified time; default: now (or SOURCE_DATE_EPOCH)
    toc: bool = True  # the table of contents after the head ("Innehåll")
    toc_pages: dict[str, int] | None = None  # heading bookmark -> page, learnt from a laid-out copy


class Rendered(NamedTuple):
    data: bytes  # the DOCX
    outline: list[Entry]  # its headings in order, with their bookmarks


def render(report: Report, options: RenderOptions | None = None) -> Rendered:
    return render_blocks(report_blocks(report), options)


def render_blocks(walk: ReportBlocks, options: RenderOptions | None = None) -> Rendered:
    """The DOCX of a report's blocks."""
    return DocxWriter(walk, options or RenderOptions()).rendered()


def render_bytes(report: Report, options: RenderOptions | None = None) -> bytes:
    return render(report, options).data


def render_file(report: Report, output: Path, options: RenderOptions | None = None) -> Path:
    """Render and write atomically: a crash leaves the old document or the new one."""
    data = render_bytes(report, options)
    try:
        atomic_write_bytes(output, data)
    except OSError as exc:
        raise AterrapportError(Problem(output, write_error(exc))) from None
    return output


class DocxWriter:
    """The DOCX writer of a report's blocks (:mod:`.blocks`); each kind of block has its step,
    which :mod:`.tracked` extends with revisions."""

    def __init__(self, walk: ReportBlocks, options: RenderOptions) -> None:
        self.options = options
        self.walk = walk
        self.head = walk.head
        self.document, self.layout = prepare(options.reference_doc, walk.folder)
        self.numbering = Numbering(self.document)
        self.footnotes = Footnotes(self.document, self.layout.style("footnote_text"),
                                   self.layout.style("footnote_ref"))
        self.outline = Outline()
        self.md = MarkdownWriter(self.layout, self.numbering, self.footnotes, self.walk.folder, self.outline)
        self.body: Element = self.document.element.body
        self.sect_pr = self.body.find(ooxml.w("sectPr"))
        if self.sect_pr is not None:
            self.body.remove(self.sect_pr)  # content goes before it; put back at the end
        self.width = self.layout.text_width

    def rendered(self) -> Rendered:
        return Rendered(docx_bytes(self.build()), self.outline.entries)

    def build(self) -> DocxDocument:
        self._page_head()
        after_head = self.body[-1]
        toc = self.options.toc
        # A new page after the head (when the contents follow it) and after the foreword.
        new_page = toc
        for block in self.walk.blocks:
            match block:
                case Heading():
                    self._heading(block, page_break=new_page)
                    new_page = block.section_id is None
                case Box():
                    self._box(block)
                case Guidance():
                    self._guidance(block.text, keep=block.answered)
                case Prompt():
                    self._guidance(block.text, keep=block.answered, space_before=0 if block.first else PROMPT_SPACE)
                case Answer():
                    self._answer(block)
                case Choice():
                    self._choice(block)
                case Table():
                    self._table(block)
                case Signature():
                    self._signature(block)
        if toc:
            after_head.addnext(write_toc(
                ooxml.make("body"), self.outline.entries, heading_style=self._style("toc_heading"),
                entry_styles={level: self._style(f"toc{level}") for level in (1, 2, 3)},
                width=self.width, pages=self.options.toc_pages))
        if self.sect_pr is not None:
            self.body.append(self.sect_pr)
        self._header_footer()
        self._properties()
        return self.document

    # -- stories ----------------------------------------------------------------------------------

    def _story(self, headings: int | None = None) -> Story:
        return Story(self.body, self.document.part, self.width, headings)

    def _style(self, key: str) -> str:
        return self.layout.style(key)

    def _p(self, style_key: str, text: str = "", fmt: RunFormat | None = None,
           **ppr: Unpack[ParagraphOptions]) -> Element:
        p = sub(self.body, "p")
        add_ppr(p, style=self._style(style_key), **ppr)
        if text:
            run(p, text, fmt or RunFormat())
        return p

    # -- page 1 -----------------------------------------------------------------------------------

    def _page_head(self) -> None:
        head = self.head
        if head.region:
            self._p("sender", head.region)
        lines: list[str] = []
        if head.date:
            lines += ["Datum", head.date.isoformat()]
        if head.diarienr:
            lines.append(f"Diarienr: {head.diarienr}")
        if head.ert_diarienr:
            lines.append(f"Ert diarienr: {head.ert_diarienr}")
        if head.kontakt:
            lines += ["", *head.kontakt]
        for line in lines:
            self._p("head", line)
        self._p("title", head.title, spacing=Spacing(before=480, after=240, line=240))

    # -- blocks -----------------------------------------------------------------------------------

    def _heading(self, heading: Heading, *, page_break: bool) -> None:
        if heading.section_id is None:  # the foreword's
            p = self._p("foreword_heading", heading.text, page_break_before=page_break)
            self.outline.heading(p, 1, heading.text)
            return
        level = min(heading.level, MAX_LEVEL)
        # The heading's text is the template's number and title, nothing else.
        p = self._p(f"heading{level}", heading.text, page_break_before=page_break)
        self.outline.heading(p, level, heading.text, heading.section_id)

    def _answer(self, answer: Answer) -> None:
        if answer.text:
            self.md.write(answer.text, self._story(headings=answer.level), self._style("normal"),
                          origin=answer.origin, breaks=True)
        else:
            self._draft_mark()

    def _guidance(self, text: str, *, keep: bool, space_before: int = 0) -> None:
        """Template text in italics; kept on the page of the answer that follows it (not when
        nothing follows: a chain of unanswered sections would push whole pages ahead)."""
        start = len(self.body)
        self.md.write(text, self._story(), self._style("guidance"))
        written = [e for e in self.body[start:] if e.tag == ooxml.w("p")]
        if keep:
            for p in written:
                ooxml.keep_with_next(p)
        if space_before and written:
            ooxml.space_before(written[0], space_before)

    def _box(self, box: Box) -> None:
        """The part's legal basis and "Kommentar:" in one light shaded box (a one-cell table,
        so that lists inside it stay inside the box)."""
        tbl = ooxml.table(self.body, [self.width], borders=False, cell_margin=(113, 170))
        tr = ooxml.table_row(tbl, cant_split=False)
        tc = ooxml.table_cell(tr, self.width, fill=PREAMBLE_FILL, borders=PREAMBLE_BORDER)
        story = Story(tc, self.document.part, self.width - 340, None)
        style = self._style("preamble")
        if box.preamble:
            self.md.write(box.preamble, story, style)
        if box.comment:
            self.md.write(box.comment, story, style, lead=[(f"{COMMENT_LEAD} ", RunFormat(bold=True))])
        ooxml.finish_cell(tc)
        spacer(self.body, 16)

    def _draft_mark(self) -> None:
        if self.options.draft:
            self._p("normal", DRAFT_MARK, RunFormat(style=self._style("draft"), highlight="yellow"))

    def _choice(self, choice: Choice) -> None:
        if not choice.value:
            self._draft_mark()
            return
        p = self._p("normal")
        for index, option in enumerate(choice.options):
            chosen = option == choice.value
            if index:
                run(p, "    ")
            run(p, f"{CHECKED if chosen else UNCHECKED} ", RunFormat(bold=chosen))
            run(p, option, RunFormat(bold=chosen))

    # -- insats tables ----------------------------------------------------------------------------

    def _table(self, table: Table) -> None:
        shown = self._shows_table(table)
        if table.note:
            start = len(self.body)
            self.md.write(table.note, self._story(), self._style("table_help"))
            if shown:
                for p in self.body[start:]:
                    if p.tag == ooxml.w("p"):
                        ooxml.keep_with_next(p)
        if not shown:
            self._draft_mark()
            return
        widths = fit_widths([c.width for c in table.columns], self.width)
        tbl = ooxml.table(self.body, widths)
        header = ooxml.table_row(tbl, header=True)
        for column, width in zip(table.columns, widths, strict=True):
            tc = ooxml.table_cell(header, width, fill=HEADER_FILL)
            p = sub(tc, "p")
            add_ppr(p, style=self._style("table_header"))
            run(p, column.header)
            if column.help:
                self.md.write(column.help, Story(tc, self.document.part, width - CELL_PADDING, None),
                              self._style("table_help"))
        self._table_body(tbl, table, widths)
        spacer(self.body)

    def _shows_table(self, table: Table) -> bool:
        return table.answered

    def _table_body(self, tbl: Element, table: Table, widths: list[int]) -> None:
        for row in table.rows:
            self._table_row(tbl, table, widths, row)

    def _table_row(self, tbl: Element, table: Table, widths: list[int], row: dict[str, str]) -> Element:
        text_style = self._style("table_text")
        tr = ooxml.table_row(tbl, cant_split=_fits_on_a_page(row, table.columns, widths))
        for column, width in zip(table.columns, widths, strict=True):
            tc = ooxml.table_cell(tr, width)
            value = row.get(column.key, "")
            if column.kind == "choice":
                p = sub(tc, "p")
                add_ppr(p, style=text_style)
                if value:
                    run(p, value)  # the chosen option as the template words it
            elif value:
                self.md.write(value, Story(tc, self.document.part, width - CELL_PADDING, None),
                              text_style, origin=table.origin, breaks=True)
            ooxml.finish_cell(tc)
        return tr

    # -- the end ----------------------------------------------------------------------------------

    def _signature(self, signature: Signature) -> None:
        if signature.place:
            self._p("signature", signature.place, spacing=Spacing(before=600, after=0))
        # The line to sign on: an empty paragraph with a bottom border, 8 cm wide.
        self._p("signature", spacing=Spacing(before=720, after=60),
                borders=[Border("bottom", 4, "000000", 1)], indent=Indent(right=max(0, self.width - 4536)))
        for line in signature.names:
            self._p("signature", line)

    def _header_footer(self) -> None:
        section = self.document.sections[-1]
        year, region = self.head.year, self.head.region
        if not self.layout.keep_header:
            header = section.header
            header.is_linked_to_previous = False
            element = ooxml.clear(header._element)
            p = sub(element, "p")
            add_ppr(p, style=self._style("header"), borders=[Border("bottom", 4, "A6A6A6", 4)],
                    tabs=[("right", self.width)])
            run(p, f"{region}\tÅterrapportering {year}" if region else f"\tÅterrapportering {year}")
        if not self.layout.keep_footer:
            footer = section.footer
            footer.is_linked_to_previous = False
            element = ooxml.clear(footer._element)
            p = sub(element, "p")
            add_ppr(p, style=self._style("footer"), jc="right")
            run(p, "Sida ")
            ooxml.field(p, "PAGE", "1")
            run(p, " av ")
            ooxml.field(p, "NUMPAGES", "1")

    def _properties(self) -> None:
        head = self.head
        props = self.document.core_properties
        region = clean_xml(head.region)
        props.title = f"Återrapportering {head.year} – {region}" if region else clean_xml(head.template_title)
        props.author = region
        props.last_modified_by = region
        props.subject = SUBJECT
        props.comments = ""
        props.keywords = ""
        props.category = ""
        props.language = LANGUAGE
        props.identifier = clean_xml(head.diarienr)
        props.revision = 1
        props.created, props.modified = document_dates(self.head, self.options)


def document_dates(head: Head, options: RenderOptions) -> tuple[dt.datetime, dt.datetime]:
    """Created (the report's ``datum``, else now) and modified (now, or ``options.now``)."""
    now = options.now or current_time()
    created = dt.datetime.combine(head.date, dt.time(), tzinfo=dt.UTC) if head.date else now
    return created, now


def current_time() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")  # reproducible builds in CI
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(tz=dt.UTC).replace(microsecond=0)


def _fits_on_a_page(row: dict[str, str], columns: Sequence[Column], widths: list[int]) -> bool:
    tallest = 0
    for column, width in zip(columns, widths, strict=True):
        per_line = max(8, (width - CELL_PADDING) // _TWIPS_PER_CHAR)
        lines = sum(max(1, math.ceil(len(part) / per_line)) for part in row.get(column.key, "").split("\n"))
        tallest = max(tallest, lines)
    return tallest < _LINES_PER_PAGE
