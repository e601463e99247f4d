"""``present(x)``: a test's ``assert x is not None`` that also narrows the type for mypy."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def present(value: T | None) -> T:
    assert value is not None
    return value
