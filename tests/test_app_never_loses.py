"""Issue 9, the app layer: no path through the app drops what the writer typed.

Each test drives the real app through Pilot and waits for conditions, not fixed sleeps.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from app_helpers import go_to_section
from textual.pilot import Pilot

from tui.app.app import AterrapportApp
from tui.app.screens import editor as editor_module
from tui.app.screens.dialogs import ChoiceDialog
from tui.app.screens.editor import EditorScreen
from tui.app.screens.row_form import RowForm
from tui.app.screens.versions import HistoryScreen
from tui.app.session import EditorSession
from tui.app.widgets.answer_editor import AnswerEditor
from tui.app.widgets.change_bar import ChangeBar
from tui.app.widgets.insats_table import InsatsTable
from tui.core.report import Report
from tui.core.statedir import state_dir

SIZE = (100, 30)


def _app(folder: Path) -> AterrapportApp:
    return AterrapportApp(folder, session=EditorSession.open(folder))


async def _until(pilot: Pilot[None], condition: Callable[[], object], what: str, limit: float = 15.0) -> None:
    """Wait for a condition (the poll, the save worker), never a fixed time."""
    waited = 0.0
    while not condition():
        assert waited < limit, f"timed out waiting for {what}"
        await pilot.pause(0.05)
        waited += 0.05


def _editor(app: AterrapportApp) -> EditorScreen:
    assert app.editor is not None
    return app.editor


# -- defect 3: the row form ----------------------------------------------------------------------

async def _open_form(pilot: Pilot[None], app: AterrapportApp) -> RowForm:
    await go_to_section(pilot, "1.2.1")
    app.screen.query_one(InsatsTable).focus()
    await pilot.press("a")
    await _until(pilot, lambda: isinstance(app.screen, RowForm), "the row form")
    assert isinstance(app.screen, RowForm)
    return app.screen


async def test_quit_with_the_row_form_open_saves_the_row(new_report: Path) -> None:
    app = _app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _open_form(pilot, app)
        await pilot.press(*"Smart industri", "tab", *"Bidrar till RUS")
        await pilot.press("ctrl+q")
        await pilot.pause()
    rows = Report.load(new_report).rows("1.2.1")
    assert [(r["namn"], r["bidrag_till_mal"]) for r in rows] == [("Smart industri", "Bidrar till RUS")]


async def test_escape_on_a_changed_form_asks_and_saves_by_default(new_report: Path) -> None:
    app = _app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _open_form(pilot, app)
        await pilot.press(*"Besöksnäring")
        await pilot.press("escape")
        await _until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the question")
        assert isinstance(app.screen, ChoiceDialog) and app.screen.title_text == "Spara raden?"
        await pilot.press("enter")  # the default: save
        await _until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        assert app.screen.query_one(InsatsTable).row_count == 1
        # Esc on an unchanged form closes at once; "Släng" discards only after the question.
        await pilot.press("a")
        await _until(pilot, lambda: isinstance(app.screen, RowForm), "the row form")
        await pilot.press("escape")
        await _until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        await pilot.press("a")
        await _until(pilot, lambda: isinstance(app.screen, RowForm), "the row form")
        await pilot.press(*"Slängs")
        await pilot.press("escape")
        await _until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the question")
        await pilot.click("#slang")
        await _until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        await pilot.press("ctrl+q")
    assert [r["namn"] for r in Report.load(new_report).rows("1.2.1")] == ["Besöksnäring"]


# -- defect 4: an outside change never takes keystrokes ------------------------------------------

async def test_outside_change_shows_a_bar_and_typing_goes_on(new_report: Path) -> None:
    app = _app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = _editor(app)
        await pilot.press(*"Början och slutet")
        await _until(pilot, lambda: not editor.session.unsaved, "the autosave")
        await pilot.press(*(["left"] * 6))  # the cursor mid-sentence, before "slutet"
        path = new_report / "1.1.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "1.1.2:\n  svar: ''", "1.1.2:\n  svar: Kollegans svar."), encoding="utf-8")
        await _until(pilot, lambda: editor.changes.pending, "the poll to notice")
        assert isinstance(app.screen, EditorScreen)  # no modal
        assert app.screen.query_one(ChangeBar).display
        field = app.focused
        assert isinstance(field, AnswerEditor)
        await pilot.press(*"mitten ", "space")  # a space no longer presses a button
        assert field.text == "Början och mitten  slutet"
        await pilot.press("ctrl+s")  # saving waits for the choice, and says so
        assert any("Välj först F8" in n.message for n in app._notifications)
        selection = field.selection
        await pilot.press("f8")  # läs in
        await _until(pilot, lambda: not editor.changes.pending, "the choice")
        await pilot.pause()
        # Focus and cursor are back exactly where they were: typing goes on in place.
        again = app.focused
        assert isinstance(again, AnswerEditor) and again.key == "svar" and again.section_id == "1.1.1"
        assert again.selection == selection
        await pilot.press("x")
        assert again.text == "Början och mitten  xslutet"
        assert not app.screen.query_one(ChangeBar).display
        await pilot.press("ctrl+q")
    report = Report.load(new_report)
    assert report.text("1.1.1") == "Början och mitten  xslutet"
    assert report.text("1.1.2") == "Kollegans svar."


async def test_quit_while_the_bar_is_shown_asks_and_keeps_both(new_report: Path) -> None:
    app = _app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = _editor(app)
        await pilot.press(*"Mitt svar")
        path = new_report / "1.1.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("1.1.1:\n  svar: ''", "1.1.1:\n  svar: Deras."),
                        encoding="utf-8")
        await _until(pilot, lambda: editor.changes.pending, "the bar")
        await pilot.press("ctrl+q")
        await _until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the quit question")
        await pilot.press("enter")  # default: läs in, mine to a backup
        await pilot.pause()
    assert Report.load(new_report).text("1.1.1") == "Deras."
    backups = list((state_dir() / "sakerhetskopior").rglob("1.1.mina-andringar.*"))
    assert len(backups) == 1 and "Mitt svar" in backups[0].read_text(encoding="utf-8")


# -- defects 5 and 6: a file that goes away, and getting the text back -----------------------------

@pytest.mark.parametrize("replace", [
    pytest.param(lambda p: p.unlink(), id="deleted"),
    pytest.param(lambda p: p.write_text("", encoding="utf-8"), id="emptied"),
    pytest.param(lambda p: p.write_text("- en lista\n- inte avsnitt\n", encoding="utf-8"), id="not-a-mapping"),
])
async def test_file_gone_under_unsaved_text_backs_it_up_and_it_can_be_restored(
        new_report: Path, replace: Callable[[Path], None]) -> None:
    app = _app(new_report)
    present_session = app.session
    assert present_session is not None
    present_session.clock = lambda: 0.0  # the debounce never ends: the text stays unsaved, however slow the machine
    typed = "Text som bara finns i appen"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = _editor(app)
        await pilot.press(*typed)
        replace(new_report / "1.1.yaml")  # before the autosave: the text is unsaved
        await _until(pilot, lambda: editor.changes.pending, "the bar")
        await pilot.press("f8")  # läs in: the file as it is now
        await _until(pilot, lambda: not editor.changes.pending, "the choice")
        backups = list((state_dir() / "sakerhetskopior").rglob("1.1.mina-andringar.*"))
        assert len(backups) == 1 and typed in backups[0].read_text(encoding="utf-8")
        assert any(str(backups[0]) in n.message for n in app._notifications), "the app says where"
        # Defect 6: F3 lists the backup beside the versions; "ta tillbaka" restores it.
        await pilot.press("f3")
        await _until(pilot, lambda: isinstance(app.screen, HistoryScreen), "the history")
        app.screen.query_one("#backups").focus()
        await pilot.press("enter")
        await _until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the question")
        await pilot.press("enter")  # "Ta tillbaka"
        await _until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        await pilot.pause()
        assert app.screen.query_one(AnswerEditor).text == typed
        await pilot.press("ctrl+q")
    assert Report.load(new_report).text("1.1.1") == typed


async def test_typing_after_the_file_was_deleted_is_backed_up_even_when_it_changes_no_answer(
        new_report: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Walk seed 297326: saved text, the file deleted outside the app, then an Enter typed at the
    end (the answer's canonical text stays the same, so nothing is unsaved): Läs in (F8) must
    still back up what the app shows, or the text is gone with the file."""
    monkeypatch.setattr(editor_module, "POLL_SECONDS", 0.3)
    app = _app(new_report)
    typed = "Sparad text som en kollega raderar"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = _editor(app)
        await pilot.press(*typed)
        await pilot.press("ctrl+s")
        await _until(pilot, lambda: not editor.session.unsaved, "the save")
        (new_report / "1.1.yaml").unlink()
        await pilot.press("enter")
        await _until(pilot, lambda: editor.changes.pending, "the bar")
        await pilot.press("f8")  # läs in: the file is gone
        await _until(pilot, lambda: not editor.changes.pending, "the choice")
        backups = list((state_dir() / "sakerhetskopior").rglob("1.1.mina-andringar.*"))
        assert len(backups) == 1 and typed in backups[0].read_text(encoding="utf-8")
        assert any(str(backups[0]) in n.message for n in app._notifications), "the app says where"
        await pilot.press("ctrl+q")


