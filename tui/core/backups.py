"""The backups the app keeps outside the repository (the side of an outside change not kept,
text saved after an unexpected error): list them per section and put one back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from tui.core.problems import AterrapportError
from tui.core.reconcile import backup
from tui.core.report import Report
from tui.core.statedir import state_dir
from tui.core.template import _plain
from tui.core.yamlio import parse_text, read_text

LABELS = {
    "mina-andringar": "dina ändringar som krockade",
    "andrad-utanfor": "versionen som ändrades utanför appen",
    "osparat": "osparad text efter ett fel",
    "fore-aterstallning": "före en återställning",
}


@dataclass(frozen=True)
class Backup:
    path: Path
    kind: str  # one of LABELS' keys
    saved: dt.datetime
    section: dict[str, Any]  # the section's answers in the backup, as plain data

    @property
    def description(self) -> str:
        return LABELS.get(self.kind, self.kind)


def backup_folder(report: Report) -> Path:
    return state_dir() / "sakerhetskopior" / report.folder.resolve().name


def section_backups(report: Report, section_id: str) -> list[Backup]:
    """Backups of the section's file that hold the section, newest first."""
    path = report.document_for(section_id).path
    found: list[Backup] = []
    folder = backup_folder(report)
    for candidate in folder.glob(f"{path.stem}.*{path.suffix}") if folder.is_dir() else []:
        parts = candidate.name[len(path.stem) + 1: -len(path.suffix)].split(".")
        if len(parts) != 2:
            continue
        kind, stamp = parts
        try:
            saved = dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S-%f")
            data = parse_text(read_text(candidate), candidate)
        except (ValueError, AterrapportError, OSError):
            continue  # not ours, or not YAML: nothing to restore from
        section = data.get(section_id) if isinstance(data, dict) else None
        if isinstance(section, dict):
            found.append(Backup(candidate, kind, saved, _plain(section)))
    return sorted(found, key=lambda b: b.saved, reverse=True)


def restore_section(report: Report, section_id: str, chosen: Backup) -> Path | None:
    """Put the backup's answers back into the section (in memory; the app saves). What the
    section holds now is written to a backup first, so restoring loses nothing either.
    Returns that backup's path."""
    doc = report.document_for(section_id)
    current = doc.render() if isinstance(doc.data, dict) else doc.disk_text
    saved = backup(doc.path, current, "fore-aterstallning") if current else None
    section = report.template.section(section_id)
    if section is None:
        raise AterrapportError(f"{section_id} finns inte i mallen")
    if (doc.data is not None and not isinstance(doc.data, dict)) or not doc.readable:
        # The file holds no sections (a list, broken YAML): it was just backed up above;
        # the writer asked for their text back, so the file starts again from it.
        doc.data, doc.error, doc.dirty = CommentedMap(), None, True
    values = chosen.section
    for spec in section.fields:
        spec.restore(report, section_id, values.get(spec.key))
    report.set_done(section_id, values.get("klar") == "ja")
    return saved
