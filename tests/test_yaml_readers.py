"""Every YAML reader reads a report as aterrapport does (issue 11): PyYAML (YAML 1.1), ruamel's
safe loader (1.2), the JavaScript `yaml` package VS Code's YAML engine is built on (1.1 and
1.2), and the JSON Schema of each file. Keys and values are text to all of them."""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
from io import StringIO
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml as pyyaml
from conftest import ROOT, SAMPLES, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from tui.core.answers import answers_json_schema
from tui.core.report import Report
from tui.core.scalars import needs_quotes
from tui.core.schema import head_json_schema
from tui.core.template import get_template
from tui.core.validation import check_report
from tui.core.yamlio import dump, parse_text

SAMPLE_FILES = sorted(SAMPLES.glob("*/*.yaml"))
NODE_YAML = ROOT / "tools" / "node" / "node_modules" / "yaml"

# Shapes that some reader loads as something other than text, and words that stay plain.
TRICKY = [
    "1.5", "1.10", "2", "2019", "0123", "0o17", "0x1F", "0b101", "1_000", "+1", "-2", ".5", "1.",
    "1e3", "1E-3", "6.02e+23", ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "1:30", "190:20:30",
    "1:30.5", "2020-02-04", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5",
    "yes", "No", "ON", "off", "y", "N", "true", "False", "TRUE", "null", "Null", "~", "", "<<", "=",
]
WORDS = ["ja", "Ja", "nej", "Nej", "1.2.1", "3.1.2", "v1.5", "1.5 miljoner", "RV190046",
         "N2019/02980/RTL", "2019/20", "kl. 13:30", "Region Västmanland", "ord", "0,5", "1 000"]


