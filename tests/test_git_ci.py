"""CI and pre-commit: the workflows parse and call ci/report-pipeline.sh, and that very script
runs on a real repository and produces the DOCX and the Markdown summary."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from git_helpers import INNOVATION, KARTLAGGNING, TILLGANGLIGHET, git, init_repo, isolate_git, new_report

from tui.core.report import Report
from tui.core.yamlio import load_file

PIPELINE = ROOT / "ci" / "report-pipeline.sh"


@pytest.fixture(autouse=True)
def _git_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(monkeypatch, tmp_path / "home")


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def test_github_workflow_runs_the_pipeline_on_pull_requests() -> None:
    workflow = _plain(load_file(ROOT / ".github" / "workflows" / "aterrapport.yml")[0])
    assert isinstance(workflow, dict)
    assert "pull_request" in workflow["on"]
    steps = workflow["jobs"]["rapport"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert 'bash ci/report-pipeline.sh "origin/$BASE_REF" out "$GITHUB_STEP_SUMMARY"' in runs
    assert any(s.get("with", {}).get("fetch-depth") == "0" for s in steps)  # merge base needs history
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "out/*.docx"
    uploads = [s["with"]["path"] for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact")]
    assert "out/*.pdf" in uploads  # the PDF beside the DOCX
    assert "libreoffice-writer-nogui" in runs


def test_gitlab_pipeline_runs_the_same_script() -> None:
    config = _plain(load_file(ROOT / "ci" / "gitlab-ci.yml")[0])
    assert isinstance(config, dict)
    job = config["aterrapport"]
    assert any("merge_request_event" in rule["if"] for rule in job["rules"])
    assert any(line.startswith("bash ci/report-pipeline.sh ") for line in job["script"])
    assert job["artifacts"]["paths"] == ["out/"]
    assert any("libreoffice-writer-nogui" in line for line in job["script"])  # for the PDF
    assert job["variables"]["GIT_DEPTH"] == "0"


def test_pre_commit_hooks_definition() -> None:
    hooks = _plain(load_file(ROOT / ".pre-commit-hooks.yaml")[0])
    assert isinstance(hooks, list)
    by_id = {h["id"]: h for h in hooks}
    assert by_id["aterrapport-fmt"]["entry"] == "aterrapport hook fmt"
    assert by_id["aterrapport-check"]["entry"] == "aterrapport hook check"
    # Issue 11: each hook also comes as "-installerad" (language: unsupported, the aterrapport on
    # PATH, offline), which the suite runs through `pre-commit try-repo` (test_pre_commit.py).
    for hook in hooks:
        installed = hook["id"].endswith("-installerad")
        assert hook["language"] == ("unsupported" if installed else "python") and hook["files"] == r"\.ya?ml$"
        assert hook["entry"] == by_id[hook["id"].removesuffix("-installerad")]["entry"]
    assert len(hooks) == 4


def test_hook_checks_each_report_folder_of_the_changed_files(tmp_path: Path) -> None:
    good, bad = tmp_path / "rapporter" / "a", tmp_path / "rapporter" / "b"
    new_report(good)
    new_report(bad)
    (tmp_path / "annat.yaml").write_text("inte: en rapport\n", encoding="utf-8")
    path = bad / "1.2.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("# 1.2.1 Innovation\n", ""), encoding="utf-8")
    files = ["rapporter/a/1.2.yaml", "rapporter/a/1.3.yaml", "rapporter/b/1.2.yaml", "annat.yaml"]
    result = run_cli("hook", "fmt", *files, cwd=tmp_path)
    assert result.returncode == 1
    assert "inte kanonisk: rapporter/b/1.2.yaml" in result.stdout
    assert "rapporter/a" not in result.stdout
    assert run_cli("hook", "fmt", "rapporter/a/1.2.yaml", "annat.yaml", cwd=tmp_path).returncode == 0
    checked = run_cli("hook", "check", *files, cwd=tmp_path)
    assert checked.returncode == 0
    assert "i rapporter/a" in checked.stdout and "i rapporter/b" in checked.stdout
    assert run_cli("hook", "fmt", cwd=tmp_path).returncode == 1  # no files: every report here


def _run_pipeline(repo: Path, base: str, out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ATERRAPPORT": f"{shlex.quote(sys.executable)} -m tui", "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(["bash", str(PIPELINE), base, str(out)], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=600, check=False)


def test_pipeline_script_on_a_pull_request_branch(tmp_path: Path) -> None:
    commands = run_cli("--help").stdout
    assert " render " in commands, (
        "`aterrapport render` finns inte (ännu): CI-skriptet ci/report-pipeline.sh renderar varje "
        "ändrad rapport med `aterrapport render MAPP -o FIL.docx`, så det här testet kräver kommandot")

    repo = init_repo(tmp_path / "repo")
    changed, untouched = repo / "rapporter" / "vastmanland-2019", repo / "rapporter" / "orord"
    new_report(changed)
    new_report(untouched)
    (repo / "README.md").write_text("Regionens rapporter\n", encoding="utf-8")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "start")
    git(repo, "checkout", "--quiet", "-b", "skribent")
    report = Report.load(changed)
    report.set_text("1.2.1", "svar", INNOVATION)
    report.add_row("1.2.1", "insatser", KARTLAGGNING)
    report.set_text("1.3.1", "svar", TILLGANGLIGHET)
    report.save()
    git(repo, "commit", "--quiet", "-am", "1.2.1, 1.3.1: nya svar; 1.2.1: ny insats")

    out = tmp_path / "out"
    result = _run_pipeline(repo, "main", out)
    assert result.returncode == 0, result.stdout + result.stderr
    docx = out / "rapporter-vastmanland-2019.docx"
    assert docx.read_bytes()[:2] == b"PK"  # a Word document is a zip file
    assert sorted(p.name for p in out.glob("*.docx")) == [docx.name]  # only the changed report
    summary = (out / "sammanfattning.md").read_text(encoding="utf-8")
    assert "| `rapporter/vastmanland-2019` | ✅ | ✅ | ✅ `rapporter-vastmanland-2019.docx` |" in summary
    assert "| ✅ `rapporter-vastmanland-2019.docx` | ✅ `rapporter-vastmanland-2019.pdf` |" in summary
    assert (out / "rapporter-vastmanland-2019.pdf").read_bytes()[:5] == b"%PDF-"
    assert "## Återrapport `rapporter/vastmanland-2019`: main (" in summary
    assert "### 1.2.1 Innovation" in summary and "- **Ny insats, rad 1**" in summary
    assert "rapporter/orord" not in summary

    # A file that is not canonical fails the pipeline, and the summary says where.
    path = changed / "1.3.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("# 1.3.1 ", "# 1.3.1 (ändrad) "), encoding="utf-8")
    git(repo, "commit", "--quiet", "-am", "handredigerad")
    failed = _run_pipeline(repo, "main", tmp_path / "out2")
    assert failed.returncode == 1
    summary = (tmp_path / "out2" / "sammanfattning.md").read_text(encoding="utf-8")
    assert "| `rapporter/vastmanland-2019` | ✅ | ❌ |" in summary


def test_pipeline_without_changed_reports(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    new_report(repo / "rapporter" / "vastmanland-2019")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "start")
    git(repo, "checkout", "--quiet", "-b", "docs")
    (repo / "README.md").write_text("Bara dokumentation\n", encoding="utf-8")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "docs")
    result = _run_pipeline(repo, "main", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "Ingen rapport har ändrats sedan main." in (tmp_path / "out" / "sammanfattning.md").read_text(
        encoding="utf-8")
    bad = _run_pipeline(repo, "finns-inte", tmp_path / "out3")
    assert bad.returncode == 2 and "hittar ingen gemensam version" in bad.stderr
