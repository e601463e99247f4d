"""Every document we write passes Word's own validator (Open XML SDK, Microsoft 365 mode) with
zero errors: every sample, a render with a region's reference document, a stress report
(lists, footnotes, images, tables in answers, 5,000-character cells) and a tracked-changes
document. The Node runtime starts
once for all of them. A broken document must fail, so the check itself is checked."""

from __future__ import annotations

import random
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLES
from ooxml_validator import describe, validate
from render_support import build_2019_report, build_stress_report
from test_render_reference import make_reference
from test_tracked_changes import WHEN, edit

from tui.core.render.document import RenderOptions, render_file
from tui.core.render.tracked import Revision, render_tracked
from tui.core.report import Report

SAMPLE_NAMES = sorted(p.name for p in SAMPLES.iterdir() if (p / "rapport.yaml").exists())
pytestmark = pytest.mark.xdist_group("validator")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("validate")
    files: dict[str, Path] = {}
    for name in SAMPLE_NAMES:
        files[name] = render_file(Report.load(SAMPLES / name), base / f"{name}.docx")
    report = build_2019_report(base / "vastmanland-2019")
    files["reference-doc"] = render_file(Report.load(report), base / "referens.docx",
                                         RenderOptions(reference_doc=make_reference(base / "mall.docx")))
    stress = build_stress_report(base / "stress")
    # As a draft: its unanswered parts 3–6 carry the highlighted marks.
    files["stress"] = render_file(Report.load(stress), base / "stress.docx", RenderOptions(draft=True))
    # Tracked changes: a writer's random session on the 2019 sample, as Word revisions.
    before, after = base / "fore", base / "efter"
    shutil.copytree(SAMPLES / "vastmanland-2019", before)
    shutil.copytree(SAMPLES / "vastmanland-2019", after)
    edit(Report.load(after), random.Random(13))
    tracked = render_tracked(Report.load(before), Report.load(after), Revision("Maria Linder", WHEN))
    files["tracked"] = base / "andringar.docx"
    files["tracked"].write_bytes(tracked)
    files["broken"] = _broken(files[SAMPLE_NAMES[0]], base / "trasig.docx")
    return files


@pytest.fixture(scope="module")
def results(rendered: dict[str, Path]) -> dict[Path, list[dict[str, object]]]:
    return validate(list(rendered.values()))


def _broken(source: Path, target: Path) -> Path:
    """The same document with one paragraph property out of the schema's order."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:pPr><w:pStyle", b"<w:pPr><w:jc w:val=\"left\"/><w:pStyle", 1)
            zout.writestr(item, data)
    return target


@pytest.mark.parametrize("name", [*SAMPLE_NAMES, "reference-doc", "stress", "tracked"])
def test_word_accepts_the_document(name: str, rendered: dict[str, Path],
                                   results: dict[Path, list[dict[str, object]]]) -> None:
    errors = results[rendered[name]]
    assert errors == [], describe(errors)


def test_the_validator_finds_a_broken_document(rendered: dict[str, Path],
                                               results: dict[Path, list[dict[str, object]]]) -> None:
    errors = results[rendered["broken"]]
    assert errors and all(e["id"] for e in errors)


def test_stress_report_has_everything(rendered: dict[str, Path]) -> None:
    with zipfile.ZipFile(rendered["stress"]) as z:
        xml = z.read("word/document.xml").decode()
        names = z.namelist()
    assert "<w:drawing>" in xml and "<w:footnoteReference" in xml and "<w:numPr>" in xml
    assert any(n.startswith("word/media/") for n in names)
    assert xml.count("<w:tbl>") > 10
