"""What the fast reader made of the files the app's first screen reads, kept between starts.

The first screen reads two YAML files (``rapport.yaml`` and the starting section's). Importing
PyYAML to read them costs more than the rest of the reading (~13 ms: its pure-Python reader
compiles a pattern over all of Unicode when it is imported, although the C parser is used). This
memo keeps, per report folder, each file's text together with what
:func:`tui.core.fastyaml.parse_plain` made of it: the same text gives the same data without
PyYAML; any other text is read afresh. The app keeps what it read afresh once its first frame
is on the terminal, and the files as the writer left them when it ends.

A memo is only a shortcut: a missing, unreadable or foreign one is ignored, and anything the
fast reader does not decide alone is never kept (the first screen then takes the full way).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tui.core.statedir import state_dir
from tui.core.yamltext import decode_text, read_bytes

FOLDERS_KEPT = 20  # reports remembered (the most recently ended first)
# Every start parses the whole memo (~2 ms per MB), every folder's: a longer file is not kept,
# so the memo stays below ~5 MB (a 5 MB answer file, kept, would cost more than PyYAML's import).
TEXT_KEPT_MAX = 64 * 1024
_READER_SOURCES = ("fastyaml.py", "yamltext.py")  # a new reader (an update) starts a new memo


def memo_file() -> Path:
    return state_dir() / "forsta-skarmen.json"


def _reader_version() -> list[int]:
    """The reader's source files, by size and time: data kept by another reader is not used."""
    here = Path(__file__).parent
    version: list[int] = []
    for name in _READER_SOURCES:
        stat = os.stat(here / name)
        version += [stat.st_size, stat.st_mtime_ns]
    return version


class PlainMemo:
    """The memo of one report folder: ``parse`` reads a file of it, from the memo where it can."""

    def __init__(self, folder: Path) -> None:
        self.key = str(folder.resolve())
        self.version = _reader_version()
        self.all: dict[str, Any] = {}
        try:
            loaded = json.loads(memo_file().read_bytes())
        except (OSError, ValueError):
            loaded = None
        if isinstance(loaded, dict) and loaded.get("version") == self.version and isinstance(
                loaded.get("folders"), dict):
            self.all = loaded["folders"]
        kept = self.all.get(self.key)
        self.kept: dict[str, Any] = kept if isinstance(kept, dict) else {}
        self.read: dict[str, list[Any]] = {}  # this time's files: [text, data]
        self.missed = False  # a file was not in the memo as it is now

    def parse(self, path: Path, folder: Path) -> Any:
        """The plain data of ``path`` (in ``folder``) as :func:`parse_plain` gives it (raises
        what reading, decoding or ``parse_plain`` raise)."""
        text = decode_text(read_bytes(path, folder), path)
        name = path.name
        if len(text) > TEXT_KEPT_MAX:
            from tui.core.fastyaml import parse_plain

            return parse_plain(text)
        entry = self.kept.get(name)
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == text:
            data = entry[1]
        else:
            from tui.core.fastyaml import parse_plain

            self.missed = True
            data = parse_plain(text)
        self.read[name] = [text, data]
        return data

    def save(self) -> None:
        """Keep this time's files as the folder's memo (the most recent folders only)."""
        from tui.core.yamlio import atomic_write

        folders = {self.key: self.read, **{k: v for k, v in self.all.items() if k != self.key}}
        folders = dict(list(folders.items())[:FOLDERS_KEPT])
        atomic_write(memo_file(), json.dumps({"version": self.version, "folders": folders}, ensure_ascii=False))
