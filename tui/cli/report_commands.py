"""`new`, `check`, `fmt`: creating, checking and formatting report folders."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.output import ok, print_json, print_problems, say, warn

if TYPE_CHECKING:
    from tui.cli.main import Arguments

# The core is imported inside the commands: each imports what it needs.


def _template_id_for(year: int) -> str:
    from tui.core.problems import AterrapportError
    from tui.core.template import find_templates, load_template
    from tui.core.years import template_for_year

    paths = find_templates()
    if not paths:
        raise AterrapportError("inga mallar hittades")
    return template_for_year({tid: load_template(path) for tid, path in paths.items()}, year)


def cmd_new(args: Arguments) -> int:
    from tui.core.scaffold import create_report
    from tui.core.template import get_template
    from tui.core.years import year_mismatch

    template = get_template(args.mall or _template_id_for(args.ar))
    written = create_report(args.mapp, template, args.region, args.ar, datum=args.datum,
                            diarienr=args.diarienr, ert_diarienr=args.ert_diarienr)
    ok(f"skapade {args.mapp} enligt {template.title} ({template.id}): {len(written)} filer")
    mismatch = year_mismatch(template, args.ar)
    if mismatch:
        warn(mismatch)
    say(f"Öppna den med: aterrapport edit {args.mapp}")
    return 0


def cmd_check(args: Arguments) -> int:
    from tui.core.report import Report
    from tui.core.validation import as_strict, check_report, count

    report = Report.load(args.mapp, read_only=True)
    problems = check_report(report, remember=True)
    if args.strict:
        problems = as_strict(problems)
    unreadable = any(not d.readable for d in report.documents())
    errors, warnings = count(problems)
    base = Path.cwd()
    if args.format == "json":
        print_json({
            "rapport": str(args.mapp), "mall": report.template.id,
            "fel": errors, "varningar": warnings,
            "problem": [p.as_json(base) for p in problems]})
    else:
        print_problems(problems, base)
        say(f"{errors} fel, {warnings} varningar i {args.mapp}", "bold red" if errors else "bold",
            to_stderr=bool(errors))
    if unreadable:
        return 2
    if errors:
        return 1
    return 0


def cmd_fmt(args: Arguments) -> int:
    from tui.core.canonical import format_report
    from tui.core.report import Report

    report = Report.load(args.mapp)
    unreadable = [d.error for d in report.documents() if d.error is not None]
    changed = format_report(report, write=not args.check)
    base = Path.cwd()
    for doc in changed:
        name = doc.path.relative_to(base) if doc.path.is_relative_to(base) else doc.path
        say(f"{'inte kanonisk' if args.check else 'formaterade'}: {name}")
    if unreadable:
        print_problems(unreadable, base, to_stderr=True)
        return 2
    if args.check and changed:
        say(f"{len(changed)} filer är inte i kanonisk form; kör `aterrapport fmt {args.mapp}`", to_stderr=True)
        return 1
    if not changed:
        ok("alla filer är redan i kanonisk form")
    return 0
