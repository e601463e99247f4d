"""Finding report folders from file paths: for pre-commit hooks and CI, where a repository
may hold several reports and only the changed files are known."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tui.core.folder import HEAD_FILE

_SKIP_DIRS = {".git", ".venv", "venv", "node_modules", "__pycache__", ".tox"}


def report_folder_of(path: Path) -> Path | None:
    """The nearest folder at or above ``path`` holding ``rapport.yaml``; a relative path is
    searched no higher than the current folder (the repository root for hooks)."""
    path = Path(path)
    candidates = [path] if path.is_dir() else []
    candidates += list(path.parents)
    for folder in candidates:
        if (folder / HEAD_FILE).is_file():
            return folder
    return None


def report_folders(paths: Iterable[Path]) -> list[Path]:
    """The distinct report folders that the given files belong to, sorted."""
    found = {folder for p in paths if (folder := report_folder_of(Path(p))) is not None}
    return sorted(found)


def find_report_folders(root: Path) -> list[Path]:
    """Every report folder under ``root`` (hidden folders and virtual environments skipped)."""
    found: list[Path] = []
    for head in sorted(Path(root).rglob(HEAD_FILE)):
        relative = head.relative_to(root).parts[:-1]
        if any(part in _SKIP_DIRS or part.startswith(".") for part in relative):
            continue
        found.append(head.parent)
    return found
