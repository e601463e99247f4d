"""Issue 10 in the app: help (F1), search (Ctrl+F, F3), driven with Pilot on real reports."""

from __future__ import annotations

import io
from pathlib import Path

from app_helpers import as_a, go_to_section, wait_until
from present import present
from rich.console import Console
from textual.binding import Binding
from textual.widgets import Button, Input, OptionList, Static

from tui.app.app import AterrapportApp
from tui.app.screens.dialogs import ChoiceDialog
from tui.app.screens.editor import EditorScreen
from tui.app.screens.help import HelpScreen
from tui.app.screens.search import SearchScreen
from tui.app.session import EditorSession
from tui.app.widgets.answer_editor import AnswerEditor
from tui.app.widgets.insats_table import InsatsTable
from tui.app.widgets.key_bar import KeyBar
from tui.core.search import fold

SIZE = (120, 40)


def _app(folder: Path) -> AterrapportApp:
    return AterrapportApp(folder, session=EditorSession.open(folder))


def _help_rows(screen: HelpScreen) -> dict[str, str]:
    """Each key shown (a row may show several, "Esc / Ctrl+R") with its description."""
    return {key: k.description for k in screen.keys for key in k.keys.split(" / ")}


async def test_help_lists_the_keys_of_where_the_writer_is(sample_2019: Path) -> None:
    app = _app(sample_2019)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, AnswerEditor)
        await pilot.press("f1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        rows = _help_rows(screen)
        # Every key the editor screen binds, from its own BINDINGS (one source) …
        editor_bindings = {b.key for b in EditorScreen.BINDINGS if isinstance(b, Binding)}
        assert {"ctrl+n", "f4", "f5", "f6"} <= editor_bindings
        assert rows["Ctrl+N"] == "Nästa" and rows["F5"] == "Kontroll" and rows["Ctrl+F"] == "Sök i hela rapporten"
        assert rows["Ctrl+Z"] == "Ångra"  # … and the text field's own keys, in Swedish
        assert rows["Ctrl+W"] == rows["Alt+Backspace"] == "Ta bort ordet till vänster"
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(screen.query_one("#help-markdown", Static).content)
        body = console.export_text()
        assert "Skriva i svaren (Markdown)" in body and "nytt stycke" in body
        await pilot.press("f1")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        # In the insats table, the table's keys appear.
        await go_to_section(pilot, "1.2.1")
        app.screen.query_one(InsatsTable).focus()
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        rows = _help_rows(as_a(HelpScreen, app.screen))
        assert rows["A"] == rows["Insert"] == "Lägg till" and rows["Delete"] == "Ta bort"
        await pilot.press("escape")


async def test_search_jumps_to_the_hit_and_f3_goes_on(sample_2019: Path) -> None:
    app = _app(sample_2019)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"hallbar")
        await pilot.pause()
        assert screen.hits and len(screen.hits) > 3
        count = str(screen.query_one("#search-count", Static).render())
        assert count.startswith(f"{len(screen.hits)} träffar i ")
        hits = screen.hits
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        first = hits[0]
        editor = app.editor
        assert editor is not None and editor.current.id == first.place.section
        focused = app.focused
        assert isinstance(focused, AnswerEditor)
        assert fold(focused.selected_text) == "hallbar"
        assert focused.selection.start == (first.line, first.column)
        await pilot.press("f3")
        await pilot.pause()
        await pilot.pause()
        second = hits[1]
        assert editor.current.id == second.place.section
        assert as_a(AnswerEditor, app.focused).selection.start == (second.line, second.column)
        await pilot.press("shift+f3")
        await pilot.pause()
        await pilot.pause()
        assert as_a(AnswerEditor, app.focused).selection.start == (first.line, first.column)
        # Ctrl+F again remembers the query; ↓ and Enter choose from the list.
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "hallbar"
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        await pilot.pause()
        assert as_a(AnswerEditor, app.focused).selection.start == (second.line, second.column)


async def test_f3_after_an_edit_selects_the_word_not_where_it_was(sample_2019: Path) -> None:
    """The hits are searched again from the cursor: once the writer typed over the first hit,
    F3 selected the characters where the second one had been ("x t"), and typing replaced them."""
    app = _app(sample_2019)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.focused, AnswerEditor) and app.screen is app.editor,
                         "the editor's answer")
        area = as_a(AnswerEditor, app.focused)
        area.clear()
        await pilot.press(*"ett qzx tva qzx tre qzx")
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press(*"qzx", "enter")
        await wait_until(pilot, lambda: area.selected_text == "qzx", "the first hit selected")
        assert area.selection.start == (0, 4)
        await pilot.press("X", "f3")
        await wait_until(pilot, lambda: area.selection.start != area.selection.end, "the next hit selected")
        assert area.text == "ett X tva qzx tre qzx"
        assert (area.selected_text, area.selection.start) == ("qzx", (0, 10))
        await pilot.press("f3")
        await wait_until(pilot, lambda: area.selection.start == (0, 18), "the third hit")
        await pilot.press("f3")  # round the report's end: the first one left
        await wait_until(pilot, lambda: area.selection.start == (0, 10), "round to the first")
        await pilot.press("Y")  # typed over: no hit before the cursor now, one after it
        await pilot.press("shift+f3")
        await wait_until(pilot, lambda: area.selection.start == (0, 16), "back round to the last")
        assert (area.text, area.selected_text) == ("ett X tva Y tre qzx", "qzx")


