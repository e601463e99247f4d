"""The read-only commands load only what they use (issue 14.7): with the caches warm, `check`,
`hook check`, `render` and `export` of a sample never load the round-trip YAML library
(ruamel.yaml), not even to locate a problem. Its resolvers' verdicts on plain scalars (the
unquoted-text warning, the writer's quoting) come from a copy of their table, shown here to be
the installed ruamel's and to decide every scalar as it does."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml as pyyaml
from conftest import ROOT
from hypothesis import example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import resolver as ruamel_resolver
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

from tui.core import scalars
from tui.core.fastyaml import PlacedMap
from tui.core.problems import AterrapportError
from tui.core.report import Report

EXAMPLES = int(os.environ.get("ATERRAPPORT_PLAIN_TAG_EXAMPLES", "400"))

# Run as `aterrapport`'s own process does; at its end, the names of every module it loaded.
_PROCESS = """
import atexit, json, sys
atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))
from tui.cli.main import run
sys.argv = ["aterrapport", *sys.argv[1:]]
raise SystemExit(run())
"""


def modules_of_a_command(*args: str | Path) -> tuple[int, set[str]]:
    done = subprocess.run([sys.executable, "-c", _PROCESS, *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}, check=False)
    return done.returncode, set(json.loads(done.stderr.strip().splitlines()[-1]))


def round_trip_modules(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m == "ruamel" or m.startswith(("ruamel.", "tui.core.yamlrt")))


def test_the_read_only_commands_load_no_round_trip_yaml(sample_2019: Path, tmp_path: Path) -> None:
    out = tmp_path / "ut.docx"
    code, modules = modules_of_a_command("render", sample_2019, "-o", out)  # the caches are filled
    assert code == 0 and out.exists()
    assert round_trip_modules(modules)  # the template is read round-trip the first time
    for args in (("check", sample_2019),  # its two warnings are located
                 ("hook", "check", sample_2019 / "1.1.yaml"),
                 ("render", sample_2019, "-o", out),
                 ("export", sample_2019, "--format", "markdown", "-o", tmp_path / "ut.md")):
        code, modules = modules_of_a_command(*args)
        assert code == 0
        assert "tui.core.fastyaml" in modules and "tui.core.validation" in modules  # it did read and check
        assert round_trip_modules(modules) == [], args


def test_only_what_the_fast_reader_cannot_decide_is_read_round_trip(sample_2019: Path, tmp_path: Path) -> None:
    modules_of_a_command("check", sample_2019)
    answers = sample_2019 / "1.1.yaml"
    text = answers.read_text(encoding="utf-8")
    answers.write_text(text + "9.9.9: okänt avsnitt\n", encoding="utf-8")
    code, modules = modules_of_a_command("check", sample_2019)
    assert code == 1 and round_trip_modules(modules) == []  # an error located from the fast read
    answers.write_text(text + "9.9.9: &namn okänt avsnitt\n", encoding="utf-8")
    code, modules = modules_of_a_command("check", sample_2019)
    assert code == 2 and "ruamel.yaml" in modules  # an anchor: the round-trip parser refuses it, located


def _table_of_the_installed_ruamel() -> list[tuple[list[tuple[int, int]], str, str, int, list[str]]]:
    return [(list(versions), tag, regexp.pattern, regexp.flags, list(first))
            for versions, tag, regexp, first in ruamel_resolver.implicit_resolvers]


def test_the_copied_table_is_the_installed_ruamels() -> None:
    copied = [(versions, tag, pattern, re.compile(pattern, flags).flags, first)
              for versions, tag, (pattern, flags), first in scalars._RUAMEL_RESOLVERS]
    assert copied == _table_of_the_installed_ruamel()


def _by_ruamel(version: tuple[int, int], value: str) -> str:
    return str(VersionedResolver(version=version).resolve(ScalarNode, value, (True, False)))


def _by_pyyaml(value: str) -> str:
    return str(pyyaml.resolver.Resolver().resolve(pyyaml.ScalarNode, value, (True, False)))


# Scalars biased toward what some reader takes for something else: numbers in every base and
# with underscores, signs and exponents, sexagesimals, dates and timestamps, the spellings of
# booleans and null, and near misses of each.
_PIECES = st.sampled_from([
    *"0123456789", "-", "+", ".", ":", "_", "~", "e", "E", "x", "o", "b", "T", "t", "Z", " ", "\t", "<", "=",
    "0x", "0o", "0b", "inf", "Inf", "INF", "nan", "NaN", ".inf", ".nan", "1_000", "12:30", ":59", "2019",
    "-02-04", "-2-4", " 21:59:43.10", "T21:59:43", " -5", "+01:00", "Z", "y", "Y", "yes", "Yes", "YES", "n",
    "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "true", "True", "TRUE", "false", "False",
    "FALSE", "null", "Null", "NULL", "<<", "ja", "Nej", "å", "1.2.1",
])
_SCALARS = st.one_of(
    st.lists(_PIECES, min_size=1, max_size=6).map("".join),
    st.text(alphabet="0123456789-+.:_eEoxbTZ ~yYnNtTfFoO", min_size=1, max_size=12),
    st.text(min_size=1, max_size=8),
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(_SCALARS)
@example("1.5")
@example("0o17")
@example("1:30")
@example("190:20:30.15")
@example("2001-12-14t21:59:43.10-05:00")
@example("0123")
@example("1_000")
@example(".inf")
@example("-.Inf")
@example("~")
@example("<<")
@example("=")
@example("No")
@example("off")
@example("1.2.1")
@example("+.5")
@example("0b1_0")
@example("2020-2-4")
def test_each_reader_decides_a_plain_scalar_as_the_real_one(value: str) -> None:
    assert scalars._ruamel_resolver((1, 1))(value) == _by_ruamel((1, 1), value)
    assert scalars._ruamel_resolver((1, 2))(value) == _by_ruamel((1, 2), value)
    expected = next((tag for tag in (_by_pyyaml(value), _by_ruamel((1, 1), value), _by_ruamel((1, 2), value),
                                     scalars._resolvers()[3](value)) if tag != scalars.STR_TAG), scalars.STR_TAG)
    assert scalars.plain_tag(value) == expected


@pytest.mark.parametrize("value", ["", "1.5", "ja", "null"])
def test_the_empty_and_the_common_are_decided_alike(value: str) -> None:
    for version in ((1, 1), (1, 2)):
        assert scalars._ruamel_resolver(version)(value) == _by_ruamel(version, value)


def test_a_located_read_only_report_stays_read_only(sample_2019: Path) -> None:
    """Located for messages from the fast read, a file is still not editable (nor saved)."""
    report = Report.load(sample_2019, read_only=True)
    doc = report.document_for("1.1.4")
    assert report.locate({doc.path}) == {doc.path}
    assert doc.located and isinstance(doc.data, PlacedMap) and not report.editable("1.1.4")
    with pytest.raises(AterrapportError, match="bara för läsning"):
        report.set_text("1.1.4", "svar", "ny text")
    assert not doc.dirty