# -- defect 10: an unexpected error ---------------------------------------------------------------

async def test_unexpected_error_is_swedish_names_the_details_and_keeps_the_text(
        new_report: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: EditorScreen) -> None:
        raise RuntimeError("ett fel som ingen skrivit ned")

    monkeypatch.setattr(EditorScreen, "action_preview", broken)
    app = _app(new_report)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press(*"Osparad mening")
            await pilot.press("f4")
            await pilot.pause()
    assert app.return_code == 1
    message = app.crash_message or ""
    assert message.startswith("återrapport stängdes av ett oväntat fel.")
    assert "Det du skrivit är sparat i rapporten." in message
    details = next((state_dir() / "fel").glob("fel-*.txt"))
    assert str(details) in message
    assert "ett fel som ingen skrivit ned" in details.read_text(encoding="utf-8")
    assert "Traceback" not in message
    assert Report.load(new_report).text("1.1.1") == "Osparad mening"


async def test_quit_with_form_open_and_a_change_pending_then_cancelled(new_report: Path) -> None:
    """Ctrl+Q saves the open form as its row; a pending outside change asks first, and if the
    writer cancels that question the row is in the table, not lost with a form left behind."""
    app = _app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = _editor(app)
        await _open_form(pilot, app)
        path = new_report / "1.2.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("1.2.2:\n  svar: ''", "1.2.2:\n  svar: Deras."),
                        encoding="utf-8")
        editor.changes.notice([path])  # as the poll would, while the form is open
        await pilot.press(*"Klusterprogram")
        await pilot.press("ctrl+q")
        await _until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the quit question")
        await pilot.press("escape")  # not now
        await _until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        assert app.screen.query_one(InsatsTable).row_count == 1
        await pilot.press("f8")
        await _until(pilot, lambda: not editor.changes.pending, "the choice")
        await pilot.press("ctrl+q")
        await pilot.pause()
    report = Report.load(new_report)
    assert [r["namn"] for r in report.rows("1.2.1")] == ["Klusterprogram"]
    assert report.text("1.2.2") == "Deras."
