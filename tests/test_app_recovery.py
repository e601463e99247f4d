"""The journal of a killed session comes back at the next start (the real app through Pilot):
typed text, Ja/Nej choices, table rows and done marks."""

from __future__ import annotations

import json
import os
from pathlib import Path

from app_helpers import as_a, go_to_section, open_app, settle, wait_until
from conftest import snapshot_files
from present import present
from textual.pilot import Pilot
from textual.widgets import Button

from tui.app.app import AterrapportApp
from tui.app.journal import Entries, journal_path, read_journal, write_journal
from tui.app.screens.dialogs import ChoiceDialog
from tui.app.screens.row_form import RowForm
from tui.app.widgets.insats_table import InsatsTable
from tui.app.widgets.section_view import ChoiceSelect
from tui.core.answers import DONE_KEY, DONE_VALUE
from tui.core.report import Report

SIZE = (100, 32)


async def test_the_journal_of_a_killed_session_is_offered_back(new_report: Path) -> None:
    write_journal(new_report, {("1.1.2", "svar"): "Text från förra gången, aldrig sparad."})
    app = open_app(new_report)
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
    app = open_app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.query("#ta_tillbaka"), "the offer")
        app.screen.query_one("#lat_vara", Button).press()
        await wait_until(pilot, lambda: not isinstance(app.screen, ChoiceDialog), "the answer")
        await pilot.press("ctrl+q")
    assert Report.load(new_report).text("1.1.2") == ""
    kept = list((Path(os.environ["XDG_STATE_HOME"]) / "aterrapport" / "sakerhetskopior").rglob("osparad-text.*"))
    assert len(kept) == 1 and "Kanske inte." in kept[0].read_text(encoding="utf-8")


# -- rows, choices and done marks (issue: only typed text was journaled) ---------------------------

async def _add_row(pilot: Pilot[None], app: AterrapportApp, name: str) -> None:
    await go_to_section(pilot, "1.2.1")
    app.screen.query_one(InsatsTable).focus()
    await pilot.press("a")
    await wait_until(pilot, lambda: isinstance(app.screen, RowForm), "the row form")
    await pilot.press(*name, "ctrl+s")
    await wait_until(pilot, lambda: not isinstance(app.screen, RowForm), "the row saved")


async def test_rows_and_choices_not_yet_written_are_journaled_and_come_back(new_report: Path) -> None:
    """The equivalent of kill -9 before the save: saves wait (an outside change is pending, as
    while the change bar is shown), the writer sets a Ja/Nej choice, adds a row and marks a
    section done; the journal holds them within a tick. The files as they are then and that
    journal are what a kill leaves; the next start offers them back and saves them."""
    app = open_app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        editor = present(app.editor)
        await pilot.pause()
        await pilot.press(*"Svar", "ctrl+s")  # 1.1.1, saved
        await settle(pilot)
        before = snapshot_files(new_report)
        editor.changes.notice([new_report / "3.1.yaml"])  # nothing is written until the writer chooses
        await pilot.press("ctrl+t")
        await go_to_section(pilot, "1.1.4")
        app.screen.query_one(ChoiceSelect).value = "Ja"
        await _add_row(pilot, app, "Ny insats")

        def journaled() -> bool:
            entries = read_journal(new_report)
            rows = entries.get(("1.2.1", "insatser"))
            return (entries.get(("1.1.4", "paverkat")) == "Ja" and entries.get(("1.1.1", DONE_KEY)) == DONE_VALUE
                    and isinstance(rows, list) and any(r["namn"] == "Ny insats" for r in rows))

        await wait_until(pilot, journaled, "the choice, the row and the mark in the journal")
        killed_journal = journal_path(new_report).read_bytes()
        assert snapshot_files(new_report) == before  # not saved: the kill would lose it all
        app.exit()
    for name, data in before.items():  # the files as the kill left them, and the journal
        (new_report / name).write_bytes(data)
    journal_path(new_report).write_bytes(killed_journal)

    app = open_app(new_report, lazy=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.query("#ta_tillbaka"), "the offer")
        message = as_a(ChoiceDialog, app.screen).message
        assert "1.1.4 Påverkat fördelningen?: Ja" in message and "1.2.1 Insatser: 1 insats" in message
        assert "1.1.1 markerat klart" in message
        app.screen.query_one("#ta_tillbaka", Button).press()
        await wait_until(pilot, lambda: not isinstance(app.screen, ChoiceDialog), "the answer")
        await pilot.press("ctrl+q")
    report = Report.load(new_report)
    assert report.choice("1.1.4", "paverkat") == "Ja" and report.is_done("1.1.1")
    assert [r["namn"] for r in report.rows("1.2.1")] == ["Ny insats"]
    assert report.text("1.1.1") == "Svar"
    assert not journal_path(new_report).exists()


def test_the_journal_keeps_rows_choices_and_skips_what_it_cannot_read(new_report: Path) -> None:
    entries: Entries = {("1.2.1", "insatser"): [{"namn": "A", "resultat": "b"}], ("1.1.4", "paverkat"): "Nej",
                        ("1.1.1", "svar"): "Text"}
    write_journal(new_report, entries)
    assert read_journal(new_report) == entries
    path = journal_path(new_report)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["falt"] += [{"avsnitt": "1.2.1", "falt": "x", "rader": [{"namn": 3}]}, {"avsnitt": "1.1.1"}, "skräp"]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert read_journal(new_report) == entries


async def test_a_journal_holding_nothing_new_is_not_kept(new_report: Path) -> None:
    """A killed session's journal whose every field is in the files as it stands there (the
    save finished just before the kill): no offer, and nothing set aside in the backups. A
    journal for a file that cannot be read now is kept, though."""
    report = Report.load(new_report)
    report.set_text("1.1.2", "svar", "Sparat.")
    report.add_row("1.2.1", "insatser", {"namn": "Sparad"})
    report.save()
    saved_rows = Report.load(new_report).rows("1.2.1")
    write_journal(new_report, {("1.1.2", "svar"): "Sparat.", ("1.2.1", "insatser"): saved_rows})
    app = open_app(new_report, lazy=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: present(app.editor).report.fully_loaded and not present(app.editor)._recovered,
                         "the journal looked at")
        await settle(pilot)
        assert not isinstance(app.screen, ChoiceDialog)
        await pilot.press("ctrl+q")
    assert not _backups()

    (new_report / "3.1.yaml").write_text("3.1:\n  svar: [trasig\n", encoding="utf-8")
    write_journal(new_report, {("3.1", "svar"): "Skrivet innan filen gick sönder."})
    app = open_app(new_report, lazy=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: present(app.editor).report.fully_loaded and not present(app.editor)._recovered,
                         "the journal looked at")
        await settle(pilot)
        await pilot.press("ctrl+q")
    kept = _backups()
    assert len(kept) == 1 and "Skrivet innan filen gick sönder." in kept[0].read_text(encoding="utf-8")


def _backups() -> list[Path]:
    return list((Path(os.environ["XDG_STATE_HOME"]) / "aterrapport" / "sakerhetskopior").rglob("osparad-text.*"))
