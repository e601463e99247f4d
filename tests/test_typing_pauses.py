"""No collector pauses while typing: once the report is read, what the app keeps is frozen out
of the garbage collector's full passes (each walked it all: ~80 ms with a 10,000-word answer,
see benchmarks/keystroke.py), the full passes wait for the writer's pauses, and everything is
given back to the collector when the editor goes. The word count in the answer's border
follows the typing in the keystrokes' own repaints, never one of its own between two keys. And
Rich makes the rows' Text without a pass over every character (tui/app/rich_text.py)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
import rich.control
import rich.text
from app_helpers import open_app, settle, wait_until
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.app import rich_text
from tui.app.collector import LONGEST_SECONDS, PAUSE_SECONDS, YOUNG_PASSES, PausedCollections
from tui.app.widgets.answer_editor import AnswerEditor
from tui.core.report import Report
from tui.core.text import word_count


@pytest.fixture
def collector_as_it_was() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.set_threshold(*thresholds)
    gc.unfreeze()


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _second_generation_passes(count: int) -> None:
    for _ in range(count):
        gc.collect(1)  # each counts as a pass of the second generation, as the automatic ones do


def test_full_passes_wait_for_a_pause(collector_as_it_was: None) -> None:
    clock = Clock()
    collections = PausedCollections(clock)
    before = gc.get_threshold()
    collections.start()
    assert gc.get_threshold()[:2] == before[:2] and gc.get_threshold()[2] > 10**6  # no automatic full pass
    assert gc.get_freeze_count() > 0
    _second_generation_passes(YOUNG_PASSES)
    assert not collections.tick(last_key=clock.now)  # typing: it waits
    clock.now += PAUSE_SECONDS / 2
    assert not collections.tick(last_key=clock.now - 0.1)
    clock.now += PAUSE_SECONDS
    assert collections.tick(last_key=clock.now - PAUSE_SECONDS)  # a pause: collected
    assert gc.get_count()[2] == 0
    assert not collections.tick(last_key=None)  # nothing due
    collections.stop()
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_a_writer_who_never_pauses_gets_a_full_pass_all_the_same(collector_as_it_was: None) -> None:
    clock = Clock()
    collections = PausedCollections(clock)
    collections.start()
    _second_generation_passes(YOUNG_PASSES)
    clock.now += LONGEST_SECONDS - 1
    assert not collections.tick(last_key=clock.now)
    clock.now += 1
    assert collections.tick(last_key=clock.now)
    assert collections.full_passes == 1
    collections.stop()


async def test_what_the_app_keeps_is_frozen_while_it_runs(new_report: Path) -> None:
    gc.unfreeze()
    before = gc.get_threshold()
    app = open_app(new_report)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: gc.get_freeze_count() > 0, "the report read and frozen")
        editor = app.editor
        assert editor is not None and editor.report.fully_loaded
        assert gc.get_threshold()[2] > 10**6
        await pilot.press(*"Text")
        _second_generation_passes(YOUNG_PASSES)
        await wait_until(pilot, lambda: editor.collections.full_passes > 0, "a full pass once the writer pauses")
        await pilot.press("ctrl+q")
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold()[1:] == before[1:]  # (the young generation's is tui/startup.py's)


async def test_the_word_count_follows_the_typing(new_report: Path) -> None:
    app = open_app(new_report)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.focused, AnswerEditor), "the answer has the focus")
        answer = app.focused
        assert isinstance(answer, AnswerEditor)

        def shown() -> str:
            return str(answer.border_subtitle)

        assert shown() == "0 ord"
        await pilot.press(*"Ett två tre fyra fem")
        await wait_until(pilot, lambda: shown() == "5 ord", f"the count after typing ({shown()})")
        await pilot.press("ctrl+z")  # an undo is no edit(): the count follows all the same
        await wait_until(pilot, lambda: answer.text != "Ett två tre fyra fem"
                         and shown() == f"{word_count(answer.text)} ord", f"the count after undo ({shown()})")
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert Report.load(new_report).text("1.1.1") == answer.text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", "å", " ", "\n", "\t", "\r", "\x07", "\x08", "\x0b", "\x0c",
                                         "\x1b", "\x00", "\x85", "\u2028", "😀"]), max_size=40))
def test_rich_text_strips_control_codes_as_rich_does(text: str) -> None:
    assert rich_text.strip_control_codes(text) == rich.control.strip_control_codes(text)
    assert rich.text.Text(text).plain == rich.text.Text(rich.control.strip_control_codes(text)).plain


def test_the_app_makes_rich_text_without_the_pass() -> None:
    import tui.app.app  # noqa: F401  (installs it)

    assert rich.text.strip_control_codes is rich_text.strip_control_codes
    assert rich.text.Text("ett\rtvå\x07").plain == "etttvå"
