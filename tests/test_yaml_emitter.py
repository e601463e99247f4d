"""The fast emitter (tui/core/yamlemit.py) writes exactly what ruamel's own emitter writes: the
same style decision for every scalar and the same bytes for every document, on generated text
full of YAML's special characters, on generated documents, and on every file of the repository.
``ATERRAPPORT_EMIT_EXAMPLES`` runs more examples."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.scalarstring import LiteralScalarString

from tui.core.scalars import to_scalar
from tui.core.yamlemit import FastEmitter
from tui.core.yamlio import dump, make_yaml, parse_text, read_text
from tui.core.yamlrt import CanonicalResolver

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = int(os.environ.get("ATERRAPPORT_EMIT_EXAMPLES", 150))
# Every character the emitter looks at, and some it does not.
CHARS = ["a", "Z", "0", "å", "Ö", " ", " ", "\n", "\n", "\t", "\r", "\x85", "\u2028", "\u2029", "#", ":", "-",
         "?", ",", "[", "]", "{", "}", "&", "*", "!", "|", ">", "'", '"', "%", "@", "`", ".", "~", "\0",
         "\x01", "\x1f", "\x7f", "\x84", "\x9f", "\xa0", "\ud7ff", "\ue000", "\ufeff", "\ufffd", "\ufffe",
         "\uffff", "\U0001f600"]
TEXT = st.lists(st.sampled_from(CHARS), max_size=24).map("".join)
# Text shaped like answers: words, blank lines, leading spaces, trailing breaks.
ANSWER = st.lists(st.sampled_from(["ord", "två ord", "", " indrag", "- punkt", "# rubrik", "a: b", "x #y",
                                   "---", "...", "\t", "slut "]), max_size=8).map("\n".join)
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _analysis(emitter_class: type[RoundTripEmitter], text: str, version: Any, unicode: bool) -> dict[str, Any]:
    emitter = emitter_class(io.StringIO(), allow_unicode=unicode)
    # No dumper: the emitter is its own serializer (as for the C emitter) and is asked for the version.
    setattr(emitter, "use_version", version)  # noqa: B010
    return vars(emitter.analyze_scalar(text))


# Each rule where it is easiest to get wrong: the second and the last character.
EDGES = ["a,", "a[", "a}", "a?", "?a", "? a", ":", ": a", "a:", "a:b", "a: ", "a #", "a#", "#a", "- a", "-a", "-",
         "---", "...a", " a", "a ", "\na", "a\n", "a\n b", "a \nb", "a\x85", "\u2028a", "a\ufeff", "\x85"]


@SETTINGS
@given(text=st.one_of(TEXT, ANSWER, st.text(max_size=30)), version=st.sampled_from([(1, 1), (1, 2), None]),
       unicode=st.booleans())
def test_same_style_decision_as_ruamel(text: str, version: Any, unicode: bool) -> None:
    assert _analysis(FastEmitter, text, version, unicode) == _analysis(RoundTripEmitter, text, version, unicode)


def test_same_style_decision_at_the_edges() -> None:
    for text in EDGES:
        for version in ((1, 1), (1, 2)):
            assert _analysis(FastEmitter, text, version, True) == _analysis(RoundTripEmitter, text, version, True), \
                (text, version)


def _dump_with(emitter_class: type[RoundTripEmitter], data: Any) -> str | tuple[str, str]:
    yaml = make_yaml()
    yaml.Resolver = CanonicalResolver
    yaml.Emitter = emitter_class
    stream = io.StringIO()
    try:
        yaml.dump(data, stream)
    except Exception as exc:  # the same refusal from both
        return type(exc).__name__, str(exc)
    return stream.getvalue()


def _value(kind: int, text: str) -> Any:
    return (LiteralScalarString(text), to_scalar(text), text)[kind]


@st.composite
def documents(draw: st.DrawFn) -> Any:
    """A report-like document: sections with answers (literal blocks, canonical and raw text),
    a table of rows, a key made of the text, and now and then a bare block at the root."""
    if draw(st.integers(0, 9)) == 0:
        return LiteralScalarString(draw(st.one_of(TEXT, ANSWER)))
    doc = CommentedMap()
    for number in range(draw(st.integers(1, 3))):
        section = CommentedMap()
        section["svar"] = _value(draw(st.integers(0, 2)), draw(st.one_of(ANSWER, TEXT)))
        rows = CommentedSeq()
        for _ in range(draw(st.integers(0, 2))):
            row = CommentedMap()
            row["namn"] = _value(draw(st.integers(0, 2)), draw(TEXT))
            row["resultat"] = _value(draw(st.integers(0, 2)), draw(st.one_of(ANSWER, TEXT)))
            rows.append(row)
        section["insatser"] = rows
        key = draw(TEXT)
        if key and key not in section:
            section[key] = _value(draw(st.integers(0, 2)), draw(TEXT))
        doc[f"1.{number}"] = section
    return doc


@SETTINGS
@given(data=documents())
def test_same_document_as_ruamel(data: Any) -> None:
    assert _dump_with(FastEmitter, data) == _dump_with(RoundTripEmitter, data)


@SETTINGS
@given(text=st.one_of(ANSWER, TEXT), ending=st.sampled_from(["", "\n", "\n\n", "\n\n\n"]))
def test_same_block_at_the_end_of_a_document(text: str, ending: str) -> None:
    """A block that keeps its final line breaks (``|+``) ends the document with ``...``."""
    data = CommentedMap({"1.1.1": CommentedMap({"svar": LiteralScalarString(text + ending)})})
    assert _dump_with(FastEmitter, data) == _dump_with(RoundTripEmitter, data)


def test_every_file_of_the_repository_written_the_same() -> None:
    files = sorted((ROOT / "sample_reports").glob("*/*.yaml")) + sorted((ROOT / "templates").glob("*.yaml"))
    assert len(files) > 10
    for path in files:
        data = parse_text(read_text(path), path)
        assert _dump_with(FastEmitter, data) == _dump_with(RoundTripEmitter, data), path


def test_a_long_answer_is_written_the_same() -> None:
    words = read_text(ROOT / "sample_reports" / "vastmanland-2019" / "1.1.yaml").split()
    text = "\n\n".join(" ".join(words[i:i + 120]) for i in range(0, len(words), 120))
    data = CommentedMap({"1.1.1": CommentedMap({"svar": to_scalar(text * 10)})})
    assert dump(data) == _dump_with(RoundTripEmitter, data)
