"""Every text a writer wrote in a report, with where it is stored: one walk shared by the checks
that read the texts (Markdown warnings, spelling)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.scalars import from_scalar
from tui.core.template import TableField, TextField

if TYPE_CHECKING:
    from tui.core.report import Report


@dataclass(frozen=True)
class TextPlace:
    """One text of the report and where it is stored."""

    file: Path
    data: Any  # the YAML document it lives in
    loc: tuple[str | int, ...]
    section: str
    field: str
    text: str


def report_texts(report: Report) -> Iterator[TextPlace]:
    """Every text a writer wrote: the foreword, every text answer and every text table cell."""
    head_doc = report.head_doc
    if report.head is not None and report.head.forord and isinstance(head_doc.data, dict):
        yield TextPlace(head_doc.path, head_doc.data, ("forord",), "", "forord", report.head.forord)
    for section in report.template.answerable():
        doc = report.document_for(section.id)
        if doc.error is not None or not isinstance(doc.data, dict):
            continue
        for spec in section.fields:
            if isinstance(spec, TextField):
                text = report.text(section.id, spec.key)
                if text:
                    yield TextPlace(doc.path, doc.data, (section.id, spec.key), section.id, spec.key, text)
            elif isinstance(spec, TableField):
                rows = report.raw(section.id, spec.key)
                if not isinstance(rows, list):
                    continue
                for index, row in enumerate(rows):
                    if not isinstance(row, dict):
                        continue
                    for column in spec.columns:
                        value = from_scalar(row.get(column.key)) if column.kind == "text" else ""
                        if value:
                            yield TextPlace(doc.path, doc.data, (section.id, spec.key, index, column.key),
                                            section.id, f"{spec.key}[{index + 1}].{column.key}", value)
