"""The journal: what the writer did that is not yet in the report's files (typed text, Ja/Nej
choices, table rows, done marks, the report's details), in a small file per report in the state folder, written
within a fraction of a second of each change.

Saving an answer file means writing the whole file, which takes seconds for a file of a few
megabytes; the journal holds only the fields changed since the last save, so a `kill -9` or a
crash loses at most the last moments of work whatever the files' size. The next start offers
it back. Plain Python (no Textual): a writer thread coalesces the snapshots.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import threading
from pathlib import Path

from tui.core.statedir import state_dir

# A field's whole value: the text of a text field, a choice or a done mark («ja» or empty), or
# the rows of a table (column key -> text).
Value = str | list[dict[str, str]]
Entries = dict[tuple[str, str], Value]  # (section id, field key) -> the field's whole value
# The "section" of the report's details (rapport.yaml: datum, diarienr, förord, underskrift …);
# their keys are head_edit.EDITABLE's ("underskrift.namn"). No template section has this id.
DETAILS = "rapport.yaml"


def journal_path(folder: Path) -> Path:
    resolved = str(folder.resolve())
    digest = hashlib.sha1(resolved.encode("utf-8")).hexdigest()[:12]
    return state_dir() / "journal" / f"{folder.resolve().name}-{digest}.json"


def read_journal(folder: Path) -> Entries:
    """What the last session did and did not save (empty when it saved everything)."""
    try:
        data = json.loads(journal_path(folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    entries: Entries = {}
    for item in data.get("falt", []) if isinstance(data, dict) else []:
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("avsnitt", "falt")):
            continue
        value = _value(item)
        if value is not None:
            entries[(item["avsnitt"], item["falt"])] = value
    return entries


def _value(item: dict[str, object]) -> Value | None:
    """A field's value as the journal wrote it (anything else in the file is skipped)."""
    text, rows = item.get("text"), item.get("rader")
    if isinstance(text, str):
        return text
    if isinstance(rows, list) and all(
            isinstance(row, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in row.items())
            for row in rows):
        return [dict(row) for row in rows]
    return None


def _item(section_id: str, key: str, value: Value) -> dict[str, object]:
    return {"avsnitt": section_id, "falt": key, **({"text": value} if isinstance(value, str) else {"rader": value})}


def set_journal_aside(folder: Path) -> Path | None:
    """Move the journal to the backups (the writer chose not to take it back); returns where."""
    source = journal_path(folder)
    if not source.exists():
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = state_dir() / "sakerhetskopior" / folder.resolve().name / f"osparad-text.{stamp}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)
    return target


def write_journal(folder: Path, entries: Entries) -> None:
    """Write (or, when nothing is unsaved, remove) the journal; atomic, and synced so that a
    power cut leaves the old or the new journal."""
    path = journal_path(folder)
    if not entries:
        path.unlink(missing_ok=True)
        return
    payload = {"rapport": str(folder.resolve()), "skrivet": dt.datetime.now().isoformat(timespec="seconds"),
               "falt": [_item(sid, key, value) for (sid, key), value in entries.items()]}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(payload, handle, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


class JournalWriter:
    """Writes the latest snapshot in a background thread; older snapshots are skipped."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._latest: Entries | None = None
        self._written: Entries = {}
        self._writing = False
        self._wake = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="aterrapport-journal", daemon=True)
        self._thread.start()

    @property
    def written(self) -> Entries | None:
        """What the journal file holds now; None while a newer snapshot waits or is being written."""
        with self._wake:
            return None if self._latest is not None or self._writing else self._written

    def submit(self, entries: Entries) -> None:
        with self._wake:
            self._latest = dict(entries)
            self._wake.notify()

    def _run(self) -> None:
        while True:
            with self._wake:
                while self._latest is None and not self._closed:
                    self._wake.wait()
                entries, self._latest = self._latest, None
                if entries is None:
                    return
                self._writing = True
            written = self._written
            if entries != written:
                # The journal is a second line of defence: the app keeps saving even if it fails.
                with contextlib.suppress(OSError):
                    write_journal(self.folder, entries)
                    written = entries
            with self._wake:
                self._written, self._writing = written, False

    def close(self, final: Entries | None = None) -> None:
        """Write ``final`` (or the last snapshot) now and stop the thread."""
        if final is not None:
            self.submit(final)
        with self._wake:
            self._closed = True
            self._wake.notify()
        self._thread.join(timeout=10)
