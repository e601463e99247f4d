"""The CLI's lines written without Rich (tui/cli/output.py) are the bytes Rich's console writes.

In-process: every printer of output.py against the old code (the same Rich calls on consoles
made as it made them), for random texts under a matrix of environments, into a pipe-like
stream and into one that says it is a terminal. In fresh processes: `check` and friends print
the same bytes, exit codes and interleaving without Rich as with it (``FORCE_COLOR=`` makes
output.py use Rich, which then styles nothing), never import Rich to a file, and still colour
a real terminal (a pty) or a pipe with ``FORCE_COLOR=1``.
"""

from __future__ import annotations

import contextlib
import io
import os
import pty
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from conftest import ROOT, SAMPLE_2019
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from tui.cli import output
from tui.core.printable import printable
from tui.core.problems import Problem, Severity

EXAMPLES = int(os.environ.get("ATERRAPPORT_OUTPUT_EXAMPLES", "25"))
RICH_ENV = ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS", "LINES", "TERM",
            "COLORTERM", "JUPYTER_COLUMNS")
ENVIRONMENTS: list[dict[str, str]] = [
    {}, {"NO_COLOR": "1"}, {"TERM": "dumb"}, {"TERM": "xterm-256color", "COLORTERM": "truecolor"},
    {"COLUMNS": "20"}, {"COLUMNS": "0"}, {"COLUMNS": "²"}, {"COLUMNS": "x"}, {"LINES": "0"},
    {"LINES": "١٢"}, {"TTY_COMPATIBLE": "0"}, {"TTY_COMPATIBLE": "1"}, {"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"},
    {"FORCE_COLOR": "1"}, {"FORCE_COLOR": ""}, {"TTY_INTERACTIVE": "1"}, {"TTY_INTERACTIVE": "0"},
]
STYLES = ["", "bold", "bold red", "red", "yellow"]
SPECIAL = ["\t", "\n", "\r", "\r\n", "\x07", "\x08", "\x0b", "\x0c", "\x1b[31m", "\x00", "\x7f", "\x85",
           "\u200e", "\u200f", "\u202e", "\u2066", "\u2028", "\u0301", "e\u0301", "界", "\U0001f600",
           "\ufe0f", "\ud800", "\udfff", " ", "  ", "[bold]", ":smile:", "✓"]
_CHARS = st.one_of(st.characters(exclude_categories=()), st.sampled_from(SPECIAL))
_TEXT = st.lists(_CHARS, max_size=30).map("".join)
MESSAGES = st.one_of(_TEXT, st.builds(lambda text, times: text * times, _TEXT, st.integers(1, 60)))


class _Terminal(io.TextIOWrapper):
    def isatty(self) -> bool:
        return True


@contextmanager
def _streams(env: dict[str, str], terminal: bool) -> Iterator[io.BytesIO]:
    """Standard out and error both into one UTF-8 stream over bytes, ``env`` in place of every
    variable Rich reads, output.py's consoles forgotten."""
    raw = io.BytesIO()
    stream = (_Terminal if terminal else io.TextIOWrapper)(raw, encoding="utf-8", write_through=True)
    saved = {name: os.environ.get(name) for name in RICH_ENV}
    saved_out, saved_err = sys.stdout, sys.stderr
    for name in RICH_ENV:
        os.environ.pop(name, None)
    os.environ.update(env)
    output._consoles.clear()
    output._quiet.clear()
    sys.stdout = sys.stderr = stream
    try:
        yield raw
    finally:
        sys.stdout, sys.stderr = saved_out, saved_err
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        output._consoles.clear()


def _old_console(to_stderr: bool) -> Console:  # as output.py made them before
    return Console(stderr=to_stderr, soft_wrap=True, highlight=False, markup=False, emoji=False)


def _written(call: Callable[[], None], env: dict[str, str], terminal: bool) -> tuple[bytes, str]:
    """What ``call`` wrote (bytes), and the exception it raised (type and message) if any."""
    with _streams(env, terminal) as raw:
        try:
            call()
        except Exception as exc:  # Rich's own refusals (an unencodable text, a bad COLUMNS)
            return raw.getvalue(), f"{type(exc).__name__}: {exc}"
        return raw.getvalue(), ""


