"""pre-commit as a reviewer's repository uses it (issue 11): the README's configuration pinned
with `pre-commit autoupdate`, and `pre-commit try-repo` on this repository, against a real git
repository with reports. Offline: the tool repository is a local path, and the hooks run are
the "-installerad" ones (the aterrapport on PATH; the python ones would install from the index)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from git_helpers import commit_all, git, init_repo, isolate_git

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
pytestmark = pytest.mark.skipif(not PRE_COMMIT.exists(), reason="pre-commit is a test dependency")


@pytest.fixture(autouse=True)
def _git_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(monkeypatch, tmp_path / "home")


def _env(tmp_path: Path) -> dict[str, str]:
    """pre-commit's cache in the test's folder, aterrapport from this environment on PATH, and
    no package index: nothing may be installed."""
    return {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            "PIP_NO_INDEX": "1", "NO_COLOR": "1", "PYTHONUTF8": "1"}


def pre_commit(tmp_path: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(PRE_COMMIT), *args], cwd=cwd, env=_env(tmp_path), capture_output=True,
                          text=True, timeout=300, check=False)


def readme_configs() -> list[str]:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("### pre-commit", 1)[1]
    section = section.split("\n### ", 1)[0]
    return re.findall(r"```yaml\n(repos:.*?)```", section, re.S)


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """A reviewers' repository with two reports, committed."""
    root = init_repo(tmp_path / "forrad")
    for folder, template, year in (("rapporter/a-2019", "aterrapportering-2019", "2019"),
                                   ("rapporter/b-2024", "aterrapportering-2024", "2024")):
        assert run_cli("new", folder, "--mall", template, "--region", "Region Västmanland",
                       "--ar", year, cwd=root).returncode == 0
    commit_all(root, "rapporter")
    return root


@pytest.fixture
def tool_repo(tmp_path: Path) -> Path:
    """aterrapport's hook definitions as a repository with a `main` branch (what the README's
    `repo:` address points to); the hooks run here install nothing, so that file is enough."""
    root = init_repo(tmp_path / "aterrapport")
    git(root, "checkout", "-q", "-b", "main")
    shutil.copy(ROOT / ".pre-commit-hooks.yaml", root / ".pre-commit-hooks.yaml")
    commit_all(root, "hooks")
    return root


def _break(reports: Path) -> tuple[Path, Path]:
    """One file not canonical (an unquoted key), one with a sixth insats."""
    unquoted = reports / "rapporter" / "b-2024" / "1.1.yaml"
    unquoted.write_text(unquoted.read_text(encoding="utf-8").replace("'1.1':", "1.1:"), encoding="utf-8")
    rows = "".join(f"    - namn: Insats {n}\n      bidrag_till_mal: ''\n      resultat: ''\n" for n in range(6))
    too_many = reports / "rapporter" / "a-2019" / "1.2.yaml"
    too_many.write_text(too_many.read_text(encoding="utf-8").replace(
        "  insatser: []\n", f"  insatser:\n{rows}", 1), encoding="utf-8")
    return unquoted, too_many


def test_readme_configuration_pins_and_runs(tmp_path: Path, reports: Path, tool_repo: Path) -> None:
    configs = readme_configs()
    assert len(configs) == 2 and all("rev: main" in c for c in configs)
    assert "id: aterrapport-fmt\n" in configs[0] and "id: aterrapport-fmt-installerad\n" in configs[1]
    for config in configs:  # both as written, but for the address of aterrapport's repository
        text = config.replace("https://github.com/<organisation>/aterrapport", str(tool_repo))
        assert text != config
        (reports / ".pre-commit-config.yaml").write_text(text, encoding="utf-8")
        assert pre_commit(tmp_path, reports, "validate-config", ".pre-commit-config.yaml").returncode == 0
        pinned = pre_commit(tmp_path, reports, "autoupdate", "--freeze", "--bleeding-edge")
        assert pinned.returncode == 0, pinned.stdout + pinned.stderr
        sha = git(tool_repo, "rev-parse", "HEAD").stdout.strip()
        assert f"\n    rev: {sha}\n" in (reports / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    # The offline configuration (the last one) runs for real: clean, then broken, then fixed.
    git(reports, "add", ".pre-commit-config.yaml")
    clean = pre_commit(tmp_path, reports, "run", "--all-files")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    _unquoted, too_many = _break(reports)
    git(reports, "add", "--all")
    broken = pre_commit(tmp_path, reports, "run")
    assert broken.returncode == 1
    assert "b-2024/1.1.yaml" in broken.stdout  # not canonical
    assert "1.2.1 har 6 insatser; mallen tillåter högst 5" in broken.stdout
    assert run_cli("fmt", reports / "rapporter" / "b-2024").returncode == 0
    too_many.write_text(too_many.read_text(encoding="utf-8").replace(
        "    - namn: Insats 5\n      bidrag_till_mal: ''\n      resultat: ''\n", ""), encoding="utf-8")
    git(reports, "add", "--all")
    fixed = pre_commit(tmp_path, reports, "run")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr


def test_try_repo_on_this_repository(tmp_path: Path, reports: Path) -> None:
    """`pre-commit try-repo` on this repository as it is on disk (uncommitted changes too)."""
    _break(reports)
    git(reports, "add", "--all")
    fmt = pre_commit(tmp_path, reports, "try-repo", str(ROOT), "aterrapport-fmt-installerad")
    assert fmt.returncode == 1 and "rapporter/b-2024/1.1.yaml" in fmt.stdout, fmt.stdout + fmt.stderr
    check = pre_commit(tmp_path, reports, "try-repo", str(ROOT), "aterrapport-check-installerad")
    assert check.returncode == 1 and "högst 5" in check.stdout, check.stdout + check.stderr
    assert run_cli("fmt", reports / "rapporter" / "b-2024").returncode == 0
    git(reports, "add", "--all")
    fmt = pre_commit(tmp_path, reports, "try-repo", str(ROOT), "aterrapport-fmt-installerad")
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr
