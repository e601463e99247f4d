"""The authoring app driven with Textual's Pilot on temp copies of real reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import go_to_section, settle, wait_until
from present import present
from textual.pilot import Pilot
from textual.widgets import Select

from tui.app.app import AterrapportApp
from tui.app.screens.dialogs import ChoiceDialog
from tui.app.screens.editor import TICK_SECONDS
from tui.app.screens.row_form import RowForm
from tui.app.screens.start import StartScreen
from tui.app.session import QUIET_SECONDS, EditorSession
from tui.app.widgets.answer_editor import AnswerEditor
from tui.app.widgets.change_bar import ChangeBar
from tui.app.widgets.insats_table import InsatsTable
from tui.core.report import Report

SIZE = (120, 40)


def _app(folder: Path) -> AterrapportApp:
    return AterrapportApp(folder, session=EditorSession.open(folder))


class FakeClock:
    """The session's clock, moved by the test: the debounce without waiting for it."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def _all_saved(pilot: Pilot[None], app: AterrapportApp) -> None:
    """Wait for the autosave (the tick starts the save worker) instead of a fixed time."""
    await wait_until(pilot, lambda: not present(app.editor).session.unsaved, "the autosave")
    await settle(pilot)


async def test_typing_reaches_disk_after_debounce(new_report: Path) -> None:
    app = _app(new_report)
    clock = FakeClock()
    present(app.session).clock = clock
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.editor is not None and app.editor.current.id == "1.1.1"
        assert isinstance(app.focused, AnswerEditor)
        await pilot.press("U")
        await pilot.pause(3 * TICK_SECONDS)  # ticks pass; the session's clock does not
        assert Report.load(new_report).text("1.1.1") == ""  # not yet: the debounce waits
        await pilot.press(*"nder året har RUS tagits fram.")
        clock.now += QUIET_SECONDS
        await _all_saved(pilot, app)
        assert Report.load(new_report).text("1.1.1") == "Under året har RUS tagits fram."


async def test_navigation_in_order_and_by_palette(new_report: Path) -> None:
    app = _app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = app.editor
        assert editor is not None
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert editor.current.id == "1.1.2"
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+b")
        await pilot.pause()
        assert editor.current.id == "1.1.3"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"1.2.3")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert editor.current.id == "1.2.3"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"bredband")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert editor.current.id == "1.3.3"


async def _open_table(pilot: Pilot[None], app: AterrapportApp, section_id: str) -> InsatsTable:
    await go_to_section(pilot, section_id)
    table = app.screen.query_one(InsatsTable)
    table.focus()
    await pilot.pause()
    return table


async def _add_row(pilot: Pilot[None], name: str) -> None:
    await pilot.press("a")
    await pilot.pause()
    await pilot.press(*name)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_five_insatser_then_the_sixth_is_refused(new_report: Path) -> None:
    app = _app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = await _open_table(pilot, app, "1.2.1")
        for number in range(1, 6):
            await _add_row(pilot, f"Insats {number}")
        assert table.border_title == "Insatser: 5 av högst 5"
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, RowForm)
        assert any("mallen tillåter högst 5" in n.message for n in app._notifications)
        await _all_saved(pilot, app)
    rows = Report.load(new_report).rows("1.2.1")
    assert [r["namn"] for r in rows] == [f"Insats {n}" for n in range(1, 6)]


async def test_edit_delete_and_move_rows(new_report: Path) -> None:
    app = _app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = await _open_table(pilot, app, "1.4.3")
        for name in ("Kompetensplattform", "Validering", "Yrkesvux"):
            await _add_row(pilot, name)
        table.highlighted = 0
        await pilot.press("enter")  # edit the first row
        await pilot.pause()
        assert isinstance(app.screen, RowForm)
        await pilot.press("end", *" Västmanland", "tab", *"Bidrar till RUS", "ctrl+s")
        await pilot.pause()
        table.highlighted = 2
        await pilot.press("shift+up")  # Yrkesvux up one
        await pilot.pause()
        table.highlighted = 2
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click("#ja")
        await _all_saved(pilot, app)
    rows = Report.load(new_report).rows("1.4.3")
    assert [r["namn"] for r in rows] == ["Kompetensplattform Västmanland", "Yrkesvux"]
    assert rows[0]["bidrag_till_mal"] == "Bidrar till RUS"


async def test_yes_no_answer(new_report: Path) -> None:
    app = _app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to_section(pilot, "1.1.4")
        select = app.screen.query_one("#f-paverkat", Select)
        select.value = "Ja"
        await wait_until(pilot, lambda: present(app.session).report.choice("1.1.4", "paverkat") == "Ja", "the choice")
        await _all_saved(pilot, app)
    assert Report.load(new_report).choice("1.1.4", "paverkat") == "Ja"


