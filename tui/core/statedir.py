"""Per-user state outside any repository: remembered positions, backups, caches."""

from __future__ import annotations

import os
from pathlib import Path


def state_dir() -> Path:
    """``$XDG_STATE_HOME/aterrapport`` (default ``~/.local/state/aterrapport``)."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "aterrapport"
