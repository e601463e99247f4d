"""Shared by the render tests: a 2019 report built with the Report API from Region
Västmanland's real 2019 text (seed 002), and helpers to read a DOCX back."""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docx.document import Document as DocxDocument
from docx.opc.part import Part, XmlPart
from docx.table import Table
from docx.text.paragraph import Paragraph

from tui.core.render.parser import parse
from tui.core.report import Report
from tui.core.scaffold import create_report
from tui.core.scalars import to_scalar
from tui.core.template import _plain, get_template
from tui.core.text import normalize_text
from tui.core.yamlio import load_file

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

TEXTS_FILE = Path(__file__).parent / "data" / "render-2019-texts.yaml"


def texts_2019() -> dict[str, Any]:
    """Region Västmanland's 2019 answers (seed 002): ``forord``, ``1.1.1`` …, ``1.2.1 insatser`` …"""
    data, _text = load_file(TEXTS_FILE)

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return normalize_text(value)
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        return value

    return {str(k): clean(_plain(v)) for k, v in data.items()}


def tiny_png(width: int = 40, height: int = 20) -> bytes:
    """A valid grey PNG, written by hand (no imaging library needed)."""
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


def build_2019_report(folder: Path, *, write_image: bool = True) -> Path:
    """A partly answered 2019 report with Region Västmanland's own 2019 text; its answer to
    part 2 shows an image, which is written unless ``write_image`` is false."""
    create_report(folder, get_template("aterrapportering-2019"), "Region Västmanland", 2019,
                  datum=dt.date(2020, 2, 4), diarienr="RV190046", ert_diarienr="N2019/02980/RTL")
    texts = texts_2019()
    report = Report.load(folder)
    head = report.head_doc.data
    head["forord"] = to_scalar(texts["forord"])
    signature = head["underskrift"]
    signature["ort"] = "Västerås"
    signature["datum"] = "2020-02-04"
    signature["namn"] = "Maria Linder"
    signature["titel"] = "Förvaltningsdirektör"
    signature["enhet"] = "Regionala utvecklingsförvaltningen"
    report.head_doc.dirty = True
    report.set_choice("1.1.4", "paverkat", "Ja")
    for key, value in texts.items():
        if key == "forord":
            continue
        if " " in key:  # "1.2.1 insatser": a table's rows
            section_id, field = key.split(" ")
            for row in value:
                report.add_row(section_id, field, row)
        else:
            report.set_text(key, "svar", value)
    report.save()
    if write_image:
        (folder / "fordelning.png").write_bytes(tiny_png())
    return folder


# -- reading a DOCX back ------------------------------------------------------------------------

def heading_level(paragraph: Paragraph) -> int | None:
    name = paragraph.style.name if paragraph.style is not None else ""
    if name.startswith("Heading ") and name[8:].isdigit():
        return int(name[8:])
    return None


def is_template_heading(paragraph: Paragraph) -> bool:
    """A part's or numbered section's heading (the renderer bookmarks them ``_Toc_avsnitt_…``),
    not one of an answer's own headings."""
    return heading_level(paragraph) is not None and any(
        (b.get(f"{W}name") or "").startswith("_Toc_avsnitt_") for b in paragraph._p.iter(f"{W}bookmarkStart"))


def template_headings(document: DocxDocument) -> list[str]:
    """Texts of the template's headings (parts and numbered sections), in document order."""
    return [p.text for p in document.paragraphs if is_template_heading(p)]


def paragraph(block: Paragraph | Table) -> Paragraph:
    """``block``, which must be a paragraph."""
    assert isinstance(block, Paragraph), block
    return block


def xml_part(part: Part) -> XmlPart:
    """A related part that python-docx parsed as XML (footnotes, numbering …)."""
    assert isinstance(part, XmlPart)
    return part


def blocks(document: DocxDocument) -> Iterator[Paragraph | Table]:
    yield from document.iter_inner_content()


def section_blocks(document: DocxDocument, heading_text: str) -> list[Paragraph | Table]:
    """The body blocks between the heading ``heading_text`` and the next template heading."""
    found: list[Paragraph | Table] = []
    inside = False
    for block in blocks(document):
        if isinstance(block, Paragraph) and is_template_heading(block):
            if inside:
                break
            inside = block.text == heading_text
            continue
        if inside:
            found.append(block)
    return found