def as_read(value: Any) -> Any:
    """A loaded document in a form where a number is never equal to its text."""
    if isinstance(value, dict):
        return ("map", [(as_read(k), as_read(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", [as_read(v) for v in value])
    if value is None or type(value) is str:
        return value
    if isinstance(value, str):  # ruamel's round-trip string types: text
        return str(value)
    return ("not text", type(value).__name__, repr(value))


def by_pyyaml(text: str) -> Any:
    return pyyaml.safe_load(text)


def by_ruamel_safe(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(StringIO(text))


def by_aterrapport(text: str, path: Path = Path("x.yaml")) -> Any:
    return parse_text(text, path)


def by_node(texts: list[str]) -> list[dict[str, Any]]:
    """Each text as the JavaScript `yaml` package reads it with YAML 1.1 and 1.2, in one run."""
    script = r"""
const YAML = require(process.argv[1]);
const texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const show = (v) => {
  if (v instanceof Map) return ['map', [...v.entries()].map(([k, x]) => [show(k), show(x)])];
  if (Array.isArray(v)) return ['seq', v.map(show)];
  if (v === null || typeof v === 'string') return v;
  return ['not text', typeof v, String(v)];
};
const out = texts.map((t) => {
  const read = {};
  for (const version of ['1.1', '1.2']) read[version] = show(YAML.parse(t, {version, mapAsMap: true}));
  return read;
});
process.stdout.write(JSON.stringify(out));
"""
    result = subprocess.run(["node", "-e", script, str(NODE_YAML)], input=json.dumps(texts),
                            capture_output=True, text=True, check=True, timeout=120)
    return list(json.loads(result.stdout))


def as_json(value: Any) -> Any:
    """:func:`as_read` with tuples as lists, as node's answer comes back."""
    return json.loads(json.dumps(as_read(value)))


def schema_for(path: Path) -> dict[str, Any]:
    if path.name == "rapport.yaml":
        return head_json_schema()
    head = pyyaml.safe_load((path.parent / "rapport.yaml").read_text(encoding="utf-8"))
    return answers_json_schema(get_template(head["mall"]), path.stem)


def schema_errors(schema: dict[str, Any], data: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


# -- the samples ----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_reader_reads_each_sample_as_aterrapport(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    ours = as_read(by_aterrapport(text, path))
    assert as_read(by_pyyaml(text)) == ours
    assert as_read(by_ruamel_safe(text)) == ours
    assert schema_errors(schema_for(path), by_pyyaml(text)) == []


def test_node_yaml_reads_every_sample_as_aterrapport() -> None:
    texts = [p.read_text(encoding="utf-8") for p in SAMPLE_FILES]
    for path, text, read in zip(SAMPLE_FILES, texts, by_node(texts), strict=True):
        ours = as_json(by_aterrapport(text, path))
        assert read["1.1"] == ours, path
        assert read["1.2"] == ours, path


def test_samples_have_the_tricky_shapes_quoted() -> None:
    text = (SAMPLES / "vastmanland-2019" / "rapport.yaml").read_text(encoding="utf-8")
    assert "\nar: '2019'\n" in text and "\ndatum: '2020-02-04'\n" in text
    text = (SAMPLES / "vastmanland-2019" / "1.5.yaml").read_text(encoding="utf-8")
    assert "\n'1.5':\n" in text
    text = (SAMPLES / "vastmanland-2019" / "1.2.yaml").read_text(encoding="utf-8")
    assert "\n1.2.1:\n" in text and "'1.2.1'" not in text  # not a number to anyone: plain


# -- what the writer quotes -----------------------------------------------------------------------

def test_quoted_exactly_when_some_reader_would_not_read_text() -> None:
    for value in TRICKY:
        assert needs_quotes(value), value
    for value in WORDS:
        assert not needs_quotes(value), value


def _tricky_value(rng: random.Random) -> str:
    pieces = ["0", "1", "9", "12", "2019", ".", ":", "-", "+", "_", "e", "E", "x", "o", "b", "inf",
              ".inf", "nan", "y", "n", "yes", "on", "off", "true", "null", "~", "T", " ", "Z", "a", "ja"]
    return "".join(rng.choice(pieces) for _ in range(rng.randint(1, 5))).strip()


def test_node_yaml_reads_tricky_text_as_written(tmp_path: Path) -> None:
    """Thousands of number-, date- and boolean-like keys and values, written by aterrapport,
    read by the JavaScript `yaml` package (YAML 1.1 and 1.2) as the same text."""
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    values = sorted(set(TRICKY + WORDS + [_tricky_value(rng) for _ in range(3000)]))
    documents = [values[i:i + 200] for i in range(0, len(values), 200)]
    texts = [dump({f"k{n}" if needs_quotes(v) and n % 2 else v: v for n, v in enumerate(doc)})
             for doc in documents]
    for text, read in zip(texts, by_node(texts), strict=True):
        ours = as_json(by_aterrapport(text))
        assert read["1.1"] == ours, f"seed {seed}"
        assert read["1.2"] == ours, f"seed {seed}"


scalar_text = st.one_of(
    st.sampled_from(TRICKY + WORDS),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(lambda f: f"{f:e}"),
    st.dates().map(str),
    st.datetimes().map(dt.datetime.isoformat),
    st.times().map(lambda t: t.strftime("%H:%M")),
    st.from_regex(r"[-+]?[0-9_.:eExobO]{1,8}", fullmatch=True),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12),
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(scalar_text, scalar_text, max_size=8))
def test_any_text_is_read_back_as_text_by_pyyaml_and_ruamel(mapping: dict[str, str]) -> None:
    text = dump(mapping)
    ours = as_read(by_aterrapport(text))
    assert ours == as_read(mapping) or mapping == {}
    assert as_read(by_pyyaml(text)) == ours, text
    assert as_read(by_ruamel_safe(text)) == ours, text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answer=scalar_text, cell=scalar_text, choice=st.sampled_from(["Ja", "Nej", ""]))
def test_answers_written_by_the_app_are_text_to_readers_and_schema(
        new_report: Path, answer: str, cell: str, choice: str) -> None:
    report = Report.load(new_report)
    report.set_text("1.1.4", "svar", answer)
    report.set_choice("1.1.4", "paverkat", choice)
    if report.rows("1.2.1"):  # the folder is shared by the examples
        report.update_row("1.2.1", "insatser", 0, {"namn": cell, "resultat": answer})
    else:
        report.add_row("1.2.1", "insatser", {"namn": cell, "resultat": answer})
    report.save()
    report = Report.load(new_report)
    assert [p for p in check_report(report) if p.severity == "fel"] == []
    for name in ("1.1.yaml", "1.2.yaml", "rapport.yaml"):
        path = new_report / name
        text = path.read_text(encoding="utf-8")
        ours = as_read(by_aterrapport(text, path))
        assert as_read(by_pyyaml(text)) == ours, text
        assert as_read(by_ruamel_safe(text)) == ours, text
        assert schema_errors(schema_for(path), by_pyyaml(text)) == [], text


# -- fmt migrates old files -----------------------------------------------------------------------

OLD_HEAD = """mall: aterrapportering-2019
region: Region Västmanland
ar: 2019
datum: 2020-02-04
diarienr: 'RV190046'
ert_diarienr: ''
kontakt: []
forord: ''
underskrift:
  ort: Västerås
  datum: 2020-02-04
  namn: ''
  titel: ''
  enhet: ''
"""
OLD_15 = """# Granskare: bra
1.5:
  svar: 2019
  ostersjostrategin: 'Ordet stod inom citattecken'
  insatser:
    - namn: '1.50'
      bidrag_till_mal: '0123'
      resultat: yes
"""


def test_fmt_migrates_old_files_to_text_for_every_reader(new_report: Path) -> None:
    subprocess.run(["git", "init", "-q", str(new_report)], check=True)
    (new_report / "rapport.yaml").write_text(OLD_HEAD, encoding="utf-8")
    (new_report / "1.5.yaml").write_text(OLD_15, encoding="utf-8")
    before = Report.load(new_report)
    assert before.rows("1.5")[0] == {"namn": "1.50", "bidrag_till_mal": "0123", "resultat": "yes"}
    warnings = {(p.file.name, p.line, p.column): p.message for p in check_report(before)
                if p.severity == "varning" and "citattecken" in p.message}
    assert warnings == {
        ("rapport.yaml", 3, 5): "«2019» utan citattecken (och 2 till) läses som tal, datum, ja/nej eller "
        "tomt av andra YAML-läsare (redigerare, skript); `aterrapport fmt` sätter citattecken",
        ("1.5.yaml", 2, 1): "«1.5» utan citattecken (och 2 till) läses som tal, datum, ja/nej eller "
        "tomt av andra YAML-läsare (redigerare, skript); `aterrapport fmt` sätter citattecken"}
    assert run_cli("fmt", "--check", new_report).returncode == 1
    assert run_cli("fmt", new_report).returncode == 0
    head = (new_report / "rapport.yaml").read_text(encoding="utf-8")
    text = (new_report / "1.5.yaml").read_text(encoding="utf-8")
    assert head.startswith("# yaml-language-server: $schema=.aterrapport/schemas/rapport.json\n")
    assert text.startswith(
        "# yaml-language-server: $schema=.aterrapport/schemas/aterrapportering-2019/1.5.json\n"
        "# Granskare: bra\n# 1.5 Internationellt samarbete\n'1.5':\n  svar: '2019'\n")
    assert "\nar: '2019'\ndatum: '2020-02-04'\ndiarienr: RV190046\n" in head
    assert "  ostersjostrategin: Ordet stod inom citattecken\n" in text  # a word needs no quotes
    assert "    - namn: '1.50'\n      bidrag_till_mal: '0123'\n      resultat: 'yes'\n" in text
    for path in (new_report / "rapport.yaml", new_report / "1.5.yaml"):
        data = by_pyyaml(path.read_text(encoding="utf-8"))
        assert as_read(data) == as_read(by_aterrapport(path.read_text(encoding="utf-8"), path))
        assert schema_errors(schema_for(path), data) == []
        schema_file = json.loads((new_report / ".aterrapport" / "schemas" / (
            "rapport.json" if path.name == "rapport.yaml" else "aterrapportering-2019/1.5.json")
        ).read_text(encoding="utf-8"))
        assert schema_file == schema_for(path)
    after = Report.load(new_report)
    assert after.rows("1.5") == before.rows("1.5") and after.text("1.5") == "2019"
    assert not [p for p in check_report(after) if "citattecken" in p.message]
    assert run_cli("fmt", "--check", new_report).returncode == 0
    for doc in after.documents():  # byte-stable from here on
        assert doc.render() == doc.disk_text, doc.path


@pytest.mark.parametrize("path", sorted((ROOT / "templates").glob("*.yaml")), ids=lambda p: p.name)
def test_templates_are_text_to_other_readers_except_their_numbers(path: Path) -> None:
    """Templates are hand-written; their ids are quoted, so PyYAML and ruamel read them as
    text. Only the numbers of the format (year, row limits, column widths) are numbers."""
    numbers = {"year", "max_rows", "width"}

    def not_text(value: Any, key: str = "") -> list[str]:
        if isinstance(value, dict):
            found = [f"nyckel {k!r}" for k in value if not isinstance(k, str)]
            return found + [x for k, v in value.items() for x in not_text(v, str(k))]
        if isinstance(value, list):
            return [x for v in value for x in not_text(v, key)]
        if value is None or isinstance(value, str) or key in numbers:
            return []
        return [f"{key}: {value!r}"]

    text = path.read_text(encoding="utf-8")
    assert not_text(by_pyyaml(text)) == []
    assert not_text(by_ruamel_safe(text)) == []
