"""Every text in a report's answers, with where it is stored: the one walk shared by the search,
the Markdown warnings and the spell check. What a field holds is the field kind's to say
(:meth:`tui.core.template.TextField.texts` and its siblings)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from tui.core.report import Report


class TextPlace(NamedTuple):
    """One text of the report and where it is stored."""

    file: Path
    data: Any  # the YAML document it lives in
    loc: tuple[str | int, ...]
    section: str
    field: str  # "svar", or "insatser[2].namn" for a table cell
    text: str
    key: str = ""  # the field's key ("forord" for the foreword)
    label: str = ""  # as the app names it: «Svar», «Insatser 2: Namn»
    row: int | None = None  # a table cell's row among the rows the app shows
    column: str | None = None  # … and its column's key
    written: bool = True  # typed by the writer; False for a chosen option


def answer_texts(report: Report) -> Iterator[TextPlace]:
    """Every text of every field in template order, empty ones and chosen options too; a file
    that is still loading or cannot be read gives none."""
    for section in report.template.answerable():
        doc = report.document_for(section.id)
        if doc.loading or doc.error is not None:
            continue
        for spec in section.fields:
            for found in spec.texts(report.raw(section.id, spec.key)):
                if found.yaml_index is None:
                    loc: tuple[str | int, ...] = (section.id, spec.key)
                    name = spec.key
                else:
                    loc = (section.id, spec.key, found.yaml_index, found.column or "")
                    name = f"{spec.key}[{found.yaml_index + 1}].{found.column}"
                yield TextPlace(doc.path, doc.data, loc, section.id, name, found.text, spec.key,
                                found.label, found.row, found.column, found.written)


def report_texts(report: Report) -> Iterator[TextPlace]:
    """Every text a writer wrote: the foreword, every text answer and every text table cell."""
    head_doc = report.head_doc
    if report.head is not None and report.head.forord and isinstance(head_doc.data, dict):
        yield TextPlace(head_doc.path, head_doc.data, ("forord",), "", "forord", report.head.forord, "forord")
    for place in answer_texts(report):
        if place.written and place.text and isinstance(place.data, dict):
            yield place
