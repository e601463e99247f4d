"""Snapshots of the main screens at 80×24 and 120×40 (pytest-textual-snapshot).

Update them after an intended change with `pytest tests/test_snapshots.py --snapshot-update`
and look at the SVGs before committing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from app_helpers import go_to_section, wait_until
from present import present
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tui.app.app import AterrapportApp
from tui.app.screens.row_form import RowForm
from tui.app.session import EditorSession
from tui.app.widgets.answer_editor import AnswerEditor

# The snap_compare fixture: the app (or its file), then snapshot options; True when it matches.
SnapCompare = Callable[..., bool]
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.fixture(autouse=True)
def _no_spell_marks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The spell marks arrive from a worker thread; these screens are shot without them
    (tests/test_snapshots_writer.py waits for them where they are the subject)."""
    monkeypatch.setenv("ATERRAPPORT_STAVNING", "av")


def _app(folder: Path) -> AterrapportApp:
    return AterrapportApp(folder, session=EditorSession.open(folder))


async def _steady(pilot: Pilot[None]) -> None:
    """Wait for the focus the screen gives itself (after a refresh) and the word counts, and stop
    the cursors blinking: on a loaded machine the 0.5 s blink made the picture depend on timing."""
    await wait_until(pilot, lambda: pilot.app.screen.focused is not None, "focus")
    # The word count follows typing a few times a second and settles on the editor's next tick
    # after the last key; a picture taken before that tick showed "1 ord" for "Mitt svar".
    counts = list(pilot.app.screen.query(AnswerEditor))
    await wait_until(pilot, lambda: all(area.border_subtitle == area.word_caption for area in counts),
                     "the word counts")
    for widget in pilot.app.screen.query("TextArea, Input"):
        if isinstance(widget, (TextArea, Input)):
            widget.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_start_screen(snap_compare: SnapCompare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                      size: tuple[int, int]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("tui.app.screens.start.default_year", lambda: 2019)
    assert snap_compare(AterrapportApp(None), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_text_section(snap_compare: SnapCompare, sample_2019: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await _steady(pilot)

    assert snap_compare(_app(sample_2019), terminal_size=size, run_before=run_before)


async def _go(pilot: Pilot[None], section_id: str, focus: str | None = None) -> None:
    await pilot.pause()
    assert isinstance(pilot.app, AterrapportApp)
    await go_to_section(pilot, section_id)
    if focus:
        pilot.app.screen.query_one(focus).focus()
        await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_table_section(snap_compare: SnapCompare, sample_2019: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _go(pilot, "1.2.1", "InsatsTable")
        await _steady(pilot)

    assert snap_compare(_app(sample_2019), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_row_form(snap_compare: SnapCompare, sample_2019: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _go(pilot, "1.2.1", "InsatsTable")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, RowForm), "the row form")
        await _steady(pilot)

    assert snap_compare(_app(sample_2019), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_validation_panel(snap_compare: SnapCompare, new_report: Path, size: tuple[int, int]) -> None:
    rows = "".join(f"    - namn: Insats {i}\n" for i in range(1, 8))
    (new_report / "1.2.yaml").write_text(f"1.2.1:\n  svar: Innovation\n  insatser:\n{rows}", encoding="utf-8")

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        await _steady(pilot)

    assert snap_compare(_app(new_report), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_start_screen_error(snap_compare: SnapCompare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                            size: tuple[int, int]) -> None:
    """Issue 9: the error is in view at 80×24 (it was below the fold)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("tui.app.screens.start.default_year", lambda: 2019)
    assert snap_compare(AterrapportApp(None), terminal_size=size, press=["ctrl+s"])


@pytest.mark.parametrize("size", SIZES)
def test_change_bar(snap_compare: SnapCompare, new_report: Path, size: tuple[int, int]) -> None:
    """Issue 9: a file changed outside the app is a bar in the section, not a modal."""

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press(*"Mitt svar")
        path = new_report / "1.1.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("1.1.2:\n  svar: ''", "1.1.2:\n  svar: Deras."),
                        encoding="utf-8")
        assert isinstance(pilot.app, AterrapportApp)
        present(pilot.app.editor).changes.notice([path])
        await pilot.pause()
        await pilot.pause()  # the footer redraws after the bindings' update is published
        await _steady(pilot)

    assert snap_compare(_app(new_report), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_unreadable_bar(snap_compare: SnapCompare, new_report: Path, size: tuple[int, int]) -> None:
    """A file that cannot be read is named in a bar above the section, not a modal; the cursor
    stays in the answer."""
    (new_report / "1.2.yaml").write_text("1.2.1:\n  svar: [trasig\n", encoding="utf-8")

    async def run_before(pilot: Pilot[None]) -> None:
        assert isinstance(pilot.app, AterrapportApp)
        editor = present(pilot.app.editor)
        await wait_until(pilot, lambda: editor.unreadable_bar.display, "the bar")
        await pilot.press(*"Mitt svar")
        await _steady(pilot)

    assert snap_compare(_app(new_report), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_history_with_backup(snap_compare: SnapCompare, new_report: Path, size: tuple[int, int]) -> None:
    """Issue 9: F3 lists the backups the app kept, with "ta tillbaka"."""
    from tui.core.statedir import state_dir

    folder = state_dir() / "sakerhetskopior" / new_report.name
    folder.mkdir(parents=True)
    (folder / "1.1.mina-andringar.20260301-101500-000000.yaml").write_text(
        "1.1.1:\n  svar: Texten som krockade med en kollegas ändring.\n", encoding="utf-8")

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()

    assert snap_compare(_app(new_report), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_row_form_asks_before_dropping(snap_compare: SnapCompare, new_report: Path, size: tuple[int, int]) -> None:
    """Issue 9: Esc on a changed row form asks, with saving as the default."""

    async def run_before(pilot: Pilot[None]) -> None:
        await _go(pilot, "1.2.1", "InsatsTable")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Ny insats", "escape")
        await pilot.pause()

    assert snap_compare(_app(new_report), terminal_size=size, run_before=run_before)
