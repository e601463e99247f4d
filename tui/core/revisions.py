"""A report as it was at a git revision: git gives the files' bytes, :class:`Report` builds.

The documents keep the folder's real paths (so messages name the files the writer knows), and
the report is marked with its revision so it can never be saved over the working files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from tui.core.folder import HEAD_FILE
from tui.core.gitrepo import GitRepo, LinkBlob, OversizedBlob
from tui.core.problems import Problem
from tui.core.report import Report
from tui.core.yamlio import MAX_FILE_BYTES


def contents(files: Mapping[str, bytes], folder: Path) -> dict[str, bytes | Problem]:
    """Git's blobs by name as report contents: a committed symbolic link or an oversized blob
    is refused by name, in the words of the reading edge (:mod:`tui.core.safe_read`)."""
    result: dict[str, bytes | Problem] = {}
    for name, data in files.items():
        if isinstance(data, LinkBlob):
            result[name] = Problem(folder / name, "symboliska länkar är inte tillåtna i en rapportmapp; "
                                                  "lägg in filen själv i mappen")
        elif isinstance(data, OversizedBlob):
            result[name] = Problem(folder / name, f"filen är för stor: högst {MAX_FILE_BYTES // 1024 // 1024} MB "
                                                  "är tillåtet")
        else:
            result[name] = data
    return result


def report_at(repo: GitRepo, rev: str, folder: Path, *, only: Iterable[str] | None = None) -> Report | None:
    """The report in ``folder`` as it was at ``rev``, or None if it had no ``rapport.yaml``.

    ``only`` limits the answer files read (names such as ``"1.2.yaml"``); the others count as
    missing. The template is the installed one, as for the working files. The report is read
    with the fast reader (no comments or positions): it is for reading only.
    """
    files = repo.read_folder(rev, folder)
    if HEAD_FILE not in files:
        return None
    if only is not None:
        keep = {HEAD_FILE, *only}
        files = {name: data for name, data in files.items() if name in keep}
    return Report.from_texts(Path(folder), contents(files, Path(folder)), revision=rev, read_only=True)
