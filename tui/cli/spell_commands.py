"""`stava`: Swedish spell check of a report, headless (CI, pre-commit)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.output import fail, ok, print_json, say

if TYPE_CHECKING:
    from tui.cli.main import Arguments


def cmd_stava(args: Arguments) -> int:
    from tui.core.report import Report
    from tui.core.spelling import WORDLIST_FILE, DictionaryMissing, Speller, check_report_spelling

    report = Report.load(args.mapp)
    try:
        speller = Speller.for_folder(report.folder)
    except DictionaryMissing as exc:
        fail(str(exc))
        return 2
    found = check_report_spelling(report, speller, suggest=not args.utan_forslag)
    base = Path.cwd()
    if args.format == "json":
        print_json({"rapport": str(args.mapp), "ordlista": str(report.folder / WORDLIST_FILE),
                    "okanda": len(found), "ord": [m.as_json(base) for m in found]})
    else:
        for m in found:
            shown = m.file.relative_to(base) if m.file.is_relative_to(base) else m.file
            section = f" {m.section}:" if m.section else ""
            hint = f" → {', '.join(m.suggestions)}" if m.suggestions else ""
            say(f"{shown}:{m.line}:{m.column}:{section} «{m.word}»{hint}")
        if found:
            words = len({m.word for m in found})
            say(f"{len(found)} okända ord ({words} olika) i {args.mapp}; lägg rätt stavade "
                f"namn och förkortningar i {WORDLIST_FILE} (ett ord per rad)", "bold", to_stderr=True)
        else:
            ok(f"inga okända ord i {args.mapp}")
    for doc in report.documents():
        if not doc.readable and doc.error is not None:
            from tui.cli.output import print_problems

            print_problems([doc.error], base, to_stderr=True)
            return 2
    return 1 if found else 0
