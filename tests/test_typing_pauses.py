"""No collector pauses while typing: once the report is read, what the app keeps is frozen out
of the garbage collector's full passes (each walked it all: ~80 ms with a 10,000-word answer,
see benchmarks/keystroke.py), and given back to it when the editor goes."""

from __future__ import annotations

import gc
from pathlib import Path

from app_helpers import wait_until

from tui.app.app import AterrapportApp
from tui.app.session import EditorSession


async def test_what_the_app_keeps_is_frozen_while_it_runs(new_report: Path) -> None:
    gc.unfreeze()
    app = AterrapportApp(new_report, session=EditorSession.open(new_report))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: gc.get_freeze_count() > 0, "the report read and frozen")
        assert app.editor is not None and app.editor.report.fully_loaded
        await pilot.press(*"Text")
        await pilot.press("ctrl+q")
    assert gc.get_freeze_count() == 0
