"""Getting the writer's work back: the journal of a session that was killed, at the next start
(typed text, Ja/Nej choices, table rows, done marks and the report's details not yet written to
the files)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tui.app.journal import DETAILS, Entries, Value, read_journal, set_journal_aside
from tui.app.screens.dialogs import Choice, ChoiceDialog
from tui.core.answers import DONE_KEY, DONE_VALUE
from tui.core.head_edit import EDITABLE, head_value, set_head_value
from tui.core.problems import AterrapportError
from tui.core.report import Report

if TYPE_CHECKING:
    from tui.app.session import EditorSession


_DETAIL_LABELS = {key: label for key, label, _multi in EDITABLE}


def take_journal(folder: Path) -> tuple[Entries, Path | None]:
    """The last session's unsaved work, moved to the backups at once: working in this session
    writes a new journal, and the old one must survive whatever the writer answers."""
    entries = read_journal(folder)
    if not entries:
        return {}, None
    return entries, set_journal_aside(folder)


def _on_file(report: Report, sid: str, key: str, value: Value) -> Value | None:
    """What the files hold for a journaled field, in the journal's form (None: a field this
    report cannot take, e.g. the template has no such field, or its file cannot be read)."""
    if sid == DETAILS:
        known = isinstance(value, str) and key in _DETAIL_LABELS and report.head_doc.readable
        return head_value(report, key) if known else None
    section = report.template.section(sid)
    if section is None or not section.answerable or not report.editable(sid):
        return None
    if key == DONE_KEY:
        if not isinstance(value, str):
            return None
        return DONE_VALUE if report.is_done(sid) else ""
    spec = section.field(key)
    if spec is None or spec.from_journal(value) is None:
        return None
    return spec.journal_value(report, sid)


def differing(report: Report, entries: Entries) -> Entries:
    """The journal's fields whose value is not what the files hold (the rest was saved)."""
    found: Entries = {}
    for (sid, key), value in entries.items():
        on_file = _on_file(report, sid, key, value)
        if on_file is not None and on_file != value:
            found[(sid, key)] = value
    return found


def all_saved(report: Report, entries: Entries) -> bool:
    """Every field of the journal is in the files as it stands there: the journal holds nothing
    to keep (a field whose file cannot be read now, or that the template lacks, is kept)."""
    return all(_on_file(report, sid, key, value) == value for (sid, key), value in entries.items())


def take_back(session: EditorSession, entries: Entries) -> list[str]:
    """Put the journal's values (from :func:`differing`) into the report model, which the app
    then saves; returns messages for values the report refused."""
    report = session.report
    refused: list[str] = []
    for (sid, key), value in entries.items():
        if sid == DETAILS:
            problems = set_head_value(report, key, value) if isinstance(value, str) else []
            if problems and isinstance(value, str):
                # Not valid yet (a half-typed date): not written, but kept where the writer sees it.
                session.typed_details[key] = value
                refused.append(f"{_DETAIL_LABELS.get(key, key)} «{value}»: {problems[0].message}. "
                               "Det står kvar i Rapportens uppgifter tills du rättar det.")
            continue
        try:
            if key == DONE_KEY:
                report.set_done(sid, value == DONE_VALUE)
                continue
            spec = report.section(sid).field(key)
            taken = spec.from_journal(value) if spec is not None else None
            if spec is not None and taken is not None:
                spec.take_back(report, sid, taken)
        except AterrapportError as exc:
            refused.extend(f"{sid}: {p.message}" for p in exc.problems)
    return refused


def describe(report: Report, sid: str, key: str, value: Value) -> str:
    """One line of the offer: what the journal holds for a field."""
    if sid == DETAILS:
        shown = value.strip().split("\n")[0] if isinstance(value, str) else ""
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        return f"  Rapportens uppgifter: {_DETAIL_LABELS.get(key, key)} «{shown}»"
    if key == DONE_KEY:
        return f"  {sid} markerat {'klart' if value == DONE_VALUE else 'inte klart'}"
    spec = report.section(sid).field(key)
    return f"  {sid} {spec.journal_summary(value) if spec is not None else key}"


def offer_dialog(report: Report, entries: Entries, kept_in: Path | None) -> ChoiceDialog[bool]:
    lines = [describe(report, sid, key, value) for (sid, key), value in sorted(entries.items())]
    where = f"\nDet finns också i {kept_in}." if kept_in else ""
    return ChoiceDialog(
        "Osparad text från förra gången",
        "Appen avslutades innan allt du skrev hann sparas. Det finns kvar i:\n" + "\n".join(lines)
        + "\n\nTa tillbaka: det ersätter det som står i avsnitten och sparas." + where,
        [Choice(True, "Ta tillbaka", "ta_tillbaka"), Choice(False, "Låt vara", "lat_vara")],
        default="ta_tillbaka")
