"""Opening the app reads its few argument forms without argparse (tui/cli/main.py:
``app_arguments``): whatever it reads, argparse reads the same; and `aterrapport edit` imports no
other command's module, no parser and no Rich console of the CLI's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_2019
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.cli.main import app_arguments, parse

# Values argparse treats specially: flags, "--", "-1", "=", spaces, empty, prefixes of flags.
_TRICKY = st.sampled_from(["-", "--", "-h", "--help", "-1", "-x", "--mapp", "a b", "", "=", "a=b", "edit",
                           "check", ".", "..", "@fil", "-.5", "ä", "\u202e", "\x1b[31m"])
_VALUE = st.one_of(_TRICKY, st.text(max_size=6), st.builds(lambda a, b: a + b, _TRICKY, st.text(max_size=3)))


def _same_as_argparse(argv: list[str]) -> bool:
    """True when app_arguments read ``argv``; then argparse read exactly the same."""
    fast = app_arguments(argv)
    if fast is None:
        return False
    assert vars(fast) == vars(parse(argv)), argv
    return True


@settings(max_examples=int(os.environ.get("ATERRAPPORT_ARGS_EXAMPLES", "150")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(
    st.lists(_VALUE, max_size=3).map(lambda rest: ["edit", *rest]),
    st.lists(_VALUE, max_size=3)))
def test_app_arguments_read_as_argparse_reads_them(argv: list[str]) -> None:
    try:
        _same_as_argparse(argv)
    except SystemExit:  # argparse refused it (or printed help): app_arguments must have declined
        assert app_arguments(argv) is None, argv


def test_the_app_forms_take_the_short_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for argv in (["edit"], ["edit", "rapport"], ["edit", "."], ["edit", ""], []):
        assert _same_as_argparse(argv), argv
    outside = app_arguments([])
    assert outside is not None and outside.mapp is None  # the start screen
    (tmp_path / "rapport.yaml").write_text("mall: x\n", encoding="utf-8")
    assert _same_as_argparse([])
    inside = app_arguments([])
    assert inside is not None and inside.mapp == Path(".")
    for argv in (["edit", "-h"], ["edit", "a", "b"], ["check"], ["--"], ["edit", "--", "a"]):
        assert app_arguments(argv) is None, argv


PROBE = """
import sys
import tui.cli.app_commands as app
def opened(args):
    print(args.mapp)
    print(" ".join(sorted(m for m in sys.modules if m.startswith(("tui.cli", "argparse", "rich")))))
    return 0
app.cmd_edit = opened
from tui.cli.main import run
sys.argv = ["aterrapport", *sys.argv[1:]]
raise SystemExit(run())
"""


@pytest.mark.parametrize("argv", [["edit", str(SAMPLE_2019)], []])
def test_edit_imports_no_other_command(argv: list[str]) -> None:
    """A fresh process opening the app (the app itself replaced by a probe) has loaded only
    the CLI's entry and `edit`'s module: no parser, no other command, not the CLI's output."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True,
                          cwd=SAMPLE_2019 if not argv else ROOT, env=env, timeout=60, check=True)
    folder, modules = done.stdout.splitlines()
    assert folder == (argv[1] if argv else ".")
    assert modules.split() == ["tui.cli", "tui.cli.app_commands", "tui.cli.main"]
