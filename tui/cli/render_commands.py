"""`render` and `export`: the official Word document, and the same document as Markdown.

The core is imported inside the handlers: other commands (and the app's start) do not pay
for python-docx, markdown-it or the report model.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.output import ok, print_problems, say

if TYPE_CHECKING:
    from tui.cli.diff_commands import DiffRequest
    from tui.cli.main import Arguments
    from tui.core.problems import Problem
    from tui.core.report import Report


def _checked(report: Report, force: bool, what: str) -> list[Problem] | None:
    """The report's problems, after printing its errors; None when it must not be rendered
    (errors and no --force)."""
    from tui.core.problems import AterrapportError
    from tui.core.validation import check_report

    # --force renders a report with errors, never one with a file that could not be read:
    # that file's sections would silently be missing from the document (exit 2, not 0).
    unreadable = [d.error for d in report.documents() if d.error is not None]
    if unreadable:
        raise AterrapportError(unreadable)
    problems = check_report(report, locate_warnings=False, remember=True)  # warnings are only counted here
    errors = [p for p in problems if p.is_error]
    if not errors:
        return problems
    print_problems(errors, Path.cwd(), to_stderr=True)
    if force:
        say(f"{len(errors)} fel i rapporten; skapar {what} ändå (--force)", "yellow", to_stderr=True)
        return problems
    say(f"{len(errors)} fel i {report.folder}: ingen {what} skapades. Rätta felen "
        "(se `aterrapport check`) eller använd --force.", "bold red", to_stderr=True)
    return None


def _warnings(problems: list[Problem]) -> str:
    from tui.core.validation import count

    _errors, warnings = count(problems)
    return f" ({warnings} varningar, se `aterrapport check`)" if warnings else ""


def _shown(path: Path) -> str:
    base = Path.cwd()
    return str(path.relative_to(base)) if path.is_absolute() and path.is_relative_to(base) else str(path)


def _formats(outputs: list[Path], wanted: str | None) -> list[tuple[Path, str]]:
    """Each output file with its format: the extension decides, else --format, else DOCX."""
    from tui.core.problems import AterrapportError, Problem

    chosen: list[tuple[Path, str]] = []
    for output in outputs:
        suffix = output.suffix.lower().lstrip(".")
        if suffix in ("docx", "pdf"):
            if wanted and wanted != suffix:
                raise AterrapportError(Problem(output, f"filändelsen .{suffix} passar inte --format {wanted}"))
            chosen.append((output, suffix))
        else:
            chosen.append((output, wanted or "docx"))
    kinds = [kind for _output, kind in chosen]
    if len(kinds) != len(set(kinds)):
        raise AterrapportError(Problem(outputs[-1], "ange högst en fil per format (en .docx och en .pdf)"))
    return chosen


def cmd_render(args: Arguments) -> int:
    from tui.core.render.document import RenderOptions, render_file
    from tui.core.render.output import default_output
    from tui.core.report import Report

    report = Report.load(args.mapp, read_only=True)
    outputs = _formats(args.output or [default_output(report, f".{args.format or 'docx'}")], args.format)
    problems = _checked(report, args.force, "PDF" if [k for _o, k in outputs] == ["pdf"] else "Word-fil")
    if problems is None:
        return 1
    options = RenderOptions(reference_doc=args.reference_doc, draft=args.draft, toc=not args.no_toc)
    by_kind = {kind: output for output, kind in outputs}
    if "pdf" in by_kind:
        from tui.core.problems import AterrapportError, Problem
        from tui.core.render.output import write_error
        from tui.core.render.pdf import render_pdf
        from tui.core.yamlio import atomic_write_bytes

        result = render_pdf(report, by_kind["pdf"], options)
        if "docx" in by_kind:  # the DOCX the PDF was made from: same page numbers in its contents
            try:
                atomic_write_bytes(by_kind["docx"], result.docx)
            except OSError as exc:
                raise AterrapportError(Problem(by_kind["docx"], write_error(exc))) from None
    else:
        render_file(report, by_kind["docx"], options)
    for output, _kind in outputs:
        ok(f"skrev {_shown(output)}{_warnings(problems)}")
    return 0


def cmd_export(args: Arguments) -> int:
    from tui.core.problems import AterrapportError, Problem
    from tui.core.render.export_markdown import export_markdown
    from tui.core.render.output import default_output, write_error
    from tui.core.report import Report
    from tui.core.yamlio import atomic_write

    report = Report.load(args.mapp, read_only=True)
    problems = _checked(report, args.force, "Markdown-fil")
    if problems is None:
        return 1
    text = export_markdown(report, draft=args.draft)
    if args.output is not None and str(args.output) == "-":
        sys.stdout.write(text)
        return 0
    output = args.output or default_output(report, ".md")
    try:
        atomic_write(output, text)
    except OSError as exc:
        raise AterrapportError(Problem(output, write_error(exc))) from None
    ok(f"skrev {_shown(output)}{_warnings(problems)}")
    return 0


def write_tracked(request: DiffRequest, output: Path | None) -> int:
    """`diff A B MAPP --format docx -o FIL`: the later version as the official document, every
    change since the earlier one a Word revision (author and date from git)."""
    import datetime as dt
    import io
    import tarfile
    import tempfile

    from tui.core.gitrepo import GitError, GitRepo
    from tui.core.problems import AterrapportError, Problem
    from tui.core.render.output import write_error
    from tui.core.render.tracked import Revision, render_tracked
    from tui.core.report import Report
    from tui.core.revisions import report_at
    from tui.core.yamlio import atomic_write_bytes

    if output is None or output.suffix.lower() != ".docx":
        raise AterrapportError(Problem(output or Path("-o"), "--format docx skriver en Word-fil: ange -o FIL.docx"))
    folder, revs = request.folder, list(request.revs)
    repo = GitRepo.find(folder)
    if repo is None:
        raise GitError(f"{folder} ligger inte i ett git-förråd; diff jämför versioner i git")
    if not revs:
        revs = ["HEAD"]
    if request.merge_base:
        revs = [repo.merge_base(revs[0], revs[1]), revs[1]]
    old = report_at(repo, revs[0], folder)
    with tempfile.TemporaryDirectory(prefix="aterrapport-andringar-") as tmp:
        if len(revs) == 2:
            # The new version with everything in its folder (images in sub-folders too).
            archive = repo.git("archive", "--format=tar", f"{repo.resolve(revs[1])}:{repo.relative(folder)}",
                               message=f"kunde inte läsa {folder} i {revs[1]}").stdout
            target = Path(tmp) / folder.resolve().name
            target.mkdir()
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(target, filter="data")
            version = repo.version(revs[1])
            revision = Revision(version.author, version.date)
        else:
            target = folder
            identity = repo.identity()
            revision = Revision(identity.name if identity else "", dt.datetime.now(tz=dt.UTC))
        if not (target / "rapport.yaml").exists():
            raise AterrapportError(Problem(folder, "den senare versionen har ingen rapport (rapport.yaml)"))
        data = render_tracked(old, Report.load(target), revision)
    try:
        atomic_write_bytes(output, data)
    except OSError as exc:
        raise AterrapportError(Problem(output, write_error(exc))) from None
    ok(f"skrev {_shown(output)} (ändringarna som spårade ändringar i Word: Granska → Godkänn/Avvisa)")
    return 0
