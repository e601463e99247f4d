"""`edit`: open a report in the app (Textual is imported only here, when it is needed)."""

from __future__ import annotations

import argparse

from tui.cli.swedish_argparse import SubCommands, folder_path


def register(commands: SubCommands) -> None:
    edit = commands.add_parser("edit", help="öppna rapporten i appen",
                               description="Öppnar rapporten i skrivappen. Utan MAPP visas "
                               "startskärmen där en ny rapport kan skapas.")
    edit.add_argument("mapp", type=folder_path, nargs="?", metavar="MAPP")
    edit.set_defaults(handler=cmd_edit, stays_open=True)  # not a one-shot command (tui/startup.py)


def cmd_edit(args: argparse.Namespace) -> int:
    from tui.app.main import run_app

    return run_app(args.mapp)
