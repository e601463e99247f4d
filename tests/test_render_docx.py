"""The rendered DOCX read back with python-docx: structure, tables, lists, fields, footnotes,
language, properties. Reports are temp copies, or built from seed 002's real 2019 text."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from pathlib import Path

import docx
import pytest
from conftest import SAMPLES
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.table import Table
from docx.text.paragraph import Paragraph
from present import present
from render_support import (
    W,
    build_2019_report,
    heading_level,
    plain,
    section_blocks,
    template_headings,
    texts,
    texts_2019,
    xml_part,
)

from tui.core.render.document import DRAFT_MARK, RenderOptions, render_bytes
from tui.core.render.ooxml import Element
from tui.core.report import Report
from tui.core.template import TableField

NOW = dt.datetime(2020, 2, 5, 12, 0, tzinfo=dt.UTC)


def render(folder: Path, *, draft: bool = False) -> DocxDocument:
    data = render_bytes(Report.load(folder), RenderOptions(now=NOW, draft=draft))
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def report_2019(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_2019_report(tmp_path_factory.mktemp("r2019") / "vastmanland-2019")


@pytest.fixture(scope="module")
def doc_2019(report_2019: Path) -> DocxDocument:
    return render(report_2019)


@pytest.fixture(scope="module")
def sample_2024(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("r2024") / "vastmanland-2024"
    shutil.copytree(SAMPLES / "vastmanland-2024", target)
    return target


@pytest.fixture(scope="module")
def doc_2024(sample_2024: Path) -> DocxDocument:
    return render(sample_2024)


# -- structure ---------------------------------------------------------------------------------------

def test_headings_are_the_template_in_order(report_2019: Path, doc_2019: DocxDocument) -> None:
    template = Report.load(report_2019).template
    assert template_headings(doc_2019) == [s.number_title for s in template.walk()]


def test_headings_of_the_2024_sample(sample_2024: Path, doc_2024: DocxDocument) -> None:
    template = Report.load(sample_2024).template
    assert template_headings(doc_2024) == [s.number_title for s in template.walk()]
    levels = {p.text: heading_level(p) for p in doc_2024.paragraphs if heading_level(p)}
    assert levels["1 Likvärdiga möjligheter till boende, arbete och välfärd"] == 1
    assert levels["1.1 Det strategiskt viktigaste arbetet"] == 2
    # The region's own #### sub-headings sit one level below the section's heading (issue 13:
    # no skipped levels; they were Heading 4 under this Heading 2 before).
    assert levels["Strategiskt arbete inom tillgänglighet genom Transportsystemet"] == 3


def test_every_answer_is_in_its_section(sample_2024: Path, doc_2024: DocxDocument) -> None:
    report = Report.load(sample_2024)
    checked = 0
    for section in report.template.answerable():
        for spec in section.fields:
            text = report.text(section.id, spec.key) if spec.kind == "text" else ""
            if not text:
                continue
            shown = " ".join(texts(section_blocks(doc_2024, section.number_title)))
            for paragraph in plain(text):
                assert paragraph.strip() in shown, (section.id, paragraph[:60])
                checked += 1
    assert checked > 100


def test_guidance_is_italic_and_under_its_heading(doc_2019: DocxDocument) -> None:
    blocks = section_blocks(doc_2019, "1.1.1 Den regionala utvecklingsstrategin")
    guidance, *answer = blocks
    assert isinstance(guidance, Paragraph)
    assert present(guidance.style).name == "Vägledning" and present(guidance.style).font.italic
    assert guidance.text.startswith("Beskriv kortfattat hur arbetet med den regionala utvecklingsstrategin")
    expected = texts_2019()["1.1.1"].split("\n\n")
    assert [p.text for p in answer if isinstance(p, Paragraph)] == expected
    assert all(present(p.style).name == "Normal" for p in answer if isinstance(p, Paragraph))


def test_page_one_head_and_foreword(doc_2019: DocxDocument) -> None:
    first = [p.text for p in doc_2019.paragraphs[:7]]
    assert first == ["Region Västmanland", "Datum", "2020-02-04", "Diarienr: RV190046",
                     "Ert diarienr: N2019/02980/RTL", "Återrapportering 2019", "Förord"]
    foreword = doc_2019.paragraphs[7]
    assert foreword.text.startswith("Lagen om regionalt utvecklingsansvar (2010:630)")
    part_one = next(p for p in doc_2019.paragraphs if heading_level(p) == 1)
    assert part_one.paragraph_format.page_break_before  # the foreword has page 1 to itself


def test_part_preamble_is_a_shaded_box(doc_2019: DocxDocument) -> None:
    box = section_blocks(doc_2019, "1 Återrapportering 1 – Regionalt tillväxtarbete")[0]
    assert isinstance(box, Table) and len(box.rows) == 1 and len(box.columns) == 1
    cell = box.rows[0].cells[0]
    assert 'w:fill="F2F2F2"' in cell._tc.xml
    paragraphs = cell.paragraphs
    assert paragraphs[0].text.startswith("Utifrån 5–7 §§ Lagen (2010:630)")
    assert sum("<w:numPr>" in p._p.xml for p in paragraphs) == 3  # the legal text's bullet list
    comment = next(p for p in paragraphs if p.text.startswith("Kommentar:"))
    assert comment.runs[0].text == "Kommentar: " and comment.runs[0].bold


def test_signature_block_ends_the_document(doc_2019: DocxDocument) -> None:
    tail = [p.text for p in doc_2019.paragraphs[-5:]]
    assert tail == ["Västerås 2020-02-04", "", "Maria Linder", "Förvaltningsdirektör",
                    "Regionala utvecklingsförvaltningen"]
    assert 'w:bottom w:val="single"' in doc_2019.paragraphs[-4]._p.xml  # the line to sign on


# -- tables --------------------------------------------------------------------------------------

def insats_table(document: DocxDocument, heading: str) -> Table:
    return next(b for b in section_blocks(document, heading) if isinstance(b, Table))


def test_insats_table_header_rows_and_cells(report_2019: Path, doc_2019: DocxDocument) -> None:
    report = Report.load(report_2019)
    spec = report.section("1.2.1").field("insatser")
    assert isinstance(spec, TableField)
    table = insats_table(doc_2019, "1.2.1 Innovation")
    header = table.rows[0].cells
    assert [c.paragraphs[0].text for c in header] == [c.header for c in spec.columns]
    assert all(c.paragraphs[0].style.name == "Tabellrubrik" for c in header)
    assert header[0].paragraphs[1].text == "(ange eventuellt ärende id i NYPS)"
    assert header[0].paragraphs[1].style.name == "Tabellhjälp"
    assert [p.text for p in header[2].paragraphs[2:]] == ["Prestation", "Effekt på kort sikt", "Effekt på lång sikt"]
    rows = texts_2019()["1.2.1 insatser"]
    assert len(table.rows) == 1 + len(rows)
    for row, expected in zip(table.rows[1:], rows, strict=True):
        cells = ["\n\n".join(p.text for p in cell.paragraphs) for cell in row.cells]
        assert cells == [expected["namn"], expected["bidrag_till_mal"], expected["resultat"]]
    # The instruction line stands in italics right above the table.
    blocks = section_blocks(doc_2019, "1.2.1 Innovation")
    before = blocks[blocks.index(next(b for b in blocks if isinstance(b, Table))) - 1]
    assert isinstance(before, Paragraph) and before.text.endswith("Välj max 5 insatser och fyll i tabellen nedan.")
    assert present(before.style).name == "Vägledning"


def test_table_layout_header_repeats_rows_keep_together(doc_2019: DocxDocument) -> None:
    table = insats_table(doc_2019, "1.2.1 Innovation")
    tbl = table._tbl
    rows = tbl.findall(f"{W}tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(r.find(f"{W}trPr/{W}tblHeader") is None for r in rows[1:])
    assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
    assert present(tbl.find(f"{W}tblPr/{W}tblLayout")).get(f"{W}type") == "fixed"
    text_width = 11906 - 2 * 1418
    for row in rows:
        widths = [int(present(present(tc.find(f"{W}tcPr/{W}tcW")).get(f"{W}w"))) for tc in row.findall(f"{W}tc")]
        assert sum(widths) == text_width
    grid = [int(present(g.get(f"{W}w"))) for g in tbl.findall(f"{W}tblGrid/{W}gridCol")]
    assert sum(grid) == text_width and grid[2] > grid[0]  # resultat is the template's widest column


def test_choices_render_as_the_chosen_answer(doc_2019: DocxDocument) -> None:
    blocks = section_blocks(doc_2019, "1.1.4 Inomregionala skillnader – anslag 1:1 Regionala tillväxtåtgärder")
    choice = next(b for b in blocks if isinstance(b, Paragraph) and "☒" in b.text)
    assert choice.text == "☒ Ja    ☐ Nej"
    assert [r.bold for r in choice.runs if r.text.strip()] == [True, True, None, None]
    table = insats_table(doc_2019, "5.1 Genomförda analyser, uppföljningar och utvärderingar")
    assert [row.cells[2].text for row in table.rows[1:]] == ["Nej", "Ja"]


# -- lists, fields, footnotes, language --------------------------------------------------------------

def _num_id(paragraph: Paragraph) -> str:
    """The numbering instance (``w:numId``) of a list paragraph."""
    return present(present(paragraph._p.find(f"{W}pPr/{W}numPr/{W}numId")).get(f"{W}val"))


def test_lists_are_word_lists_that_restart(doc_2019: DocxDocument) -> None:
    foreword_items = [p for p in doc_2019.paragraphs[8:20] if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert len(foreword_items) == 7 and foreword_items[0].text.startswith("Ska utarbeta och fastställa")
    numbering = doc_2019.part.numbering_part.element
    num_ids = {_num_id(p) for p in foreword_items}
    assert len(num_ids) == 1  # one list, one numbering instance
    # Every list instance restarts: each w:num that a paragraph uses carries a startOverride.
    used = {str(n.get(f"{W}val")) for n in doc_2019.element.body.iter(f"{W}numId")}
    nums = [n for n in numbering.findall(f"{W}num") if n.get(f"{W}numId") in used]
    assert len(nums) == len(used) > 5
    assert all(n.find(f"{W}lvlOverride/{W}startOverride") is not None for n in nums)
    # The numbered list in 1.2.4's cell is decimal.
    cell = insats_table(doc_2019, "1.2.4 Tidigare insatser inom prioriteringen innovation och företagande som "
                                  "har gett resultat eller effekter under året").rows[1].cells[1]
    item = next(p for p in cell.paragraphs if p._p.pPr.numPr is not None)
    num = next(n for n in nums if n.get(f"{W}numId") == str(item._p.pPr.numPr.numId.val))
    abstract_id = num.find(f"{W}abstractNumId").get(f"{W}val")
    abstract = next(a for a in numbering.findall(f"{W}abstractNum") if a.get(f"{W}abstractNumId") == abstract_id)
    assert abstract.find(f"{W}lvl/{W}numFmt").get(f"{W}val") == "decimal"


def test_header_and_footer_on_every_page(doc_2019: DocxDocument) -> None:
    section = doc_2019.sections[0]
    assert section.header.paragraphs[0].text == "Region Västmanland\tÅterrapportering 2019"
    footer = section.footer._element.xml
    instructions = re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", footer)
    assert [i.strip() for i in instructions] == ["PAGE", "NUMPAGES"]
    assert footer.count('w:fldCharType="begin"') == 2 and footer.count('w:fldCharType="end"') == 2
    assert section.footer.paragraphs[0].text.startswith("Sida ")
    assert not section.different_first_page_header_footer


def test_footnotes_are_real_footnotes(sample_2024: Path, doc_2024: DocxDocument) -> None:
    part = xml_part(doc_2024.part.part_related_by(RT.FOOTNOTES))
    notes = [n for n in part.element.findall(f"{W}footnote") if n.get(f"{W}type") is None]
    refs = doc_2024.element.body.findall(f".//{W}footnoteReference")
    # 8 from the template's guidance (x.4 and x.5 in areas 1–4) and the region's own 9.
    assert len(notes) == len(refs) == 17
    assert sorted(int(r.get(f"{W}id")) for r in refs) == sorted(int(n.get(f"{W}id")) for n in notes)
    note_texts = ["".join(n.itertext()) for n in notes]
    assert any(t.strip().startswith("Följande aktörer ingår: Arbetsförmedlingen") for t in note_texts)
    assert all(n.find(f".//{W}footnoteRef") is not None for n in notes)
    separators = [n.get(f"{W}type") for n in part.element.findall(f"{W}footnote") if n.get(f"{W}type")]
    assert separators == ["separator", "continuationSeparator"]
    # A footnote with a link keeps the link (relationship on the footnotes part).
    assert any(h is not None for h in (n.find(f".//{W}hyperlink") for n in notes))


def test_swedish_a4_one_font_no_theme_fonts(doc_2019: DocxDocument) -> None:
    styles = doc_2019.styles.element
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "sv-SE"
    assert doc_2019.settings.element.find(f"{W}themeFontLang").get(f"{W}val") == "sv-SE"
    assert doc_2019.settings.element.find(f"{W}proofState") is None  # Word spell-checks the text
    for level in (1, 2, 3, 4):
        assert "Theme" not in doc_2019.styles[f"Heading {level}"].element.xml
    assert doc_2019.styles["Normal"].font.name == "Arial"
    default_font = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert default_font.get(f"{W}ascii") == "Arial"
    # Every other style the document uses inherits the body font.
    used = {present(p.style).name for p in doc_2019.paragraphs} | {
        "Vägledning", "Ingress", "Tabelltext", "Tabellrubrik", "Tabellhjälp", "Caption", "Header", "Footer"}
    assert {name: doc_2019.styles[name].font.name for name in used - {"Normal"}} == dict.fromkeys(used - {"Normal"})
    section = doc_2019.sections[0]
    assert (section.page_width, section.page_height) == (11906 * 635, 16838 * 635)


def test_core_properties(doc_2019: DocxDocument) -> None:
    props = doc_2019.core_properties
    assert props.title == "Återrapportering 2019 – Region Västmanland"
    assert props.author == "Region Västmanland" and props.last_modified_by == "Region Västmanland"
    assert props.created == dt.datetime(2020, 2, 4, tzinfo=dt.UTC)
    assert props.modified == NOW
    assert props.language == "sv-SE" and props.identifier == "RV190046"
    assert props.subject == "Återrapportering till regeringen om det regionala utvecklingsansvaret"
    assert "python-docx" not in (props.comments + props.author + props.last_modified_by)


# -- unanswered sections ---------------------------------------------------------------------------------

def test_unanswered_sections_show_the_template_only(report_2019: Path, doc_2019: DocxDocument) -> None:
    blocks = section_blocks(doc_2019, "1.1.2 Utmaningar")
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == [
        "Beskriv kortfattat vilka utmaningar som har varit särskilt aktuella under året vad gäller ert "
        "regionala utvecklingsansvar. Hur har dessa utmaningar hanterats?"]
    assert DRAFT_MARK not in "\n".join(p.text for p in doc_2019.paragraphs)


def test_draft_marks_what_is_unanswered(report_2019: Path) -> None:
    document = render(report_2019, draft=True)
    blocks = section_blocks(document, "1.1.2 Utmaningar")
    mark = blocks[-1]
    assert isinstance(mark, Paragraph) and mark.text == DRAFT_MARK
    assert 'w:highlight w:val="yellow"' in mark._p.xml
    # An answered section gets no mark.
    assert DRAFT_MARK not in texts(section_blocks(document, "1.1.1 Den regionala utvecklingsstrategin"))
    # 1.1.5's yes/no and its text are both unanswered: one mark for each.
    marks = [t for t in texts(section_blocks(document, "1.1.5 Inomregionala skillnader, andra medel för "
                                                        "regionalt tillväxtarbete")) if t == DRAFT_MARK]
    assert len(marks) == 2


# -- Markdown in answers ---------------------------------------------------------------------------------

# Region Västmanland's 1.1.2 answer (seed 002) written with the Markdown a region uses.
MARKDOWN_1_1_2 = """\
Västmanlands regionala utvecklingsprogram, **RUP** innehåller sex insatsområden som alla ska verka för \
att nå det övergripande målet, *"En hållbar tillväxt och utveckling inom Västmanland"*. Läs mer på \
[regionvastmanland.se](https://www.regionvastmanland.se/regional-utveckling/).[^rup]

#### Områden med hög måluppfyllelse

1. Rätt kompetens
2. Dynamiskt näringsliv

Inom områdena finns en hög andel uppfyllda delmål.\\
Även om stora utmaningar finns visar uppföljningen 2019 att en hög andel av delmålen i RUP uppnås.

1. Effektiva kommunikationer
2. Effektiv energianvändning

##### God livsmiljö

> Området ”God livsmiljö” har dock en svagare måluppfyllelse.

| Område | Måluppfyllelse |
|:--|--:|
| Rätt kompetens | hög |
| God livsmiljö | omkring en tredjedel |

[^rup]: RUP uppnås till 68 procent enligt uppföljningen 2019.
"""


@pytest.fixture(scope="module")
def doc_markdown(report_2019: Path, tmp_path_factory: pytest.TempPathFactory) -> DocxDocument:
    folder = tmp_path_factory.mktemp("md") / "rapport"
    shutil.copytree(report_2019, folder)
    report = Report.load(folder)
    report.set_text("1.1.2", "svar", MARKDOWN_1_1_2)
    report.save()
    return render(folder)


def test_markdown_becomes_word_constructs(doc_markdown: DocxDocument) -> None:
    blocks = section_blocks(doc_markdown, "1.1.2 Utmaningar")
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    first = paragraphs[1]
    bold = [r.text for r in first.runs if r.bold]
    italic = [r.text for r in first.runs if r.italic]
    assert bold == ["RUP"] and italic == ['"En hållbar tillväxt och utveckling inom Västmanland"']
    link = first._p.find(f"{W}hyperlink")
    assert link is not None
    rel = doc_markdown.part.rels[link.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")]
    assert rel.is_external and rel.target_ref == "https://www.regionvastmanland.se/regional-utveckling/"
    assert first._p.find(f".//{W}footnoteReference") is not None
    heading = next(p for p in paragraphs if p.text == "Områden med hög måluppfyllelse")
    assert heading_level(heading) == 4
    assert heading_level(next(p for p in paragraphs if p.text == "God livsmiljö")) == 5
    items = [p for p in paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert [p.text for p in items] == ["Rätt kompetens", "Dynamiskt näringsliv", "Effektiva kommunikationer",
                                       "Effektiv energianvändning"]
    first_list, second_list = {_num_id(items[0])}, {_num_id(items[2])}
    assert first_list != second_list  # two lists, each counting from 1
    assert "<w:br/>" in next(p for p in paragraphs if p.text.startswith("Inom områdena"))._p.xml
    quote = next(p for p in paragraphs if p.text.startswith("Området ”God livsmiljö”"))
    assert present(quote.style).name == "Quote"
    table = next(b for b in blocks if isinstance(b, Table))
    assert [c.text for c in table.rows[0].cells] == ["Område", "Måluppfyllelse"]
    assert [c.text for c in table.rows[2].cells] == ["God livsmiljö", "omkring en tredjedel"]
    assert table._tbl.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None
    assert table.rows[1].cells[1].paragraphs[0].alignment == 2  # right, as the pipe table says


def test_image_with_caption(doc_2019: DocxDocument) -> None:
    blocks = section_blocks(doc_2019, "2 Återrapportering 2 – Fördelning av anslag 1:1 Regionala tillväxtåtgärder")
    figure = next(b for b in blocks if isinstance(b, Paragraph) and b._p.find(f".//{W}drawing") is not None)
    caption = blocks[blocks.index(figure) + 1]
    assert isinstance(caption, Paragraph) and caption.text == "Utbetalt från anslaget 1:1 under 2019"
    assert present(caption.style).name == "Caption"
    assert len(doc_2019.inline_shapes) == 1 and doc_2019.inline_shapes[0].width > 0


# -- Word is strict about the order of property elements ---------------------------------------------

_ORDER = {
    "pPr": ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
            "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
            "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
            "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
            "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"),
    "rPr": ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
            "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w",
            "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl",
            "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"),
    "tblPr": ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
              "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook"),
    "tcPr": ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
             "textDirection", "tcFitText", "vAlign", "hideMark"),
    "sectPr": ("headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
               "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg",
               "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange"),
}


def _out_of_order(root: Element) -> list[str]:
    wrong = []
    for name, order in _ORDER.items():
        for element in root.iter(f"{W}{name}"):
            children = [c.tag.rsplit("}", 1)[-1] for c in element if isinstance(c.tag, str)]
            ranks = [order.index(c) for c in children if c in order]
            if ranks != sorted(ranks) or len(ranks) != len(children):
                wrong.append(f"{name}: {children}")
    return wrong


def test_properties_are_in_schema_order(doc_2019: DocxDocument, doc_2024: DocxDocument,
                                        doc_markdown: DocxDocument) -> None:
    for document in (doc_2019, doc_2024, doc_markdown):
        part = document.part
        roots = [document.element, part.numbering_part.element, document.styles.element,
                 document.sections[0].header._element, document.sections[0].footer._element]
        roots.append(xml_part(part.part_related_by(RT.FOOTNOTES)).element)
        for root in roots:
            assert _out_of_order(root) == []
