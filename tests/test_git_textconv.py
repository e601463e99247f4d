"""The textconv recipe: `git diff` and `git log -p` show report files as readable text."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from git_helpers import (
    INNOVATION,
    INNOVATION_EDITED,
    KARTLAGGNING,
    git,
    init_repo,
    isolate_git,
    new_report,
)

from tui.core.fileview import readable_text, readable_view
from tui.core.report import Report


@pytest.fixture(autouse=True)
def _git_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(monkeypatch, tmp_path / "home")


def configure_textconv(repo: Path) -> None:
    """The README's recipe, with this interpreter standing in for the `aterrapport` script."""
    (repo / ".gitattributes").write_bytes((ROOT / ".gitattributes").read_bytes())
    command = f"{shlex.quote(sys.executable)} -m tui textconv"
    git(repo, "config", "diff.aterrapport.textconv", command)
    git(repo, "config", "diff.aterrapport.xfuncname", r"^([0-9]+(\.[0-9]+)* .+)$")


def test_readme_and_gitattributes_carry_the_recipe() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'git config diff.aterrapport.textconv "aterrapport textconv"' in readme
    assert "diff=aterrapport" in readme
    attributes = (ROOT / ".gitattributes").read_text(encoding="utf-8")
    assert "sample_reports/**/*.yaml diff=aterrapport" in attributes.splitlines()


def test_git_diff_and_log_show_the_readable_view(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    configure_textconv(repo)
    folder = repo / "sample_reports" / "vastmanland-2019"
    report = new_report(folder)
    report.set_text("1.2.1", "svar", INNOVATION)
    report.save()
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "första")
    report = Report.load(folder)
    report.set_text("1.2.1", "svar", INNOVATION_EDITED)
    report.add_row("1.2.1", "insatser", KARTLAGGNING)
    report.save()

    diff = git(repo, "diff").stdout
    assert "@@ 1.2.1 Innovation" in diff  # the hunk header names the section
    assert "-  Samverkan kring riskvillig finansiering har fortsatt under året." in diff
    assert "+  Samverkan kring riskvillig finansiering har fortsatt och fördjupats under året." in diff
    assert "-Insatser (0 st, högst 5):" in diff and "+Insatser (1 st, högst 5):" in diff
    assert "+  * Namn på insats och kort beskrivning: Kartläggning av riskvillig finansiering" in diff
    assert "svar: |" not in diff  # not the raw YAML

    git(repo, "commit", "--quiet", "-am", "andra")
    log = git(repo, "log", "-p", "--", "sample_reports").stdout
    assert "+  Samverkan kring riskvillig finansiering har fortsatt och fördjupats under året." in log
    assert "+Rapportuppgifter (rapport.yaml)" in log and "+Region: Region Västmanland" in log
    assert "+1.2.1 Innovation" in log  # the first commit, shown as a view too
    raw = git(repo, "log", "-p", "--no-textconv", "-1").stdout
    assert "svar: |" in raw  # the YAML is still one flag away


def test_view_of_files_and_template_recognition(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    report = new_report(folder)
    report.set_text("1.2.1", "svar", INNOVATION)
    report.set_choice("1.1.4", "paverkat", "Nej")
    report.set_done("1.2.1", True)
    report.add_row("1.2.1", "insatser", KARTLAGGNING)
    report.save()
    view = readable_view(folder / "1.2.yaml")
    assert view.startswith("1.2.1 Innovation  [klar]\n")
    assert "Svar:\n  Höjd innovationskraft" in view
    assert "    Resultat:\n      Prestation: En utökad kunskap" in view
    assert "Inomregionala skillnader – anslag 1:1" in readable_view(folder / "1.1.yaml")
    assert "Påverkat: Nej" in readable_view(folder / "1.1.yaml") or ": Nej" in readable_view(folder / "1.1.yaml")
    # A 2024 report's file is read with the 2024 template (its sections differ).
    report_2024 = new_report(tmp_path / "r2024", template="aterrapportering-2024")
    report_2024.set_text("1.1", "svar", "Det strategiskt viktigaste arbetet under året.")
    report_2024.save()
    assert readable_view(report_2024.folder / "1.1.yaml").startswith("1.1 Det strategiskt viktigaste arbetet")
    # Broken or conflicted YAML is shown as it is, so `git diff` still works.
    conflicted = "<<<<<<< HEAD\n1.2.1:\n  svar: a\n=======\n1.2.1:\n  svar: b\n>>>>>>> gren\n"
    assert readable_text(conflicted, "1.2.yaml").endswith(conflicted)
    assert readable_text(conflicted, "1.2.yaml").startswith("# aterrapport: filen kan inte läsas")


def test_textconv_command(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    new_report(folder)
    result = run_cli("textconv", folder / "rapport.yaml")
    assert result.returncode == 0
    assert result.stdout.startswith("Rapportuppgifter (rapport.yaml)\n")
    assert "Region: Region Västmanland" in result.stdout
    missing = run_cli("textconv", folder / "saknas.yaml")
    assert missing.returncode == 2
    assert "filen kan inte läsas" in missing.stderr