def plain(markdown: str) -> list[str]:
    """The text of each paragraph of ``markdown`` as Word shows it (markup and footnote marks gone)."""
    tokens, _env = parse(markdown)
    out: list[str] = []
    for tok in tokens:
        if tok.type == "inline" and tok.level <= 1:
            out.append("".join(c.content if c.type in ("text", "code_inline") else " " if c.type == "softbreak"
                               else "" for c in tok.children or []))
    return out


def texts(items: list[Paragraph | Table]) -> list[str]:
    out: list[str] = []
    for item in items:
        if isinstance(item, Paragraph):
            out.append(item.text)
        else:
            for row in item.rows:
                for cell in row.cells:
                    out.extend(p.text for p in cell.paragraphs)
    return out


# -- a stress report: everything a writer can put in, at once -----------------------------------

STRESS_BLOCKS = (
    "Inledning med **fetstil**, *kursiv*, ~~struket~~, `kod` och [en länk](https://example.org/å?a=1&b=2).",
    "- punkt ett\n- punkt två\n  - nästlad punkt\n    1. numrerad i punkt\n    2. och en till\n- punkt tre",
    "1. första\n\n   andra stycket i punkten\n\n2. andra\n3. tredje",
    "Ett påstående med fotnot[^a] och en till[^b].\n\n[^a]: Källa: SCB 2019.\n\n[^b]: Se **bilaga** 2.",
    "| Område | Andel | Kommentar |\n| --- | ---: | :---: |\n| Innovation | 34 % | *höjd* |\n| Kompetens | 12 % | |",
    "> Ett citat\n>\n> - med en lista\n> - i citatet",
    "# Rubrik\n\nText under rubriken.\n\n### Hoppar en nivå\n\nText.\n\n## Tillbaka",
    "![Fördelning av medel per insatsområde](fordelning.png)",
    "Text med en bild ![liten ikon](fordelning.png) mitt i raden.",
    "```\nkodblock <med> & tecken\n```",
    "Rad ett  \nrad två med hård radbrytning\\\nrad tre",
    "<b>HTML</b> som visas som text",
    "***",
)


def stress_text(rng: Any, blocks: int) -> str:
    return "\n\n".join(rng.choice(STRESS_BLOCKS) for _ in range(blocks))


def build_stress_report(folder: Path, seed: int = 13) -> Path:
    """A 2019 report where the text fields of 1.1, 1.2.1 and 2 hold a random mix of every Markdown
    construct (lists, footnotes, images, pipe tables, quotes, headings, code, HTML) and an insats
    table five rows of 5,000-character cells with lists and footnotes in them (small enough for
    the validator to read in seconds)."""
    import random

    from tui.core.template import ChoiceField, TableField, TextField

    rng = random.Random(seed)
    create_report(folder, get_template("aterrapportering-2019"), "Region Västmanland", 2019,
                  datum=dt.date(2020, 2, 4), diarienr="RV190046")
    (folder / "fordelning.png").write_bytes(tiny_png(300, 120))
    report = Report.load(folder)
    head = report.head_doc.data
    head["forord"] = to_scalar(stress_text(rng, 4))
    report.head_doc.dirty = True
    tables = 0
    for section in report.template.answerable():
        if not section.id.startswith(("1.1", "1.2.1", "2")):
            continue
        for spec in section.fields:
            if isinstance(spec, TextField):
                report.set_text(section.id, spec.key, stress_text(rng, rng.randint(4, 8)))
            elif isinstance(spec, ChoiceField):
                report.set_choice(section.id, spec.key, rng.choice(spec.options))
            elif isinstance(spec, TableField) and tables < 1:
                tables += 1
                for _ in range(min(5, spec.max_rows or 5)):
                    row: dict[str, str] = {}
                    for column in spec.columns:
                        if column.kind == "choice":
                            row[column.key] = rng.choice(column.options) if column.options else ""
                            continue
                        text = stress_text(rng, 3)
                        while len(text) < 5000:
                            text += "\n\n" + rng.choice(STRESS_BLOCKS[:4])
                        row[column.key] = text
                    report.add_row(section.id, spec.key, row)
    report.save()
    return folder
