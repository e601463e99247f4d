"""App keys work whatever has focus (issue 9, defect 2), the footer keeps quit, help and F6 in
view at 80×24 (defect 11), and what Textual itself shows is Swedish (defect 10)."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import go_to_section
from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.widget import Widget

from tui.app import keys
from tui.app.app import AterrapportApp
from tui.app.screens.editor import EditorScreen
from tui.app.screens.problems import ProblemsScreen
from tui.app.screens.row_form import RowForm
from tui.app.screens.start import StartScreen
from tui.app.screens.versions import SaveVersionDialog
from tui.app.session import EditorSession
from tui.app.widgets.answer_editor import AnswerEditor
from tui.app.widgets.insats_table import InsatsTable
from tui.app.widgets.key_bar import KeyBar
from tui.core.report import Report

SMALL = (80, 24)


def _app(folder: Path) -> AterrapportApp:
    return AterrapportApp(folder, session=EditorSession.open(folder))


def _taken() -> set[str]:
    return set(keys.app_keys()) | set(keys.RESERVED)


def _collisions(app: App[None]) -> dict[str, set[str]]:
    """Focusable widgets on the current screen whose own bindings use an app key."""
    found: dict[str, set[str]] = {}
    for widget in app.screen.query("*"):
        if not isinstance(widget, Widget) or not widget.can_focus:
            continue
        bound = set(type(widget)._merge_bindings().key_to_bindings)
        clash = bound & _taken()
        if clash:
            found.setdefault(type(widget).__name__, set()).update(clash)
    return found


def test_every_app_key_is_a_priority_binding() -> None:
    """Read from the real App and EditorScreen classes, so a key added elsewhere (issue 10's
    F1, Ctrl+F, F7, Ctrl+E) is held to the same rule and seen by the collision audit."""
    from tui.app.screens.editor import EditorScreen

    for cls in (AterrapportApp, EditorScreen):
        for key, bindings in cls._merge_bindings().key_to_bindings.items():
            for binding in bindings:
                if binding.id is None:
                    continue  # Textual's own (Tab, Ctrl+C), not an app key
                assert binding.priority, f"{key} ({binding.action}) must be bound with priority=True"
                assert key in keys.app_keys(), f"{key} must be listed in tui/app/keys.py"


async def test_no_focusable_widget_shadows_an_app_key(new_report: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Computed from the real classes' bindings on every screen the app shows."""
    seen: set[str] = set()
    app = _app(new_report)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        editor = app.editor
        assert editor is not None
        for section_id in ("1.1.1", "1.1.4", "1.2.1"):  # answer, ja/nej, insats table
            await go_to_section(pilot, section_id)
            assert _collisions(app) == {}, section_id
            seen |= {type(w).__name__ for w in app.screen.query("*") if isinstance(w, Widget) and w.can_focus}
        app.screen.query_one(InsatsTable).focus()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, RowForm)
        assert _collisions(app) == {}
        seen |= {type(w).__name__ for w in app.screen.query("*") if isinstance(w, Widget) and w.can_focus}
        await pilot.press("escape")
        await pilot.pause()
        for screen in (SaveVersionDialog("Meddelande", Text("x"), "main"), ProblemsScreen([], new_report)):
            app.push_screen(screen)
            await pilot.pause()
            assert _collisions(app) == {}, type(screen).__name__
            seen |= {type(w).__name__ for w in app.screen.query("*") if isinstance(w, Widget) and w.can_focus}
            app.pop_screen()
            await pilot.pause()
    monkeypatch.chdir(tmp_path)
    app = AterrapportApp(None)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert _collisions(app) == {}
        seen |= {type(w).__name__ for w in app.screen.query("*") if isinstance(w, Widget) and w.can_focus}
    # The audit really covered every kind of field the writer can focus.
    # The row form's cells are MarkdownArea (a WriterTextArea that turns pasted Word lists into lists).
    assert {"AnswerEditor", "ChoiceSelect", "InsatsTable", "Outline", "MarkdownArea", "WriterInput",
            "Select", "Button", "OptionList"} <= seen


async def test_f6_and_f7_in_an_answer_never_select_the_text(new_report: Path) -> None:
    """F6 was TextArea's *select line*: the next keystroke replaced the paragraph."""
    app = _app(new_report)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, AnswerEditor)
        await pilot.press(*"Ett stycke", "enter", "enter", *"Andra")
        await pilot.press("home")
        await pilot.press("f6")  # the app's DOCX, made in a worker
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("Dokumentet finns i" in n.message for n in app._notifications)
        assert isinstance(app.focused, AnswerEditor)
        await pilot.press("f7")  # F7 is the spelling screen (issue 10); never select all
        await pilot.pause()
        if not isinstance(app.screen, EditorScreen):
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert app.focused.text == "Ett stycke\n\nxAndra"
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert Report.load(new_report).text("1.1.1") == "Ett stycke\n\nxAndra"


