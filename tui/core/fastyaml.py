"""Reading report YAML fast, for commands that only read (check, render, export, diff, textconv).

libyaml (PyYAML's C parser) produces the events; this module builds plain ``dict``/``list``/
``str``/``None`` from them with the same rule as :mod:`tui.core.yamlio`: every plain scalar is
text, only the spellings of null are nothing. Anything this reader does not decide alone —
a parse error, a tag, an anchor or alias, a duplicate or non-text key, several documents — is
handed to the round-trip parser (:func:`tui.core.yamlio.parse_text`), which accepts or refuses it
with its located Swedish message. So the verdict is always the round-trip parser's, and
``tests/test_fast_yaml.py`` shows that the data is the same.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

from tui.core import reader_pattern

reader_pattern.prime()  # before PyYAML's import compiles its reader's pattern (~7 ms otherwise)

import yaml  # noqa: E402

from tui.core.scalars import BlockText  # noqa: E402
from tui.core.yamltext import MAX_DEPTH, Undecided  # noqa: E402

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})

_CParser: Any = None  # PyYAML built without libyaml: every file goes the round-trip way
try:
    from yaml._yaml import CParser

    _CParser = CParser
except ImportError:  # pragma: no cover
    pass


# Characters libyaml and ruamel treat differently: tabs (where one may stand), the YAML 1.1
# line breaks NEL, LS and PS, a byte-order mark inside the text, and what ruamel refuses as
# non-printable (libyaml lets some by).
# Written as the characters themselves, not as the complement of the usual ones: a negated class
# over all of Unicode takes ~7 ms to compile, at every start (tests/test_fast_yaml.py: the same set).
_UNUSUAL = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# The round-trip reader's own refusals (see tui.core.yamlio): directives, lone surrogates.
_DIRECTIVE = re.compile("^\ufeff*%", re.MULTILINE)
_SURROGATE = re.compile("[\ud800-\udfff]")
# A line of only spaces: ruamel refuses some in block scalars that libyaml takes.
_BLANK_WITH_SPACES = re.compile(r"^ +\r?$", re.MULTILINE)


class _Undecided(Exception):
    """Something only the round-trip parser may judge."""


class Places:
    """Where a collection read by :func:`parse_placed` and its entries stand in the text,
    0-based, with ruamel's ``lc`` interface (what :mod:`tui.core.pydantic_errors` asks): the
    collection's ``line`` and ``col``, ``key(k)`` and ``value(k)`` of a mapping's entries,
    ``item(i)`` of a sequence's."""

    __slots__ = ("col", "data", "line")

    def __init__(self, line: int, col: int) -> None:
        self.line, self.col = line, col
        self.data: dict[Any, tuple[int, ...]] = {}

    def key(self, key: str) -> tuple[int, int]:
        place = self.data[key]
        return place[0], place[1]

    def value(self, key: str) -> tuple[int, int]:
        place = self.data[key]
        return place[2], place[3]

    def item(self, index: int) -> tuple[int, int]:
        place = self.data[index]
        return place[0], place[1]


class PlacedMap(dict[str, Any]):
    """A mapping read with the places of its entries (``lc``)."""

    lc: Places


class PlacedSeq(list[Any]):
    """A sequence read with the places of its items (``lc``)."""

    lc: Places


# The plain scalars of the texts parse_fast read last, by their whole text: check's warning about
# unquoted text (scalars.unquoted_non_text) needs them, and need not parse the text again.
_PLAIN_SEEN: dict[str, list[tuple[int, int, str]]] = {}
_PLAIN_SEEN_MAX = 64
_PLAIN_SEEN_LOCK = threading.Lock()  # the app reads files in worker threads


def parse_fast(text: str, path: Path) -> Any:
    """The document in ``text`` as plain data; the round-trip parser's verdict where it differs."""
    try:
        plain: list[tuple[int, int, str]] = []
        data = _build(text, plain)
        with _PLAIN_SEEN_LOCK:
            if len(_PLAIN_SEEN) >= _PLAIN_SEEN_MAX:
                del _PLAIN_SEEN[next(iter(_PLAIN_SEEN))]
            _PLAIN_SEEN[text] = plain
        return data
    except (_Undecided, yaml.YAMLError, RecursionError):
        from tui.core.yamlio import parse_text

        return _plain_copy(parse_text(text, path))


def parse_placed(text: str, path: Path) -> Any:
    """:func:`parse_fast` with the places of every entry (:class:`PlacedMap`, :class:`PlacedSeq`,
    :class:`BlockText`), as the round-trip reader's data has them: what a located message needs,
    without loading the round-trip parser. Where this reader does not decide alone, the round-trip
    parser's data (or verdict)."""
    try:
        return _build(text, placed=True)
    except (_Undecided, yaml.YAMLError, RecursionError):
        from tui.core.yamlio import parse_text

        return parse_text(text, path)


