"""`diff`, `textconv`: reviewing reports in git, in pull requests and in CI."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.output import console, fail, print_json, safe_text, say
from tui.core.folder import HEAD_FILE
from tui.core.printable import printable

# The core is imported inside the commands, so `aterrapport edit` and `render` start faster.
if TYPE_CHECKING:
    from tui.cli.main import Arguments
    from tui.core.diff import ReportDiff


# -- diff ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DiffRequest:
    revs: list[str]  # zero, one or two revisions; the missing newer side is the working tree
    folder: Path
    merge_base: bool = False  # "A...B": compare B with where it branched off A
    folder_given: bool = True  # False: no MAPP argument (diff every changed report)


def folder_path_or_rev(value: str) -> None:
    """Refuse a version or folder that looks like a flag (it would reach git as one)."""
    from tui.core.problems import AterrapportError

    if value.startswith("-"):
        raise AterrapportError(f"«{value}» börjar med '-' och kan förväxlas med en flagga; "
                               f"skriv ./{value} om det är en mapp")


def parse_diff_arguments(values: list[str]) -> DiffRequest:
    """``[REV1 [REV2]] [MAPP]``: the last argument is MAPP when it is an existing folder (or
    the third argument); the others are revisions. ``A..B`` and ``A...B`` count as two."""
    from tui.core.gitrepo import GitError

    values = list(values)
    for value in values:
        folder_path_or_rev(value)
    folder = Path(".")
    given = bool(values) and (Path(values[-1]).is_dir() or len(values) == 3)
    if given:
        folder = Path(values.pop())
    if len(values) > 2:
        raise GitError("högst två versioner och en mapp: aterrapport diff [REV1 [REV2]] [MAPP]")
    if len(values) == 1 and ".." in values[0]:
        separator = "..." if "..." in values[0] else ".."
        left, _, right = values[0].partition(separator)
        return DiffRequest([left or "HEAD", right or "HEAD"], folder, separator == "...", given)
    return DiffRequest(values, folder, folder_given=given)


def cmd_diff(args: Arguments) -> int:
    from tui.core.diff_render import json_diff, markdown_diff, rich_diff
    from tui.core.gitrepo import GitError

    try:
        request = parse_diff_arguments(args.argument)
        folders = None
        if not request.folder_given:
            report = report_here()
            if report is not None:
                request = replace(request, folder=report)
            else:
                folders = changed_folders(request)
                if not request.revs and _has_commits():  # a deleted report compares too
                    request = replace(request, revs=["HEAD"])
        if args.format == "docx":
            from tui.cli.render_commands import write_tracked

            if folders is not None:
                fail("--format docx skriver ett dokument för en rapport: ange MAPP")
                return 2
            return write_tracked(request, args.output)
        diffs = [compute_diff(request)] if folders is None else \
            [compute_diff(replace(request, folder=f)) for f in folders]
    except GitError as exc:
        fail(exc.text)
        return 2
    if args.format == "json":
        print_json(json_diff(diffs[0]) if folders is None else [json_diff(d) for d in diffs])
    elif args.format == "markdown":
        sys.stdout.write("\n".join(printable(markdown_diff(d), keep_lines=True) for d in diffs))
    else:
        # Colours in a terminal; [-…-] {+…+} marks when piped to a file or a CI log.
        out = console()
        for index, diff in enumerate(diffs):
            if index:
                out.print()
            out.print(safe_text(rich_diff(diff, markers=not out.is_terminal)))
    if folders == [] and args.format == "text":
        say("inga rapporter har ändrats")
    elif folders == [] and args.format == "markdown":
        sys.stdout.write("Inga rapporter har ändrats.\n")
    return 0


def _has_commits() -> bool:
    from tui.core.gitrepo import GitRepo

    repo = GitRepo.find(Path("."))
    return repo is not None and repo.has_commits()


def report_here() -> Path | None:
    """The report folder the current folder is in (or is), relative: ``.`` or ``..`` …"""
    from tui.core.locate import report_folder_of

    here = Path(".").absolute()
    folder = report_folder_of(here)
    return None if folder is None else Path(os.path.relpath(folder, here))


def changed_folders(request: DiffRequest) -> list[Path]:
    """Without MAPP outside a report: every report folder in the repository with a changed
    file between the request's two sides (as the CI script finds them), relative to here."""
    from tui.core.changed_reports import changed_report_folders
    from tui.core.gitrepo import GitError, GitRepo

    here = Path(".").absolute()
    repo = GitRepo.find(here)
    if repo is None:
        raise GitError(". ligger inte i ett git-förråd; diff jämför versioner i git")
    revs = request.revs
    old: str | None
    new: str | None
    if request.merge_base:
        old, new = repo.merge_base(revs[0], revs[1]), revs[1]
    elif not revs:
        old, new = ("HEAD" if repo.has_commits() else None), None
    else:
        old, new = revs[0], (revs[1] if len(revs) == 2 else None)
    return [Path(os.path.relpath(folder, here)) for folder in changed_report_folders(repo, old, new)]


def compute_diff(request: DiffRequest) -> ReportDiff:
    from tui.core.diff import revision_diff, working_diff
    from tui.core.gitrepo import GitError, GitRepo

    folder, revs = request.folder, request.revs
    repo = GitRepo.find(folder)
    if repo is None:
        raise GitError(f"{folder} ligger inte i ett git-förråd; diff jämför versioner i git")
    if not revs:
        if not (folder / HEAD_FILE).exists():
            raise GitError(f"{folder} är ingen rapportmapp (rapport.yaml saknas)")
        return working_diff(repo, folder)
    if request.merge_base:
        base = repo.merge_base(revs[0], revs[1])
        diff = revision_diff(repo, folder, base, revs[1])
        return replace(diff, old_label=f"{revs[0]} ({base[:7]})")
    return revision_diff(repo, folder, revs[0], revs[1] if len(revs) == 2 else None)


# -- textconv -----------------------------------------------------------------------------------

def cmd_textconv(args: Arguments) -> int:
    from tui.core.fileview import readable_view

    view = printable(readable_view(args.fil), keep_lines=True)
    sys.stdout.buffer.write(view.encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0
