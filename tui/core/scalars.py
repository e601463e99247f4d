"""Canonical YAML scalars for answer text, and setting them without ruamel's style memory."""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.compat import ordereddict
from ruamel.yaml.scalarstring import LiteralScalarString

from tui.core.text import normalize_text


def to_scalar(text: str | None) -> str:
    """Multi-line text becomes a literal block (``|``), one line a plain (or quoted) scalar."""
    value = normalize_text(text)
    if "\n" in value:
        return LiteralScalarString(value + "\n")
    return value


def from_scalar(value: Any) -> str:
    """The text a scalar holds, normalised; ``None`` and non-strings give ``""``."""
    if isinstance(value, str):
        return normalize_text(str(value))
    return ""


def set_value(node: CommentedMap, key: str, value: Any) -> None:
    """``node[key] = value`` without ruamel carrying the old value's quoting/block style over,
    and keeping the key's place and its comments."""
    ordereddict.__setitem__(node, key, value)
    node._ok.add(key)


def insert_value(node: CommentedMap, position: int, key: str, value: Any) -> None:
    if key in node:
        set_value(node, key, value)
    else:
        node.insert(position, key, value)
