"""What is not the report's own: documents made from it and temporary files of a save.

A version (F2, `git commit` of the folder) holds only the report's own files. ``new`` and the
app write a ``.gitignore`` naming the generated documents, and a temporary file left behind by
a save that was interrupted is moved to the backups when the app starts.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from tui.core.statedir import state_dir
from tui.core.yamlio import atomic_write

IGNORE_FILE = ".gitignore"
HEADER = "# Filer som återrapport skapar och som inte hör till rapporten (Word-dokument, tillfälliga filer)"
PATTERNS = ("/*.docx", "/*.pdf", "~$*", ".*.tmp")
STRAY_AFTER_SECONDS = 60  # a younger temporary file may belong to a save in progress elsewhere


def ensure_gitignore(folder: Path, extra: tuple[str, ...] = ()) -> Path | None:
    """Write or complete the folder's ``.gitignore``; returns it when it was changed. Lines the
    writer added are kept."""
    path = folder / IGNORE_FILE
    try:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError):
        return None  # not ours to repair
    present = {line.strip() for line in current.splitlines()}
    missing = [p for p in (*PATTERNS, *extra) if p not in present]
    if not missing:
        return None
    lines = [] if HEADER in present else [HEADER]
    text = current + ("\n" if current and not current.endswith("\n") else "") + "\n".join([*lines, *missing]) + "\n"
    atomic_write(path, text)
    return path


def stray_temp_files(folder: Path, *, now: float | None = None) -> list[Path]:
    """Temporary files of :func:`atomic_write` (``.NAME.xxxx.tmp``) older than a minute."""
    now = time.time() if now is None else now
    found = []
    for path in folder.glob(".*.tmp"):
        try:
            if path.is_file() and now - path.stat().st_mtime >= STRAY_AFTER_SECONDS:
                found.append(path)
        except OSError:
            continue
    return sorted(found)


def set_aside_stray_temp_files(folder: Path) -> list[Path]:
    """Move stray temporary files to the backups (one may hold the last words of a save that
    was cut off); returns where they went."""
    moved: list[Path] = []
    target_dir = state_dir() / "sakerhetskopior" / folder.resolve().name
    for path in stray_temp_files(folder):
        target_dir.mkdir(parents=True, exist_ok=True)
        target = target_dir / f"{path.name.lstrip('.')}.{time.strftime('%Y%m%d-%H%M%S')}"
        try:
            os.replace(path, target)
        except OSError:
            continue
        moved.append(target)
    return moved
