"""The one reading edge for files a report brings: YAML, images, a reference document.

A report folder comes from a pull request, so every file in it is untrusted. Reading goes
through :func:`read_file`, which refuses, with a Swedish problem naming the file:

- anything that is not a regular file (a FIFO would hang, ``/dev/zero`` never ends, a
  directory cannot be read);
- any symbolic link between the report folder and the file, also one that stays inside the
  folder: git can commit links, and following one would put a file from outside the report
  (``/etc/passwd``, a secret in the CI runner) into the document. Refusing every link is
  simpler to reason about than resolving where each one ends up;
- more bytes than the limit, counted on what is actually read (``st_size`` is 0 for devices).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from tui.core.problems import AterrapportError, Problem

_CHUNK = 1 << 16


def _megabytes(limit: int) -> str:
    value = limit / 1024 / 1024
    return f"{value:.0f}" if value >= 1 else f"{value:.2f}"


def _refuse(path: Path, message: str) -> AterrapportError:
    return AterrapportError(Problem(path, message))


def _check_links(path: Path, root: Path, what: str = "filen") -> None:
    """Refuse a symbolic link at any step from ``root`` (not included) down to ``path``."""
    try:
        relative = path.relative_to(root)
    except ValueError:
        raise _refuse(path, "filen ligger utanför rapportmappen") from None
    if ".." in relative.parts:
        raise _refuse(path, "filen ligger utanför rapportmappen")
    current = root
    for part in relative.parts:
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            raise _refuse(path, f"{what} finns inte") from None
        except OSError as exc:
            raise _refuse(path, f"{what} kan inte läsas: {exc.strerror}") from None
        if stat.S_ISLNK(mode):
            where = "" if current == path else f" ({current.name} är en länk)"
            raise _refuse(path, f"symboliska länkar är inte tillåtna i en rapportmapp{where}; "
                                "lägg in filen själv i mappen")


def read_file(path: Path, *, limit: int, root: Path | None = None, what: str = "filen") -> bytes:
    """The bytes of ``path``, at most ``limit`` of them, or an :class:`AterrapportError`.

    With ``root`` (the report folder), ``path`` must lie inside it and no step below it may
    be a symbolic link. Without it (a file the user named on the command line, a template,
    a file git hands to textconv) links are followed, but the other limits hold.
    """
    path = Path(path)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if root is not None:
        _check_links(path, Path(root), what)
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise _refuse(path, f"{what} finns inte") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _refuse(path, "symboliska länkar är inte tillåtna i en rapportmapp") from None
        if exc.errno == errno.EISDIR:
            raise _refuse(path, f"{what} är en mapp, inte en fil") from None
        raise _refuse(path, f"{what} kan inte läsas: {exc.strerror}") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise _refuse(path, f"{what} är en mapp, inte en fil")
        if not stat.S_ISREG(mode):
            raise _refuse(path, f"{what} är ingen vanlig fil (en enhet, FIFO eller socket); den läses inte")
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise _refuse(path, f"{what} kan inte läsas: {exc.strerror}") from None
    finally:
        os.close(fd)
    if total > limit:
        raise _refuse(path, f"{what} är för stor: högst {_megabytes(limit)} MB är tillåtet")
    return b"".join(chunks)


def snapshot(path: Path, *, limit: int, root: Path | None = None) -> str | None:
    """What ``path`` holds now, for "has it changed since we read it": its text, ``None``
    when it does not exist, or (for a file the edge refuses) a marker that names the refusal
    and never equals a readable text, so that nothing is read past the edge."""
    try:
        return read_file(path, limit=limit, root=root).decode("utf-8", "replace")
    except AterrapportError as exc:
        try:
            os.lstat(path)
        except FileNotFoundError:
            return None
        except OSError:
            pass
        return "\0" + exc.problems[0].message
