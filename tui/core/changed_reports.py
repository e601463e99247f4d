"""Which report folders changed between two versions of a repository (``aterrapport diff``
without a folder): a changed file belongs to the nearest folder upwards that holds
``rapport.yaml`` on either side, so new and deleted reports count too."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from tui.core.folder import HEAD_FILE
from tui.core.gitrepo import GitRepo


def _names(output: bytes) -> list[str]:
    return [name for name in output.decode("utf-8", "surrogateescape").split("\0") if name]


def changed_paths(repo: GitRepo, old_rev: str | None, new_rev: str | None) -> list[str]:
    """Paths (relative to the root, ``/``-separated) that differ; ``None`` as ``new_rev`` is the
    working tree including new files, ``None`` as ``old_rev`` means no version yet."""
    if new_rev is not None:
        assert old_rev is not None
        return _names(repo.git("diff", "--name-only", "-z", old_rev, new_rev, "--",
                               message="kunde inte jämföra versionerna").stdout)
    untracked = _names(repo.git("ls-files", "--others", "--exclude-standard", "-z").stdout)
    if old_rev is None:
        return sorted({*untracked, *_names(repo.git("ls-files", "-z").stdout)})
    tracked = _names(repo.git("diff", "--name-only", "-z", old_rev, "--",
                              message="kunde inte jämföra med versionen").stdout)
    return sorted({*tracked, *untracked})


def _heads_at(repo: GitRepo, rev: str | None) -> set[str]:
    """The folders (``/``-separated, ``.`` for the root) holding rapport.yaml at ``rev``."""
    if rev is None:
        return set()
    listing = _names(repo.git("ls-tree", "-r", "--name-only", "-z", rev, "--",
                              message=f"kunde inte läsa {rev}").stdout)
    return {str(PurePosixPath(name).parent) for name in listing if PurePosixPath(name).name == HEAD_FILE}


def changed_report_folders(repo: GitRepo, old_rev: str | None, new_rev: str | None) -> list[Path]:
    """The report folders with a changed file, sorted, as absolute paths."""
    heads = _heads_at(repo, old_rev) | _heads_at(repo, new_rev)
    found: set[Path] = set()
    for name in changed_paths(repo, old_rev, new_rev):
        for parent in PurePosixPath(name).parents:
            key = str(parent)
            folder = repo.root / key
            if key in heads or (new_rev is None and (folder / HEAD_FILE).is_file()):
                found.add(folder)
                break
    return sorted(found)
