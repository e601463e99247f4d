"""Answer data the answers model has accepted before, remembered between processes.

Building the answers model (:func:`tui.core.answers.answers_model`: one pydantic class per
section and per table, ~50 for the 2019 template) takes ~12 ms in every process that checks or
renders, and validating a file with it ~0.1 ms. The same model accepts the same data every
time, so ``check`` remembers the data it accepted, by a digest of the whole input, and builds
the model only for data it has not seen accepted. The digest covers the data exactly as
validated; the file of digests is named by the template's whole content and the source of the
modules the model is built from (this one, ``answers.py``, ``template.py``) with pydantic's
versions: a changed template or model never reads an old entry. Only acceptance is remembered: data not found here is
validated, and data the model refuses is never written down (its messages come from pydantic).
A lost or damaged file only means validating again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

from tui.core.pydantic_meta import code_digest
from tui.core.statedir import state_dir
from tui.core.template import Template, content_json

KEEP = 4000  # digests kept per template (the most recently added): ~130 kB
_SOURCES = ("accepted_answers.py", "answers.py", "template.py", "pydantic_meta.py")


def _exact(value: Any) -> bool:
    """True when JSON spells ``value`` exactly (text, nothing, lists, mappings with text keys),
    so that two data with one digest are the same data."""
    if value is None or isinstance(value, str):
        return True
    if isinstance(value, list):
        return all(_exact(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _exact(v) for k, v in value.items())
    return False


def data_digest(data: dict[str, Any]) -> str | None:
    """A digest of ``data`` as JSON, or None when JSON would not spell it exactly."""
    if not _exact(data):
        return None
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


class AcceptedAnswers:
    """The digests of the data one template's answers model accepted (``path``: where they
    are kept; None: nowhere, every answer is validated)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()  # the app checks in worker threads
        self._known: dict[str, None] = {}  # ordered: the oldest first
        self._added = False
        if path is not None:
            with contextlib.suppress(OSError, ValueError):  # none yet, or damaged: validate
                self._known = dict.fromkeys(path.read_text(encoding="ascii").split())

    def accepted(self, data: dict[str, Any]) -> bool:
        if self.path is None:
            return False
        digest = data_digest(data)
        with self._lock:
            return digest is not None and digest in self._known

    def add(self, data: dict[str, Any]) -> None:
        """``data`` passed the answers model."""
        if self.path is None:
            return
        digest = data_digest(data)
        if digest is None:
            return
        with self._lock:
            if digest not in self._known:
                self._known[digest] = None
                self._added = True

    def save(self) -> None:
        """Write what was added (a cache: no fsync; concurrent writers may drop each other's)."""
        with self._lock:
            if not self._added or self.path is None:
                return
            kept = list(self._known)[-KEEP:]
            self._added = False
        try:  # a read-only state folder: validate every time
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="ascii") as handle:
                    handle.write("\n".join(kept) + "\n")
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            return


def accepted_answers(template: Template) -> AcceptedAnswers:
    """What ``template``'s answers model accepted before: kept by the template's whole content
    (as the model is built from it) and the model's code."""
    digest = hashlib.sha256(content_json(template).encode())
    digest.update(code_digest(*_SOURCES).encode())
    return AcceptedAnswers(state_dir() / "svarcache" / f"{template.id}-{digest.hexdigest()[:24]}.txt")
