"""The field kinds decide once: for every field of every real template, the behaviours each
kind implements (empty value, content, canonical form, answers schema, diff, texts) agree.

Values are built as a writer (or a careless editor) leaves them: messy whitespace, Word's
pasted bullets, empty and missing cells, nulls; then read back from YAML, as the app and the
CLI see them. ATERRAPPORT_KINDS_EXAMPLES runs more examples (default 40 in the suite)."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any, Literal, get_args, get_type_hints

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap

from tui.core.answers import answers_json_schema, answers_model
from tui.core.report import Report
from tui.core.scaffold import create_report, empty_section
from tui.core.template import (
    FieldSpec,
    Section,
    Template,
    _FieldBase,
    _plain,
    file_key,
    find_templates,
    get_template,
)
from tui.core.yamlio import dump, parse_text

EXAMPLES = int(os.environ.get("ATERRAPPORT_KINDS_EXAMPLES", "40"))

FIELDS: list[tuple[Template, Section, Any]] = [
    (template, section, spec)
    for template in (get_template(t) for t in sorted(find_templates()))
    for section in template.answerable()
    for spec in section.fields
]


def _name(item: tuple[Template, Section, Any]) -> str:
    template, section, spec = item
    return f"{template.id}:{section.id}.{spec.key}"


BY_NAME = {_name(item): item for item in FIELDS}


# Text as people leave it: trailing spaces, blank lines, tabs, Word's bullets, Swedish letters.
_TEXT = st.lists(st.sampled_from([*"ab åÖ.\n\t•-1:", "\r\n", "  ", "ja", "1.5", "\x0b"]), max_size=30).map("".join)
_CELL = st.none() | _TEXT


def _choice(options: tuple[str, ...]) -> st.SearchStrategy[Any]:
    return st.sampled_from([*options, ""]) | st.none()


def _value(spec: Any) -> st.SearchStrategy[Any]:
    """A value of the field's shape, as YAML holds it (the strategies know the kinds; a new kind
    without one fails test_every_kind_has_a_strategy)."""
    if spec.kind == "text":
        return st.none() | _TEXT
    if spec.kind == "choice":
        return _choice(spec.options)
    row = st.fixed_dictionaries({}, optional={
        c.key: (_choice(c.options) if c.kind == "choice" else _CELL) for c in spec.columns})
    return st.none() | st.lists(row, max_size=spec.max_rows or 4)


def _kinds() -> set[str]:
    union = get_args(FieldSpec)[0]
    return {get_args(get_type_hints(kind)["kind"])[0] for kind in get_args(union)}


def test_every_kind_has_a_strategy() -> None:
    assert _kinds() == {"text", "choice", "table"}
    assert {spec.kind for _t, _s, spec in FIELDS} == _kinds()  # the real templates use them all


def test_a_kind_missing_a_behaviour_cannot_be_built() -> None:
    """A new kind must say what it shares: the base class leaves nothing to a default."""

    class Half(_FieldBase):
        kind: Literal["half"]

        def empty_value(self) -> Any:
            return ""

    build: Any = Half  # mypy already refuses Half(...) as abstract; this shows Python does too
    with pytest.raises(TypeError, match="abstract"):
        build(key="x", kind="half")


def _read_back(section_id: str, key: str, value: Any) -> CommentedMap:
    """``{section: {key: value}}`` written as YAML and read back: the objects a file gives."""
    text = dump({section_id: {key: value}})
    data = parse_text(text, Path("x.yaml"))
    assert isinstance(data, CommentedMap)
    node = data[section_id]
    assert isinstance(node, CommentedMap)
    return node


@functools.cache
def _validator(template: Template, key: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(answers_json_schema(template, key))


def _accepted(template: Template, section: Section, key: str, value: Any) -> None:
    """Both schemas accept the value: the model `check` validates with, and the editors' one."""
    plain = {section.id: {key: _plain(value)}}
    answers_model(template).model_validate(plain)
    _validator(template, file_key(section.id)).validate(plain)


