"""A thin, typed wrapper over the real ``git`` program (never a git library).

Everything runs ``git -C <root> …`` through :mod:`subprocess`, so the user's own git, hooks,
configuration and credentials apply exactly as on the command line. Failures raise
:class:`GitError` (an :class:`AterrapportError`) carrying git's own message in ``stderr``.

Typical use by the app::

    repo = GitRepo.find(folder)            # None: offer GitRepo.init(folder)
    status = repo.status(folder)           # branch, changed files of the report folder
    repo.require_identity()                # IdentityMissingError says how to set it
    version = repo.commit_folder(folder, message)
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.core.problems import AterrapportError, Problem
from tui.core.yamlio import MAX_FILE_BYTES

GIT = "git"
NULL_SHA = "0" * 40
WORKTREE_LABEL = "arbetskopian"

# Field and record separators for `git log --format`: never part of a name or subject.
_FS = "\x1f"
_RS = "\x1e"
_LOG_FORMAT = _RS + _FS.join(["%H", "%h", "%an", "%ae", "%aI", "%s"])


# -- errors -------------------------------------------------------------------------------------

class GitError(AterrapportError):
    """A git operation failed. ``message`` is Swedish; ``stderr`` is git's own output."""

    def __init__(self, message: str, *, stderr: str = "", command: Sequence[str] = ()) -> None:
        self.message = message
        self.stderr = stderr.strip()
        self.command = list(command)
        super().__init__(Problem(Path(""), self.text))

    @property
    def text(self) -> str:
        """The message followed by git's own words, as the user should see it."""
        return f"{self.message}\n{self.stderr}" if self.stderr else self.message


class GitMissingError(GitError):
    """The ``git`` program is not installed."""


class NotARepositoryError(GitError):
    """The folder is not inside a git repository (the app offers ``GitRepo.init``)."""


class IdentityMissingError(GitError):
    """``user.name`` or ``user.email`` is not set; the message says how to set them."""


class UnknownRevisionError(GitError):
    """A revision (branch, tag, sha, ``HEAD~2`` …) that git does not know."""


class NothingToCommitError(GitError):
    """``commit_folder`` was asked to save a folder without changes."""


class CommitFailedError(GitError):
    """``git commit`` failed (a hook, a lock, a merge in progress); the files are untouched."""


# -- values -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Identity:
    name: str
    email: str


@dataclass(frozen=True)
class Version:
    """One commit: what the history view lists."""

    sha: str
    short_sha: str
    author: str
    email: str
    date: dt.datetime  # the author date, timezone-aware
    subject: str


@dataclass(frozen=True)
class FileVersion:
    """A commit that changed one file, with the file's blob before and after (None = absent)."""

    version: Version
    old_blob: str | None
    new_blob: str | None


@dataclass(frozen=True)
class FileStatus:
    """One changed path from ``git status``; ``code`` is git's two-letter XY code."""

    path: Path  # absolute
    code: str

    @property
    def untracked(self) -> bool:
        return self.code == "??"

    @property
    def conflicted(self) -> bool:
        return self.code in {"DD", "AU", "UD", "UA", "DU", "AA", "UU"}

    @property
    def label(self) -> str:
        """A Swedish word for the change, for the status bar and dialogs."""
        if self.conflicted:
            return "konflikt"
        if self.untracked or "A" in self.code:
            return "ny"
        if "D" in self.code:
            return "borttagen"
        if "R" in self.code:
            return "flyttad"
        return "ändrad"


@dataclass(frozen=True)
class FolderStatus:
    """What the status bar shows: the branch and the report folder's unsaved changes."""

    branch: str | None  # None when HEAD is detached
    head: str | None  # short sha of HEAD; None before the first commit
    files: tuple[FileStatus, ...]
    ahead: int | None = None  # commits ahead of / behind the upstream; None without one
    behind: int | None = None

    @property
    def dirty(self) -> bool:
        """True when the folder has changes not yet saved as a version."""
        return bool(self.files)

    @property
    def conflicted(self) -> bool:
        return any(f.conflicted for f in self.files)

    @property
    def branch_label(self) -> str:
        if self.branch:
            return self.branch
        return f"(ingen gren, vid {self.head})" if self.head else "(ingen gren)"


