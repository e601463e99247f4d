"""Pilot helpers: waiting for a condition or for the app's workers (never for a fixed time), and
keys typed while the app starts."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.message import Message
from textual.pilot import Pilot
from textual.widget import Widget
from textual.worker import WorkerCancelled

from tui.app.app import AterrapportApp
from tui.app.first_view import FirstView
from tui.app.screens.editor import EditorScreen
from tui.app.screens.first import FirstScreen
from tui.app.session import EditorSession
from tui.app.widgets.answer_editor import AnswerEditor
from tui.app.widgets.outline import Outline
from tui.core.report import Report
from tui.core.template import keep_cached

# Generous: a loaded 2-core CI machine is slow, and a condition that holds returns at once.
LIMIT_STEPS = 1200  # x 0.05 s of app time


OPENINGS = ("loaded", "lazy", "first")


def open_app(folder: Path, *, lazy: bool = False, how: str | None = None) -> AterrapportApp:
    """The real app on ``folder``, as `aterrapport edit` opens it. ``how`` (or ``lazy``): "loaded"
    every file first; "lazy" the start file first, the rest after the first screen; "first" the
    first screen from plain data, the report opened behind it (the template's cached copy is
    written first: a template loaded by an earlier test in this process is not cached again)."""
    how = how or ("lazy" if lazy else "loaded")
    if how == "first":
        keep_cached(Report.load(folder).template)
        view = FirstView.read(folder)
        assert view is not None, "the first screen could not be read"
        return AterrapportApp(folder, first=view)
    return AterrapportApp(folder, session=EditorSession.open(folder, lazy=how == "lazy"))


async def wait_until(pilot: Pilot, condition: Callable[[], object], what: str = "") -> None:
    """Let the app run until ``condition()`` is true (fails only after a long time)."""
    for _ in range(LIMIT_STEPS):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never happened: {what or condition}")


async def go_to_section(pilot: Pilot, section_id: str) -> None:
    """The editor's "Gå till", waited for until the section's first field has the focus: the app
    puts it there once the fields are mounted, a frame or more later (a focus set by hand
    before that is moved, and a key typed meanwhile is held for the first field)."""
    app = pilot.app
    assert isinstance(app, AterrapportApp) and app.editor is not None
    editor = app.editor
    editor.go_to(section_id)
    await wait_until(pilot, lambda: editor.current.id == section_id and editor.focus_placed
                     and not app.early_keys.held_back, f"{section_id} shown with the focus")
    await pilot.pause()


async def _workers_done(app: App[Any]) -> None:
    """Every worker finished. One cancelled is not a failure: an exclusive group's older worker
    (a git status read, a check) is cancelled when a newer one starts, which a busy machine makes
    likely (textual's wait_for_complete raises WorkerCancelled for it); one that failed is."""
    while running := [worker for worker in app.workers if not worker.is_finished]:
        for outcome in await asyncio.gather(*(worker.wait() for worker in running), return_exceptions=True):
            if isinstance(outcome, BaseException) and not isinstance(outcome, WorkerCancelled):
                raise outcome


async def settle(pilot: Pilot) -> None:
    """Wait for every worker (saves, renders, git) and the messages they post."""
    await _workers_done(pilot.app)
    await pilot.pause()
    await _workers_done(pilot.app)
    await pilot.pause()


# -- keys typed while the app starts ----------------------------------------------------------------

def key_event(character: str) -> events.Key:
    """The Key event a terminal gives for one typed character (newline: Enter)."""
    if character == "\n":
        return events.Key("enter", "\r")
    return events.Key(character if character.isalnum() else _character_to_key(character), character)


def focused(app: App[Any]) -> Widget | None:
    return app.focused if app.screen_stack else None


# Moments of the app's start-up, as seen by a message hook: before anything is on screen, when
# the editor screen becomes active (Textual focuses the outline then), when the outline has the
# focus (before the editor gives it to the answer).
START_MOMENTS: dict[str, Callable[[App[Any], Message], bool]] = {
    "the first message": lambda app, message: True,
    "the editor screen resumes": lambda app, message: isinstance(message, events.ScreenResume),
    "the outline takes the focus": lambda app, message: (
        isinstance(message, events.Focus) and isinstance(focused(app), Outline)),
}
# Opened "first" (open_app): the first screen's answer has the focus (the report is not open
# yet), and the editor takes that screen's place.
FIRST_SCREEN_MOMENTS: dict[str, Callable[[App[Any], Message], bool]] = {
    # The app's default screen, sized (it places itself for its first frame, not drawn yet).
    "the first screen gets its size": lambda app, message: (
        isinstance(message, events.Resize) and isinstance(app.screen, FirstScreen)),
    "the first screen's answer has the focus": lambda app, message: (
        isinstance(message, events.Focus) and isinstance(app.screen, FirstScreen)
        and isinstance(focused(app), AnswerEditor)),
    "the editor replaces the first screen": lambda app, message: (
        isinstance(message, events.ScreenResume) and isinstance(app.screen, EditorScreen)),
}


class KeysAtStart:
    """A Pilot ``message_hook`` that posts keys to the app at a moment of its start-up (as a
    writer who types while the report opens), and optionally more keys as soon as the answer
    has the focus (they must come after the first ones)."""

    def __init__(self, app: App[Any], moment: str, text: str, then: str = "") -> None:
        self.app, self.moment, self.text, self.then = app, moment, text, then
        self.sent: list[str] = []

    def __call__(self, message: Message) -> None:
        app = self.app
        if not app.is_running:
            return
        if not self.sent and {**START_MOMENTS, **FIRST_SCREEN_MOMENTS}[self.moment](app, message):
            self.sent.append(self.moment)
            for character in self.text:
                app.post_message(key_event(character))
        elif len(self.sent) == 1 and self.then and isinstance(focused(app), AnswerEditor):
            self.sent.append("the answer has the focus")
            for character in self.then:
                app.post_message(key_event(character))


W = TypeVar("W")


def as_a(kind: type[W], thing: object) -> W:
    """``thing`` (the app's screen, its focused widget …) narrowed to ``kind``; fails the test if it is not."""
    assert isinstance(thing, kind), f"expected {kind.__name__}, got {type(thing).__name__}"
    return thing