async def test_app_keys_work_from_every_field(new_report: Path) -> None:
    app = _app(new_report)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        editor = app.editor
        assert editor is not None
        for section_id, focus in (("1.1.1", "AnswerEditor"), ("1.1.4", "ChoiceSelect"), ("1.2.1", "InsatsTable"),
                                  ("1.2.1", "#outline")):
            await go_to_section(pilot, section_id)
            app.screen.query_one(focus).focus()
            await pilot.pause()
            await pilot.press("f4")
            await pilot.pause()
            assert type(app.screen).__name__ == "PreviewScreen", focus
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert editor.current.id != section_id, focus


async def test_footer_keeps_quit_help_and_f6_at_80_columns(new_report: Path) -> None:
    app = _app(new_report)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press(*"Skriver")
        await pilot.pause()
        line = str(app.screen.query_one(KeyBar).render())
        # Issue 10 bound F1 (help, which lists Ctrl+P): it takes the palette's place.
        assert line.startswith("^q Avsluta  F1 Hjälp"), line
        assert "F6 DOCX" in line and len(line) <= 80, line
        await go_to_section(pilot, "1.2.1")
        app.screen.query_one(InsatsTable).focus()
        await pilot.pause()
        line = str(app.screen.query_one(KeyBar).render())
        assert line.startswith("^q Avsluta  F1 Hjälp") and "a Lägg till" in line and "Delete Ta bort" in line
        assert "del " not in line and "shift" not in line


def _app_descriptions() -> set[str]:
    """Every footer label the app defines (its own bindings and the Swedish for Textual's)."""
    import importlib
    import pkgutil

    import tui.app
    from tui.app import swedish

    labels = {b.description for b in [keys.QUIT, keys.PALETTE, *keys.EDITOR] if isinstance(b, Binding)}
    for info in pkgutil.walk_packages(tui.app.__path__, "tui.app."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__:
                for binding in value.__dict__.get("BINDINGS", []):
                    if getattr(binding, "show", False):
                        labels.add(binding.description)
    for table in swedish.FOOTER_LABELS.values():
        labels |= set(table.values())
    return labels


async def test_footer_labels_are_swedish_everywhere(new_report: Path) -> None:
    """No English from Textual: every shown label is one the app wrote (e.g. the Select's
    "esc Dismiss menu" is "Esc Stäng listan")."""
    ours = _app_descriptions()
    app = _app(new_report)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()

        def shown() -> set[str]:
            return {b.binding.description for b in app.screen.active_bindings.values() if b.binding.show}

        states: list[set[str]] = [shown()]
        await go_to_section(pilot, "1.1.4")
        app.screen.query_one("ChoiceSelect").focus()
        await pilot.press("enter")  # the Select's list is open
        await pilot.pause()
        states.append(shown())
        assert "Stäng listan" in states[-1]
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        states.append(shown())
        await pilot.press(*"xyzzy")
        await pilot.pause(1.0)
        palette_text = " ".join(str(w.render()) for w in app.screen.query("CommandList"))
        assert "No matches" not in palette_text
        await pilot.press("escape")
        for labels in states:
            assert labels <= ours, labels - ours
        key_display = app.get_key_display(InsatsTable._merge_bindings().key_to_bindings["delete"][0])
        assert key_display == "Delete"


@pytest.mark.parametrize("start", ["1.2.3", "3.2", "4.4"])
async def test_tree_opens_with_the_current_part_in_view(new_report: Path, start: str) -> None:
    """At 80×24 the tree opened scrolled past "1" and "1.1" (defect 11)."""
    from tui.app import positions
    from tui.app.widgets.outline import Outline

    positions.remember_section(new_report, start)
    app = _app(new_report)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.pause()
        outline = app.screen.query_one(Outline)
        node = outline.cursor_node
        assert node is not None and node.data == start
        part = node
        while part.parent is not None and part.parent is not outline.root:
            part = part.parent
        top, height = round(outline.scroll_y), outline.scrollable_content_region.height
        assert top <= part.line and node.line < top + height, (top, part.line, node.line, height)


async def test_start_screen_error_is_in_view_at_80x24(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """"Välj region." was below the fold (defect 11)."""
    monkeypatch.chdir(tmp_path)
    app = AterrapportApp(None)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = app.screen.query_one("#start-error")
        assert "Välj region." in str(error.render())
        region = error.region
        assert region.height >= 1 and region.y >= 0 and region.y + region.height <= SMALL[1] - 1
