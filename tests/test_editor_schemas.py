"""A real editor reads the reports (issue 11): VS Code's YAML engine (yaml-language-server,
driven over stdio) and check-jsonschema find each file's schema through its first line, report
nothing on valid files and report the errors `check` reports."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SAMPLES, run_cli
from lsp_client import SERVER, YamlLanguageServer

from tui.core.editor_schemas import MODELINE_PREFIX
from tui.core.problems import Severity
from tui.core.report import Report
from tui.core.validation import check_report

pytestmark = pytest.mark.skipif(not SERVER.exists(), reason="tools/node: run `npm ci` (scripts/test does)")

SAMPLE_FILES = sorted(SAMPLES.glob("*/*.yaml"))


@pytest.fixture(scope="module")
def server() -> Iterator[YamlLanguageServer]:
    """One server for the module (it takes a second to start), as one editor window."""
    lsp = YamlLanguageServer(ROOT)
    yield lsp
    lsp.close()


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A reviewers' repository with reports of two templates, created by `aterrapport new`."""
    root = tmp_path_factory.mktemp("forrad")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    for folder, template, year in (("rapporter/vastmanland-2019", "aterrapportering-2019", "2019"),
                                   ("rapporter/vastmanland-2024", "aterrapportering-2024", "2024")):
        result = run_cli("new", folder, "--mall", template, "--region", "Region Västmanland",
                         "--ar", year, cwd=root)
        assert result.returncode == 0, result.stderr
    return root


def _shown(diagnostics: list[dict[str, Any]]) -> list[str]:
    return [f"{d['range']['start']['line'] + 1}: {d['message']}" for d in diagnostics]


def _schema_of(path: Path) -> Path:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first.startswith(f"{MODELINE_PREFIX} $schema="), path
    return (path.parent / first.split("$schema=", 1)[1]).resolve()


def _check_jsonschema(files: list[Path]) -> tuple[int, str]:
    """check-jsonschema on each file with the schema its first line names (it does not read
    that line itself), grouped by schema: (worst exit code, output). Its click command is
    invoked in this process (one process per schema would take ~1 s each)."""
    from check_jsonschema import main
    from click.testing import CliRunner

    by_schema: dict[Path, list[Path]] = {}
    for path in files:
        by_schema.setdefault(_schema_of(path), []).append(path)
    code, output = 0, ""
    for schema, paths in sorted(by_schema.items()):
        result = CliRunner().invoke(main, ["--schemafile", str(schema), *map(str, paths)])
        code = max(code, result.exit_code)
        output += result.output
    return code, output


# -- valid files: nothing to report ---------------------------------------------------------------

def test_untouched_samples_have_no_diagnostics(server: YamlLanguageServer) -> None:
    found = {f"{p.parent.name}/{p.name}": _shown(server.diagnostics(p)) for p in SAMPLE_FILES}
    assert {name: shown for name, shown in found.items() if shown} == {}
    assert len(found) == 9 + 18 + 29  # 3 reports of 3 templates, each file mapped to its own schema


def test_fresh_reports_of_two_templates_have_no_diagnostics(server: YamlLanguageServer, repo: Path) -> None:
    files = sorted(repo.glob("rapporter/*/*.yaml"))
    assert len(files) == 18 + 29
    found = {str(p.relative_to(repo)): _shown(server.diagnostics(p)) for p in files}
    assert {name: shown for name, shown in found.items() if shown} == {}
    assert (repo / ".aterrapport" / "schemas" / "aterrapportering-2024" / "6.3.json").is_file()


def test_check_jsonschema_passes_samples_and_fresh_reports(repo: Path) -> None:
    code, output = _check_jsonschema([*SAMPLE_FILES, *sorted(repo.glob("rapporter/*/*.yaml"))])
    assert code == 0, output


# -- errors: what check reports, the editor reports -----------------------------------------------

ROWS = "".join(f"    - namn: Insats {n}\n      bidrag_till_mal: ''\n      resultat: ''\n" for n in range(1, 7))
BROKEN = {
    "sjatte_insats": ("1.2.yaml", f"1.2.1:\n  svar: Innovation\n  insatser:\n{ROWS}"),
    "okand_kolumn": ("1.2.yaml", "1.2.1:\n  svar: ''\n  insatser:\n    - namn: A\n      budget: '100'\n"),
    "okant_avsnitt": ("1.2.yaml", "1.2.1:\n  svar: ''\n'1.2.9':\n  svar: Finns inte\n"),
    "fel_typ": ("1.2.yaml", "1.2.1:\n  svar:\n    - en lista\n  insatser: []\n"),
    "fel_typ_tabell": ("1.2.yaml", "1.2.1:\n  svar: ''\n  insatser: Ingen tabell\n"),
    "okant_falt": ("1.2.yaml", "1.2.1:\n  svaret: Fel nyckel\n"),
    "avsnitt_i_fel_fil": ("1.2.yaml", "1.2.1:\n  svar: ''\n1.3.1:\n  svar: Hör hemma i 1.3.yaml\n"),
    "ogiltigt_val": ("1.1.yaml", "1.1.4:\n  paverkat: Kanske\n"),
    "klar_fel": ("1.1.yaml", "1.1.1:\n  svar: Text\n  klar: kanske\n"),
    "ar_fel": ("rapport.yaml", None),
    "datum_fel": ("rapport.yaml", None),
}


