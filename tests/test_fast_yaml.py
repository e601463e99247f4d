"""The fast reader (libyaml events) and the round-trip reader (ruamel) agree: the same data and
the same accept/refuse verdict (with the same located message) on every sample and template
file, on YAML built from tricky fragments, and on mutated sample files."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tui.core.fastyaml as fastyaml
import tui.core.yamlio as yamlio
from tui.core.problems import AterrapportError
from tui.core.pydantic_errors import locate, locate_exact
from tui.core.scalars import _unquoted_by_ruamel, is_block_scalar, unquoted_non_text
from tui.core.yamlio import parse_text, read_text

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "sample_reports").glob("*/*.yaml")) + sorted((ROOT / "templates").glob("*.yaml"))
PATH = Path("1.2.yaml")
ROUTES: Counter[str] = Counter()
EXAMPLES = int(os.environ.get("FAST_YAML_EXAMPLES", 300))  # more for a longer hunt


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {(None if k is None else str(k)): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str) or value is None:
        return None if value is None else str(value)
    return (type(value).__name__, str(value))  # e.g. ruamel's TaggedScalar for `!!str x`


def _verdict(parse: Any, text: str) -> tuple[str, Any]:
    try:
        return "ok", parse(text, PATH)
    except AterrapportError as exc:
        return "refused", [p.format() for p in exc.problems]
    except Exception as exc:  # a crash of the round-trip parser must be the fast reader's too
        return "crashed", f"{type(exc).__name__}: {exc}"


def assert_same(text: str) -> None:
    kind, slow = _verdict(parse_text, text)
    fast_kind, fast = _verdict(fastyaml.parse_fast, text)
    try:
        fastyaml._build(text)
        ROUTES["fast"] += 1
    except Exception:
        ROUTES["round-trip"] += 1
    assert fast_kind == kind, f"{kind} / {fast_kind} for {text!r}"
    if kind == "ok":
        assert _plain(fast) == _plain(slow), text
        assert_same_places(text, slow)
    else:
        assert fast == slow
        assert _verdict(fastyaml.parse_placed, text) == (kind, slow)
    assert_same_plain_scalars(text)


def _paths(node: Any, loc: tuple[str | int, ...] = ()) -> Any:
    """Every place in ``node``, and one step beside each collection's entries (not in it)."""
    yield loc
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*loc, str(key)))
        yield (*loc, "inte-här")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*loc, index))
        yield (*loc, len(node))


def _at(node: Any, loc: tuple[str | int, ...]) -> Any:
    for step in loc:
        if isinstance(node, dict):
            node = node.get(step)
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
        else:
            return None
    return node


def assert_same_places(text: str, slow: Any) -> None:
    """The fast reader's places (what check's located messages take) are the round-trip
    reader's: every key, value and item, the step beside them, and which texts are blocks."""
    placed = fastyaml.parse_placed(text, PATH)
    try:
        fastyaml._build(text, placed=True)
        ROUTES["placed"] += 1
    except Exception:
        pass
    assert _plain(placed) == _plain(slow), text
    for loc in _paths(slow):
        for at_key in (False, True):
            assert locate(placed, loc, at_key=at_key) == locate(slow, loc, at_key=at_key), (loc, text)
        assert locate_exact(placed, loc) == locate_exact(slow, loc), (loc, text)
        assert is_block_scalar(_at(placed, loc)) == is_block_scalar(_at(slow, loc)), (loc, text)


def assert_same_plain_scalars(text: str) -> None:
    """Where the fast reader decides, it finds the same plain scalars at the same places as
    ruamel's scanner (``check``'s unquoted-text warning reads them)."""
    fast = fastyaml.plain_scalars(text)
    if fast is None:
        return
    from ruamel.yaml import YAML
    from ruamel.yaml.tokens import ScalarToken

    slow = [(t.start_mark.line + 1, t.start_mark.column + 1, t.value) for t in YAML(typ="rt").scan(text)
            if isinstance(t, ScalarToken) and t.plain]
    assert fast == slow, text
    assert list(unquoted_non_text(text)) == _unquoted_by_ruamel(text), text