@pytest.mark.parametrize("item", FIELDS, ids=_name)
def test_the_empty_value_is_empty_canonical_and_valid(item: tuple[Template, Section, Any]) -> None:
    template, section, spec = item
    empty = spec.empty_value()
    assert not spec.has_content(empty)
    assert not any(t.text for t in spec.texts(empty))
    assert spec.diff(empty, spec.empty_value()) is None
    # The scaffold writes the empty value, and fmt leaves it as the scaffold wrote it.
    scaffold = empty_section(section)
    assert dump(scaffold[spec.key]) == dump(empty)
    node = _read_back(section.id, spec.key, empty)
    before = dump(node)
    spec.canonicalize(node)
    assert dump(node) == before
    _accepted(template, section, spec.key, node[spec.key])


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_kinds_behaviours_agree(data: st.DataObject) -> None:
    template, section, spec = BY_NAME[data.draw(st.sampled_from(sorted(BY_NAME)), label="field")]
    node = _read_back(section.id, spec.key, data.draw(_value(spec), label="value"))
    value = node[spec.key]
    content = spec.has_content(value)
    # Content is exactly a non-empty text in the value (what the search and spell check see).
    assert content == any(t.text for t in spec.texts(value))
    # Nothing changed is no change; an answer against nothing is one, both ways.
    assert spec.diff(value, value) is None
    if content:
        assert spec.diff(spec.empty_value(), value) is not None
        assert spec.diff(value, spec.empty_value()) is not None
    # The canonical form keeps the content and the places of the texts (Word's bullets may
    # become Markdown), is a fixed point, and is valid.
    places = [(t.yaml_index, t.column) for t in spec.texts(value)]
    spec.canonicalize(node)
    canonical = node[spec.key]
    assert spec.has_content(canonical) == content
    assert [(t.yaml_index, t.column) for t in spec.texts(canonical)] == places
    again = _read_back(section.id, spec.key, canonical)
    once = dump(again)
    spec.canonicalize(again)
    assert dump(again) == once
    _accepted(template, section, spec.key, canonical)


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Report]:
    """One new report per real template (restoring replaces a field whole, so they are reused)."""
    found: dict[str, Report] = {}
    for template_id in sorted(find_templates()):
        folder = tmp_path_factory.mktemp("rapport") / template_id
        create_report(folder, get_template(template_id), "Region Västmanland", 2019)
        found[template_id] = Report.load(folder)
    return found


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_restoring_a_value_keeps_its_texts(reports: dict[str, Report], data: st.DataObject) -> None:
    """A backup's plain value put back through the report's own editing holds what it held."""
    template, section, spec = BY_NAME[data.draw(st.sampled_from(sorted(BY_NAME)), label="field")]
    value = _plain(_read_back(section.id, spec.key, data.draw(_value(spec), label="value"))[spec.key])
    report = reports[template.id]
    spec.restore(report, section.id, value)
    restored = report.raw(section.id, spec.key)
    assert spec.has_content(restored) == spec.has_content(value)
    assert ([(t.row, t.column, t.text) for t in spec.texts(restored)]
            == [(t.row, t.column, t.text) for t in spec.texts(value)])
    assert spec.diff(value, restored) is None


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_journal_entry_takes_back_exactly_its_value(reports: dict[str, Report], data: st.DataObject) -> None:
    """Any value of any field, journaled (as the app does before a kill -9), written to the
    journal file and read back, is taken back into a report holding anything else as exactly
    that value; a value of another kind is refused, never taken."""
    from tui.app.journal import read_journal, write_journal

    template, section, spec = BY_NAME[data.draw(st.sampled_from(sorted(BY_NAME)), label="field")]
    report = reports[template.id]
    spec.restore(report, section.id, _plain(_read_back(section.id, spec.key, data.draw(_value(spec)))[spec.key]))
    entry = spec.journal_value(report, section.id)
    assert spec.from_journal(entry) == entry
    write_journal(report.folder, {(section.id, spec.key): entry})
    journaled = read_journal(report.folder)[(section.id, spec.key)]
    assert journaled == entry
    # The files meanwhile hold something else (or the same): taking back gives exactly the entry.
    spec.restore(report, section.id, _plain(_read_back(section.id, spec.key, data.draw(_value(spec)))[spec.key]))
    taken = spec.from_journal(journaled)
    assert taken is not None
    spec.take_back(report, section.id, taken)
    assert spec.journal_value(report, section.id) == entry
    assert spec.has_content(report.raw(section.id, spec.key)) == spec.has_content(entry)
    # A journal value of the other shape (or an option the field lacks) is not this field's.
    other: object = [] if isinstance(entry, str) else "text"
    assert spec.from_journal(other) is None
    if spec.kind == "choice":
        assert spec.from_journal("inget av alternativen") is None
