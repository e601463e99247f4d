"""Turn pydantic validation errors into located, Swedish :class:`Problem` s."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from tui.core.problems import Problem, Severity


def locate(document: Any, loc: Sequence[str | int], *, at_key: bool = False) -> tuple[int, int]:
    """1-based (line, column) of the node at ``loc`` in a round-trip document.

    Steps that are not in the document (a union's tag, a missing key) are skipped, so the
    position falls back to the nearest enclosing node that exists.
    """
    node = document
    line, column = 1, 1
    for step in loc:
        lc = getattr(node, "lc", None)
        if isinstance(node, dict) and step in node:
            if lc is not None:
                row, col = lc.key(step) if at_key and step == loc[-1] else lc.value(step)
                line, column = row + 1, col + 1
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            if lc is not None:
                row, col = lc.item(step)
                line, column = row + 1, col + 1
            node = node[step]
        elif lc is not None and (isinstance(node, dict | list)):
            line, column = lc.line + 1, lc.col + 1
    return line, column


def problems_from_validation_error(
    exc: ValidationError,
    document: Any,
    path: Path,
    message: Callable[[ErrorDetails], str],
    *,
    section_of: Callable[[tuple[str | int, ...]], str] = lambda loc: "",
    severity: Severity = Severity.ERROR,
) -> list[Problem]:
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        line, column = locate(document, loc, at_key=error["type"] == "extra_forbidden")
        problems.append(Problem(
            file=path, line=line, column=column, section=section_of(loc),
            message=message(error), severity=severity))
    return problems