def parse_plain(text: str) -> Any:
    """The document in ``text`` as plain data where this reader decides it alone (the round-trip
    parser would read the same); raises :class:`Undecided` where only the round-trip parser may
    say (an error, a tag, an anchor …). Never loads the round-trip parser: for the app's first
    screen, which takes the full way for anything undecided."""
    try:
        return _build(text)
    except (_Undecided, yaml.YAMLError, RecursionError):
        raise Undecided from None


def _plain_copy(value: Any) -> Any:
    """Round-trip objects as the plain types this module builds."""
    if isinstance(value, dict):
        return {(None if k is None else str(k)): _plain_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_copy(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def plain_scalars(text: str) -> list[tuple[int, int, str]] | None:
    """Every plain (unquoted) scalar written in ``text`` as (line, column, value), 1-based, in
    the order written; None when this reader does not decide ``text`` alone (then only the
    round-trip scanner may say)."""
    with _PLAIN_SEEN_LOCK:
        seen = _PLAIN_SEEN.get(text)
    if seen is not None:
        return list(seen)
    found: list[tuple[int, int, str]] = []
    try:
        _build(text, found)
    except (_Undecided, yaml.YAMLError, RecursionError):
        return None
    return found


def _build(text: str, plain: list[tuple[int, int, str]] | None = None, *, placed: bool = False) -> Any:
    if (_CParser is None or _UNUSUAL.search(text) or _BLANK_WITH_SPACES.search(text)
            or _DIRECTIVE.search(text)):
        raise _Undecided
    parser = _CParser(text)
    try:
        return _document(parser, [] if plain is None else plain, placed)
    finally:
        parser.dispose()


def _document(parser: Any, plain: list[tuple[int, int, str]], placed: bool) -> Any:
    get = parser.get_event
    get()  # StreamStart
    event = get()
    if isinstance(event, yaml.StreamEndEvent):
        return None
    if not isinstance(event, yaml.DocumentStartEvent) or event.explicit or event.version or event.tags:
        raise _Undecided  # directives (%YAML, %TAG): the round-trip parser decides
    root = _node(get, get(), 1, plain, placed)
    end = get()
    if not isinstance(end, yaml.DocumentEndEvent) or not isinstance(get(), yaml.StreamEndEvent):
        raise _Undecided  # a second document, or an explicit end marker
    return root


def _node(get: Any, event: Any, depth: int, plain: list[tuple[int, int, str]], placed: bool) -> Any:
    if event.anchor is not None or event.tag is not None or depth > MAX_DEPTH:
        raise _Undecided  # the round-trip parser refuses these, with the place
    if isinstance(event, yaml.ScalarEvent):
        if _SURROGATE.search(event.value):
            raise _Undecided  # a lone surrogate (from an escape): refused by the round-trip parser
        if event.implicit[0]:
            mark = event.start_mark
            if placed and not event.value:
                raise _Undecided  # an omitted value: the round-trip parser places it elsewhere
            if event.value and mark is not None:  # an omitted value (`key:`) is an empty event
                plain.append((mark.line + 1, mark.column + 1, event.value))
            if event.value in _NULLS:
                return None
        if placed and event.style in ("|", ">"):
            return BlockText(event.value)
        return event.value
    if isinstance(event, yaml.MappingStartEvent):
        mapping: dict[str, Any] = PlacedMap() if placed else {}
        places = _places(mapping, event) if placed else None
        while True:
            key_event = get()
            if isinstance(key_event, yaml.MappingEndEvent):
                return mapping
            if not isinstance(key_event, yaml.ScalarEvent):
                raise _Undecided  # a mapping or list as a key
            key = _node(get, key_event, depth + 1, plain, False)
            if key is None or key in mapping:
                raise _Undecided  # a null or duplicate key: refused, located by the round-trip parser
            value_event = get()
            mapping[key] = _node(get, value_event, depth + 1, plain, placed)
            if places is not None:
                places.data[key] = (*_start(key_event), *_start(value_event))
    if isinstance(event, yaml.SequenceStartEvent):
        items: list[Any] = PlacedSeq() if placed else []
        places = _places(items, event) if placed else None
        while True:
            item = get()
            if isinstance(item, yaml.SequenceEndEvent):
                return items
            if places is not None:
                places.data[len(items)] = _start(item)
            items.append(_node(get, item, depth + 1, plain, placed))
    raise _Undecided  # an alias


def _places(collection: Any, event: Any) -> Places:
    collection.lc = places = Places(*_start(event))
    return places


def _start(event: Any) -> tuple[int, int]:
    """Where ``event``'s node starts, 0-based (libyaml marks every event)."""
    return event.start_mark.line, event.start_mark.column
