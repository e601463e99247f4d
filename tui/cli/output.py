"""Console output for the command: Rich, never wrapping a ``file:line:`` line.

Report text (keys, values, file names, a pull request's folder names) reaches almost every
message, so nothing printed here is read as Rich markup or emoji codes: ``[bold]``, ``[/]``
and ``:smile:`` in a report come out as written. Styles are given as :class:`Text` styles,
and control characters are escaped (:func:`printable`), also in JSON.

Where Rich would style nothing, a line is written without Rich (importing it is ~15 ms of a
0.2 s `check`): the stream is no terminal and nothing in the environment could make Rich treat
it as one (CI logs, pipes, files: most runs of check, render and the hooks). There Rich writes
the line's text with its few control codes dropped and a newline, and flushes
(:func:`_plain_stream` says when; ``tests/test_cli_output.py`` compares the bytes). Anywhere else
(a terminal, ``FORCE_COLOR``, ``TTY_COMPATIBLE=1``, Jupyter, Windows, a tab, an encoding other
than UTF-8) Rich prints, as before.
"""

from __future__ import annotations

import builtins
import codecs
import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from tui.core.printable import escape_char, printable, unsafe_pattern
from tui.core.problems import Problem, Severity

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

_consoles: dict[bool, Console] = {}  # Rich's, by to_stderr, made when first needed
_quiet: set[bool] = set()  # streams whose reader has gone (see _broken_pipe)

# What Rich's Text drops from a string (rich.control.strip_control_codes): bell, backspace,
# vertical tab, form feed, carriage return.
_RICH_DROPS = dict.fromkeys((7, 8, 11, 12, 13))
_SURROGATE = re.compile("[\ud800-\udfff]")


def console(*, to_stderr: bool = False) -> Console:
    """Rich's console for standard out (or standard error)."""
    found = _consoles.get(to_stderr)
    if found is None:
        from rich.console import Console

        found = Console(stderr=to_stderr, soft_wrap=True, highlight=False, markup=False, emoji=False)
        found.quiet = to_stderr in _quiet
        _consoles[to_stderr] = found
    return found


def _plain_stream(text: str, to_stderr: bool) -> TextIO | None:
    """The stream to write ``text`` to directly, when Rich's console would write exactly
    the text (less the control codes it drops) and a newline there; otherwise None (Rich prints).
    Rich styles only what it takes for a terminal (Console.is_terminal; its colour system is
    None otherwise), and expands a tab to a width it measures in cells."""
    made = _consoles.get(to_stderr)
    if made is not None and made.color_system is not None:  # decided when it was made
        return None
    environ = os.environ
    if "FORCE_COLOR" in environ or environ.get("TTY_COMPATIBLE") == "1":
        return None
    for name in ("COLUMNS", "LINES"):
        value = environ.get(name)
        if value is not None and value.isdigit():  # Rich reads it with int()
            try:
                if name == "COLUMNS" and int(value) == 0:  # no width: Rich prints nothing
                    return None
            except ValueError:  # "²" is a digit too: Rich's console raises
                return None
    if sys.platform == "win32" or hasattr(builtins, "get_ipython") or "\t" in text:
        return None
    stream = sys.stderr if to_stderr else sys.stdout
    if stream is None or getattr(stream, "rich_proxied_file", None) is not None:
        return None
    isatty = getattr(stream, "isatty", None)
    try:
        if isatty is None or isatty():
            return None
    except ValueError:  # closed
        return None
    encoding = getattr(stream, "encoding", None)
    if encoding is not None:  # a StringIO has none and takes any text
        try:
            if codecs.lookup(encoding).name != "utf-8" or _SURROGATE.search(text):
                return None  # Rich raises its own UnicodeEncodeError
        except LookupError:
            return None
    return stream


def _broken_pipe(to_stderr: bool) -> NoReturn:
    """What Rich's console does when the reader has gone (Console.on_broken_pipe): nothing more
    on this stream, standard out to the null device (so the exit flushes nowhere), exit code 1."""
    _quiet.add(to_stderr)
    if to_stderr in _consoles:
        _consoles[to_stderr].quiet = True
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise SystemExit(1)


def _line(text: str, style: str = "", *, label: tuple[str, str] | None = None,
          to_stderr: bool = False) -> None:
    """One line: ``text`` in ``style``, after ``label`` (text, style) and a space if given."""
    shown = text if label is None else f"{label[0]} {text}"
    stream = _plain_stream(shown, to_stderr)
    if stream is None:
        from rich.text import Text

        console(to_stderr=to_stderr).print(Text(text, style=style) if label is None
                                           else Text.assemble(label, " ", text))
        return
    made = _consoles.get(to_stderr)
    if to_stderr in _quiet or (made is not None and made.quiet):
        return
    try:
        stream.write(shown.translate(_RICH_DROPS) + "\n")
        stream.flush()
    except BrokenPipeError:
        _broken_pipe(to_stderr)


def say(message: str, style: str = "", *, to_stderr: bool = False) -> None:
    """One line, exactly as written (control characters escaped), in ``style``."""
    _line(printable(message), style, to_stderr=to_stderr)


def print_problems(problems: list[Problem], base: Path | None = None, *, to_stderr: bool = False) -> None:
    for problem in problems:
        style = "red" if problem.severity is Severity.ERROR else "yellow"
        _line(problem.format(base), style, to_stderr=to_stderr)


def print_json(data: object) -> None:
    # Characters JSON may carry raw that a terminal or log viewer would act on (C1 controls, DEL,
    # line separators, bidi overrides) or that cannot be encoded (lone surrogates). json.dumps
    # already escapes the C0 controls inside strings (the newlines left are the layout's, which
    # keep_lines spares); these become \\uXXXX too: the value read back is the same.
    text = json.dumps(data, ensure_ascii=False, indent=2)
    print(unsafe_pattern(keep_lines=True).sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def fail(message: str) -> None:
    _line(printable(message), label=("fel:", "bold red"), to_stderr=True)


def warn(message: str) -> None:
    _line(printable(message), label=("varning:", "bold yellow"), to_stderr=True)


def ok(message: str) -> None:
    _line(printable(message), label=("✓", "green"))


def safe_text(text: Text) -> Text:
    """``text`` (Rich, styled) with control characters in its content escaped, styles kept:
    report values reach the terminal as text, never as escape sequences."""
    from rich.text import Span

    plain = text.plain
    pattern = unsafe_pattern(keep_lines=True)
    if not pattern.search(plain):
        return text
    pieces: list[str] = []
    offsets = [0] * (len(plain) + 1)
    position = 0
    for index, char in enumerate(plain):
        offsets[index] = position
        piece = escape_char(char) if pattern.match(char) else char
        pieces.append(piece)
        position += len(piece)
    offsets[len(plain)] = position
    safe = text.copy()
    safe.plain = "".join(pieces)
    safe.spans = [Span(offsets[s.start], offsets[min(s.end, len(plain))], s.style) for s in text.spans]
    return safe
