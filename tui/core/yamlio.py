"""Safe, round-trip YAML: reading with limits and Swedish errors, canonical dumping, atomic saving.

Every plain scalar is read as text (only an empty value, ``~`` or ``null`` is "nothing"), so
section ids such as ``1.5``, years and dates never turn into floats, ints or datetimes, and a
file that is loaded and saved unchanged comes out byte-identical.

The round-trip parser and writer (ruamel.yaml, :mod:`tui.core.yamlrt`) are loaded when a file
is parsed or written round-trip, not with this module: commands that only read take the fast
reader (:mod:`tui.core.fastyaml`) and never need them.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.problems import AterrapportError, Problem
from tui.core.yamltext import MAX_FILE_BYTES as MAX_FILE_BYTES  # where the other modules take it from
from tui.core.yamltext import decode_text, read_bytes

if TYPE_CHECKING:
    from ruamel.yaml import YAML

# What YAML's reader refuses (C0 except tab and line breaks, DEL, C1 except NEL, surrogates,
# U+FFFE/F); listed, not as a negated class, which takes ~7 ms to compile at every start.
_NON_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_DIRECTIVE = re.compile("^\ufeff*%", re.MULTILINE)


def make_yaml() -> YAML:
    """The one configured YAML instance type used for reading and writing report files."""
    from tui.core.yamlrt import make_yaml as make

    return make()


def read_text(path: Path, root: Path | None = None) -> str:
    """Read a YAML file's text through the reading edge, then decode it (:func:`decode_text`)."""
    return decode_text(read_bytes(path, root), path)


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _refuse_text(text: str, path: Path) -> None:
    """What the parser would choke on, found before it runs, with line and column."""
    bad = _NON_PRINTABLE.search(text)
    if bad:
        line, column = _position(text, bad.start())
        raise AterrapportError(Problem(
            path, f"otillåtet tecken U+{ord(bad.group()):04X} (ett styrtecken) i filen; ta bort det",
            line=line, column=column))
    directive = _DIRECTIVE.search(text)
    if directive:
        line, column = _position(text, directive.start())
        raise AterrapportError(Problem(
            path, "YAML-direktiv (%YAML, %TAG) är inte tillåtna; ta bort raden", line=line, column=column))


def parse_text(text: str, path: Path) -> Any:
    """Parse YAML text safely into round-trip objects, or raise with file:line:column
    (:func:`tui.core.yamlrt.parse_text`)."""
    from tui.core.yamlrt import parse_text as parse

    return parse(text, path)


def load_file(path: Path) -> tuple[Any, str]:
    """Read and parse one YAML file; returns (document, text)."""
    text = read_text(path)
    return parse_text(text, path), text


def dump(data: Any) -> str:
    """The canonical text of ``data``: any text a standard YAML reader would not read as text
    (``1.5``, ``2019``, ``ja``-like booleans, dates …) is quoted (see :mod:`tui.core.scalars`)."""
    from tui.core.yamlrt import dump as dump_rt

    return dump_rt(data)


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves the old or the new file, never half of one."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """:func:`atomic_write` for bytes (temporary file, fsync, rename, fsync of the folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chmod(tmp_name, path.stat().st_mode & 0o777)
        except FileNotFoundError:
            os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
