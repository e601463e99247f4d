"""One walk of a report into the blocks its documents are written from.

The DOCX (:mod:`.document`, and through it the PDF and the tracked changes), the Markdown export
(:mod:`.export_markdown`) and the app's preview write the same blocks, so they cannot disagree
on what a report shows or in which order: the head, the foreword, every part and section with
its heading, a part's preamble and "Kommentar:" in a box, the guidance, each field's prompt and
its answer (or nothing but the template's words, and in a draft a mark), the signature. The
writers decide only how a block looks. No python-docx here: the preview and ``export`` do not
pay for it.

The renderer never invents text: every block holds the template's words or the writer's.

The blocks are NamedTuples, not dataclasses: immutable records alike, ~5× cheaper to define,
and every render imports this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple, assert_never

from tui.core.report import Report
from tui.core.template import ChoiceField, Column, FieldSpec, Section, TableField, TextField
from tui.core.years import report_title

DRAFT_MARK = "[Obesvarat]"  # what a draft shows where a field has no answer
CHECKED, UNCHECKED = "☒", "☐"
FOREWORD = "Förord"
COMMENT_LEAD = "Kommentar:"


class Origin(NamedTuple):
    """Where a text comes from, for error messages (a missing image names its YAML file)."""

    file: Path
    section: str = ""


class Head(NamedTuple):
    """Page 1 and the document's metadata: what ``rapport.yaml`` says (empty when it is missing
    or unreadable) and the title."""

    title: str  # the template's title with the report's year
    template_title: str
    region: str
    year: int  # the report's year, else the template's
    date: dt.date | None
    diarienr: str
    ert_diarienr: str
    kontakt: tuple[str, ...]


class Heading(NamedTuple):
    """A part's or section's heading (its number and title), or the foreword's (no section)."""

    level: int
    text: str
    section_id: str | None  # None: the foreword


class Box(NamedTuple):
    """A part's legal basis (preamble) and its "Kommentar:", shown together, set apart."""

    preamble: str
    comment: str


class Guidance(NamedTuple):
    """A section's guidance (template Markdown); ``answered``: an answer in the section follows."""

    text: str
    answered: bool


class Prompt(NamedTuple):
    """A field's own question; ``answered``: its answer follows; ``first``: directly under the
    section's heading (no guidance, no field before it)."""

    text: str
    answered: bool
    first: bool


class Answer(NamedTuple):
    """A text answer (the writer's Markdown; its headings go below ``level``), or the foreword
    (``section_id`` ""). Empty: unanswered."""

    section_id: str
    key: str
    text: str
    level: int
    origin: Origin

    @property
    def answered(self) -> bool:
        return bool(self.text)


class Choice(NamedTuple):
    """A choice among the template's options; ``value`` "" when nothing is chosen."""

    section_id: str
    key: str
    options: tuple[str, ...]
    value: str

    @property
    def answered(self) -> bool:
        return bool(self.value)


class Table(NamedTuple):
    """An insats table: its note, columns and the rows with any content (in order)."""

    section_id: str
    key: str
    note: str
    columns: tuple[Column, ...]
    rows: tuple[dict[str, str], ...]
    origin: Origin

    @property
    def answered(self) -> bool:
        return bool(self.rows)


class Signature(NamedTuple):
    """The place and date line, and the signer's name, title and unit (only those given)."""

    place: str
    names: tuple[str, ...]


Field = Answer | Choice | Table
Block = Heading | Box | Guidance | Prompt | Answer | Choice | Table | Signature


class ReportBlocks(NamedTuple):
    folder: Path  # the report folder (images are read from it)
    head: Head
    blocks: tuple[Block, ...]


def report_blocks(report: Report) -> ReportBlocks:
    """The whole report: the foreword, every part and section in template order, the signature."""
    return ReportBlocks(report.folder, head_of(report), tuple(_walk(report)))


def head_of(report: Report) -> Head:
    head = report.head
    template = report.template
    return Head(title=report_title(template, head.ar if head else None), template_title=template.title,
                region=head.region if head else "", year=head.ar if head else template.year,
                date=head.datum if head else None, diarienr=head.diarienr if head else "",
                ert_diarienr=head.ert_diarienr if head else "", kontakt=tuple(head.kontakt) if head else ())


def _walk(report: Report) -> Iterator[Block]:
    head = report.head
    if head is not None and head.forord:
        yield Heading(1, FOREWORD, None)
        yield Answer("", "forord", head.forord, 1, Origin(report.head_doc.path))
    for section in report.template.walk():
        yield from section_blocks(report, section)
    signature = signature_of(report)
    if signature is not None:
        yield signature


def section_blocks(report: Report, section: Section) -> Iterator[Block]:
    """One section: its heading, box, guidance, and each field's prompt and answer."""
    yield Heading(section.level, section.number_title, section.id)
    if section.preamble or section.comment:
        yield Box(section.preamble, section.comment)
    fields: list[Field] = []
    if section.answerable:
        origin = Origin(report.document_for(section.id).path, section.id)
        fields = [_field(report, section, spec, origin) for spec in section.fields]
    if section.guidance:
        # Any field answered is what Report.has_content says, read once here.
        yield Guidance(section.guidance, any(field.answered for field in fields))
    first = not section.guidance
    for spec, field in zip(section.fields, fields, strict=True):
        if spec.prompt:
            yield Prompt(spec.prompt, field.answered, first)
        first = False
        yield field


def _field(report: Report, section: Section, spec: FieldSpec, origin: Origin) -> Field:
    match spec:
        case TableField():
            rows = tuple(row for row in report.rows(section.id, spec.key) if any(row.values()))
            return Table(section.id, spec.key, spec.note, spec.columns, rows, origin)
        case ChoiceField():
            return Choice(section.id, spec.key, spec.options, report.choice(section.id, spec.key))
        case TextField():
            return Answer(section.id, spec.key, report.text(section.id, spec.key), section.level, origin)
        case _:
            assert_never(spec)


def signature_of(report: Report) -> Signature | None:
    signature = report.head.underskrift if report.head else None
    if signature is None:
        return None
    place = " ".join(x for x in (signature.ort, signature.datum.isoformat() if signature.datum else "") if x)
    names = tuple(x for x in (signature.namn, signature.titel, signature.enhet) if x)
    if not place and not names:
        return None
    return Signature(place, names)
