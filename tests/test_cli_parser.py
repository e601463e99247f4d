"""A command's run builds only its own sub-parser (tui/cli/commands.py: ``build_parser(argv)``);
whatever ``argv`` is, that parser reads it as the whole parser does: the same arguments, or the
same exit code and the same words on stdout and stderr."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.cli.commands import COMMANDS, build_parser

_TRICKY = st.sampled_from(["-", "--", "-h", "--help", "--version", "-o", "x.docx", "--format", "json", "pdf",
                           "--strict", "--check", "--force", "--draft", "--mall", "ä", "a b", "", "=", "-1",
                           "fmt", "check", *(c.name for c in COMMANDS)])
_ARGV = st.tuples(st.sampled_from([c.name for c in COMMANDS]),
                  st.lists(st.one_of(_TRICKY, st.text(max_size=5)), max_size=4)).map(lambda t: [t[0], *t[1]])


def _read(parser_argv: list[str], argv: list[str]) -> tuple[Any, ...]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            result: Any = vars(build_parser(parser_argv).parse_args(argv))
        except SystemExit as exit:
            result = ("exit", exit.code)
    return result, out.getvalue(), err.getvalue()


@settings(max_examples=int(os.environ.get("ATERRAPPORT_ARGS_EXAMPLES", "150")), deadline=None)
@given(_ARGV)
def test_one_commands_parser_reads_as_the_whole_parser(argv: list[str]) -> None:
    assert _read(argv, argv) == _read([], argv)


def _commands(parser: argparse.ArgumentParser) -> list[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []


def test_the_parser_for_a_command_has_only_that_command() -> None:
    # Otherwise the test above would compare the whole parser with itself.
    for command in COMMANDS:
        assert _commands(build_parser([command.name])) == [command.name]
    assert _commands(build_parser()) == [c.name for c in COMMANDS]
