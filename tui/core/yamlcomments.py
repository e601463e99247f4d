"""Keeping comments in their place while answers are edited.

ruamel.yaml attaches a comment that stands on its own line *before* a key to the last
scalar of the *previous* value. So the "# 1.2.2 Företagande" line above section 1.2.2 lives
on the last insats row of 1.2.1, and adding a row to 1.2.1 would push the comment into the
table. :func:`hoist_comments` moves such lines to where a reader sees them: in front of the
next key (ruamel's "pre" comments, which the emitter writes out the same way). After
hoisting, editing one section never moves a comment that belongs to another.
"""

from __future__ import annotations

import itertools
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import LiteralScalarString
from ruamel.yaml.tokens import CommentToken

_POST = 2  # index of the "after value" comment in a mapping's ca.items entry
_PRE = 1  # index of the "before key" comments


def _split_token(value: str, after_block: bool) -> tuple[str, list[str]]:
    """Split a trailing comment into (inline part, full lines that follow)."""
    if after_block:
        # A literal block ends with its newline: everything is on lines of its own.
        inline, rest = "", value
    elif value.startswith("\n"):
        inline, rest = "", value[1:]
    else:
        inline, _, rest = value.partition("\n")
    lines = rest.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return inline, lines


def _take_tail(node: Any, key: Any) -> list[str]:
    """Remove and return the full-line comments trailing after ``node[key]`` (deepest first)."""
    lines: list[str] = []
    value = node[key]
    if isinstance(value, CommentedMap) and value:
        lines = _take_tail(value, next(reversed(value)))
    elif isinstance(value, CommentedSeq) and value:
        lines = _take_seq_tail(value)
    entry = node.ca.items.get(key)
    if isinstance(node, CommentedMap) and entry and entry[_POST] is not None:
        token: CommentToken = entry[_POST]
        inline, own = _split_token(token.value, isinstance(value, LiteralScalarString))
        if own:
            if inline:
                token.value = inline + "\n"
            else:
                entry[_POST] = None
            lines = own + lines
    return lines


def _take_seq_tail(seq: CommentedSeq) -> list[str]:
    index = len(seq) - 1
    value = seq[index]
    if isinstance(value, CommentedMap) and value:
        return _take_tail(value, next(reversed(value)))
    if isinstance(value, CommentedSeq) and value:
        return _take_seq_tail(value)
    return []


def _prepend(node: CommentedMap, key: Any, lines: list[str], column: int) -> None:
    entry = node.ca.items.setdefault(key, [None, None, None, None])
    tokens = [CommentToken(line.strip() + "\n" if line.strip() else "\n", CommentMark(column))
              for line in lines]
    entry[_PRE] = tokens + list(entry[_PRE] or [])


def hoist_comments(node: Any, depth: int = 2) -> None:
    """Move comments standing between keys of ``node`` (and ``depth`` levels below) in front
    of the key that follows them."""
    if not isinstance(node, CommentedMap):
        return
    keys = list(node.keys())
    for previous, key in itertools.pairwise(keys):
        lines = _take_tail(node, previous)
        if lines:
            column = node.lc.col if getattr(node, "lc", None) is not None else 0
            _prepend(node, key, lines, column or 0)
    if depth > 1:
        for value in node.values():
            hoist_comments(value, depth - 1)


def _tokens_before(node: CommentedMap, key: Any) -> list[CommentToken]:
    """The comment tokens standing in front of ``key`` (the map's own comment for its first key)."""
    if key == next(iter(node), None):
        return (node.ca.comment or [None, None])[1] or []
    return (node.ca.items.get(key) or [None, None])[_PRE] or []


def set_comment_lines_before(node: CommentedMap, key: Any, keep: list[str],
                             add: list[str], column: int = 0) -> None:
    """Replace the full-line comments before ``key``: ``keep`` (existing lines, as they are)
    followed by ``add`` (new lines, given without ``#``)."""
    tokens = [CommentToken(line + "\n", CommentMark(column)) for line in keep]
    tokens += [CommentToken(f"# {line}\n", CommentMark(column)) for line in add]
    if key == next(iter(node), None):
        if node.ca.comment is None:
            node.ca.comment = [None, []]
        while len(node.ca.comment) < 2:
            node.ca.comment.append(None)
        node.ca.comment[1] = tokens
    else:
        entry = node.ca.items.setdefault(key, [None, None, None, None])
        entry[_PRE] = tokens or None


def raw_comment_lines_before(node: CommentedMap, key: Any) -> list[str]:
    """The full-line comments in front of ``key``, one string per line, blank lines kept."""
    out: list[str] = []
    for token in _tokens_before(node, key):
        parts = token.value.split("\n")
        if parts and parts[-1] == "":
            parts.pop()
        out.extend(part.strip() for part in parts)
    return out