def _broken_text(folder: Path, case: str) -> tuple[Path, str]:
    name, body = BROKEN[case]
    path = folder / name
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    if body is None:
        head = path.read_text(encoding="utf-8")
        body = (head.replace("ar: '2019'", "ar: tjugo") if case == "ar_fel"
                else head.replace("datum: ''", "datum: '2020-13-01'", 1)).split("\n", 1)[1]
    return path, f"{first}\n{body}"


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_errors_check_reports_are_reported_by_the_editor(
        server: YamlLanguageServer, repo: Path, tmp_path: Path, case: str) -> None:
    folder = tmp_path / "forrad" / "rapporter" / "vastmanland-2019"
    shutil.copytree(repo / "rapporter" / "vastmanland-2019", folder)
    shutil.copytree(repo / ".aterrapport", tmp_path / "forrad" / ".aterrapport")
    (tmp_path / "forrad" / ".git").mkdir()
    path, text = _broken_text(folder, case)
    path.write_text(text, encoding="utf-8")

    errors = [p for p in check_report(Report.load(folder))
              if p.severity is Severity.ERROR and p.file.name == path.name]
    assert errors, f"check finds nothing in {case}"
    shown = server.diagnostics(path, text)
    assert shown, f"the editor finds nothing in {case}; check says {[p.message for p in errors]}"
    editor_lines = {d["range"]["start"]["line"] + 1 for d in shown}
    for problem in errors:  # on the line check names, or the line of the key above it
        assert editor_lines & {problem.line, problem.line - 1}, (case, problem.message, _shown(shown))
    code, output = _check_jsonschema([path])
    assert code == 1, (case, output)


def test_unquoted_numbers_check_warns_where_the_editor_errs(
        server: YamlLanguageServer, repo: Path, tmp_path: Path) -> None:
    """`svar: 2019` is text to aterrapport, a number to the editor: check says so too (a
    warning: fmt fixes it), on the line the editor marks."""
    folder = tmp_path / "forrad" / "rapporter" / "vastmanland-2019"
    shutil.copytree(repo / "rapporter" / "vastmanland-2019", folder)
    (tmp_path / "forrad" / ".git").mkdir()
    shutil.copytree(repo / ".aterrapport", tmp_path / "forrad" / ".aterrapport")
    path = folder / "1.5.yaml"
    text = path.read_text(encoding="utf-8").replace("'1.5':", "1.5:").replace("  svar: ''", "  svar: 2019")
    path.write_text(text, encoding="utf-8")
    warnings = [p for p in check_report(Report.load(folder)) if "citattecken" in p.message]
    assert [(p.file.name, p.line, p.severity) for p in warnings] == [("1.5.yaml", 3, Severity.WARNING)]
    editor_lines = sorted(d["range"]["start"]["line"] + 1 for d in server.diagnostics(path, text))
    assert editor_lines == [3, 4]  # "Property 1.5 is not allowed", "Incorrect type"
    assert run_cli("fmt", folder).returncode == 0
    assert server.diagnostics(path) == []


def test_schema_files_in_this_repository_are_current() -> None:
    """`aterrapport schema --skriv` would change nothing: the committed schemas are generated."""
    from tui.core.editor_schemas import schema_path, schema_text, schemas
    from tui.core.template import get_template

    for template_id in ("aterrapportering-2019", "aterrapportering-2023", "aterrapportering-2024"):
        template = get_template(template_id)
        for file_name, schema in schemas(template).items():
            path = schema_path(ROOT, template, file_name)
            assert path.read_text(encoding="utf-8") == schema_text(schema), path


def test_schema_skriv_points_moved_reports_right_and_writes_schemas(tmp_path: Path) -> None:
    root = tmp_path / "forrad"
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    shutil.copytree(SAMPLES / "vastmanland-2024", root / "a" / "b" / "vm-2024")
    path = root / "a" / "b" / "vm-2024" / "1.1.yaml"
    before = path.read_text(encoding="utf-8")
    assert run_cli("fmt", "--check", path.parent).returncode == 0  # an existing line is kept
    result = run_cli("schema", "--skriv", cwd=root / "a")
    assert result.returncode == 0, result.stderr
    after = path.read_text(encoding="utf-8")
    assert after == (f"{MODELINE_PREFIX} $schema=../../../.aterrapport/schemas/aterrapportering-2024/1.1.json\n"
                     + before.split("\n", 1)[1])  # only the first line changed
    assert _schema_of(path).is_file()
    assert run_cli("schema", "--skriv", cwd=root).stdout.count("skrev:") == 0
    outside = run_cli("schema", "--skriv", cwd=tmp_path)
    assert outside.returncode == 2 and "git-förråd" in outside.stderr
