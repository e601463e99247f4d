"""The journal of a killed session comes back at the next start (the real app through Pilot)."""

from __future__ import annotations

import os
from pathlib import Path

from app_helpers import as_a, wait_until
from textual.widgets import Button

from tui.app.app import AterrapportApp
from tui.app.journal import journal_path, write_journal
from tui.app.screens.dialogs import ChoiceDialog
from tui.app.session import EditorSession
from tui.core.report import Report

SIZE = (100, 32)


def _frozen_app(folder: Path) -> AterrapportApp:
    """The session's clock stands still: typed text stays unsaved until the test acts."""
    session = EditorSession.open(folder)
    session.clock = lambda: 0.0
    return AterrapportApp(folder, session=session)


async def test_the_journal_of_a_killed_session_is_offered_back(new_report: Path) -> None:
    write_journal(new_report, {("1.1.2", "svar"): "Text från förra gången, aldrig sparad."})
    app = AterrapportApp(new_report, session=EditorSession.open(new_report))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.query("#ta_tillbaka"), "the offer")
        assert "1.1.2" in as_a(ChoiceDialog, app.screen).message
        app.screen.query_one("#ta_tillbaka", Button).press()
        await wait_until(pilot, lambda: not isinstance(app.screen, ChoiceDialog), "the answer")
        await pilot.press("ctrl+q")
    assert Report.load(new_report).text("1.1.2") == "Text från förra gången, aldrig sparad."
    assert not journal_path(new_report).exists()


async def test_a_journal_declined_stays_in_the_backups(new_report: Path) -> None:
    write_journal(new_report, {("1.1.2", "svar"): "Kanske inte."})
    app = AterrapportApp(new_report, session=EditorSession.open(new_report))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.query("#ta_tillbaka"), "the offer")
        app.screen.query_one("#lat_vara", Button).press()
        await wait_until(pilot, lambda: not isinstance(app.screen, ChoiceDialog), "the answer")
        await pilot.press("ctrl+q")
    assert Report.load(new_report).text("1.1.2") == ""
    kept = list((Path(os.environ["XDG_STATE_HOME"]) / "aterrapport" / "sakerhetskopior").rglob("osparad-text.*"))
    assert len(kept) == 1 and "Kanske inte." in kept[0].read_text(encoding="utf-8")
