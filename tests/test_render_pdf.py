"""`render -o FIL.pdf`: tagged PDF/UA made by LibreOffice, read back with pikepdf and poppler.

Each sample is converted once for the module (by the real command, which also writes the DOCX
the PDF was made from), on one xdist worker: LibreOffice takes seconds per conversion.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import docx
import pikepdf
import pytest
from conftest import ROOT, SAMPLES, run_cli
from ooxml_validator import describe, validate
from present import present
from render_support import W, heading_level, tiny_png
from test_headings import assert_no_skips, docx_outline_levels

from tui.core.report import Report

SAMPLE_NAMES = sorted(p.name for p in SAMPLES.iterdir() if (p / "rapport.yaml").exists())
pytestmark = pytest.mark.xdist_group("libreoffice")
PAGEREF = re.compile(r"PAGEREF (\S+)")
ALT = "Karta över Västmanlands kommuner"


@dataclass
class Converted:
    name: str
    folder: Path
    pdf: Path
    docx: Path


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Converted]:
    base = tmp_path_factory.mktemp("pdf")
    out: dict[str, Converted] = {}
    for name in SAMPLE_NAMES:
        folder = base / name
        shutil.copytree(SAMPLES / name, folder)
        if name == "vastmanland-2024":  # a picture with alt text, for the PDF's /Figure /Alt
            report = Report.load(folder)
            section = next(s for s in report.template.answerable() if report.text(s.id))
            report.set_text(section.id, "svar", report.text(section.id) + f"\n\n![{ALT}](karta.png)")
            report.save()
            (folder / "karta.png").write_bytes(tiny_png(200, 100))
        pdf, docx_file = base / f"{name}.pdf", base / f"{name}.docx"
        done = run_cli("render", folder, "-o", pdf, "-o", docx_file, "--force")
        assert done.returncode == 0, done.stdout + done.stderr
        out[name] = Converted(name, folder, pdf, docx_file)
    return out


def structure_types(pdf: pikepdf.Pdf, alt: list[str] | None = None) -> list[str]:
    """The structure elements' types in document order (depth first); figures' /Alt into ``alt``."""
    found: list[str] = []
    stack: list[pikepdf.Object] = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        kind = node.get("/S")
        if kind is not None:
            found.append(str(kind))
            if str(kind) == "/Figure" and alt is not None:
                alt.append(str(node.get("/Alt", "")))
        kids = node.get("/K")
        children = list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
        stack.extend(reversed([c for c in children if isinstance(c, pikepdf.Dictionary)]))
    return found


def bookmarks(pdf: pikepdf.Pdf) -> list[tuple[int, str, int]]:
    """(depth, title, page) of every bookmark, in order."""
    pages: dict[object, int] = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
    found: list[tuple[int, str, int]] = []
    with pdf.open_outline() as tree:
        stack = [(0, item) for item in reversed(tree.root)]
        while stack:
            depth, item = stack.pop()
            target = item.destination
            page = pages.get(target[0].objgen, 0) if isinstance(target, pikepdf.Array) else 0
            found.append((depth, str(item.title), page))
            stack.extend((depth + 1, child) for child in reversed(item.children))
    return found


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_pdf_is_tagged_pdf_ua(name: str, converted: dict[str, Converted]) -> None:
    item = converted[name]
    assert item.pdf.read_bytes().startswith(b"%PDF-")
    head = Report.load(item.folder).head
    assert head is not None
    with pikepdf.open(item.pdf) as pdf:
        root = pdf.Root
        assert bool(root.MarkInfo.Marked)
        assert "/StructTreeRoot" in root
        assert str(root.Lang) == "sv-SE"
        with pdf.open_metadata() as meta:
            assert meta["dc:title"] == f"Återrapportering {head.ar} – {head.region}"
            assert meta["pdfuaid:part"] == "1"
            assert head.region in str(meta["dc:creator"])
            assert meta["xmp:CreateDate"].startswith(head.datum.isoformat() if head.datum else "")
        assert str(pdf.docinfo["/Author"]) == head.region
        assert str(pdf.docinfo["/Subject"]) == "Återrapportering till regeringen om det regionala utvecklingsansvaret"
        with pdf.open_metadata() as meta:  # document info and XMP agree (PDF/UA checkers compare them)
            assert str(pdf.docinfo["/Producer"]) == meta["pdf:Producer"]
            assert str(pdf.docinfo["/Title"]) == meta["dc:title"]
        assert bool(root.ViewerPreferences.DisplayDocTitle)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_pdf_headings_match_the_document(name: str, converted: dict[str, Converted]) -> None:
    """One /H1–/H9 element per heading of the DOCX, at the same level, so one /H1–/H3 per
    template heading; never a skipped level; every template heading is a bookmark."""
    item = converted[name]
    data = item.docx.read_bytes()
    document = docx.Document(io.BytesIO(data))
    report = Report.load(item.folder)
    with pikepdf.open(item.pdf) as pdf:
        levels = [int(t[2:]) for t in structure_types(pdf) if re.fullmatch(r"/H[1-9]", t)]
        marks = bookmarks(pdf)
    assert levels == docx_outline_levels(data)
    assert_no_skips(levels, f"{name}.pdf")
    template_titles = [s.number_title for s in report.template.walk()]
    shallow = [p.text for p in document.paragraphs if (heading_level(p) or 9) <= 3]
    assert sum(1 for level in levels if level <= 3) == len(shallow) + (1 if report.head and report.head.forord else 0)
    titles = [title for _depth, title, _page in marks]
    assert [t for t in titles if t in template_titles] == template_titles
    for section in report.template.walk():  # a section's bookmark nests at its level
        depth = next(d for d, title, _p in marks if title == section.number_title)
        assert depth == section.level - 1, section.id


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_table_of_contents_shows_the_pdf_pages(name: str, converted: dict[str, Converted]) -> None:
    item = converted[name]
    document = docx.Document(str(item.docx))
    body = document.element.body
    sdt = body.find(f"{W}sdt")
    assert sdt is not None and sdt.find(f".//{W}docPartGallery").get(f"{W}val") == "Table of Contents"
    instructions = [t.text for t in sdt.iter(f"{W}instrText")]
    assert instructions[0].strip().startswith('TOC \\o "1-3"')
    paragraphs = sdt.findall(f"{W}sdtContent/{W}p")
    assert "".join(t.text for t in paragraphs[0].iter(f"{W}t")) == "Innehåll"
    # Each entry: the bookmark it links to, its text, and the page number stored in PAGEREF.
    entries: list[tuple[str, int]] = []
    for p in paragraphs[1:]:
        link = p.find(f"{W}hyperlink")
        if link is None:
            continue
        texts = [t.text or "" for t in link.iter(f"{W}t")]
        ref = PAGEREF.search("".join(t.text or "" for t in link.iter(f"{W}instrText")))
        assert ref is not None and ref.group(1) == link.get(f"{W}anchor")
        entries.append(("".join(texts[:-1]), int(texts[-1])))
    report = Report.load(item.folder)
    titles = [t for t, _page in entries]
    assert [s.number_title for s in report.template.walk() if s.level <= 3] == [
        t for t in titles if t in {s.number_title for s in report.template.walk()}]
    with pikepdf.open(item.pdf) as pdf:
        marks = [(title, page) for _d, title, page in bookmarks(pdf)]
    # The same headings in the same order (titles repeat, e.g. "RUS" in several sections).
    position = 0
    for title, page in entries:
        while marks[position][0] != title:
            position += 1
        assert marks[position][1] == page, f"«{title}» står på sidan {marks[position][1]}, innehållet säger {page}"
        position += 1
    pages = dict(reversed(marks))
    # And the PDF's own text shows the same: page 1 lists the first part with its page.
    text = subprocess.run(["pdftotext", "-l", "2", str(item.pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    first = report.template.parts[0]
    assert re.search(re.escape(first.number_title) + r"\s*\.{3,}\s*" + str(pages[first.number_title]), text)


def test_the_docx_and_pdf_from_one_run_pass_the_validator(converted: dict[str, Converted]) -> None:
    results = validate([c.docx for c in converted.values()])
    assert {path.name: describe(errors) for path, errors in results.items() if errors} == {}


def test_without_table_of_contents(tmp_path: Path) -> None:
    output = tmp_path / "utan.docx"
    done = run_cli("render", SAMPLES / SAMPLE_NAMES[0], "-o", output, "--utan-innehall", "--force")
    assert done.returncode == 0, done.stderr
    document = docx.Document(str(output))
    assert document.element.body.find(f"{W}sdt") is None
    assert "Innehåll" not in [p.text for p in document.paragraphs]
    with_toc = tmp_path / "med.docx"
    assert run_cli("render", SAMPLES / SAMPLE_NAMES[0], "-o", with_toc, "--force").returncode == 0
    toc = docx.Document(str(with_toc)).element.body.find(f"{W}sdt")
    assert toc is not None
    # Without a PDF to learn the pages from: no invented numbers, and Word updates the field.
    begin = toc.find(f".//{W}fldChar")
    assert begin.get(f"{W}fldCharType") == "begin" and begin.get(f"{W}dirty") == "true"
    links = toc.findall(f".//{W}hyperlink")
    assert len(links) >= len(list(Report.load(SAMPLES / SAMPLE_NAMES[0]).template.walk()))
    assert all(len(list(link.iter(f"{W}t"))) == 1 for link in links)  # the title only, no page


def test_format_follows_the_extension_and_never_mixes(tmp_path: Path) -> None:
    sample = SAMPLES / SAMPLE_NAMES[0]
    clash = run_cli("render", sample, "-o", tmp_path / "x.pdf", "--format", "docx")
    assert clash.returncode == 2 and "passar inte --format docx" in clash.stderr
    assert not (tmp_path / "x.pdf").exists()
    two = run_cli("render", sample, "-o", tmp_path / "a.docx", "-o", tmp_path / "b.docx")
    assert two.returncode == 2 and "högst en fil per format" in two.stderr
    plain = run_cli("render", sample, "-o", tmp_path / "rapport", "--force")
    assert plain.returncode == 0 and (tmp_path / "rapport").read_bytes()[:2] == b"PK"


def test_missing_libreoffice_is_a_clear_swedish_error(tmp_path: Path) -> None:
    """No soffice on PATH: exit 2, the package to install named, and no file written."""
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty), "COLUMNS": "200", "NO_COLOR": "1"}
    output = tmp_path / "rapport.pdf"
    done = subprocess.run([sys.executable, "-m", "tui", "render", str(SAMPLES / SAMPLE_NAMES[0]), "-o",
                           str(output), "--force"], capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=120, check=False)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "LibreOffice" in done.stderr and "libreoffice-writer-nogui" in done.stderr
    assert "Traceback" not in done.stderr
    assert not output.exists()


def test_pictures_carry_their_alt_text(converted: dict[str, Converted]) -> None:
    alt: list[str] = []
    with pikepdf.open(converted["vastmanland-2024"].pdf) as pdf:
        structure_types(pdf, alt)
    assert alt == [ALT]


def test_dates_come_from_datum(converted: dict[str, Converted]) -> None:
    item = converted["vastmanland-2019"]
    with pikepdf.open(item.pdf) as pdf:
        created = pdf.docinfo["/CreationDate"]
    assert str(created).startswith("D:20200204")
    assert dt.date(2020, 2, 4).isoformat() in str(present(Report.load(item.folder).head).datum)
