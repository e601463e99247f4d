"""Console output for the command: Rich, never wrapping a ``file:line:`` line.

Report text (keys, values, file names, a pull request's folder names) reaches almost every
message, so nothing printed here is read as Rich markup or emoji codes: ``[bold]``, ``[/]``
and ``:smile:`` in a report come out as written. Styles are given as :class:`Text` styles,
and control characters are escaped (:func:`printable`), also in JSON.
"""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.text import Span, Text

from tui.core.printable import escape_char, printable, unsafe_pattern
from tui.core.problems import Problem, Severity

out = Console(soft_wrap=True, highlight=False, markup=False, emoji=False)
err = Console(stderr=True, soft_wrap=True, highlight=False, markup=False, emoji=False)


def say(message: str, style: str = "", *, to_stderr: bool = False) -> None:
    """One line, exactly as written (control characters escaped), in ``style``."""
    (err if to_stderr else out).print(Text(printable(message), style=style))


def print_problems(problems: list[Problem], base: Path | None = None, *, to_stderr: bool = False) -> None:
    console = err if to_stderr else out
    for problem in problems:
        style = "red" if problem.severity is Severity.ERROR else "yellow"
        console.print(Text(problem.format(base), style=style))


def print_json(data: object) -> None:
    # Characters JSON may carry raw that a terminal or log viewer would act on (C1 controls, DEL,
    # line separators, bidi overrides) or that cannot be encoded (lone surrogates). json.dumps
    # already escapes the C0 controls inside strings (the newlines left are the layout's, which
    # keep_lines spares); these become \\uXXXX too: the value read back is the same.
    text = json.dumps(data, ensure_ascii=False, indent=2)
    print(unsafe_pattern(keep_lines=True).sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def fail(message: str) -> None:
    err.print(Text.assemble(("fel:", "bold red"), " ", printable(message)))


def warn(message: str) -> None:
    err.print(Text.assemble(("varning:", "bold yellow"), " ", printable(message)))


def ok(message: str) -> None:
    out.print(Text.assemble(("✓", "green"), " ", printable(message)))


def safe_text(text: Text) -> Text:
    """``text`` (Rich, styled) with control characters in its content escaped, styles kept:
    report values reach the terminal as text, never as escape sequences."""
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