async def test_external_change_asks_and_reloads(new_report: Path) -> None:
    app = _app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        path = new_report / "1.2.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "1.2.2:\n  svar: ''", "1.2.2:\n  svar: Skrivet i en annan redigerare."), encoding="utf-8")
        await wait_until(pilot, lambda: app.editor is not None and app.editor.changes.pending, "the change bar")
        # Issue 9: a bar in the section (no modal that takes keystrokes) shows the change.
        assert app.editor is not None and app.editor.changes.pending
        assert app.screen.query_one(ChangeBar).display
        await pilot.click("#las_in")
        # (the reload runs after the click's own messages: one pause was not always enough under load)
        await wait_until(pilot, lambda: app.session is not None
                         and app.session.report.text("1.2.2") == "Skrivet i en annan redigerare.", "the reload")
        assert app.session is not None and app.session.report.text("1.2.2") == "Skrivet i en annan redigerare."
    assert "Skrivet i en annan redigerare." in (new_report / "1.2.yaml").read_text(encoding="utf-8")


async def test_external_change_while_typing_keeps_both(new_report: Path) -> None:
    app = _app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Mitt svar")  # 1.1.1, not yet saved
        path = new_report / "1.1.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "1.1.2:\n  svar: ''", "1.1.2:\n  svar: Kollegans svar."), encoding="utf-8")
        # The save finds the file changed and asks before writing anything.
        await wait_until(pilot, lambda: app.editor is not None and app.editor.changes.pending, "the change bar")
        assert app.editor is not None and app.editor.changes.pending
        await pilot.click("#las_in")
        await _all_saved(pilot, app)
    report = Report.load(new_report)
    assert report.text("1.1.1") == "Mitt svar"
    assert report.text("1.1.2") == "Kollegans svar."


async def test_unparsable_file_opens_anyway(new_report: Path) -> None:
    (new_report / "1.1.yaml").write_text("1.1.1:\n  svar: [trasig\n", encoding="utf-8")
    app = _app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Named in a bar above the section, not a dialog: the first keys stay with the writer.
        editor = present(app.editor)
        await wait_until(pilot, lambda: editor.unreadable_bar.display, "the bar of unreadable files")
        assert app.screen is editor and "1.1.yaml:" in str(editor.unreadable_bar.render())
        assert not app.screen.query(AnswerEditor)  # 1.1.1 is shown read-only with the error
        await go_to_section(pilot, "1.2.1")
        app.screen.query_one(AnswerEditor).focus()
        await pilot.press(*"Innovation")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert (new_report / "1.1.yaml").read_text(encoding="utf-8") == "1.1.1:\n  svar: [trasig\n"
    assert Report.load(new_report).text("1.2.1") == "Innovation"


async def test_quit_flushes_immediately(new_report: Path) -> None:
    app = _app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Sista orden")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert Report.load(new_report).text("1.1.1") == "Sista orden"


async def test_done_mark_and_progress(new_report: Path) -> None:
    app = _app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Klart svar", "ctrl+t")
        await _all_saved(pilot, app)
        status = str(app.screen.query_one("#status").render())
        assert "Besvarade 1 av 34" in status and "klara 1" in status
    assert Report.load(new_report).is_done("1.1.1")


async def test_reopens_where_the_writer_left_off(new_report: Path) -> None:
    app = _app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to_section(pilot, "3.2")
        await pilot.press("ctrl+q")
    app = _app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.editor is not None and app.editor.current.id == "3.2"
        assert isinstance(app.focused, AnswerEditor)


async def test_start_screen_creates_a_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = AterrapportApp(None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        app.screen.query_one("#region", Select).value = "Region Gotland"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.editor is not None
    folder = tmp_path / "gotland-2025"
    assert (folder / "rapport.yaml").exists()
    assert present(Report.load(folder).head).region == "Region Gotland"


async def test_lazy_open_reads_the_rest_after_the_first_screen(sample_2019: Path) -> None:
    """`aterrapport edit` reads only the starting section's file before the first screen."""
    session = EditorSession.open(sample_2019, lazy=True)
    assert not session.report.fully_loaded
    assert session.report.text("1.1.1").startswith("Under året har framtagandet")
    app = AterrapportApp(sample_2019, session=session)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: session.report.fully_loaded, "the rest of the files")
        await settle(pilot)
        assert session.report.fully_loaded
        assert len(session.report.rows("1.2.1")) == 5
        status = str(app.screen.query_one("#status").render())
        assert "Besvarade 34 av 34" in status
        await go_to_section(pilot, "1.2.1")
        assert app.screen.query_one(InsatsTable).row_count == 5
    assert all(not doc.dirty for doc in session.report.documents())


async def test_preview_shows_the_section_as_exported(sample_2019: Path) -> None:
    from tui.app.screens.preview import PreviewScreen

    app = _app(sample_2019)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to_section(pilot, "1.2.1")
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, PreviewScreen)
        assert app.screen.markdown.startswith("### 1.2.1 Innovation")
        assert "Kartläggning av riskvillig finansiering" in app.screen.markdown
        assert "Höjd innovationskraft" in app.screen.markdown


async def test_an_empty_section_cannot_be_marked_klar(new_report: Path) -> None:
    app = _app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert any("obesvarat och kan inte markeras som klart" in n.message for n in app._notifications)
        await pilot.press("ctrl+q")
    assert not Report.load(new_report).is_done("1.1.1")
