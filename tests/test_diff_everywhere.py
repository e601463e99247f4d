"""`aterrapport diff` from anywhere in a repository (issue 11): without a folder it compares
every report folder that changed, one after another, with a heading per report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import run_cli
from git_helpers import INNOVATION, MILJO, commit_all, git, init_repo, isolate_git, new_report

from tui.core.report import Report


@pytest.fixture(autouse=True)
def _git_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(monkeypatch, tmp_path / "home")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Three reports of two templates, committed; then two of them edited and one deleted."""
    root = init_repo(tmp_path / "forrad")
    new_report(root / "rapporter" / "vastmanland-2019")
    new_report(root / "rapporter" / "vastmanland-2024", template="aterrapportering-2024")
    new_report(root / "arkiv" / "gammal-2019")
    (root / "README.md").write_text("Rapporterna\n", encoding="utf-8")
    commit_all(root, "v1")
    git(root, "tag", "v1")
    report = Report.load(root / "rapporter" / "vastmanland-2019")
    report.set_text("1.2.1", "svar", INNOVATION)
    report.save()
    report = Report.load(root / "rapporter" / "vastmanland-2024")
    report.set_text("1.1", "svar", MILJO)
    report.save()
    (root / "README.md").write_text("Rapporterna, reviderade\n", encoding="utf-8")
    return root


def test_diff_from_the_root_compares_every_changed_report(repo: Path) -> None:
    shutil.rmtree(repo / "arkiv" / "gammal-2019")
    result = run_cli("diff", cwd=repo)
    assert result.returncode == 0, result.stderr
    headings = [line for line in result.stdout.splitlines() if ": HEAD" in line and "→" in line]
    assert [h.split(":")[0] for h in headings] == [
        "arkiv/gammal-2019", "rapporter/vastmanland-2019", "rapporter/vastmanland-2024"]
    assert "Höjd innovationskraft" in result.stdout and "Under året har flera satsningar" in result.stdout
    data = json.loads(run_cli("diff", "--format", "json", cwd=repo / "rapporter").stdout)
    assert [(d["rapport"], d["borttagen_rapport"]) for d in data] == [
        ("arkiv/gammal-2019", True), ("rapporter/vastmanland-2019", False),
        ("rapporter/vastmanland-2024", False)]


def test_diff_between_versions_from_a_subfolder(repo: Path) -> None:
    commit_all(repo, "v2")
    markdown = run_cli("diff", "--format", "markdown", "v1", "HEAD", cwd=repo / "rapporter")
    assert markdown.returncode == 0, markdown.stderr
    headings = [line for line in markdown.stdout.splitlines() if line.startswith("## ")]
    assert len(headings) == 2 and "`rapporter/vastmanland-2019`" in headings[0]
    assert "`rapporter/vastmanland-2024`" in headings[1]
    assert json.loads(run_cli("diff", "--format", "json", "v1...HEAD", cwd=repo).stdout)[1]["avsnitt"]


def test_diff_inside_a_report_or_with_nothing_changed(repo: Path) -> None:
    inside = run_cli("diff", "--format", "json", cwd=repo / "rapporter" / "vastmanland-2019")
    assert json.loads(inside.stdout)["avsnitt"][0]["id"] == "1.2.1"  # one report: one object
    commit_all(repo, "v2")
    nothing = run_cli("diff", cwd=repo)
    assert nothing.returncode == 0 and "inga rapporter har ändrats" in nothing.stdout
    assert json.loads(run_cli("diff", "--format", "json", cwd=repo).stdout) == []
    outside = run_cli("diff", cwd=repo.parent)
    assert outside.returncode == 2 and "git-förråd" in outside.stderr


def test_diff_from_the_root_before_the_first_version(tmp_path: Path) -> None:
    root = init_repo(tmp_path / "nytt")
    new_report(root / "rapporter" / "a-2019")
    result = run_cli("diff", "--format", "json", cwd=root)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(d["rapport"], d["ny_rapport"]) for d in data] == [("rapporter/a-2019", True)]
