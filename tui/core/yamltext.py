"""A YAML file's bytes and text before it is parsed: the limits, reading through the reading
edge, decoding. No YAML library here: the fast reader (:mod:`tui.core.fastyaml`) and the app's
first screen read files without loading the round-trip parser."""

from __future__ import annotations

import re
from pathlib import Path

from tui.core.problems import AterrapportError, Problem
from tui.core.safe_read import read_file

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 50  # a report needs 5 levels; ruamel's composer recurses, so cap far below Python's limit
_CONFLICT = re.compile(r"^(<{7}|>{7}|\|{7})( |$)|^={7}$")


class Undecided(Exception):
    """:func:`tui.core.fastyaml.parse_plain` cannot decide the text alone (here, so that the
    first screen can catch it without loading a YAML library)."""


def read_bytes(path: Path, root: Path | None = None) -> bytes:
    """A YAML file's bytes through the reading edge (:mod:`tui.core.safe_read`: a regular
    file, no symbolic link below ``root`` – default the file's own folder – at most 5 MB
    actually read)."""
    return read_file(path, limit=MAX_FILE_BYTES, root=path.parent if root is None else root)


def decode_text(raw: bytes, path: Path) -> str:
    """A file's bytes (from disk, git or memory) as text: at most 5 MB, UTF-8, BOM dropped,
    merge-conflict markers refused. ``path`` names the file in messages."""
    if len(raw) > MAX_FILE_BYTES:
        raise AterrapportError(Problem(
            path, f"filen är för stor: högst {MAX_FILE_BYTES // 1024 // 1024} MB är tillåtet"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise AterrapportError(Problem(
            path, "filen är inte sparad som UTF-8 (spara om den som UTF-8)", line=line)) from None
    text = text.removeprefix("\ufeff")
    for number, line_text in enumerate(text.splitlines(), start=1):
        if _CONFLICT.match(line_text):
            raise AterrapportError(Problem(
                path,
                "filen innehåller en olöst git-konflikt (<<<<<<<, ======= eller >>>>>>>); "
                "välj vilken version som gäller och ta bort markeringarna",
                line=number, column=1))
    return text
