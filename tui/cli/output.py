"""Console output for the command: Rich, never wrapping a ``file:line:`` line."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.text import Span, Text

from tui.core.printable import escape_char, printable, unsafe_pattern
from tui.core.problems import Problem, Severity

out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)


def print_problems(problems: list[Problem], base: Path | None = None, *, to_stderr: bool = False) -> None:
    console = err if to_stderr else out
    for problem in problems:
        style = "red" if problem.severity is Severity.ERROR else "yellow"
        console.print(escape(problem.format(base)), style=style)


def print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def fail(message: str) -> None:
    err.print(f"[bold red]fel:[/] {escape(printable(message))}")


def ok(message: str) -> None:
    out.print(f"[green]✓[/] {escape(printable(message))}")


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