def _types(value: Any) -> set[type]:
    found = {type(value)}
    if isinstance(value, dict):
        for k, v in value.items():
            found |= _types(k) | _types(v)
    elif isinstance(value, list):
        for v in value:
            found |= _types(v)
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_sample_and_template_reads_the_same(path: Path) -> None:
    text = read_text(path)
    assert_same(text)
    fast = fastyaml._build(text)  # and without falling back
    assert fast == _plain(parse_text(text, path))
    assert _types(fast) <= {dict, list, str, type(None)}


SCALARS = ["", "~", "null", "Null", "NULL", "nul", "ja", "yes", "no", "on", "off", "true", "1.5", "2019",
           "2019-05-01", "0x1F", "1e3", ".inf", ".NaN", "-", "a: b", "a #b", "#c", "'q'", '"d"', "[x]", "{y}",
           "&a", "*a", "!x", "!!str s", "!!int 3", "%YAML", "@", "`", "|", ">", "x\ty", "\t", "å ä ö",
           "R&D", "50 %", "<<", "? k", "---", "...", "a\\b", "\\u00e5", "é", "\u2028", "\u2029", "\x85", "\x07",
           "\x7f", "\ufeff", "\r", "\r\n", "a\rb", "\U0001f600", "  ", "\n  \n", '"\\ud800"', '"a\\x41"',
           "[" * 60 + "]" * 60, "{a: [b, {c: d}]}", "\n%TAG ! x\n"]
KEYS = ["svar", "insatser", "klar", "namn", "1.2.1", "1.2", '"1.2.1"', "'1.5'", "~", "null", "<<", "? x",
        "a b", "x:y", "&k", "*k", "!k", "[k]", "%k", "", "? "]


@st.composite
def yaml_text(draw: st.DrawFn) -> str:
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 10))):
        indent = " " * draw(st.sampled_from([0, 0, 2, 2, 4, 6, 1, 3]))
        key = draw(st.sampled_from(KEYS))
        shape = draw(st.integers(0, 6))
        value = draw(st.sampled_from(SCALARS))
        if shape == 0:
            lines.append(f"{indent}{key}: {value}")
        elif shape == 1:
            lines.append(f"{indent}- {key}: {value}")
        elif shape == 2:
            lines.append(f"{indent}{key}: {draw(st.sampled_from(['|', '>', '|-', '>+']))}")
            lines += [f"{indent}  {draw(st.sampled_from(SCALARS))}" for _ in range(draw(st.integers(0, 3)))]
        elif shape == 3:
            lines.append(f"{indent}{key}: '{value}'" if "'" not in value else f'{indent}{key}: "{value}"')
        elif shape == 4:
            lines.append(f"{indent}{key}: [{value}, {draw(st.sampled_from(SCALARS))}]")
        elif shape == 5:
            lines.append(f"{indent}{key}:")
        else:
            lines.append(f"{indent}{draw(st.text(max_size=12))}")
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n", "\n# slut\n"]))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_text())
def test_generated_yaml_reads_the_same(text: str) -> None:
    assert_same(text)


SAMPLE_TEXTS = [read_text(p) for p in FILES if p.parent.name != "templates" and p.stat().st_size < 20_000]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SAMPLE_TEXTS))
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.integers(0, 4))
        if action == 0:
            text = text[:position] + text[position + draw(st.integers(1, 5)):]
        elif action == 1:
            fragment = draw(st.sampled_from([*SCALARS, ":", " ", "\n", "  ", "- ", "\t"]))
            text = text[:position] + fragment + text[position:]
        elif action == 2:
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(draw(st.integers(0, len(lines))), lines[i])  # a duplicated line
            text = "\n".join(lines)
        elif action == 3:
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines[i] = " " * draw(st.integers(0, 6)) + lines[i].lstrip()  # a wrong indent
            text = "\n".join(lines)
        else:
            text = text[:position] + draw(st.text(max_size=6)) + text[position:]
    return text


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_samples_read_the_same(text: str) -> None:
    assert_same(text)


