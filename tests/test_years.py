"""Issue 10.2: the template that fits the report's year; a warning when they differ; the
document's title, header and properties name the report's year."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from conftest import run_cli
from textual.widgets import Input, Select, Static

from tui.app.app import AterrapportApp
from tui.app.screens.start import StartScreen
from tui.core.render.document import RenderOptions, render_bytes
from tui.core.render.export_markdown import export_markdown
from tui.core.report import Report
from tui.core.template import Template, find_templates, load_template
from tui.core.validation import check_report
from tui.core.years import template_for_year


def _templates() -> dict[str, Template]:
    return {tid: load_template(path) for tid, path in find_templates().items()}


def test_template_for_year() -> None:
    templates = _templates()
    assert template_for_year(templates, 2019) == "aterrapportering-2019"
    assert template_for_year(templates, 2023) == "aterrapportering-2023"
    assert template_for_year(templates, 2024) == "aterrapportering-2024"
    assert template_for_year(templates, 2021) == "aterrapportering-2019"
    assert template_for_year(templates, 2030) == "aterrapportering-2024"
    assert template_for_year(templates, 2010) == "aterrapportering-2019"


def test_new_proposes_the_template_of_the_year_and_warns(tmp_path: Path) -> None:
    exact = run_cli("new", tmp_path / "a", "--region", "Region Västmanland", "--ar", "2019")
    assert exact.returncode == 0 and "(aterrapportering-2019)" in exact.stdout and "varning" not in exact.stderr
    other = run_cli("new", tmp_path / "b", "--region", "Region Västmanland", "--ar", "2021")
    assert other.returncode == 0 and "(aterrapportering-2019)" in other.stdout
    assert "varning: mallen aterrapportering-2019 gäller år 2019 men rapporten gäller 2021" in other.stderr
    chosen = run_cli("new", tmp_path / "c", "--mall", "aterrapportering-2019", "--region", "Region Gotland",
                     "--ar", "2025")
    assert "rapporten gäller 2025" in chosen.stderr
    warnings = [p for p in check_report(Report.load(tmp_path / "c")) if "gäller år" in p.message]
    assert [(p.file.name, p.line) for p in warnings] == [("rapport.yaml", 4)]


def test_document_title_header_and_properties_agree(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    run_cli("new", folder, "--mall", "aterrapportering-2019", "--region", "Region Västmanland", "--ar", "2025")
    document = docx.Document(io.BytesIO(render_bytes(Report.load(folder), RenderOptions())))
    title = next(p.text for p in document.paragraphs if p.style is not None and p.style.name == "Title")
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    assert title == "Återrapportering 2025"
    assert "Återrapportering 2025" in header
    assert document.core_properties.title == "Återrapportering 2025 – Region Västmanland"
    assert 'title: "Återrapportering 2025"' in export_markdown(Report.load(folder))
    assert "2019" not in title + header + document.core_properties.title


async def test_start_screen_proposes_the_template_for_the_year(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = AterrapportApp(None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen)
        year = screen.query_one("#ar", Input)
        year.value = "2019"
        await pilot.pause()
        assert screen.query_one("#mall", Select).value == "aterrapportering-2019"
        assert str(screen.query_one("#start-warning", Static).render()) == ""
        year.value = "2021"
        await pilot.pause()
        assert screen.query_one("#mall", Select).value == "aterrapportering-2019"
        assert "rapporten gäller 2021" in str(screen.query_one("#start-warning", Static).render())
