"""A process running a one-shot command (check, render …) runs with the collector's young generation at the
one-shot threshold (tui/startup.py); the app (`edit`) keeps its own start and returns to the
defaults after its first screen."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from conftest import SAMPLES

from tui import startup
from tui.cli import app_commands
from tui.cli.main import main


@pytest.fixture(autouse=True)
def _restore_thresholds() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


def test_check_runs_with_the_one_shot_threshold(capsys: pytest.CaptureFixture[str]) -> None:
    gc.set_threshold(700, *gc.get_threshold()[1:])
    assert main(["check", str(SAMPLES / "vastmanland-2019")]) == 0
    assert gc.get_threshold()[0] == 700  # called in-process (as the tests do): the caller's collector
    assert main(["check", str(SAMPLES / "vastmanland-2019")], whole_process=True) == 0
    assert gc.get_threshold()[0] == startup._ONE_SHOT


def test_edit_keeps_the_starting_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, int, int]] = []

    def app(_args: object) -> int:  # the app itself is not started here
        seen.append(gc.get_threshold())
        return 0

    monkeypatch.setattr(app_commands, "cmd_edit", app)
    gc.set_threshold(startup._STARTING, *gc.get_threshold()[1:])
    assert main(["edit", str(SAMPLES / "vastmanland-2019")], whole_process=True) == 0
    assert seen and seen[0][0] == startup._STARTING
