"""Heads (``rapport.yaml``) pydantic has accepted before, with what it made of them.

Validating the head is the last thing that would load pydantic in a command that reads a report
whose template and answers were accepted before (the template's JSON copy, the store of accepted
answers): ~0.1 s of every process for one small file. The same data always gives the same head,
so the head pydantic made is kept by a digest of the data, in a file named by pydantic's version
and the source of the modules the head's validation runs through. The commands that only read a
report use it (``Report.load(read_only=True)``); the app validates its head itself. Only accepted heads are kept:
data not found here is validated (its problems come from pydantic). A lost or damaged file only
means validating again; an entry of the wrong shape is ignored.
"""

from __future__ import annotations

import contextlib
import functools
import json
import threading
from pathlib import Path
from typing import Any

from tui.core.accepted_answers import data_digest
from tui.core.head import ReportHead, head_data, head_from_data
from tui.core.pydantic_meta import code_digest
from tui.core.statedir import state_dir
from tui.core.yamlio import atomic_write

KEEP = 200  # heads kept (the most recently added): reports of many regions and years
_SOURCES = ("accepted_head.py", "head.py", "pydantic_meta.py", "regions.py", "text.py")


class AcceptedHeads:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._known: dict[str, Any] = {}
        with contextlib.suppress(OSError, ValueError):  # none yet, or damaged: validate
            known = json.loads(path.read_bytes())
            if isinstance(known, dict):
                self._known = known

    def get(self, data: dict[str, Any]) -> ReportHead | None:
        digest = data_digest(data)
        with self._lock:
            kept = self._known.get(digest) if digest is not None else None
        if not isinstance(kept, dict):
            return None
        try:
            return head_from_data(kept)
        except (KeyError, TypeError, ValueError):
            return None

    def add(self, data: dict[str, Any], head: ReportHead) -> None:
        """pydantic made ``head`` of ``data``: keep it (written at once: one small file)."""
        digest = data_digest(data)
        if digest is None:
            return
        with self._lock:
            if digest in self._known:
                return
            self._known[digest] = head_data(head)
            kept = dict(list(self._known.items())[-KEEP:])
        with contextlib.suppress(OSError):  # a read-only state folder: validate every time
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, json.dumps(kept, ensure_ascii=False, separators=(",", ":")))


@functools.cache
def accepted_heads(folder: Path) -> AcceptedHeads:
    """The store in state folder ``folder`` (one per process and folder)."""
    return AcceptedHeads(folder / "rapportcache" / f"rapport-{code_digest(*_SOURCES)}.json")


def current() -> AcceptedHeads:
    return accepted_heads(state_dir())
