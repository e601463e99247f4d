"""A template of its own words: a table of «aktiviteter» and one of «projekt» (an ett-word) read
right in the check, the app's refusals and forms, and the diff, with no code knowing their keys."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from app_helpers import go_to_section

from tui.app.app import AterrapportApp
from tui.app.screens.row_form import RowForm
from tui.app.session import EditorSession
from tui.app.widgets.insats_table import InsatsTable
from tui.core.diff import diff_reports, proposed_message
from tui.core.diff_render import markdown_diff, row_heading
from tui.core.problems import AterrapportError
from tui.core.report import Report
from tui.core.scaffold import create_report
from tui.core.template import TEMPLATE_ENV, get_template
from tui.core.validation import check_report

TEMPLATE = """\
id: projektmall-2030
title: Uppföljning av projekt 2030
year: 2030
parts:
  - id: "1"
    title: Verksamhet
    sections:
      - id: "1.1"
        title: Aktiviteter under året
        fields:
          - key: aktiviteter
            kind: table
            label: Aktiviteter
            prompt: Ange högst 2 aktiviteter.
            max_rows: 2
            row_noun: {singular: aktivitet, plural: aktiviteter}
            name_column: titel
            limit_text: Ange högst 2 aktiviteter
            columns:
              - key: typ
                header: Typ
              - key: titel
                header: Aktivitetens titel
      - id: "1.2"
        title: Projekt
        fields:
          - key: projekt
            kind: table
            row_noun: {singular: projekt, plural: projekt, article: ett}
            columns:
              - key: rubrik
                header: Rubrik
              - key: utfall
                header: Utfall
"""


@pytest.fixture
def report_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    templates = tmp_path / "mallar"
    templates.mkdir()
    (templates / "projektmall-2030.yaml").write_text(TEMPLATE, encoding="utf-8")
    monkeypatch.setenv(TEMPLATE_ENV, str(templates))
    folder = tmp_path / "rapport"
    create_report(folder, get_template("projektmall-2030"), "Region Västmanland", 2030)
    return folder


def _no_insats(text: str) -> None:
    assert "insats" not in text.lower(), text


def test_check_and_refusal_use_the_templates_nouns(report_folder: Path) -> None:
    report = Report.load(report_folder)
    report.add_row("1.1", "aktiviteter", {"typ": "Analys", "titel": "Kartläggning"})
    report.add_row("1.1", "aktiviteter", {"typ": "Seminarium", "titel": "Dialogmöte"})
    with pytest.raises(AterrapportError) as refused:
        report.add_row("1.1", "aktiviteter", {"titel": "En till"})
    message = refused.value.problems[0].message
    assert message == "1.1 har redan 2 aktiviteter; mallen tillåter högst 2 (”Ange högst 2 aktiviteter”)"
    report.save()

    text = (report_folder / "1.1.yaml").read_text(encoding="utf-8")
    (report_folder / "1.1.yaml").write_text(
        text.replace("klar:", "") + "    - typ: Utvärdering\n      titel: Tredje\n", encoding="utf-8")
    problems = [p.message for p in check_report(Report.load(report_folder))]
    assert "1.1 har 3 aktiviteter; mallen tillåter högst 2" in problems, problems
    for message in problems:
        _no_insats(message)

    (report_folder / "1.2.yaml").write_text('"1.2":\n  projekt: en text\n', encoding="utf-8")
    problems = [p.message for p in check_report(Report.load(report_folder))]
    assert any("(- rubrik: …)" in p for p in problems), problems


def test_diff_names_rows_by_the_name_column_and_agrees_with_the_noun(report_folder: Path, tmp_path: Path) -> None:
    start = tmp_path / "start"
    shutil.copytree(report_folder, start)
    before = Report.load(report_folder)
    before.add_row("1.1", "aktiviteter", {"typ": "Analys", "titel": "Kartläggning"})
    before.add_row("1.2", "projekt", {"rubrik": "Bredband", "utfall": "Klart"})
    before.add_row("1.2", "projekt", {"rubrik": "Vatten", "utfall": "Pågår"})
    before.save()
    after_folder = tmp_path / "efter"
    shutil.copytree(report_folder, after_folder)
    after = Report.load(after_folder)
    after.add_row("1.1", "aktiviteter", {"typ": "Seminarium", "titel": "Dialogmöte"})
    after.delete_row("1.2", "projekt", 1)
    after.save()

    added = diff_reports(Report.load(start), Report.load(report_folder))
    message = proposed_message(added)
    assert message == "1.1: ny aktivitet; 1.2: nya projekt", message
    projects = added.section("1.2")
    assert projects is not None
    assert [row_heading(r, projects.tables[0]) for r in projects.tables[0].rows] == [
        "Nytt projekt, rad 1", "Nytt projekt, rad 2"]

    diff = diff_reports(Report.load(report_folder), Report.load(after_folder))
    message = proposed_message(diff)
    assert message == "1.1: ny aktivitet; 1.2: borttaget projekt", message
    activities = diff.section("1.1")
    assert activities is not None
    [row] = activities.tables[0].rows
    assert row.name == "Dialogmöte"  # the name column, not the first column (typ)
    assert row_heading(row, activities.tables[0]) == "Ny aktivitet, rad 2"
    projects = diff.section("1.2")
    assert projects is not None
    [row] = projects.tables[0].rows
    assert row_heading(row, projects.tables[0]) == "Borttaget projekt, rad 2"
    assert row.name == "Vatten"
    _no_insats(markdown_diff(diff))


def test_unknown_name_column_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    templates = tmp_path / "mallar"
    templates.mkdir()
    (templates / "projektmall-2030.yaml").write_text(
        TEMPLATE.replace("name_column: titel", "name_column: rubrik"), encoding="utf-8")
    monkeypatch.setenv(TEMPLATE_ENV, str(templates))
    with pytest.raises(AterrapportError) as refused:
        get_template("projektmall-2030")
    problem = refused.value.problems[0]
    assert "name_column «rubrik» är ingen av tabellens kolumner" in problem.message
    assert problem.line > 0


async def test_app_form_and_full_table_use_the_templates_nouns(report_folder: Path) -> None:
    app = AterrapportApp(report_folder, session=EditorSession.open(report_folder))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.editor is not None
        await go_to_section(pilot, "1.1")
        table = app.screen.query_one(InsatsTable)
        assert "Inga aktiviteter än" in str(table.get_option_at_index(0).prompt)
        table.focus()
        await pilot.pause()
        for name in ("Kartläggning", "Dialogmöte"):
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, RowForm)
            title = " ".join(str(w.render()) for w in app.screen.query(".dialog-title"))
            assert "Ny aktivitet" in title, title
            await pilot.press("tab", *name, "ctrl+s")
            await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, RowForm)
        notes = [n.message for n in app._notifications]
        assert any("1.1 har redan 2 aktiviteter; mallen tillåter högst 2 (”Ange högst 2 aktiviteter”). "
                   "Ta bort en aktivitet först." in n for n in notes), notes
        for note in notes:
            _no_insats(note)
        await pilot.pause(1.0)
    rows = Report.load(report_folder).rows("1.1", "aktiviteter")
    assert [r["titel"] for r in rows] == ["Kartläggning", "Dialogmöte"]
