"""Shared fixtures: temp copies of real report folders, and the CLI run as a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_reports"
SAMPLE_2019 = SAMPLES / "vastmanland-2019"


@pytest.fixture(autouse=True)
def _private_state(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Remembered positions and backups go to a temp folder, never the user's home."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))


@pytest.fixture
def sample_2024(tmp_path: Path) -> Path:
    target = tmp_path / "vastmanland-2024"
    shutil.copytree(SAMPLES / "vastmanland-2024", target)
    return target


@pytest.fixture
def sample_2019(tmp_path: Path) -> Path:
    """A private copy of the Västmanland 2019 sample, safe to edit."""
    target = tmp_path / "vastmanland-2019"
    shutil.copytree(SAMPLE_2019, target)
    return target


@pytest.fixture
def new_report(tmp_path: Path) -> Path:
    from tui.core.scaffold import create_report
    from tui.core.template import get_template

    folder = tmp_path / "ny-rapport"
    create_report(folder, get_template("aterrapportering-2019"), "Region Västmanland", 2019)
    return folder


def snapshot_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def run_cli(*args: str | Path, cwd: Path | None = None, input: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "PYTHONUTF8": "1"}
    return subprocess.run(
        [sys.executable, "-m", "tui", *map(str, args)], capture_output=True, text=True,
        cwd=cwd or ROOT, env=env, input=input, timeout=120, check=False)