# -- running git --------------------------------------------------------------------------------

def _env(**extra: str) -> dict[str, str]:
    # Never wait for a password prompt; a prompt would hang the app.
    return {**os.environ, "GIT_TERMINAL_PROMPT": "0", **extra}


def _decode(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def run_git(args: Sequence[str], *, cwd: Path, input: bytes | None = None,
            env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run git without raising on a non-zero exit; raises :class:`GitMissingError` only."""
    if shutil.which(GIT) is None:
        raise GitMissingError(
            "programmet git finns inte; installera git (t.ex. `apt install git` eller från "
            "git-scm.com) för att kunna spara versioner")
    command = [GIT, *args]
    return subprocess.run(command, cwd=cwd, input=input, capture_output=True,
                          env=dict(env) if env is not None else _env(),
                          stdin=subprocess.DEVNULL if input is None else None, check=False)


def _existing_dir(path: Path) -> Path:
    path = Path(path).absolute()
    while not path.is_dir() and path != path.parent:
        path = path.parent
    return path


IDENTITY_HELP = (
    "Ange ditt namn och din e-postadress en gång i en terminal; de står sedan i varje version "
    "du sparar:\n"
    '  git config --global user.name "Förnamn Efternamn"\n'
    '  git config --global user.email "fornamn.efternamn@region.se"')


# -- the repository -----------------------------------------------------------------------------

@dataclass(frozen=True)
class GitRepo:
    """A git working tree, identified by its top-level folder."""

    root: Path

    # -- finding and creating -------------------------------------------------------------------

    @classmethod
    def find(cls, path: Path) -> GitRepo | None:
        """The repository that holds ``path`` (a file or folder, which need not exist), or None."""
        result = run_git(["rev-parse", "--show-toplevel"], cwd=_existing_dir(path))
        if result.returncode != 0:
            return None
        return cls(Path(_decode(result.stdout).strip()))

    @classmethod
    def open(cls, path: Path) -> GitRepo:
        """Like :meth:`find`, but raises :class:`NotARepositoryError` with a Swedish message."""
        repo = cls.find(path)
        if repo is None:
            raise NotARepositoryError(
                f"{path} ligger inte i ett git-förråd; skapa ett med `git init` "
                "(eller låt appen skapa det)")
        return repo

    @classmethod
    def init(cls, folder: Path, *, initial_branch: str | None = None) -> GitRepo:
        """Create a repository in ``folder`` (created if needed) and return it."""
        folder = Path(folder).absolute()
        folder.mkdir(parents=True, exist_ok=True)
        args = ["init", "--quiet"]
        if initial_branch:
            args.append(f"--initial-branch={initial_branch}")
        result = run_git(args, cwd=folder)
        if result.returncode != 0:
            raise GitError(f"kunde inte skapa ett git-förråd i {folder}", stderr=_decode(result.stderr),
                           command=args)
        repo = cls.find(folder)
        if repo is None:  # pragma: no cover - git init succeeded, so this cannot happen
            raise GitError(f"kunde inte skapa ett git-förråd i {folder}")
        return repo

    # -- plumbing -------------------------------------------------------------------------------

    def git(self, *args: str, input: bytes | None = None, check: bool = True,
            message: str = "git misslyckades", env: Mapping[str, str] | None = None,
            ) -> subprocess.CompletedProcess[bytes]:
        """Run ``git args`` in the repository; on failure (if ``check``) raise :class:`GitError`."""
        result = run_git(args, cwd=self.root, input=input, env=env)
        if check and result.returncode != 0:
            raise GitError(message, stderr=_git_output(result), command=args)
        return result

    def _text(self, *args: str, message: str = "git misslyckades") -> str:
        return _decode(self.git(*args, message=message).stdout)

    def relative(self, path: Path) -> str:
        """``path`` as git names it: relative to the root, with ``/``; ``.`` for the root."""
        absolute = Path(os.path.realpath(Path(path).absolute()))
        try:
            rel = absolute.relative_to(Path(os.path.realpath(self.root)))
        except ValueError:
            raise GitError(f"{path} ligger utanför git-förrådet {self.root}") from None
        return rel.as_posix() if rel.parts else "."

    def config(self, key: str) -> str | None:
        """A configuration value as git sees it here (local, global, system), or None."""
        result = self.git("config", "--get", key, check=False)
        value = _decode(result.stdout).strip()
        return value if result.returncode == 0 and value else None

    # -- state ----------------------------------------------------------------------------------

    def has_commits(self) -> bool:
        return self.git("rev-parse", "--verify", "--quiet", "HEAD", check=False).returncode == 0

    def branch(self) -> str | None:
        """The current branch (also before the first commit), or None when HEAD is detached."""
        result = self.git("symbolic-ref", "--quiet", "--short", "HEAD", check=False)
        if result.returncode != 0:
            return None
        return _decode(result.stdout).strip() or None

    def merge_in_progress(self) -> bool:
        return self.git("rev-parse", "--verify", "--quiet", "MERGE_HEAD", check=False).returncode == 0

    def status(self, folder: Path) -> FolderStatus:
        """Branch, upstream distance and the folder's uncommitted changes, in one git call."""
        rel = self.relative(folder)
        # No optional locks: the app polls this while the writer may run git elsewhere.
        result = self.git("status", "--porcelain=v2", "--branch", "-z", "--untracked-files=all",
                          "--", rel, env=_env(GIT_OPTIONAL_LOCKS="0"),
                          message="kunde inte läsa git-status")
        return _parse_status(_decode(result.stdout), self.root)

    def changed_files(self, folder: Path) -> list[FileStatus]:
        return list(self.status(folder).files)

    def has_changes(self, folder: Path) -> bool:
        """True when the folder has changes not yet committed (``git status --porcelain``)."""
        return self.status(folder).dirty

    # -- identity -------------------------------------------------------------------------------

    def identity(self) -> Identity | None:
        """The author git will use, when it is set explicitly (environment or configuration)."""
        name = (os.environ.get("GIT_AUTHOR_NAME") or self.config("author.name")
                or self.config("user.name"))
        email = (os.environ.get("GIT_AUTHOR_EMAIL") or self.config("author.email")
                 or self.config("user.email") or os.environ.get("EMAIL"))
        return Identity(name, email) if name and email else None

    def require_identity(self) -> Identity:
        identity = self.identity()
        if identity is None:
            raise IdentityMissingError("git vet inte vem du är. " + IDENTITY_HELP)
        return identity

    # -- committing -----------------------------------------------------------------------------

    def commit_folder(self, folder: Path, message: str) -> Version:
        """Stage and commit the folder's changes, and nothing else, with ``message``.

        Other staged or changed files in the repository are left as they are. If the commit
        fails (a hook, a lock), the working tree and the index are as before and
        :class:`CommitFailedError` carries git's message.
        """
        message = message.strip()
        if not message:
            raise GitError("skriv ett meddelande som beskriver versionen")
        self.require_identity()
        rel = self.relative(folder)
        if self.merge_in_progress():
            raise CommitFailedError(
                "en sammanslagning (merge) pågår i förrådet; avsluta den först med `git commit` "
                "(eller avbryt den med `git merge --abort`)")
        if not self.has_changes(folder):
            raise NothingToCommitError(f"inga ändringar i {rel} att spara")
        saved_index = self.git("ls-files", "--stage", "-z", "--", rel,
                               message="kunde inte läsa git-indexet").stdout
        self.git("add", "--all", "--", rel, message="kunde inte lägga till ändringarna")
        # A pathspec makes this an `--only` commit: just this folder, whatever else is staged.
        result = self.git("commit", "--quiet", "-m", message, "--", rel, check=False)
        if result.returncode != 0:
            self._restore_index(rel, saved_index)
            raise CommitFailedError("versionen kunde inte sparas", stderr=_git_output(result),
                                    command=["commit", "--", rel])
        return self.version("HEAD")

    def _restore_index(self, rel: str, saved: bytes) -> None:
        """Put the folder's index entries back as they were before ``git add``."""
        self.git("rm", "--cached", "-r", "-q", "--ignore-unmatch", "--", rel, check=False)
        if saved:
            self.git("update-index", "-z", "--index-info", input=saved, check=False)

    # -- revisions and history ------------------------------------------------------------------

    def resolve(self, rev: str) -> str:
        """The full sha of a commit, or :class:`UnknownRevisionError` with git's message."""
        if not rev or rev.startswith("-"):
            raise UnknownRevisionError(f"okänd version «{rev}»")
        result = self.git("rev-parse", "--verify", f"{rev}^{{commit}}", check=False)
        if result.returncode != 0:
            hint = " (förrådet har inga sparade versioner än)" if not self.has_commits() else ""
            raise UnknownRevisionError(f"okänd version «{rev}»{hint}", stderr=_git_output(result),
                                       command=["rev-parse", rev])
        return _decode(result.stdout).strip()

    def merge_base(self, rev1: str, rev2: str) -> str:
        a, b = self.resolve(rev1), self.resolve(rev2)
        return self._text("merge-base", a, b, message=f"{rev1} och {rev2} har ingen gemensam version").strip()

    def version(self, rev: str) -> Version:
        sha = self.resolve(rev)
        text = self._text("log", "-1", f"--format={_LOG_FORMAT}", sha)
        return _parse_versions(text)[0]

    def log(self, paths: Iterable[Path] = (), *, rev: str = "HEAD", limit: int | None = None) -> list[Version]:
        """Versions (newest first) reachable from ``rev`` that changed any of ``paths``."""
        if not self.has_commits():
            return []
        args = ["log", f"--format={_LOG_FORMAT}", self.resolve(rev)]
        if limit is not None:
            args.append(f"--max-count={limit}")
        args += ["--", *(self.relative(p) for p in paths)]
        return _parse_versions(self._text(*args))

    def file_history(self, path: Path, *, rev: str = "HEAD", limit: int | None = None) -> list[FileVersion]:
        """Commits that changed one file (newest first, merges left out: their branches' own
        commits are listed), each with the file's blob before and after."""
        if not self.has_commits():
            return []
        args = ["log", "--no-merges", "--raw", "--no-abbrev", "--no-renames",
                f"--format={_LOG_FORMAT}", self.resolve(rev)]
        if limit is not None:
            args.append(f"--max-count={limit}")
        args += ["--", self.relative(path)]
        history: list[FileVersion] = []
        for record in self._text(*args).split(_RS)[1:]:
            header, _, rest = record.partition("\n")
            version = _parse_version(header)
            raw = next((line for line in rest.splitlines() if line.startswith(":")), None)
            if raw is None:
                continue
            fields = raw[1:].split("\t", 1)[0].split()
            old, new = fields[2], fields[3]
            history.append(FileVersion(version, None if old == NULL_SHA else old,
                                       None if new == NULL_SHA else new))
        return history

    # -- reading files at a revision ------------------------------------------------------------

    def blobs(self, shas: Iterable[str]) -> dict[str, bytes]:
        """The contents of many blobs in one ``git cat-file --batch``. A blob larger than a
        report file may be (a pull request can commit anything) is not read: it comes back as
        an :class:`OversizedBlob`, which the reading edge then refuses by name."""
        wanted = list(dict.fromkeys(shas))
        if not wanted:
            return {}
        sizes = self.git("cat-file", "--batch-check", input="".join(f"{s}\n" for s in wanted).encode(),
                         message="kunde inte läsa filer ur git").stdout.decode("ascii", "replace")
        found: dict[str, bytes] = {}
        for line in sizes.splitlines():
            sha, _kind, declared = [*line.split(), "", ""][:3]
            if declared.isdigit() and int(declared) > MAX_FILE_BYTES:
                found[sha] = OversizedBlob()
        wanted = [sha for sha in wanted if sha not in found]
        if not wanted:
            return found
        output = self.git("cat-file", "--batch", input="".join(f"{s}\n" for s in wanted).encode(),
                          message="kunde inte läsa filer ur git").stdout
        position = 0
        for sha in wanted:
            end = output.index(b"\n", position)
            header = output[position:end].decode().split()
            position = end + 1
            if len(header) < 3 or header[1] == "missing":
                continue
            size = int(header[2])
            found[sha] = output[position:position + size]
            position += size + 1
        return found

    def show(self, rev: str, path: Path) -> bytes | None:
        """A file's contents at a revision (``git show REV:path``), or None if it did not exist."""
        sha = self.resolve(rev)
        result = self.git("cat-file", "blob", f"{sha}:{self.relative(path)}", check=False)
        return result.stdout if result.returncode == 0 else None

    def read_folder(self, rev: str, folder: Path) -> dict[str, bytes]:
        """The files directly in ``folder`` at a revision, by name (sub-folders left out)."""
        sha = self.resolve(rev)
        rel = self.relative(folder)
        prefix = "" if rel == "." else rel + "/"
        listing = self.git("ls-tree", "-z", sha, "--", prefix or ".",
                           message=f"kunde inte läsa {rel} i {rev}").stdout
        names: dict[str, str] = {}
        links: set[str] = set()
        for entry in _decode(listing).split("\0"):
            if not entry:
                continue
            meta, _, path = entry.partition("\t")
            mode, kind, blob = meta.split()[:3]
            if kind == "blob" and path.startswith(prefix) and "/" not in path[len(prefix):]:
                names[path[len(prefix):]] = blob
                if mode == "120000":
                    links.add(path[len(prefix):])
        contents = self.blobs(names.values())
        return {name: LinkBlob(contents[blob]) if name in links else contents[blob]
                for name, blob in names.items() if blob in contents}


class LinkBlob(bytes):
    """A symbolic link committed to git (its target): the reading edge refuses it by name, as
    it refuses a link in a working tree (see :func:`tui.core.revisions.contents`)."""


class OversizedBlob(bytes):
    """A blob too large to be a report file, left unread: refused by name as too large."""


# -- parsing git's output -----------------------------------------------------------------------

def _git_output(result: subprocess.CompletedProcess[bytes]) -> str:
    """What git (or a hook) said; hooks often write to stdout."""
    parts = [_decode(result.stderr).strip(), _decode(result.stdout).strip()]
    return "\n".join(p for p in parts if p)


def _parse_version(header: str) -> Version:
    sha, short, author, email, date, subject = header.split(_FS, 5)
    return Version(sha=sha, short_sha=short, author=author, email=email,
                   date=dt.datetime.fromisoformat(date), subject=subject.rstrip("\n"))


def _parse_versions(text: str) -> list[Version]:
    return [_parse_version(record.split("\n", 1)[0]) for record in text.split(_RS)[1:]]


def _parse_status(text: str, root: Path) -> FolderStatus:
    branch: str | None = None
    head: str | None = None
    ahead: int | None = None
    behind: int | None = None
    files: list[FileStatus] = []
    entries = iter(text.split("\0"))
    for entry in entries:
        if not entry:
            continue
        if entry.startswith("# branch.oid "):
            oid = entry.split(" ", 2)[2]
            head = None if oid == "(initial)" else oid[:7]
        elif entry.startswith("# branch.head "):
            name = entry.split(" ", 2)[2]
            branch = None if name == "(detached)" else name
        elif entry.startswith("# branch.ab "):
            a, b = entry.split(" ")[2:4]
            ahead, behind = int(a.lstrip("+")), int(b.lstrip("-"))
        elif entry[0] in "12u":
            fields = entry.split(" ", {"1": 8, "2": 9, "u": 10}[entry[0]])
            files.append(FileStatus(root / fields[-1], fields[1].replace(".", " ")))
            if entry[0] == "2":
                next(entries, None)  # the rename's original path
        elif entry.startswith("? "):
            files.append(FileStatus(root / entry[2:], "??"))
    return FolderStatus(branch=branch, head=head, files=tuple(files), ahead=ahead, behind=behind)

