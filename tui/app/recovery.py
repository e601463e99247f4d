"""Getting the writer's text back: the journal of a session that was killed, at the next start."""

from __future__ import annotations

from pathlib import Path

from tui.app.journal import Entries, read_journal, set_journal_aside
from tui.app.screens.dialogs import Choice, ChoiceDialog
from tui.core.report import Report
from tui.core.template import TextField
from tui.core.text import word_count


def take_journal(folder: Path) -> tuple[Entries, Path | None]:
    """The last session's unsaved text, moved to the backups at once: typing in this session
    writes a new journal, and the old text must survive whatever the writer answers."""
    entries = read_journal(folder)
    if not entries:
        return {}, None
    return entries, set_journal_aside(folder)


def differing(report: Report, entries: Entries) -> Entries:
    """The journal's fields whose text is not what the files hold (the rest was saved)."""
    found: Entries = {}
    for (sid, key), text in entries.items():
        section = report.template.section(sid)
        if section is None or not section.answerable or not isinstance(section.field(key), TextField):
            continue
        if report.editable(sid) and report.text(sid, key) != text:
            found[(sid, key)] = text
    return found


def offer_dialog(entries: Entries, kept_in: Path | None) -> ChoiceDialog[bool]:
    lines = [f"  {sid} ({word_count(text)} ord)" for (sid, _key), text in sorted(entries.items())]
    where = f"\nTexten finns också i {kept_in}." if kept_in else ""
    return ChoiceDialog(
        "Osparad text från förra gången",
        "Appen avslutades innan allt du skrev hann sparas. Texten finns kvar i:\n" + "\n".join(lines)
        + "\n\nTa tillbaka: texten ersätter det som står i avsnitten och sparas." + where,
        [Choice(True, "Ta tillbaka texten", "ta_tillbaka"), Choice(False, "Låt vara", "lat_vara")],
        default="ta_tillbaka")
