"""A worker that ends while Textual takes the editor down finds no widgets, and the app must
not crash for it (it did, under load: a save finished while the screen's widgets were being
removed, before the screen itself was detached, and the status bar's query raised NoMatches).

The window is a few milliseconds at the app's exit; the test holds the editor in it: the screen
is marked as Textual marks a screen it prunes, and its status bar is removed, as pruning does
first. Then every callback a worker ends in must do nothing."""

from __future__ import annotations

from pathlib import Path

from app_helpers import open_app, wait_until

from tui.app.widgets.status_bar import StatusBar


async def test_workers_ending_while_the_editor_is_taken_down_do_nothing(new_report: Path) -> None:
    app = open_app(new_report)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.editor is not None and app.editor.is_mounted, "the editor")
        editor = app.editor
        assert editor is not None and not editor.gone
        editor._pruning = True  # what Textual sets on a screen it is taking down
        await editor.query_one(StatusBar).remove()
        assert editor.is_attached  # still attached: only the flags say it is going
        editor._saved()
        editor._save_failed(OSError(28, "No space left on device"))
        editor._changed_on_disk([new_report / "1.2.yaml"])
        editor.versions._show(None, None)
        editor._pruning = False  # let the app quit as usual
        await pilot.press("ctrl+q")