async def test_search_finds_table_cells_and_nothing(sample_2019: Path) -> None:
    app = _app(sample_2019)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press(*"riskvillig finansiering")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        cell = next(i for i, h in enumerate(screen.hits) if h.place.row is not None)
        screen.dismiss(cell)
        await pilot.pause()
        await pilot.pause()
        table = app.focused
        assert isinstance(table, InsatsTable) and table.highlighted == screen.hits[cell].place.row
        await pilot.press("ctrl+f")
        await pilot.pause()
        app.screen.query_one(Input).value = "qqqxyz"
        await pilot.pause()
        assert str(app.screen.query_one("#search-count", Static).render()) == "Inga träffar."
        assert app.screen.query_one(OptionList).option_count == 0
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.editor


async def test_f3_without_search_is_still_history(sample_2019: Path) -> None:
    app = _app(sample_2019)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        # No search yet: F3 is the section's history, as before.
        from tui.app.screens.versions import HistoryScreen

        assert isinstance(app.screen, HistoryScreen)


def _undo_notice(app: AterrapportApp) -> str:
    bar = present(app.editor).undo_bar
    return str(bar.query_one("#undo-message", Static).render()) if bar.shown else ""


def _footer(app: AterrapportApp) -> str:
    return str(app.screen.query_one(KeyBar).render())


async def test_the_notice_after_deleting_a_row_undoes_it_with_all_its_cells(sample_2019: Path) -> None:
    """Issue 10.6: the bar after deleting names the row and Ctrl+Z, the footer shows Ctrl+Z while
    a row can come back (80×24 too), and *Ångra* puts the row back at its place, cells and file."""
    from tui.core.report import Report

    path = sample_2019 / "1.2.yaml"
    before_file = path.read_bytes()
    before_rows = Report.load(sample_2019).rows("1.2.1", "insatser")
    app = _app(sample_2019)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        editor = present(app.editor)
        await go_to_section(pilot, "1.2.1")
        table = app.screen.query_one(InsatsTable)
        table.focus()
        await pilot.pause()
        assert "Ångra" not in _footer(app) and not editor.undo_bar.shown
        for index in (2, 0):  # two rows, the later one first
            table.highlighted = index
            await pilot.press("delete")
            await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the question")
            await pilot.click("#ja")
            await wait_until(pilot, lambda: editor.undo_bar.shown, "the notice")
        notice = _undo_notice(app)
        assert f"Rad 1 togs bort: «{before_rows[0]['namn'][:20]}" in notice
        assert str(app.screen.query_one("#angra_rad", Button).label) == "Ctrl+Z Ångra"
        assert "z Ångra borttagning" in _footer(app)  # at 80 columns, before the table's other keys
        assert app.focused is table  # the key named in the notice works right away
        await wait_until(pilot, lambda: len(Report.load(sample_2019).rows("1.2.1", "insatser")) == len(
            before_rows) - 2, "the autosave of the deletions")
        # The bar's button brings back the last one deleted; the bar then offers the one before.
        await pilot.click("#angra_rad")
        await pilot.pause()
        assert f"Rad 3 togs bort: «{before_rows[2]['namn'][:20]}" in _undo_notice(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not editor.undo_bar.shown and "Ångra" not in _footer(app)
        await pilot.press("ctrl+z")  # nothing left: says so, changes nothing
        await pilot.pause()
        assert any("Ingen borttagen rad" in n.message for n in app._notifications)
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        assert _help_rows(as_a(HelpScreen, app.screen))["Ctrl+Z"] == "Ångra borttagning"
        await pilot.press("escape")
        assert editor.report.rows("1.2.1", "insatser") == before_rows
        assert table.highlighted == 2
        await wait_until(pilot, lambda: path.read_bytes() == before_file,  # every cell in its place
                         "the file as it was, byte for byte")
        await pilot.press("ctrl+q")


async def test_deleted_insats_comes_back_with_ctrl_z(new_report: Path) -> None:
    from tui.app.screens.dialogs import ChoiceDialog
    from tui.core.report import Report

    app = _app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to_section(pilot, "1.4.3")
        table = app.screen.query_one(InsatsTable)
        table.focus()
        for name in ("Kompetensplattform", "Validering", "Yrkesvux"):
            await pilot.press("a")
            await pilot.pause()
            await pilot.press(*name, "ctrl+s")
            await pilot.pause()
        table.highlighted = 1
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click("#ja")
        await pilot.pause()
        names = [r["namn"] for r in present(app.editor).report.rows("1.4.3")]
        assert names == ["Kompetensplattform", "Yrkesvux"]
        # The notice is the undo bar now (issue 10.6: *Ångra* in the notice), not a toast; its button names Ctrl+Z.
        assert "Rad 2 togs bort" in _undo_notice(app)
        assert "Ctrl+Z" in str(app.screen.query_one("#angra_rad", Button).label)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [r["namn"] for r in present(app.editor).report.rows("1.4.3")] == [
            "Kompetensplattform", "Validering", "Yrkesvux"]
        assert table.highlighted == 1
        await pilot.press("ctrl+z")  # nothing more to undo
        await pilot.pause()
        assert any("Ingen borttagen rad" in n.message for n in app._notifications)
        await pilot.press("ctrl+q")
    saved = [r["namn"] for r in Report.load(new_report).rows("1.4.3")]
    assert saved == ["Kompetensplattform", "Validering", "Yrkesvux"]


async def test_palette_reaches_the_writer_tools(sample_2019: Path) -> None:
    app = _app(sample_2019)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for query, screen_type in (("Sök i rapporten", SearchScreen), ("Hjälp", HelpScreen)):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*query)
            await pilot.pause(0.5)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, screen_type), query
            await pilot.press("escape")
            await pilot.pause()
