"""When a report file changes on disk under an open session (another editor, a checkout).

Nothing is ever dropped: whichever side the writer does not keep is written to a backup
file outside the repository, and sections only one side changed are merged.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from tui.core.problems import AterrapportError
from tui.core.report import Report, YamlDocument
from tui.core.safe_read import snapshot
from tui.core.scalars import set_value
from tui.core.statedir import state_dir
from tui.core.template import _plain
from tui.core.yamlcomments import hoist_comments
from tui.core.yamlio import MAX_FILE_BYTES, atomic_write, parse_text


def backup(path: Path, text: str, label: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = state_dir() / "sakerhetskopior" / f"{path.parent.name}" / f"{path.stem}.{label}.{stamp}{path.suffix}"
    atomic_write(target, text)
    return target


@dataclass
class MergeResult:
    document: YamlDocument
    merged_sections: list[str] = field(default_factory=list)  # my edits carried onto theirs
    conflicts: list[str] = field(default_factory=list)  # both changed: theirs kept, mine backed up
    backup: Path | None = None


def _sections(text: str | None, path: Path) -> dict[str, Any]:
    if not text:
        return {}
    try:
        data = parse_text(text, path)
    except AterrapportError:
        return {}
    return {str(k): _plain(v) for k, v in data.items()} if isinstance(data, dict) else {}


def changed_documents(report: Report) -> list[YamlDocument]:
    return [doc for doc in report.documents() if doc.changed_on_disk()]


def take_theirs(report: Report, doc: YamlDocument) -> MergeResult:
    """Load the version on disk; carry over my unsaved sections that they did not touch."""
    with report.lock:
        return _take_theirs(report, doc)


def _merge(doc: YamlDocument, fresh: YamlDocument) -> tuple[list[str], list[str]]:
    """Carry my unsaved sections onto ``fresh`` (the file as it is on disk now) where they
    did not change it; returns (merged sections, sections both sides changed)."""
    merged: list[str] = []
    conflicts: list[str] = []
    if not (fresh.readable and isinstance(fresh.data, CommentedMap) and isinstance(doc.data, dict)):
        return merged, conflicts
    base = _sections(doc.disk_text, doc.path)
    mine = {str(k): _plain(v) for k, v in doc.data.items()}
    theirs = {str(k): _plain(v) for k, v in fresh.data.items()}
    for sid, value in mine.items():
        if base.get(sid) == value or theirs.get(sid) == value:
            continue
        if theirs.get(sid) == base.get(sid) and sid in fresh.data:
            set_value(fresh.data, sid, copy.deepcopy(doc.data[sid]))
            merged.append(sid)
        else:
            conflicts.append(sid)
    if merged:
        hoist_comments(fresh.data)
    return merged, conflicts


def merge_onto_disk(doc: YamlDocument) -> bool:
    """For a save: take the file as it is on disk now and carry my changed sections onto it.
    False (and ``doc`` untouched) when that cannot be done without losing an edit: both sides
    changed a section, or the file on disk cannot be read."""
    fresh = YamlDocument.read(doc.path)
    if not fresh.readable or not isinstance(fresh.data, dict) or not isinstance(doc.data, dict):
        return False
    _merged, conflicts = _merge(doc, fresh)
    if conflicts:
        return False
    doc.data, doc.disk_text = fresh.data, fresh.disk_text
    return True


def _take_theirs(report: Report, doc: YamlDocument) -> MergeResult:
    path = doc.path
    fresh = YamlDocument.read(path)
    result = MergeResult(document=fresh)
    mine_text = doc.render() if doc.data is not None and doc.dirty else None
    if mine_text is not None:
        result.merged_sections, result.conflicts = _merge(doc, fresh)
        if result.merged_sections:
            fresh.dirty = True
    # Whatever replaces my unsaved text (a deleted or emptied file, one that is not a mapping,
    # a broken one) means a backup first: the app names it.
    lost = not (fresh.readable and isinstance(fresh.data, dict))
    if lost and mine_text is None and isinstance(doc.data, dict) and doc.data:
        # Also when nothing is unsaved: what the app shows may have been typed after the file
        # went (an Enter at the end changes no answer, so nothing is dirty) or saved just
        # before; with the file it is gone from the disk.
        mine_text = doc.render()
    if mine_text is not None and (result.conflicts or lost):
        result.backup = backup(path, mine_text, "mina-andringar")
    report.replace_document(doc, fresh)
    return result


def keep_mine(report: Report, doc: YamlDocument) -> Path | None:
    """Keep what the app shows and write it over the file; their version goes to a backup."""
    with report.lock:
        return _keep_mine(doc)


def _keep_mine(doc: YamlDocument) -> Path | None:
    theirs = snapshot(doc.path, limit=MAX_FILE_BYTES, root=doc.path.parent)
    # A file the reading edge refuses (a link, a device) is not read, so there is nothing to back up.
    readable = theirs is not None and not theirs.startswith("\0")
    saved = backup(doc.path, theirs, "andrad-utanfor") if readable and theirs is not None else None
    doc.disk_text = theirs
    if doc.data is not None:
        doc.write()
    return saved