def test_the_fast_route_is_taken() -> None:
    """The properties above are not vacuous: most generated inputs go the fast way."""
    ROUTES.clear()
    for text in SAMPLE_TEXTS:
        assert_same(text)
    assert ROUTES["fast"] == ROUTES["placed"] == len(SAMPLE_TEXTS)
    # Each of these is left to the round-trip parser, which accepts or refuses it.
    for text in ["a: &x 1\nb: *x\n", "a: !!str 1\n", "a: 1\na: 2\n", "%YAML 1.2\n---\na: 1\n", "a: 1\n---\nb: 2\n",
                 "? [a]\n: b\n", "a: [1\n", "a: b\x08\n", "s\tvar: x\n",
                 "svar: |\n  \n    svar: \n", "a: b\n\ufeff", "~: x\n", ": x\n", 'a: "\\ud800"\n',
                 "a: " + "[" * 60 + "]" * 60 + "\n", "%YAML 1.1\na: b\n"]:
        with pytest.raises((fastyaml._Undecided, yaml.YAMLError)):
            fastyaml._build(text)
        assert_same(text)


@pytest.mark.parametrize(("pattern", "allowed"), [
    (fastyaml._UNUSUAL, "[^\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"),
    (yamlio._NON_PRINTABLE, "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"),
])
def test_character_classes_are_the_complement_of_what_readers_take(pattern: re.Pattern[str], allowed: str) -> None:
    """The classes list the characters (fast to compile); every code point is in the class exactly
    when it is not among the characters YAML's readers print."""
    outside = re.compile(allowed)
    differ = [hex(i) for i in range(0x110000) if bool(pattern.match(chr(i))) != bool(outside.match(chr(i)))]
    assert differ == []


def test_plain_scalars_kept_from_the_fast_read_are_those_of_the_text() -> None:
    """parse_fast keeps each text's plain scalars for check (keyed by the whole text): what
    plain_scalars then gives is what it finds reading the text afresh, for every text read,
    also after more texts than it keeps (and a changed copy of a text is not taken for it)."""
    texts = [read_text(p) for p in sorted(ROOT.glob("sample_reports/*/*.yaml"))]
    texts += [t.replace(": ", ":  ", 1) for t in texts] + [f"a{n}: {n}\n" for n in range(80)]
    for text in texts:
        fastyaml.parse_fast(text, Path("x.yaml"))
    for text in texts:
        kept = fastyaml.plain_scalars(text)
        with fastyaml._PLAIN_SEEN_LOCK:
            fastyaml._PLAIN_SEEN.pop(text, None)
        assert kept == fastyaml.plain_scalars(text), text


@pytest.mark.parametrize("text", [
    "svar: |\n  a\n\n  b\n", "svar: >\n  a\n  b\n", "svar: |-\n  a\n", "svar: >+\n  a\n\nb: c\n",
    "a:\n  - x\n  - y: z\n    w: |\n      t\n", "a: [x, {y: z}]\n", "a: {b: c, d: [e, f]}\n",
    "a: 'q'\nb: \"d\"\n", "a: b  # kommentar\n# rad\nc: d\n", "- a\n- - b\n  - c\n", "a: b\n  c\n",
    "a: ~\nb: null\nc: ''\n", "1.2.1:\n  insatser:\n  - namn: x\n    resultat: >-\n      y\n  klar: ja\n",
    "a:\n- b\n- c: d\n", "  a: b\n  c: d\n", "a: b\n...\n", "'1.5': x\n\"2\": y\n",
])
def test_places_of_each_shape_are_the_round_trip_readers(text: str) -> None:
    fastyaml._build(text, placed=True)  # the fast reader decides these alone
    assert_same(text)
