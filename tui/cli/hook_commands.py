"""`hook`: pre-commit's entry. `fmt --check` or `check` once for each report folder the files
belong to, the highest exit code wins.

Each folder's command runs in this process through its own function, with the arguments its
parser gives it (tests/test_cli_hook.py holds the two together): building the parser again for
each folder, as ``main([...])`` would, cost a hook on one changed file more than `check`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.cli.main import Arguments


def folder_arguments(kontroll: str, folder: Path) -> Arguments:
    """What the parser makes of ``fmt --check FOLDER`` or ``check FOLDER``."""
    from tui.cli.main import Arguments

    if kontroll == "fmt":
        return Arguments(command="fmt", mapp=folder, check=True,
                         handler="report_commands.cmd_fmt", stays_open=False)
    return Arguments(command="check", mapp=folder, strict=False, format="text",
                     handler="report_commands.cmd_check", stays_open=False)


def cmd_hook(args: Arguments) -> int:
    from tui.cli.main import call, handler
    from tui.core.locate import find_report_folders, report_folders

    folders = report_folders(args.filer) if args.filer else find_report_folders(Path("."))
    code = 0
    for folder in folders:
        arguments = folder_arguments(args.kontroll, folder)
        code = max(code, call(handler(arguments.handler), arguments))
    return code
