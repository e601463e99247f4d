"""Workers of the editor screen that end after the screen is gone (the app quit, a Pilot run
ended during an autosave) must not raise: what they did is on disk or in the journal, and the
screen's widgets they would update are gone with it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from app_helpers import wait_until

from tui.app.app import AterrapportApp
from tui.app.screens.editor import EditorScreen
from tui.app.session import EditorSession
from tui.core.report import ExternalChangeError

SIZE = (100, 30)


def _disk_full(path: Path) -> OSError:
    return OSError(28, "No space left on device", str(path))


@pytest.mark.parametrize("ending", [
    pytest.param(None, id="saved"),
    pytest.param(_disk_full, id="save-failed"),
    pytest.param(lambda path: ExternalChangeError([path]), id="changed-on-disk"),
])
async def test_a_background_save_that_ends_after_the_editor_is_gone(
        new_report: Path, monkeypatch: pytest.MonkeyPatch, ending: Callable[[Path], Exception] | None) -> None:
    started, release = threading.Event(), threading.Event()
    real = EditorSession.save_applied
    saver: list[int] = []

    def held(self: EditorSession) -> tuple[list[Path], int]:
        saver.append(threading.get_ident())
        started.set()
        release.wait(60)
        if ending is not None:
            raise ending(new_report / "1.1.yaml")
        return real(self)

    app = AterrapportApp(new_report, session=EditorSession.open(new_report))
    failures: list[BaseException] = []
    returned = threading.Event()
    call_from_thread = app.call_from_thread

    def recording(callback: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        # The save worker's report back: an exception here is lost with the cancelled worker.
        if threading.get_ident() not in saver:
            return call_from_thread(callback, *args, **kwargs)
        try:
            return call_from_thread(callback, *args, **kwargs)
        except BaseException as exc:
            failures.append(exc)
            raise
        finally:
            returned.set()

    monkeypatch.setattr(app, "call_from_thread", recording)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        await pilot.press(*"Sparas sent")
        await pilot.pause()
        monkeypatch.setattr(EditorSession, "save_applied", held)
        editor.flush(wait=False)  # the autosave, in its worker
        await wait_until(pilot, started.is_set, "the save to start")
        try:
            await app.pop_screen()  # the editor goes (with its widgets) while its save is still writing
            assert not editor.is_attached
        finally:
            release.set()
        await wait_until(pilot, returned.is_set, "the save's report back")
        await pilot.pause()
        assert failures == [], f"the save's report back raised {failures!r}"
        assert app._exception is None, f"the app raised {app._exception!r}"
    if ending is None:
        assert editor.session.unwritten == {}, "the save counts as written"
