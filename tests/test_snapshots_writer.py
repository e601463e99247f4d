"""Snapshots of the writer's tools (issue 10): help (F1), search (Ctrl+F) and spell check (F7),
at 80×24 and 120×40. Update with `pytest tests/test_snapshots_writer.py --snapshot-update`."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from app_helpers import go_to_section, settle, wait_until
from present import present
from textual.pilot import Pilot

from tui.app.app import AterrapportApp
from tui.app.screens.spelling import SpellScreen
from tui.app.session import EditorSession
from tui.app.widgets import status_bar
from tui.app.widgets.answer_editor import AnswerEditor
from tui.app.widgets.insats_table import InsatsTable

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def _app(folder: Path) -> AterrapportApp:
    return AterrapportApp(folder, session=EditorSession.open(folder))


async def _settle(pilot: Pilot[None]) -> None:
    """Wait for the speller and for every visible line's marks (workers), not for a fixed time."""
    app = pilot.app
    assert isinstance(app, AterrapportApp)
    for _ in range(200):
        await pilot.pause()
        await app.workers.wait_for_complete()
        areas = list(app.editor.query(AnswerEditor)) if app.editor else []
        if app.speller is not None and areas and all(not a._queued and not a._scheduled and a.lines_checked
                                                     for a in areas):
            await pilot.pause()
            return
    raise AssertionError("the spell marks never settled")


async def _go(pilot: Pilot[None], section_id: str) -> None:
    await pilot.pause()
    assert isinstance(pilot.app, AterrapportApp)
    present(pilot.app.editor).go_to(section_id)
    await _settle(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare: Callable[..., bool], sample_2019: Path, monkeypatch: pytest.MonkeyPatch,
                     size: tuple[int, int]) -> None:
    monkeypatch.setenv("ATERRAPPORT_STAVNING", "av")

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(_app(sample_2019), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_search_screen(snap_compare: Callable[..., bool], sample_2019: Path, monkeypatch: pytest.MonkeyPatch,
                       size: tuple[int, int]) -> None:
    monkeypatch.setenv("ATERRAPPORT_STAVNING", "av")

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press(*"hallbar")
        await pilot.pause()

    assert snap_compare(_app(sample_2019), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_spell_marks_and_list(snap_compare: Callable[..., bool], sample_2019: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _go(pilot, "1.1.5")
        await pilot.press("f7")
        await pilot.pause()
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, SpellScreen)
                         and not pilot.app.screen.waiting, "the suggestions (a worker)")
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(_app(sample_2019), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_spell_marks_in_the_answer(snap_compare: Callable[..., bool], sample_2019: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _go(pilot, "1.1.5")

    assert snap_compare(_app(sample_2019), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_undo_bar_after_deleting_a_row(snap_compare: Callable[..., bool], sample_2019: Path,
                                       monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]) -> None:
    """Issue 10.6: the notice with *Ångra* after deleting an insats, and Ctrl+Z in the footer."""
    monkeypatch.setenv("ATERRAPPORT_STAVNING", "av")

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        assert isinstance(pilot.app, AterrapportApp)
        editor = present(pilot.app.editor)
        await go_to_section(pilot, "1.2.1")
        table = pilot.app.screen.query_one(InsatsTable)
        table.focus()
        table.highlighted = 1
        await pilot.press("delete")
        await wait_until(pilot, lambda: pilot.app.screen.query("#ja"), "the question")
        await pilot.click("#ja")
        await wait_until(pilot, lambda: editor.undo_bar.shown, "the notice")
        await settle(pilot)

    # The deletion is saved: the status line's clock time is fixed for the picture.
    monkeypatch.setattr(status_bar, "time", SimpleNamespace(strftime=lambda _f, _t: "12:00:00",
                                                             localtime=time.localtime))
    assert snap_compare(_app(sample_2019), terminal_size=size, run_before=run_before)
