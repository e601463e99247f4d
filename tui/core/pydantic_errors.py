"""Turn pydantic validation errors into located, Swedish :class:`Problem` s."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.problems import Problem, Severity

if TYPE_CHECKING:  # only read from errors pydantic raised: it is loaded by then
    from pydantic import ValidationError
    from pydantic_core import ErrorDetails


def locate(document: Any, loc: Sequence[str | int], *, at_key: bool = False) -> tuple[int, int]:
    """1-based (line, column) of the node at ``loc`` in a round-trip document.

    Steps that are not in the document (a union's tag, a missing key) or that have no position
    (a row added in memory, not read from a file) are skipped, so the position falls back to
    the nearest enclosing node that has one; (0, 0) is "the whole file".
    """
    line, column = 0, 0
    for position in _positions(document, loc, at_key=at_key):
        if position is not None:
            line, column = position
    return line, column


def locate_exact(document: Any, loc: Sequence[str | int]) -> tuple[int, int] | None:
    """The position of the value at ``loc`` itself, or None when it is not in the document or
    has no position (typed or added in memory, not read from a file)."""
    node, position = document, None
    for step in loc:
        if isinstance(node, dict) and step in node:
            position = _position(getattr(node, "lc", None), "value", step)
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            position = _position(getattr(node, "lc", None), "item", step)
        else:
            return None
        node = node[step]
    return position


def _positions(document: Any, loc: Sequence[str | int], *, at_key: bool) -> Iterator[tuple[int, int] | None]:
    """One position per step of ``loc`` (None: the node has no position). A step that is not
    in the document yields its parent's position, and the walk stays on the parent."""
    node = document
    for step in loc:
        lc = getattr(node, "lc", None)
        if isinstance(node, dict) and step in node:
            yield _position(lc, "key" if at_key and step == loc[-1] else "value", step)
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            yield _position(lc, "item", step)
            node = node[step]
        elif lc is not None and isinstance(node, dict | list) and isinstance(lc.line, int):
            yield lc.line + 1, lc.col + 1  # a step not in the document: stay on its parent
        else:
            yield None


def _position(lc: Any, kind: str, step: str | int) -> tuple[int, int] | None:
    if lc is None:
        return None
    try:
        row, col = getattr(lc, kind)(step)
    except (KeyError, IndexError, TypeError):
        return None  # ruamel has no position for nodes made in memory
    if not isinstance(row, int) or not isinstance(col, int):
        return None
    return row + 1, col + 1


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
        line, column = locate(document, loc, at_key=error["type"] in ("extra_forbidden", "unexpected_keyword_argument"))
        problems.append(Problem(
            file=path, line=line, column=column, section=section_of(loc),
            message=message(error), severity=severity))
    return problems
