"""The full 2019 sample (Region Västmanland, seed 002) rendered: every section, answer and
insats row in its place. Skipped only while the sample is absent."""

from __future__ import annotations

import io

import docx
import pytest
from conftest import SAMPLE_2019
from docx.table import Table
from render_support import plain, section_blocks, template_headings, texts

from tui.core.render.document import RenderOptions, render_bytes
from tui.core.report import Report
from tui.core.template import TableField

pytestmark = pytest.mark.skipif(not (SAMPLE_2019 / "rapport.yaml").exists(),
                                reason="sample_reports/vastmanland-2019 finns inte (ännu)")


def test_the_2019_sample_renders_completely() -> None:
    report = Report.load(SAMPLE_2019)
    data = render_bytes(report, RenderOptions(draft=True))  # speed: benchmarks/render.py
    document = docx.Document(io.BytesIO(data))
    assert template_headings(document) == [s.number_title for s in report.template.walk()]
    for section in report.template.answerable():
        blocks = section_blocks(document, section.number_title)
        tables = [b for b in blocks if isinstance(b, Table)]
        shown = " ".join(texts(blocks))
        for spec in section.fields:
            if isinstance(spec, TableField):
                rows = [r for r in report.rows(section.id, spec.key) if any(r.values())]
                if not rows:
                    continue
                table = tables.pop(0)
                assert [c.paragraphs[0].text for c in table.rows[0].cells] == [c.header for c in spec.columns]
                assert len(table.rows) == len(rows) + 1, section.id
            elif spec.kind == "text":
                for paragraph in _paragraphs(report.text(section.id, spec.key)):
                    assert paragraph in shown, (section.id, paragraph[:60])


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in plain(text) if p.strip()]
