"""`aterrapport diff` as a subprocess, across real revisions of a real repository."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli
from git_helpers import (
    ECS_ISR,
    INNOVATION,
    INNOVATION_EDITED,
    KARTLAGGNING,
    SYNERLEAP,
    TILLGANGLIGHET,
    VAXTZON,
    git,
    init_repo,
    isolate_git,
    new_report,
)

from tui.core.gitrepo import GitRepo
from tui.core.report import Report


@pytest.fixture(autouse=True)
def _git_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(monkeypatch, tmp_path / "home")


@pytest.fixture
def history(tmp_path: Path) -> tuple[GitRepo, Path]:
    """Three versions of one report: v1 (1.2.1 with three insatser), v2 (edited text, one
    insats removed, two reordered, one added), v3 (a new section file, 1.3.yaml)."""
    repo = GitRepo(init_repo(tmp_path / "repo"))
    folder = repo.root / "rapporter" / "vastmanland-2019"
    report = new_report(folder)
    (folder / "1.3.yaml").unlink()  # the 1.3 writer has not started yet
    report.set_text("1.2.1", "svar", INNOVATION)
    for row in (KARTLAGGNING, ECS_ISR, VAXTZON):
        report.add_row("1.2.1", "insatser", row)
    report.save()
    repo.commit_folder(folder, "v1")
    git(repo.root, "tag", "v1")
    report = Report.load(folder)
    report.set_text("1.2.1", "svar", INNOVATION_EDITED)
    report.delete_row("1.2.1", "insatser", 1)
    report.move_row("1.2.1", "insatser", 0, 1)
    report.add_row("1.2.1", "insatser", SYNERLEAP)
    report.save()
    repo.commit_folder(folder, "v2")
    git(repo.root, "tag", "v2")
    report = Report.load(folder)
    report.set_text("1.3.1", "svar", TILLGANGLIGHET)  # creates 1.3.yaml
    report.save()
    repo.commit_folder(folder, "v3")
    return repo, folder


def test_text_format_between_two_revisions(history: tuple[GitRepo, Path]) -> None:
    repo, _folder = history
    result = run_cli("diff", "v1", "v2", "rapporter/vastmanland-2019", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("rapporter/vastmanland-2019: v1 (") and " → v2 (" in lines[0]
    assert "1.2.1 Innovation" in lines
    assert "riskvillig finansiering har fortsatt {+och fördjupats+} under året." in result.stdout
    assert "  − Borttagen insats, rad 2: ECS-ISR, Nyps: 209206" in result.stdout
    assert "  ↕ Flyttad insats, rad 1 → 2: Kartläggning av riskvillig finansiering" in result.stdout
    assert "  + Ny insats, rad 3: Synerleap powered by ABB" in result.stdout


def test_markdown_format_for_a_pull_request(history: tuple[GitRepo, Path]) -> None:
    repo, folder = history
    result = run_cli("diff", "--format", "markdown", "v2", "HEAD", folder, cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("## Återrapport `rapporter/vastmanland-2019`: v2 (")
    assert "**Filer:** ny fil `1.3.yaml`" in result.stdout
    assert "### 1.3.1 Attraktiva miljöer och tillgänglighet" in result.stdout
    assert "> **Tillgänglighet skapar förutsättningar" in result.stdout


def test_json_format_for_tools(history: tuple[GitRepo, Path]) -> None:
    repo, _folder = history
    result = run_cli("diff", "--format", "json", "v1..v2", "rapporter/vastmanland-2019", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["format"] == 1 and data["mall"] == "aterrapportering-2019"
    (section,) = data["avsnitt"]
    rows = section["tabeller"][0]["rader"]
    assert [(r["andring"], r["fran_rad"], r["till_rad"]) for r in rows] == [
        ("borttagen", 2, None), ("flyttad", 1, 2), ("ny", None, 3)]


def test_default_is_working_tree_against_head_in_the_current_folder(history: tuple[GitRepo, Path]) -> None:
    repo, folder = history
    unchanged = run_cli("diff", cwd=folder)
    assert unchanged.returncode == 0, unchanged.stderr
    assert "HEAD (" in unchanged.stdout and "→ arbetskopian" in unchanged.stdout
    assert "Inga ändringar." in unchanged.stdout
    report = Report.load(folder)
    report.set_done("1.3.1", True)
    report.save()
    changed = run_cli("diff", "--format", "json", cwd=folder)
    assert json.loads(changed.stdout)["avsnitt"][0]["klar"] == {"fran": False, "till": True}
    one_rev = run_cli("diff", "--format", "json", "v1", "rapporter/vastmanland-2019", cwd=repo.root)
    assert [s["id"] for s in json.loads(one_rev.stdout)["avsnitt"]] == ["1.2.1", "1.3.1"]


def test_merge_base_range(history: tuple[GitRepo, Path]) -> None:
    repo, folder = history
    git(repo.root, "checkout", "--quiet", "-b", "skribent", "v2")
    report = Report.load(folder)
    report.set_text("1.1.1", "svar",
                    "Under året har framtagandet av en ny regional utvecklingsstrategi (RUS) fortsatt.")
    report.save()
    repo.commit_folder(folder, "1.1.1")
    # main...skribent: only what the branch did since it left main (not main's 1.3.1).
    result = run_cli("diff", "--format", "json", "main...skribent", "rapporter/vastmanland-2019", cwd=repo.root)
    data = json.loads(result.stdout)
    assert [s["id"] for s in data["avsnitt"]] == ["1.1.1"]
    assert data["fran"].startswith("main (")


def test_new_report_folder_on_a_branch(history: tuple[GitRepo, Path]) -> None:
    repo, _folder = history
    other = repo.root / "rapporter" / "ny-rapport"
    report = new_report(other)
    report.set_text("1.2.1", "svar", INNOVATION)
    report.save()
    repo.commit_folder(other, "ny rapport")
    result = run_cli("diff", "--format", "markdown", "HEAD~1", "HEAD", "rapporter/ny-rapport", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert "Ny rapport (finns inte i den äldre versionen)." in result.stdout


def test_unknown_revision_and_no_repository_exit_2(history: tuple[GitRepo, Path], tmp_path: Path) -> None:
    repo, folder = history
    result = run_cli("diff", "finns-inte", folder, cwd=repo.root)
    assert result.returncode == 2
    assert "okänd version «finns-inte»" in result.stderr
    assert "fatal" in result.stderr or "unknown revision" in result.stderr.lower()  # git's own text
    outside = tmp_path / "utan-git"
    new_report(outside)
    result = run_cli("diff", outside, cwd=tmp_path)
    assert result.returncode == 2
    assert "ligger inte i ett git-förråd" in result.stderr
    broken = folder / "1.2.yaml"
    broken.write_text("1.2.1:\n  svar: |\n    ok\n  insatser: [\n", encoding="utf-8")
    result = run_cli("diff", "--format", "json", folder, cwd=repo.root)
    assert result.returncode == 0  # an unreadable answer file is reported in the diff itself
    assert json.loads(result.stdout)["olasbara_filer"][0]["fil"] == "1.2.yaml"
    (folder / "rapport.yaml").write_text("mall: [\n", encoding="utf-8")
    assert run_cli("diff", folder, cwd=repo.root).returncode == 2
