"""`aterrapport`: the command. Each sub-command is a thin call into ``tui.core``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from tui import __version__, startup  # startup first: it tunes the collector while modules load
from tui.cli import (
    app_commands,
    diff_commands,
    render_commands,
    report_commands,
    spell_commands,
    template_commands,
)
from tui.cli.output import fail, print_problems
from tui.cli.swedish_argparse import SwedishParser
from tui.core.folder import HEAD_FILE
from tui.core.problems import AterrapportError

DESCRIPTION = """\
Skriv regionens återrapportering avsnitt för avsnitt, spara svaren som YAML i git
och skapa Word-dokumentet i den officiella layouten.

Utan kommando i en rapportmapp öppnas rapporten i appen (samma som `aterrapport edit .`)."""

EPILOG = """\
exempel:
  aterrapport new rapport-2019 --mall aterrapportering-2019 --region "Region Västmanland" --ar 2019
  aterrapport edit rapport-2019
  aterrapport check rapport-2019
  aterrapport fmt --check rapport-2019
  aterrapport render rapport-2019 -o rapport.docx

Avslutningskoder: 0 = ok, 1 = rapporten har fel, 2 = indata kan inte läsas eller fel användning."""


def build_parser() -> argparse.ArgumentParser:
    parser = SwedishParser(prog="aterrapport", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"aterrapport {__version__}",
                        help="visa versionen och avsluta")
    commands = parser.add_subparsers(dest="command", metavar="KOMMANDO", title="kommandon")
    report_commands.register(commands)
    template_commands.register(commands)
    app_commands.register(commands)
    render_commands.register(commands)
    diff_commands.register(commands)
    spell_commands.register(commands)
    return parser


def main(argv: Sequence[str] | None = None, *, whole_process: bool = False) -> int:
    """The command in ``argv``. ``whole_process``: it is all this process does (:func:`run`),
    so a one-shot command tunes the collector for its run (in-process callers keep theirs)."""
    # pydantic looks for plugins in every installed package's metadata when it builds its first
    # validator; aterrapport uses none. Set before the commands build models (an explicit
    # setting in the environment wins).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        in_report = (Path.cwd() / HEAD_FILE).exists()
        args = parser.parse_args(["edit", "."] if in_report else ["edit"])
    if whole_process and not getattr(args, "stays_open", False):
        startup.one_shot()
    try:
        return int(args.handler(args))
    except AterrapportError as exc:
        print_problems(exc.problems, Path.cwd(), to_stderr=True)
        return 2
    except KeyboardInterrupt:
        fail("avbrutet")
        return 130
    except BrokenPipeError:
        return 0


def run() -> int:
    """The process's entry (the ``aterrapport`` script, ``python -m tui``): the command, then exit."""
    code = main(whole_process=True)
    startup.exiting()
    return code


if __name__ == "__main__":
    sys.exit(run())
