"""The official document: walks the template and the report and builds the DOCX.

Page 1 head (region, Datum, Diarienr, Ert diarienr), the title and the optional foreword;
then every part and section in template order: the numbered heading (Heading 1–3), a part's
preamble in a light shaded box, the guidance in italics, each field (its prompt in italics,
the answer in the body style, insats tables with repeated header rows); the signature block
last. The header names the region and the year on every page; the footer says "Sida X av Y".

The renderer never invents text: an unanswered field shows only the template's own words,
and with ``draft`` a highlighted "[Obesvarat]" after them.
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import math
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Unpack

from docx.document import Document as DocxDocument

from tui.core.head import ReportHead
from tui.core.problems import AterrapportError, Problem
from tui.core.render import ooxml
from tui.core.render.headings import MAX_LEVEL
from tui.core.render.markdown import MarkdownWriter, Origin, Story
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
from tui.core.render.parts import Footnotes, Numbering
from tui.core.render.styles import LANGUAGE, prepare
from tui.core.render.toc import write_toc
from tui.core.report import Report
from tui.core.template import ChoiceField, Section, TableField, TextField
from tui.core.text import clean_xml
from tui.core.yamlio import atomic_write_bytes
from tui.core.years import report_title

DRAFT_MARK = "[Obesvarat]"
SUBJECT = "Återrapportering till regeringen om det regionala utvecklingsansvaret"
CHECKED, UNCHECKED = "☒", "☐"
CELL_PADDING = 170  # twips of left+right cell margin (ooxml.table's default 85 each side)
PREAMBLE_FILL = "F2F2F2"
PROMPT_SPACE = 160  # twips above a field's own question, to part it from the answer before
PREAMBLE_BORDER = "D0D0D0"
# A row taller than about a page cannot be kept on one page; Word and LibreOffice would
# then cut it at the page's end, so such rows are allowed to split.
_LINES_PER_PAGE = 50
_TWIPS_PER_CHAR = 95  # average character width at the table text size


@dataclass(frozen=True)
class RenderOptions:
    reference_doc: Path | None = None
    draft: bool = False
    now: dt.datetime | None = None  # the document's modified time; default: now (or SOURCE_DATE_EPOCH)
    toc: bool = True  # the table of contents after the head ("Innehåll")
    toc_pages: dict[str, int] | None = None  # heading bookmark -> page, learnt from a laid-out copy


@dataclass(frozen=True)
class Rendered:
    data: bytes  # the DOCX
    outline: list[Entry]  # its headings in order, with their bookmarks


def render(report: Report, options: RenderOptions | None = None) -> Rendered:
    builder = _Builder(report, options or RenderOptions())
    document = builder.build()
    stream = io.BytesIO()
    document.save(stream)
    return Rendered(stream.getvalue(), builder.outline.entries)


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


def write_error(exc: OSError) -> str:
    """A Swedish message for the usual reasons a file cannot be written."""
    reasons = {errno.EISDIR: "det är en mapp", errno.EACCES: "behörighet saknas", errno.EPERM: "behörighet saknas",
               errno.ENOSPC: "disken är full", errno.EROFS: "filsystemet är skrivskyddat",
               errno.ENOTDIR: "en del av sökvägen är ingen mapp"}
    return f"filen kan inte skrivas: {reasons.get(exc.errno or 0, exc.strerror or str(exc))}"


def default_output(report: Report, suffix: str = ".docx") -> Path:
    """``DIR/<region>-<år>.docx``, e.g. ``region-vastmanland-2019.docx``."""
    head = report.head
    region = head.region if head else report.folder.name
    year = head.ar if head else report.template.year
    return report.folder / f"{slug(region)}-{year}{suffix}"


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "rapport"


def build_document(report: Report, options: RenderOptions) -> DocxDocument:
    return _Builder(report, options).build()


class _Builder:
    def __init__(self, report: Report, options: RenderOptions) -> None:
        self.report = report
        self.options = options
        self.head: ReportHead | None = report.head
        self.document, self.layout = prepare(options.reference_doc)
        self.numbering = Numbering(self.document)
        self.footnotes = Footnotes(self.document, self.layout.style("footnote_text"),
                                   self.layout.style("footnote_ref"))
        self.outline = Outline()
        self.md = MarkdownWriter(self.layout, self.numbering, self.footnotes, report.folder, self.outline)
        self.body: Element = self.document.element.body
        self.sect_pr = self.body.find(ooxml.w("sectPr"))
        if self.sect_pr is not None:
            self.body.remove(self.sect_pr)  # content goes before it; put back at the end
        self.width = self.layout.text_width

    def build(self) -> DocxDocument:
        self._page_head()
        after_head = self.body[-1]
        toc = self.options.toc
        foreword = self._foreword(page_break=toc)
        for index, section in enumerate(self.report.template.walk()):
            self._section(section, page_break=(foreword or toc) and index == 0)
        self._signature()
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
        template = self.report.template
        region = head.region if head else ""
        if region:
            self._p("sender", region)
        lines: list[str] = []
        if head is not None:
            if head.datum:
                lines += ["Datum", head.datum.isoformat()]
            if head.diarienr:
                lines.append(f"Diarienr: {head.diarienr}")
            if head.ert_diarienr:
                lines.append(f"Ert diarienr: {head.ert_diarienr}")
            if head.kontakt:
                lines += ["", *head.kontakt]
        for line in lines:
            self._p("head", line)
        title = report_title(template, head.ar if head else None)
        self._p("title", title, spacing=Spacing(before=480, after=240, line=240))

    def _foreword(self, *, page_break: bool) -> bool:
        text = self.head.forord if self.head else ""
        if not text:
            return False
        p = self._p("foreword_heading", "Förord", page_break_before=page_break)
        self.outline.heading(p, 1, "Förord")
        self.md.write(text, self._story(headings=1), self._style("normal"),
                      origin=Origin(self.report.head_doc.path), breaks=True)
        return True

    # -- sections ---------------------------------------------------------------------------------

    def _section(self, section: Section, *, page_break: bool) -> None:
        level = min(section.level, MAX_LEVEL)
        # The heading's text is the template's number and title, nothing else.
        p = self._p(f"heading{level}", section.number_title, page_break_before=page_break)
        self.outline.heading(p, level, section.number_title, section.id)
        if section.preamble or section.comment:
            self._preamble(section)
        answered = section.answerable and self.report.has_content(section.id)
        if section.guidance:
            self._guidance(section.guidance, keep=answered)
        if not section.answerable:
            return
        origin = Origin(self.report.document_for(section.id).path, section.id)
        after_heading = not section.guidance
        for spec in section.fields:
            if spec.prompt:
                self._guidance(spec.prompt, keep=self._has_answer(section, spec),
                               space_before=0 if after_heading else PROMPT_SPACE)
            after_heading = False
            if isinstance(spec, TableField):
                self._table_field(section, spec, origin)
            elif isinstance(spec, ChoiceField):
                self._choice_field(section, spec)
            elif isinstance(spec, TextField):
                self._text_field(section, spec, origin)

    def _text_field(self, section: Section, spec: TextField, origin: Origin) -> None:
        text = self.report.text(section.id, spec.key)
        if text:
            self.md.write(text, self._story(headings=section.level), self._style("normal"), origin=origin,
                          breaks=True)
        else:
            self._draft_mark()

    def _has_answer(self, section: Section, spec: object) -> bool:
        if isinstance(spec, TableField):
            return any(any(row.values()) for row in self.report.rows(section.id, spec.key))
        if isinstance(spec, ChoiceField):
            return bool(self.report.choice(section.id, spec.key))
        if isinstance(spec, TextField):
            return bool(self.report.text(section.id, spec.key))
        return False

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

    def _preamble(self, section: Section) -> None:
        """The part's legal basis and "Kommentar:" in one light shaded box (a one-cell table,
        so that lists inside it stay inside the box)."""
        tbl = ooxml.table(self.body, [self.width], borders=False, cell_margin=(113, 170))
        tr = ooxml.table_row(tbl, cant_split=False)
        tc = ooxml.table_cell(tr, self.width, fill=PREAMBLE_FILL, borders=PREAMBLE_BORDER)
        story = Story(tc, self.document.part, self.width - 340, None)
        style = self._style("preamble")
        if section.preamble:
            self.md.write(section.preamble, story, style)
        if section.comment:
            self.md.write(section.comment, story, style, lead=[("Kommentar: ", RunFormat(bold=True))])
        ooxml.finish_cell(tc)
        spacer(self.body, 16)

    def _draft_mark(self) -> None:
        if self.options.draft:
            self._p("normal", DRAFT_MARK, RunFormat(style=self._style("draft"), highlight="yellow"))

    def _choice_field(self, section: Section, spec: ChoiceField) -> None:
        value = self.report.choice(section.id, spec.key)
        if not value:
            self._draft_mark()
            return
        p = self._p("normal")
        for index, option in enumerate(spec.options):
            chosen = option == value
            if index:
                run(p, "    ")
            run(p, f"{CHECKED if chosen else UNCHECKED} ", RunFormat(bold=chosen))
            run(p, option, RunFormat(bold=chosen))

    # -- insats tables ----------------------------------------------------------------------------

    def _table_field(self, section: Section, spec: TableField, origin: Origin) -> None:
        rows = [row for row in self.report.rows(section.id, spec.key) if any(row.values())]
        shown = self._shows_table(section, spec, rows)
        if spec.note:
            start = len(self.body)
            self.md.write(spec.note, self._story(), self._style("table_help"))
            if shown:
                for p in self.body[start:]:
                    if p.tag == ooxml.w("p"):
                        ooxml.keep_with_next(p)
        if not shown:
            self._draft_mark()
            return
        widths = fit_widths([c.width for c in spec.columns], self.width)
        tbl = ooxml.table(self.body, widths)
        header = ooxml.table_row(tbl, header=True)
        for column, width in zip(spec.columns, widths, strict=True):
            tc = ooxml.table_cell(header, width, fill=HEADER_FILL)
            p = sub(tc, "p")
            add_ppr(p, style=self._style("table_header"))
            run(p, column.header)
            if column.help:
                self.md.write(column.help, Story(tc, self.document.part, width - CELL_PADDING, None),
                              self._style("table_help"))
        self._table_body(tbl, section, spec, widths, rows, origin)
        spacer(self.body)

    def _shows_table(self, section: Section, spec: TableField, rows: list[dict[str, str]]) -> bool:
        return bool(rows)

    def _table_body(self, tbl: Element, section: Section, spec: TableField, widths: list[int],
                    rows: list[dict[str, str]], origin: Origin) -> None:
        for row in rows:
            self._table_row(tbl, spec, widths, row, origin)

    def _table_row(self, tbl: Element, spec: TableField, widths: list[int], row: dict[str, str],
                   origin: Origin) -> Element:
        text_style = self._style("table_text")
        tr = ooxml.table_row(tbl, cant_split=_fits_on_a_page(row, spec, widths))
        for column, width in zip(spec.columns, widths, strict=True):
            tc = ooxml.table_cell(tr, width)
            value = row.get(column.key, "")
            if column.kind == "choice":
                p = sub(tc, "p")
                add_ppr(p, style=text_style)
                if value:
                    run(p, value)  # the chosen option as the template words it
            elif value:
                self.md.write(value, Story(tc, self.document.part, width - CELL_PADDING, None),
                              text_style, origin=origin, breaks=True)
            ooxml.finish_cell(tc)
        return tr

    # -- the end ----------------------------------------------------------------------------------

    def _signature(self) -> None:
        signature = self.head.underskrift if self.head else None
        if signature is None:
            return
        place = " ".join(x for x in (signature.ort, signature.datum.isoformat() if signature.datum else "") if x)
        names = [x for x in (signature.namn, signature.titel, signature.enhet) if x]
        if not place and not names:
            return
        if place:
            self._p("signature", place, spacing=Spacing(before=600, after=0))
        # The line to sign on: an empty paragraph with a bottom border, 8 cm wide.
        self._p("signature", spacing=Spacing(before=720, after=60),
                borders=[Border("bottom", 4, "000000", 1)], indent=Indent(right=max(0, self.width - 4536)))
        for line in names:
            self._p("signature", line)

    def _header_footer(self) -> None:
        section = self.document.sections[-1]
        head = self.head
        year = head.ar if head else self.report.template.year
        region = head.region if head else ""
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
        template = self.report.template
        props = self.document.core_properties
        region = clean_xml(head.region) if head else ""
        year = head.ar if head else str(template.year)
        props.title = f"Återrapportering {year} – {region}" if region else clean_xml(template.title)
        props.author = region
        props.last_modified_by = region
        props.subject = SUBJECT
        props.comments = ""
        props.keywords = ""
        props.category = ""
        props.language = LANGUAGE
        props.identifier = clean_xml(head.diarienr) if head else ""
        props.revision = 1
        props.created, props.modified = document_dates(self.report, self.options)


def document_dates(report: Report, options: RenderOptions) -> tuple[dt.datetime, dt.datetime]:
    """Created (the report's ``datum``, else now) and modified (now, or ``options.now``)."""
    now = options.now or current_time()
    head = report.head
    created = dt.datetime.combine(head.datum, dt.time(), tzinfo=dt.UTC) if head and head.datum else now
    return created, now


def current_time() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")  # reproducible builds in CI
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(tz=dt.UTC).replace(microsecond=0)


def _fits_on_a_page(row: dict[str, str], spec: TableField, widths: list[int]) -> bool:
    tallest = 0
    for column, width in zip(spec.columns, widths, strict=True):
        per_line = max(8, (width - CELL_PADDING) // _TWIPS_PER_CHAR)
        lines = sum(max(1, math.ceil(len(part) / per_line)) for part in row.get(column.key, "").split("\n"))
        tallest = max(tallest, lines)
    return tallest < _LINES_PER_PAGE
