"""The writer's text fields keep painted screen rows by what they show (answer_editor.WriterTextArea),
not by position as Textual does: a seeded random walk of typing, deleting, Enter, cursor moves,
selections, scrolling, focus changes, resizes and spell marks arriving, checking after every step
that every visible row is what Textual's own painting gives for that row right now.

A failure prints its seed; replay with ATERRAPPORT_ROWS_SEED=<seed>, longer walks with
ATERRAPPORT_ROWS_STEPS.
"""

from __future__ import annotations

import os
import random

import pytest
from app_helpers import wait_until
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from tui.app.widgets.answer_editor import MarkdownArea, WriterTextArea
from tui.core.spelling import Speller, open_dictionary

STEPS = int(os.environ.get("ATERRAPPORT_ROWS_STEPS", "50"))
SEEDS = [int(os.environ["ATERRAPPORT_ROWS_SEED"])] if "ATERRAPPORT_ROWS_SEED" in os.environ else [1]
PARAGRAPH = ("Regionen arbetar med hallbar tillväxt och kompetensförsörjning i hela länet, "
             "bl.a. genom EU-projekt och samverkan med kommunerna. ") * 3
TEXT = "\n\n".join(f"{n}. {PARAGRAPH}" for n in range(12))
KEYS = [*"abcåäö .,-", "enter", "backspace", "delete", "left", "right", "up", "down", "home", "end",
        "shift+right", "shift+down", "pageup", "pagedown"]


class _Fields(App[None]):
    """A plain writer's field and a Markdown field with a real speller (marks from a worker)."""

    def __init__(self) -> None:
        super().__init__()
        self.speller = Speller(open_dictionary("sv_SE"))

    def compose(self) -> ComposeResult:
        yield WriterTextArea(TEXT, soft_wrap=True, show_line_numbers=True, id="plain")
        yield MarkdownArea(TEXT, soft_wrap=True, tab_behavior="focus", id="markdown")


def _stale_rows(area: WriterTextArea) -> list[int]:
    """Visible rows whose kept painting differs from painting the row afresh."""
    return [y for y in range(area.size.height) if list(area.render_line(y)) != list(area._render_line(y))]


async def _step(pilot: Pilot[None], rng: random.Random, area: WriterTextArea) -> str:
    choice = rng.random()
    if choice < 0.7:
        key = rng.choice(KEYS)
        await pilot.press(key)
        return key
    if choice < 0.8:
        row = rng.randrange(area.document.line_count)
        area.move_cursor((row, rng.randrange(len(area.document.get_line(row)) + 1)))
        return f"cursor {area.cursor_location}"
    if choice < 0.87:
        area.scroll_to(y=rng.randrange(max(1, area.max_scroll_y + 1)), animate=False)
        return "scroll"
    if choice < 0.94:
        other = pilot.app.query_one("#plain" if area.id == "markdown" else "#markdown", WriterTextArea)
        other.focus()
        await pilot.pause()
        area.focus()
        return "focus away and back"
    size = rng.choice([(80, 24), (100, 30), (60, 20)])
    await pilot.resize_terminal(*size)
    return f"resize {size}"


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("field", ["plain", "markdown"])
async def test_kept_rows_are_what_textual_paints(seed: int, field: str) -> None:
    rng = random.Random(seed)
    app = _Fields()
    done: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        area = app.query_one(f"#{field}", WriterTextArea)
        area.focus()
        if isinstance(area, MarkdownArea):
            await wait_until(pilot, lambda: area.misspelled_marks(0) != (), "the first marks")
        for _ in range(STEPS):
            done.append(await _step(pilot, rng, area))
            await pilot.pause()
            if rng.random() < 0.3:
                await app.workers.wait_for_complete()  # spell marks arrive
                await pilot.pause()
            assert not _stale_rows(area), f"seed {seed}, steps {done}: rows {_stale_rows(area)} are stale"


async def test_a_keystroke_repaints_only_the_rows_of_its_paragraph() -> None:
    """What the row cache is for: typing in one paragraph paints that paragraph's rows again,
    not the whole field (Textual paints every visible row on every keystroke)."""
    app = _Fields()
    async with app.run_test(size=(100, 30)) as pilot:
        area = app.query_one("#plain", WriterTextArea)
        area.focus()
        area.move_cursor((2, 20))
        await pilot.pause()
        painted: list[int] = []
        paint = area._render_line

        def counting(y: int) -> object:
            painted.append(y)
            return paint(y)

        area._render_line = counting  # type: ignore[method-assign,assignment]  # count the real painting
        await pilot.press("x")
        await pilot.pause()
        rows = [y for y in range(area.size.height) if area.wrapped_document._offset_to_line_info[
            area.scroll_offset.y + y][0] == 2] if area.size.height else []
        assert area.document.get_line(2)[20] == "x"
        assert painted and set(painted) <= set(rows), (painted, rows)
