"""What pydantic validated once is used again without pydantic: the template from its JSON copy
(tui/core/template.py), the head from the store of accepted heads (tui/core/accepted_head.py).
The copies give exactly what validating gives, a damaged copy only means validating again, and a
command whose report was read before loads no pydantic at all.

``ATERRAPPORT_HEAD_EXAMPLES`` sets the number of hypothesis examples (more for a hunt).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SAMPLE_2019
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core import accepted_head
from tui.core.head import head_data, head_from_data
from tui.core.report import YamlDocument, parse_head
from tui.core.statedir import state_dir
from tui.core.template import (
    _from_data,
    _load_template_cached,
    _parse_template,
    content_json,
    find_templates,
    load_template,
)

EXAMPLES = int(os.environ.get("ATERRAPPORT_HEAD_EXAMPLES", "40"))
ROOT = Path(__file__).resolve().parent.parent

# A template with every kind and every optional table word, as a template author writes one.
ALL_KINDS = """\
id: allt
title: Alla fälttyper
year: 2024
parts:
  - id: '1'
    title: Del
    guidance: Vägledning
    sections:
      - id: '1.1'
        title: '  Avsnitt med blanksteg  '
        preamble: Inledning
        comment: Kommentar
        fields:
          - key: svar
            kind: text
            max_words: 300
            label: Svar
            prompt: Beskriv
          - key: val
            kind: choice
            options: [Ja, Nej, Vet ej]
          - key: aktiviteter
            kind: table
            max_rows: 3
            note: Högst tre
            row_noun: {singular: aktivitet, plural: aktiviteter}
            name_column: titel
            limit_text: Ange högst 3 aktiviteter
            columns:
              - key: nr
                header: Nr
                width: 0.5
              - key: titel
                header: Titel
                help: Kort
              - key: klar
                header: Klar
                kind: choice
                options: [Ja, Nej]
"""


def _templates(tmp_path: Path) -> list[Path]:
    written = tmp_path / "allt.yaml"
    written.write_text(ALL_KINDS, encoding="utf-8")
    return [*find_templates().values(), written]


def test_a_templates_json_copy_builds_the_same_template(tmp_path: Path) -> None:
    for path in _templates(tmp_path):
        validated = _parse_template(path)
        copy = _from_data(json.loads(content_json(validated)))
        assert copy == validated, path.name  # tuples stay tuples, nested kinds their classes
        assert content_json(copy) == content_json(validated)
        assert [s.id for s in copy.walk()] == [s.id for s in validated.walk()]
        assert all(copy.section(s.id) == s for s in validated.walk())  # the index is built again


def test_a_template_read_from_its_copy_is_the_validated_one(tmp_path: Path) -> None:
    path = _templates(tmp_path)[-1]
    first = load_template(path)  # validated, and its copy written
    _load_template_cached.cache_clear()
    again = load_template(path)  # from the copy
    assert again == first and again is not first
    assert again.path == path.resolve()
    title = again.section("1.1")
    assert title is not None and title.title == "Avsnitt med blanksteg"  # as pydantic stripped it


@pytest.mark.parametrize("damage", [
    "{trasig", "[]", '{"id": "allt"}', "null",
    '{"id": "allt", "title": "X", "year": 2024, "source": "", "notes": "", "parts": [{"fields": []}]}',
])
def test_a_damaged_template_copy_means_reading_the_template_again(tmp_path: Path, damage: str) -> None:
    path = _templates(tmp_path)[-1]
    first = load_template(path)
    copies = list((state_dir() / "mallcache").glob("allt-*.json"))
    assert copies
    for copy in copies:
        copy.write_text(damage, encoding="utf-8")
    _load_template_cached.cache_clear()
    assert load_template(path) == first


# -- the head -------------------------------------------------------------------------------------

_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
_YEARS = ["2019", "2024"], ["1999", "2101", "20x9", "", "19"]
_DATES = ["", "2020-02-29", "2024-12-31"], ["2021-02-29", "2020-13-01", "2020-1-1", "idag"]
_REGIONS = ["Region Västmanland", "västmanland", "Region Skåne", "Gotland"], ["Atlantis", ""]


@st.composite
def _heads(draw: st.DrawFn) -> dict[str, Any]:
    """rapport.yaml's data: half of them valid (the store keeps those), half with any mistake."""
    valid = draw(st.booleans())

    def pick(values: tuple[list[str], list[str]]) -> st.SearchStrategy[str]:
        return st.sampled_from(values[0] if valid else values[0] + values[1])

    head: dict[str, Any] = {"mall": "aterrapportering-2019", "region": draw(pick(_REGIONS)), "ar": draw(pick(_YEARS))}
    signature = {"ort": _TEXT, "datum": pick(_DATES), "namn": _TEXT, "titel": _TEXT, "enhet": _TEXT}
    optional: dict[str, st.SearchStrategy[Any]] = {
        "datum": pick(_DATES), "diarienr": _TEXT, "ert_diarienr": _TEXT, "forord": _TEXT,
        "kontakt": st.lists(_TEXT, max_size=3) if valid else st.lists(_TEXT, max_size=3) | _TEXT,
        "underskrift": st.fixed_dictionaries({}, optional=signature) if valid else
        st.fixed_dictionaries({}, optional={**signature, "okand": _TEXT}) | _TEXT,
    }
    if not valid:
        optional["okand_nyckel"] = _TEXT
    for key, values in optional.items():
        if draw(st.booleans()):
            head[key] = draw(values)
    return head


