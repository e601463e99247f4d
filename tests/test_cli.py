"""The `aterrapport` command, run as a subprocess: exit codes, output, Swedish messages."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import SAMPLE_2019, run_cli, snapshot_files

from tui.core.report import Report
from tui.core.yamlio import load_file


def test_help_is_swedish() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    assert "användning: aterrapport" in result.stdout
    assert "visa den här hjälpen och avsluta" in result.stdout
    for command in ("new", "check", "fmt", "mallar", "schema", "edit"):
        assert command in result.stdout


def test_usage_error_exits_2_in_swedish() -> None:
    result = run_cli("check", "--okand")
    assert result.returncode == 2
    assert "fel: okända argument: --okand" in result.stderr


def test_new_creates_every_file(tmp_path: Path) -> None:
    folder = tmp_path / "rapport"
    result = run_cli("new", folder, "--mall", "aterrapportering-2019", "--region", "Region Västmanland",
                     "--ar", "2019", "--datum", "2020-02-04", "--diarienr", "RV190046")
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([".gitignore", "rapport.yaml", "1.1.yaml", "1.2.yaml", "1.3.yaml", "1.4.yaml", "1.5.yaml",
                            "2.yaml", "3.1.yaml", "3.2.yaml", "3.3.yaml", "3.4.yaml", "3.5.yaml",
                            "4.1.yaml", "4.2.yaml", "4.3.yaml", "4.4.yaml", "5.1.yaml", "6.yaml"])
    text = (folder / "1.2.yaml").read_text(encoding="utf-8")
    assert text.startswith("# 1.2.1 Innovation\n1.2.1:\n  svar: ''\n  insatser: []\n")
    head, _ = load_file(folder / "rapport.yaml")
    assert head["datum"] == "2020-02-04" and head["diarienr"] == "RV190046"
    # A second `new` on the same folder refuses and changes nothing.
    before = snapshot_files(folder)
    again = run_cli("new", folder, "--region", "Region Västmanland", "--ar", "2019")
    assert again.returncode == 2 and "finns redan en rapport" in again.stderr
    assert snapshot_files(folder) == before


def test_new_rejects_unknown_region(tmp_path: Path) -> None:
    result = run_cli("new", tmp_path / "x", "--region", "Atlantis", "--ar", "2019")
    assert result.returncode == 2 and "okänd region «Atlantis»" in result.stderr
    assert not (tmp_path / "x").exists()


def test_check_exit_codes(new_report: Path) -> None:
    result = run_cli("check", new_report)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "varning: avsnittet är obesvarat" in result.stdout
    assert run_cli("check", "--strict", new_report).returncode == 1

    rows = "".join(f"    - namn: Insats {i}\n" for i in range(1, 8))
    (new_report / "1.2.yaml").write_text(f"1.2.1:\n  svar: x\n  insatser:\n{rows}", encoding="utf-8")
    result = run_cli("check", new_report)
    assert result.returncode == 1
    assert f"{new_report.name}/1.2.yaml:4:5: 1.2.1: 1.2.1 har 7 insatser; mallen tillåter högst 5" in result.stdout \
        or "1.2.yaml:4:5: 1.2.1: 1.2.1 har 7 insatser; mallen tillåter högst 5" in result.stdout

    (new_report / "1.3.yaml").write_text("1.3.1:\n  svar: [\n", encoding="utf-8")
    assert run_cli("check", new_report).returncode == 2
    assert run_cli("check", new_report / "saknas").returncode == 2


def test_check_json(new_report: Path) -> None:
    (new_report / "1.1.yaml").write_text("1.1.4:\n  paverkat: Kanske\n", encoding="utf-8")
    result = run_cli("check", "--format", "json", new_report)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["mall"] == "aterrapportering-2019" and data["fel"] == 1
    error = next(p for p in data["problem"] if p["severity"] == "fel")
    assert error["file"].endswith("1.1.yaml") and error["line"] == 2 and error["section"] == "1.1.4"


def test_fmt_check_then_fmt(new_report: Path) -> None:
    (new_report / "1.1.yaml").write_text("1.1.2:\n  svar: \"a\\nb\"\n", encoding="utf-8")
    result = run_cli("fmt", "--check", new_report)
    assert result.returncode == 1 and "1.1.yaml" in result.stdout
    assert run_cli("fmt", new_report).returncode == 0
    assert run_cli("fmt", "--check", new_report).returncode == 0
    assert Report.load(new_report).text("1.1.2") == "a\nb"


def test_mallar_lists_templates() -> None:
    result = run_cli("mallar")
    assert result.returncode == 0
    for template_id in ("aterrapportering-2019", "aterrapportering-2023", "aterrapportering-2024"):
        assert template_id in result.stdout


def test_schema_describes_sections_and_limits() -> None:
    result = run_cli("schema", "--mall", "aterrapportering-2019")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    section = schema["properties"]["1.2.1"]
    assert section["title"] == "1.2.1 Innovation"
    assert section["description"].startswith("Beskriv kortfattat hur arbetet med innovation")
    definition = schema["$defs"][section["$ref"].split("/")[-1]]
    insatser = definition["properties"]["insatser"]
    # Issue 11: empty (null) is allowed where check allows it.
    assert insatser["type"] == ["array", "null"] and insatser["maxItems"] == 5
    row = schema["$defs"][insatser["items"]["$ref"].split("/")[-1]]
    assert row["properties"]["namn"]["title"] == "Namn på insats och kort beskrivning"
    assert row["properties"]["namn"]["description"] == "(ange eventuellt ärende id i NYPS)"


@pytest.mark.skipif(not SAMPLE_2019.exists(), reason="the sample arrives with its own commit")
def test_schema_validates_sample_and_rejects_sixth_insats() -> None:
    schema = json.loads(run_cli("schema", "--mall", "aterrapportering-2019").stdout)
    validator = jsonschema.Draft202012Validator(schema)
    data, _ = load_file(SAMPLE_2019 / "1.2.yaml")
    plain = json.loads(json.dumps(data))
    assert list(validator.iter_errors(plain)) == []
    rows = plain["1.2.1"]["insatser"]
    plain["1.2.1"]["insatser"] = (rows * 6)[:6]
    errors = list(validator.iter_errors(plain))
    assert errors and errors[0].validator == "maxItems"


def test_schema_for_rapport_validates_head() -> None:
    schema = json.loads(run_cli("schema", "--rapport").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    # Issue 11: text is text, the year too ("ar": 2019 as a number is now an error).
    good = {"mall": "aterrapportering-2019", "region": "Region Västmanland", "ar": "2019",
            "datum": "2020-02-04", "diarienr": "RV190046", "ert_diarienr": "N2019/02980/RTL"}
    assert list(validator.iter_errors(good)) == []
    assert list(validator.iter_errors({**good, "region": "Atlantis"}))
    assert list(validator.iter_errors({**good, "okand": 1}))
    assert list(validator.iter_errors({**good, "ar": 2019}))
