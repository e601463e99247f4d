"""Rendering survives what writers produce: huge answers, huge cells, pasted control
characters (in answers and in template texts), and says clearly when an image is missing."""

from __future__ import annotations

import io
import shutil
import time
from pathlib import Path

import docx
import pytest
from conftest import run_cli
from render_support import W, build_2019_report, paragraph, section_blocks, texts_2019

from tui.core.problems import AterrapportError
from tui.core.render.document import RenderOptions, render_bytes
from tui.core.report import Report
from tui.core.scaffold import create_report
from tui.core.template import TEMPLATE_ENV, get_template
from tui.core.validation import check_report


def new_2019(folder: Path) -> Report:
    create_report(folder, get_template("aterrapportering-2019"), "Region Västmanland", 2019)
    return Report.load(folder)


def test_a_50000_word_answer_renders(tmp_path: Path) -> None:
    real = texts_2019()["1.1.1"]
    paragraphs: list[str] = []
    words = 0
    while words < 50_000:
        paragraphs.append(real.split("\n\n")[len(paragraphs) % 2])
        words += len(paragraphs[-1].split())
    report = new_2019(tmp_path / "r")
    report.set_text("1.1.1", "svar", "\n\n".join(paragraphs))
    report.save()
    started = time.perf_counter()
    data = render_bytes(Report.load(tmp_path / "r"))
    assert time.perf_counter() - started < 30
    document = docx.Document(io.BytesIO(data))
    shown = section_blocks(document, "1.1.1 Den regionala utvecklingsstrategin")
    assert sum(len(p.text.split()) for p in map(paragraph, shown[1:])) == words >= 50_000


def test_five_rows_of_5000_character_cells(tmp_path: Path) -> None:
    rows = texts_2019()["1.2.1 insatser"]
    report = new_2019(tmp_path / "r")
    long_rows = [{k: _long(v, 5000) for k, v in rows[index % len(rows)].items()} for index in range(5)]
    for row in long_rows:
        report.add_row("1.2.1", "insatser", row)
    report.save()
    document = docx.Document(io.BytesIO(render_bytes(Report.load(tmp_path / "r"))))
    table = next(b for b in section_blocks(document, "1.2.1 Innovation") if hasattr(b, "rows"))
    assert len(table.rows) == 6
    for row, source in zip(table.rows[1:], long_rows, strict=True):
        assert [cell.text for cell in row.cells] == [v.replace("\n\n", "\n") for v in source.values()]
        assert all(len(v) >= 5000 for v in source.values())
        # A row taller than a page may break across pages (Word would cut it off otherwise).
        assert row._tr.find(f"{W}trPr/{W}cantSplit") is None
    assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None


def _long(text: str, length: int) -> str:
    out = text
    while len(out) < length:
        out += "\n\n" + text
    return out


def test_control_characters_never_reach_the_document(tmp_path: Path) -> None:
    report = new_2019(tmp_path / "r")
    report.save()
    # Pasted text with Word's soft break (\x0b), a form feed, NUL-range controls and U+FFFE,
    # written as YAML escapes as a hand-edited file might hold them.
    (tmp_path / "r" / "1.1.yaml").write_text(
        '1.1.1:\n  svar: "Under året har framtagandet\\x0bav en ny regional\\x01 utvecklingsstrategi'
        '\\x0c(RUS) fortsatt\\ufffe."\n', encoding="utf-8")
    (tmp_path / "r" / "1.2.yaml").write_text(
        '1.2.1:\n  insatser:\n    - namn: "Kartläggning av riskvillig\\x02 finansiering"\n', encoding="utf-8")
    loaded = Report.load(tmp_path / "r")
    assert not [p for p in check_report(loaded) if p.is_error]
    document = docx.Document(io.BytesIO(render_bytes(loaded)))
    answer = paragraph(section_blocks(document, "1.1.1 Den regionala utvecklingsstrategin")[1])
    # Word's soft break and the form feed become newlines, and a newline is a line break
    # (issue 10.7; before, a soft break was rendered as a space).
    assert answer.text == "Under året har framtagandet\nav en ny regional utvecklingsstrategi\n(RUS) fortsatt."
    cell = next(b for b in section_blocks(document, "1.2.1 Innovation") if hasattr(b, "rows")).rows[1].cells[0]
    assert cell.text == "Kartläggning av riskvillig finansiering"


def test_control_characters_in_template_texts_are_dropped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    templates = tmp_path / "mallar"
    templates.mkdir()
    source = get_template("aterrapportering-2019").path
    assert source is not None
    original = ("            guidance: Beskriv kortfattat vilka utmaningar som har varit särskilt aktuella under året "
                "vad gäller ert regionala utvecklingsansvar. Hur har dessa utmaningar hanterats?")
    assert original in source.read_text(encoding="utf-8")
    changed = original.replace("guidance: Beskriv kortfattat vilka utmaningar",
                               'guidance: "Beskriv\\x01 kortfattat\\x0b vilka\\ufffe utmaningar') + '"'
    text = source.read_text(encoding="utf-8").replace("id: aterrapportering-2019", "id: kontroll-2019")
    text = text.replace(original, changed)
    # The guidance of 1.1.2 with control characters, as YAML escapes in a double-quoted scalar.
    (templates / "kontroll-2019.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv(TEMPLATE_ENV, str(templates))
    create_report(tmp_path / "r", get_template("kontroll-2019"), "Region Västmanland", 2019)
    document = docx.Document(io.BytesIO(render_bytes(Report.load(tmp_path / "r"))))
    guidance = paragraph(section_blocks(document, "1.1.2 Utmaningar")[0])
    assert guidance.text.startswith("Beskriv kortfattat vilka utmaningar som har varit")


def test_a_missing_image_is_a_clear_error(tmp_path: Path) -> None:
    folder = build_2019_report(tmp_path / "r", write_image=False)
    problems = [p for p in check_report(Report.load(folder)) if p.is_error]
    assert len(problems) == 1
    assert problems[0].file == folder / "2.yaml" and problems[0].section == "2"
    assert "fordelning.png" in problems[0].message and problems[0].line > 1
    with pytest.raises(AterrapportError) as raised:
        render_bytes(Report.load(folder), RenderOptions())
    assert "fordelning.png" in str(raised.value) and "2.yaml" in str(raised.value)

    refused = run_cli("render", folder, "-o", tmp_path / "ut.docx")
    assert refused.returncode == 1
    assert "2.yaml" in refused.stderr and "fordelning.png" in refused.stderr
    assert not (tmp_path / "ut.docx").exists()
    forced = run_cli("render", folder, "-o", tmp_path / "ut.docx", "--force")
    assert forced.returncode == 2 and "bilden fordelning.png finns inte" in forced.stderr
    assert not (tmp_path / "ut.docx").exists()
    shutil.rmtree(folder)