def _pairs(message: str, style: str, to_stderr: bool) -> list[tuple[Callable[[], None], Callable[[], None]]]:
    """Each printer of output.py with ``message``, beside the old code's Rich calls."""
    shown = printable(message)
    problem = Problem(Path(message or "f"), message, 3, 1, "1.1",
                      Severity.ERROR if to_stderr else Severity.WARNING)

    def old_problems() -> None:
        for p in (problem, problem):
            _old_console(to_stderr).print(Text(p.format(Path(".")), style="red" if p.is_error else "yellow"))

    return [
        (lambda: output.say(message, style, to_stderr=to_stderr),
         lambda: _old_console(to_stderr).print(Text(shown, style=style))),
        (lambda: output.print_problems([problem, problem], Path("."), to_stderr=to_stderr),
         old_problems),
        (lambda: output.fail(message),
         lambda: _old_console(True).print(Text.assemble(("fel:", "bold red"), " ", shown))),
        (lambda: output.warn(message),
         lambda: _old_console(True).print(Text.assemble(("varning:", "bold yellow"), " ", shown))),
        (lambda: output.ok(message),
         lambda: _old_console(False).print(Text.assemble(("✓", "green"), " ", shown))),
        # The line writer itself with the raw text: tabs, carriage returns, bells, surrogates.
        (lambda: output._line(message, style, to_stderr=to_stderr),
         lambda: _old_console(to_stderr).print(Text(message, style=style))),
    ]


@settings(max_examples=EXAMPLES, deadline=None)
@given(MESSAGES, st.sampled_from(STYLES), st.booleans())
def test_each_printer_writes_what_rich_writes(message: str, style: str, to_stderr: bool) -> None:
    for env in ENVIRONMENTS:
        for terminal in (False, True):
            for new, old in _pairs(message, style, to_stderr):
                assert _written(new, env, terminal) == _written(old, env, terminal), (message, style, env, terminal)


def test_rich_is_left_out_only_where_it_would_style_nothing() -> None:
    """The comparison above meets both ways: without a console where nothing is styled, with
    Rich's where something might be."""
    for env, terminal, message, plain in [
        ({}, False, "fel i 1.1.yaml", True), ({"NO_COLOR": "1", "TERM": "dumb"}, False, "x", True),
        ({"TTY_COMPATIBLE": "0"}, False, "x", True), ({"COLUMNS": "20"}, False, "x" * 50, True),
        ({}, True, "x", False), ({"FORCE_COLOR": "1"}, False, "x", False), ({"FORCE_COLOR": ""}, False, "x", False),
        ({"TTY_COMPATIBLE": "1"}, False, "x", False), ({}, False, "a\tb", False), ({}, False, "\ud800", False),
        ({"COLUMNS": "0"}, False, "x", False), ({"COLUMNS": "²"}, False, "x", False),
    ]:
        with _streams(env, terminal):
            assert (output._plain_stream(message, to_stderr=False) is not None) is plain, (env, terminal)
            with contextlib.suppress(ValueError):  # Rich's Console refuses COLUMNS=²
                output._line(message, "bold red")
            assert bool(output._consoles) is (not plain and env.get("COLUMNS") != "²"), (env, terminal)


# -- fresh processes ------------------------------------------------------------------------------

def _broken_copy(tmp: Path) -> Path:
    broken = tmp / "trasig" / SAMPLE_2019.name
    shutil.copytree(SAMPLE_2019, broken)
    cell = broken / "5.1.yaml"
    text = cell.read_text(encoding="utf-8")
    assert "anslag_1_1: Nej" in text
    cell.write_text(text.replace("anslag_1_1: Nej", "anslag_1_1: ja", 1), encoding="utf-8")
    return broken


def _env(**extra: str) -> dict[str, str]:
    # Buffered as a user's process is (a flush left out would change the order in one file).
    env = {key: value for key, value in os.environ.items() if key not in (*RICH_ENV, "PYTHONUNBUFFERED")}
    return {**env, "PYTHONPATH": str(ROOT), "PYTHONUTF8": "1", **extra}


def _imports_rich(stderr: bytes) -> bool:
    return any(line.startswith(b"import time:") and line.split(b"|")[-1].strip().startswith(b"rich")
               for line in stderr.splitlines())