def _doc(tmp_path: Path, data: dict[str, Any]) -> YamlDocument:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return YamlDocument.from_bytes(tmp_path / "rapport.yaml", text.encode("utf-8"), read_only=True)


def _store_file() -> Path:
    return accepted_head.current().path


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=_heads())
def test_a_head_from_the_store_is_the_validated_one(tmp_path: Path, data: dict[str, Any]) -> None:
    doc = _doc(tmp_path, data)
    validated = parse_head(doc)
    first = parse_head(doc, remember=True)  # validated, and kept if accepted
    again = parse_head(doc, remember=True)  # from the store when it was accepted
    fresh_store = accepted_head.AcceptedHeads(_store_file())  # as the next process reads it
    assert validated == first == again, data
    head, problems = validated
    kept = fresh_store.get(doc.data) if isinstance(doc.data, dict) else None
    if head is None:
        assert problems and kept is None  # refused data is never kept
    else:
        assert kept == head and head_from_data(head_data(head)) == head


@pytest.mark.parametrize("damage", ["{trasig", "[]", "null", '{"%s": {"mall": 1}}', '{"%s": []}'])
def test_a_damaged_head_store_means_validating_again(tmp_path: Path, damage: str) -> None:
    doc = _doc(tmp_path, {"mall": "aterrapportering-2019", "region": "västmanland", "ar": "2019",
                          "datum": "2020-03-01", "underskrift": {"datum": "2020-03-02", "namn": "A B"}})
    validated = parse_head(doc)
    assert validated[0] is not None and validated[0].region == "Region Västmanland"
    parse_head(doc, remember=True)
    store = _store_file()
    digest = next(iter(json.loads(store.read_bytes())))
    store.write_text(damage.replace("%s", digest), encoding="utf-8")
    assert accepted_head.AcceptedHeads(store).get(doc.data) is None
    accepted_head.accepted_heads.cache_clear()
    try:
        assert parse_head(doc, remember=True) == validated
    finally:
        accepted_head.accepted_heads.cache_clear()


# -- a whole command ------------------------------------------------------------------------------

LOADED = r"""
import sys
from tui.cli.main import main
code = main(sys.argv[1:])
print("LOADED", code, sorted(m for m in ("pydantic", "pydantic_core") if m in sys.modules))
"""


def _loaded(args: list[str], state: Path) -> tuple[int, list[str]]:
    env = {**os.environ, "XDG_STATE_HOME": str(state), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", LOADED, *args], capture_output=True, text=True, env=env,
                          check=False, cwd=state)
    line = next(x for x in done.stdout.splitlines() if x.startswith("LOADED"))
    _, code, modules = line.split(" ", 2)
    return int(code), json.loads(modules.replace("'", '"'))


def test_a_command_on_a_report_read_before_loads_no_pydantic(tmp_path: Path) -> None:
    folder = tmp_path / "rapport"
    shutil.copytree(SAMPLE_2019, folder)
    state = tmp_path / "state"
    state.mkdir()
    commands = [["check", str(folder)], ["render", str(folder), "-o", str(tmp_path / "r.docx")]]
    assert _loaded(commands[0], state) == (0, ["pydantic", "pydantic_core"])  # the first time: validated
    for args in commands:
        assert _loaded(args, state) == (0, []), args
    (folder / "rapport.yaml").write_text(
        (folder / "rapport.yaml").read_text(encoding="utf-8").replace("ar: '2019'", "ar: '2191'", 1), encoding="utf-8")
    code, modules = _loaded(commands[0], state)  # a head not seen: validated (and refused)
    assert code == 1 and modules == ["pydantic", "pydantic_core"]
