"""Issue 10 in the app: help (F1), search (Ctrl+F, F3), driven with Pilot on real reports."""

from __future__ import annotations

import io
from pathlib import Path

from app_helpers import as_a
from present import present
from rich.console import Console
from textual.binding import Binding
from textual.widgets import Input, OptionList, Static

from tui.app.app import AterrapportApp
from tui.app.screens.editor import EditorScreen
from tui.app.screens.help import HelpScreen
from tui.app.screens.search import SearchScreen
from tui.app.session import EditorSession
from tui.app.widgets.answer_editor import AnswerEditor
from tui.app.widgets.insats_table import InsatsTable
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
        present(app.editor).go_to("1.2.1")
        await pilot.pause()
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


async def test_deleted_insats_comes_back_with_ctrl_z(new_report: Path) -> None:
    from tui.app.screens.dialogs import ChoiceDialog
    from tui.core.report import Report

    app = _app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        present(app.editor).go_to("1.4.3")
        await pilot.pause()
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
        assert any("Ctrl+Z i tabellen ångrar" in n.message for n in app._notifications)
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
