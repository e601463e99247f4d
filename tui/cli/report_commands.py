"""`new`, `check`, `fmt`: creating, checking and formatting report folders."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from tui.cli.output import ok, print_json, print_problems, say, warn
from tui.cli.swedish_argparse import SubCommands, folder_path

# The core is imported inside the commands: `aterrapport edit` should not pay for it twice.


def register(commands: SubCommands) -> None:
    new = commands.add_parser(
        "new", help="skapa en ny rapportmapp",
        description="Skapar mappen med rapport.yaml och en svarsfil per avsnitt, där varje "
        "avsnitt står med sin rubrik som kommentar.")
    new.add_argument("mapp", type=folder_path, metavar="MAPP", help="mappen som skapas")
    new.add_argument("--mall", help="mallens id (se `aterrapport mallar`); standard: mallen för året "
                     "(annars den senaste före året)")
    new.add_argument("--region", required=True, help='regionens namn, t.ex. "Region Västmanland"')
    new.add_argument("--ar", type=int, required=True, help="året som rapporteras, t.ex. 2019")
    new.add_argument("--datum", type=_date, help="rapportens datum, ÅÅÅÅ-MM-DD")
    new.add_argument("--diarienr", default="", help="regionens diarienummer")
    new.add_argument("--ert-diarienr", default="", help="departementets diarienummer")
    new.set_defaults(handler=cmd_new)

    check = commands.add_parser(
        "check", help="kontrollera en rapport mot mallen",
        description="Listar varje problem som fil:rad: avsnitt: meddelande. Avslutningskod 0 "
        "utan fel (varningar tillåts), 1 vid fel, 2 om indata inte kan läsas.")
    check.add_argument("mapp", type=folder_path, nargs="?", default=Path("."), metavar="MAPP")
    check.add_argument("--strict", action="store_true", help="varningar räknas som fel")
    check.add_argument("--format", choices=["text", "json"], default="text", help="utdataformat")
    check.set_defaults(handler=cmd_check)

    fmt = commands.add_parser(
        "fmt", help="skriv om filerna i kanonisk form",
        description="Ordnar avsnitt och fält som i mallen, skriver flerradig text som block (|) "
        "och tar bort blanksteg i radslut. Med --check ändras inget; koden blir 1 och filerna "
        "som inte är kanoniska listas.")
    fmt.add_argument("mapp", type=folder_path, nargs="?", default=Path("."), metavar="MAPP")
    fmt.add_argument("--check", action="store_true", help="ändra inget, lista bara")
    fmt.set_defaults(handler=cmd_fmt)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{value}» är inget datum (ÅÅÅÅ-MM-DD)") from None


def _template_id_for(year: int) -> str:
    from tui.core.problems import AterrapportError
    from tui.core.template import find_templates, load_template
    from tui.core.years import template_for_year

    paths = find_templates()
    if not paths:
        raise AterrapportError("inga mallar hittades")
    return template_for_year({tid: load_template(path) for tid, path in paths.items()}, year)


def cmd_new(args: argparse.Namespace) -> int:
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


def cmd_check(args: argparse.Namespace) -> int:
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


def cmd_fmt(args: argparse.Namespace) -> int:
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
