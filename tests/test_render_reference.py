"""--reference-doc: the region's own Word document decides fonts, styles, page and letterhead."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from conftest import run_cli
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt, RGBColor
from present import present
from render_support import W, build_2019_report, heading_level, template_headings

from tui.core.problems import AterrapportError
from tui.core.render.document import RenderOptions, render_bytes
from tui.core.report import Report


def make_reference(path: Path, *, swedish_ids: bool = False) -> Path:
    """A region's template: Georgia 12 pt body, a red Courier heading, Letter-size page with
    wide margins, a letterhead in the header, and body text that must not be carried over."""
    reference = docx.Document()
    normal = reference.styles["Normal"]
    normal.font.name = "Georgia"
    normal.font.size = Pt(12)
    heading = reference.styles["Heading 1"]
    heading.font.name = "Courier New"
    heading.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    section = reference.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.59), Cm(27.94)
    section.left_margin = section.right_margin = Cm(3)
    section.header.is_linked_to_previous = False
    section.header.paragraphs[0].text = "Regionens brevhuvud"
    reference.add_paragraph("Den här texten hör till mallen och ska inte komma med.")
    if swedish_ids:  # Swedish Word names its built-in heading "Rubrik1" (the name stays "heading 1")
        for level in (1, 2, 3):
            reference.styles[f"Heading {level}"].element.set(f"{W}styleId", f"Rubrik{level}")
    reference.save(str(path))
    return path


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_2019_report(tmp_path_factory.mktemp("ref") / "r")


def render_with(report: Path, reference: Path) -> DocxDocument:
    data = render_bytes(Report.load(report), RenderOptions(reference_doc=reference))
    return docx.Document(io.BytesIO(data))


def test_reference_styles_page_and_letterhead_win(report: Path, tmp_path: Path) -> None:
    document = render_with(report, make_reference(tmp_path / "mall.docx"))
    styles = document.styles
    assert styles["Normal"].font.name == "Georgia" and styles["Normal"].font.size == Pt(12)
    assert styles["Heading 1"].font.name == "Courier New"
    assert styles["Heading 1"].font.color.rgb == RGBColor(0xC0, 0x00, 0x00)
    # The headings use the reference's Heading styles; the template order is unchanged.
    template = Report.load(report).template
    assert template_headings(document) == [s.number_title for s in template.walk()]
    # Styles the reference lacks are added, based on its Normal, so they take its font.
    guidance = styles["Vägledning"]
    assert guidance.base_style.name == "Normal" and guidance.font.name is None
    # Its page and letterhead, not ours; our page-number footer where it has none.
    section = document.sections[0]
    assert section.page_width == Cm(21.59) and abs(present(section.left_margin) - Cm(3)) < Cm(0.01)
    assert section.header.paragraphs[0].text == "Regionens brevhuvud"
    assert "NUMPAGES" in section.footer._element.xml
    # Its body text is not part of the report; the text is still Swedish.
    assert all("ska inte komma med" not in p.text for p in document.paragraphs)
    assert styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}val") == "sv-SE"
    # Tables fit the reference's narrower text width.
    widths = [int(present(g.get(f"{W}w"))) for g in document.tables[1]._tbl.findall(f"{W}tblGrid/{W}gridCol")]
    assert sum(widths) == round(
        (present(section.page_width) - present(section.left_margin) - present(section.right_margin)) / 635)


def test_reference_with_swedish_style_ids(report: Path, tmp_path: Path) -> None:
    document = render_with(report, make_reference(tmp_path / "mall.docx", swedish_ids=True))
    headings = [p for p in document.paragraphs if heading_level(p) == 1]
    assert headings and all(present(present(p._p.pPr).pStyle).val == "Rubrik1" for p in headings)
    assert "Heading1" not in {s.style_id for s in document.styles}  # no second "heading 1" added


def test_reference_that_is_no_word_document(report: Path, tmp_path: Path) -> None:
    bad = tmp_path / "mall.docx"
    bad.write_text("inte ett Word-dokument", encoding="utf-8")
    with pytest.raises(AterrapportError, match="inget Word-dokument"):
        render_bytes(Report.load(report), RenderOptions(reference_doc=bad))
    missing = run_cli("render", report, "-o", tmp_path / "ut.docx", "--reference-doc", tmp_path / "saknas.docx")
    assert missing.returncode == 2 and "referensdokumentet finns inte" in missing.stderr


def test_render_command_with_reference(report: Path, tmp_path: Path) -> None:
    reference = make_reference(tmp_path / "mall.docx")
    result = run_cli("render", report, "-o", tmp_path / "ut.docx", "--reference-doc", reference)
    assert result.returncode == 0, result.stderr
    assert docx.Document(str(tmp_path / "ut.docx")).styles["Normal"].font.name == "Georgia"
