"""Where the writer left off in each report, remembered outside the repository."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from tui.core.statedir import state_dir


def _file() -> Path:
    return state_dir() / "positioner.json"


def _load() -> dict[str, dict[str, str]]:
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def last_section(folder: Path) -> str | None:
    entry = _load().get(str(folder.resolve()))
    return entry.get("avsnitt") if isinstance(entry, dict) else None


def remember_section(folder: Path, section_id: str) -> None:
    from tui.core.yamlio import atomic_write  # not on the first screen (it only reads)

    data = _load()
    data[str(folder.resolve())] = {"avsnitt": section_id}
    # Remembering is a convenience; never fail the app over it.
    with contextlib.suppress(OSError):
        atomic_write(_file(), json.dumps(data, ensure_ascii=False, indent=1) + "\n")
