"""`aterrapport`: the command. Each sub-command is a thin call into ``tui.core``.

The parser is built from the definitions in :mod:`tui.cli.commands`; only the chosen command's
module is imported. Opening the app (`aterrapport`, `aterrapport edit [MAPP]`) does not even
build the parser: :func:`app_arguments` reads those few forms as argparse would.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import SimpleNamespace

from tui import startup  # first: it tunes the collector while modules load
from tui.core.folder import HEAD_FILE
from tui.core.problems import AterrapportError

# `edit` as tui/cli/commands.py defines it (tests/test_cli_app_arguments.py holds the two together).
EDIT_HANDLER = "app_commands.cmd_edit"


class Arguments(SimpleNamespace):
    """A command's arguments: what argparse parsed, or what :func:`app_arguments` read."""


def handler(name: str) -> Callable[[Arguments], int]:
    """``module.function`` in tui.cli: the command's code, imported now that it runs."""
    module, function = name.rsplit(".", 1)
    found: Callable[[Arguments], int] = getattr(importlib.import_module(f"tui.cli.{module}"), function)
    return found


def app_arguments(argv: Sequence[str]) -> Arguments | None:
    """What argparse makes of ``argv`` when it only opens the app: ``[]`` (in a report folder the
    same as ``edit .``), ``edit`` and ``edit MAPP`` with a MAPP argparse reads as a plain value
    (no leading '-'); None for anything else, which the parser reads."""
    if not argv:
        argv = ["edit", "."] if (Path.cwd() / HEAD_FILE).exists() else ["edit"]
    if argv[0] != "edit" or len(argv) > 2 or any(value.startswith("-") for value in argv[1:]):
        return None
    folder = Path(argv[1]) if len(argv) == 2 else None
    return Arguments(command="edit", mapp=folder, handler=EDIT_HANDLER, stays_open=True)


def parse(argv: Sequence[str]) -> Arguments:
    from tui.cli.commands import build_parser

    parser = build_parser(argv)
    args = parser.parse_args(argv, namespace=Arguments())
    if args.command is None:
        in_report = (Path.cwd() / HEAD_FILE).exists()
        args = parser.parse_args(["edit", "."] if in_report else ["edit"], namespace=Arguments())
    return args


def main(argv: Sequence[str] | None = None, *, whole_process: bool = False) -> int:
    """The command in ``argv``. ``whole_process``: it is all this process does (:func:`run`),
    so a one-shot command tunes the collector for its run (in-process callers keep theirs)."""
    # pydantic looks for plugins in every installed package's metadata when it builds its first
    # validator; aterrapport uses none. Set before the commands build models (an explicit
    # setting in the environment wins).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    argv = sys.argv[1:] if argv is None else list(argv)
    args = app_arguments(argv) or parse(argv)
    if whole_process and not args.stays_open:
        startup.one_shot()
    return call(handler(args.handler), args)


def call(command: Callable[[Arguments], int], args: Arguments) -> int:
    """``command(args)`` with the exit codes and messages of the CLI for what it may raise:
    unreadable input (2), Ctrl+C (130), a closed pipe (0)."""
    try:
        return int(command(args))
    except AterrapportError as exc:
        from tui.cli.output import print_problems

        print_problems(exc.problems, Path.cwd(), to_stderr=True)
        return 2
    except KeyboardInterrupt:
        from tui.cli.output import fail

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
