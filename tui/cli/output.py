"""Console output for the command: Rich, never wrapping a ``file:line:`` line."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.markup import escape

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
    err.print(f"[bold red]fel:[/] {escape(message)}")


def ok(message: str) -> None:
    out.print(f"[green]✓[/] {escape(message)}")