def _run(argv: list[str], cwd: Path, env: dict[str, str], together: bool = False) -> tuple[int, bytes, bytes]:
    """``python -X importtime -m tui ARGV`` with standard out to a file (standard error too when
    ``together``): exit code, the file's bytes, standard error without the import times."""
    out_file = cwd / "ut.txt"
    with out_file.open("wb") as out:
        done = subprocess.run([sys.executable, "-X", "importtime", "-m", "tui", *argv], stdout=out,
                              stderr=subprocess.STDOUT if together else subprocess.PIPE, cwd=cwd, env=env,
                              timeout=120, check=False)
    written = out_file.read_bytes()
    errors = done.stderr or b""
    if together:
        written, errors = b"", written
    kept = b"".join(line for line in errors.splitlines(keepends=True) if not line.startswith(b"import time:"))
    return done.returncode, written, kept + (b"RICH" if _imports_rich(errors) else b"")


def test_commands_print_the_same_without_rich(tmp_path: Path) -> None:
    sample = tmp_path / SAMPLE_2019.name
    shutil.copytree(SAMPLE_2019, sample)
    broken = _broken_copy(tmp_path)
    cases: list[tuple[list[str], bool]] = [
        (["check", sample.name], False),  # warnings and the summary, to a file
        (["check", str(broken)], True),  # both streams into one file: the lines in the same order
        (["fmt", "--check", sample.name], False),  # ✓
        (["check", "finns-inte"], False),  # an unreadable folder (tui/cli/main.py), standard error
        (["hook", "check", str(broken / "5.1.yaml")], True),
    ]
    for argv, together in cases:
        plain = _run(argv, tmp_path, _env(), together)
        with_rich = _run(argv, tmp_path, _env(FORCE_COLOR=""), together)
        assert with_rich[2].endswith(b"RICH"), argv  # the comparison is with Rich's own output
        assert not plain[2].endswith(b"RICH"), argv  # and the plain run never imported it
        assert plain[:2] == with_rich[:2] and plain[2] + b"RICH" == with_rich[2], argv
        assert plain[1] or plain[2], argv  # it did print something


def test_a_reader_that_has_gone_ends_it_as_rich_did(tmp_path: Path) -> None:
    """Standard out a pipe nobody reads any more: exit code 1, nothing on standard error, as
    Rich's console does (Console.on_broken_pipe)."""
    results = []
    for env in (_env(), _env(FORCE_COLOR="")):
        read, write = os.pipe()
        os.close(read)
        done = subprocess.run([sys.executable, "-m", "tui", "check", str(SAMPLE_2019)], stdout=write,
                              stderr=subprocess.PIPE, cwd=tmp_path, env=env, timeout=120, check=False)
        os.close(write)
        results.append((done.returncode, done.stderr))
    assert results[0] == results[1] == (1, b"")


def _on_a_terminal(argv: list[str], cwd: Path, env: dict[str, str]) -> bytes:
    """What ``python -m tui ARGV`` shows on a real terminal (a pty)."""
    main, child = pty.openpty()
    done = subprocess.Popen([sys.executable, "-m", "tui", *argv], stdin=subprocess.DEVNULL, stdout=child,
                            stderr=child, cwd=cwd, env=env)
    os.close(child)
    shown = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # EIO: the process has closed its end
            break
        if not chunk:
            break
        shown += chunk
    os.close(main)
    assert done.wait(timeout=120) == 1
    return shown


def test_terminals_still_get_colours(tmp_path: Path) -> None:
    broken = _broken_copy(tmp_path)
    shown = _on_a_terminal(["check", str(broken)], tmp_path, _env(TERM="xterm-256color"))
    assert b"\x1b[31m" in shown and b"5.1.yaml:" in shown  # the error in red
    assert b"\x1b[1;31m1 fel" in shown  # the summary in bold red
    piped = subprocess.run([sys.executable, "-m", "tui", "check", str(broken)], capture_output=True,
                           cwd=tmp_path, env=_env(FORCE_COLOR="1"), timeout=120, check=False)
    assert b"\x1b[31m" in piped.stdout and b"\x1b[1;31m" in piped.stderr
