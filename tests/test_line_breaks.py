"""Issue 10.7: a single newline in an answer or table cell is a line break (w:br) in the DOCX,
the export and the preview; a blank line is a new paragraph."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.text.paragraph import Paragraph
from hypothesis import given, settings
from hypothesis import strategies as st
from render_support import section_blocks

from tui.core.render.document import RenderOptions, render_bytes
from tui.core.render.export_markdown import export_markdown, hard_breaks
from tui.core.render.parser import parse
from tui.core.report import Report
from tui.core.template import get_template

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _render(folder: Path) -> docx.document.Document:
    return docx.Document(io.BytesIO(render_bytes(Report.load(folder), RenderOptions())))


def _breaks(paragraph: Paragraph) -> int:
    return len(paragraph._p.findall(f".//{W}br"))


def test_single_newline_is_a_line_break_blank_line_a_paragraph(new_report: Path) -> None:
    report = Report.load(new_report)
    report.set_text("1.1.1", "svar", "näringsliv.\nAndra raden\n\nNytt stycke")
    report.add_row("1.2.1", "insatser", {"namn": "Insats A\nrad två", "bidrag_till_mal": "", "resultat": ""})
    report.save()
    document = _render(new_report)
    section = get_template("aterrapportering-2019").section("1.1.1")
    assert section is not None
    answer = [b for b in section_blocks(document, section.number_title) if isinstance(b, Paragraph)]
    texts = [p.text for p in answer]
    assert "näringsliv.\nAndra raden" in texts  # python-docx reads w:br as \n
    assert "Nytt stycke" in texts
    first = answer[texts.index("näringsliv.\nAndra raden")]
    assert _breaks(first) == 1
    cell = next(c for t in document.tables for r in t.rows for c in r.cells if c.text.startswith("Insats A"))
    assert cell.text == "Insats A\nrad två"
    assert sum(_breaks(p) for p in cell.paragraphs) == 1


def test_export_marks_hard_breaks(new_report: Path) -> None:
    report = Report.load(new_report)
    report.set_text("1.1.1", "svar", "näringsliv.\nAndra raden\n\nNytt stycke")
    report.save()
    exported = export_markdown(Report.load(new_report))
    assert "näringsliv.\\\nAndra raden\n\nNytt stycke" in exported


_line = st.text(alphabet="abcåäö ÅÄÖ.,*_-1`", min_size=1, max_size=12).map(str.strip).filter(bool)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_line, min_size=1, max_size=4), min_size=1, max_size=4))
def test_hard_breaks_turns_every_soft_break_into_a_hard_one(paragraphs: list[list[str]]) -> None:
    text = "\n\n".join("\n".join(lines) for lines in paragraphs)
    before = [c for t in parse(text)[0] if t.type == "inline" for c in t.children or []]
    after = [c for t in parse(hard_breaks(text))[0] if t.type == "inline" for c in t.children or []]
    softs = sum(c.type == "softbreak" for c in before)
    assert sum(c.type == "softbreak" for c in after) == 0, text
    assert sum(c.type == "hardbreak" for c in after) == softs + sum(c.type == "hardbreak" for c in before)
    assert hard_breaks(hard_breaks(text)) == hard_breaks(text)
