"""Versions from the app: "Spara version" commits only the report folder, with a proposed
message naming the sections; outside git it offers to create a repository; the history view."""

from __future__ import annotations

import asyncio
import os
import shlex
import shutil
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from app_helpers import go_to_section, settle, wait_until
from git_helpers import AUTHOR, INNOVATION, KARTLAGGNING, commit_all, git, init_repo, isolate_git, new_report
from present import present
from textual.widgets import Input, Static

from tui.app.app import AterrapportApp
from tui.app.screens.dialogs import ChoiceDialog
from tui.app.screens.versions import HistoryScreen, SaveVersionDialog
from tui.app.session import EditorSession
from tui.core.report import Report

SIZE = (120, 40)


def _app(folder: Path) -> AterrapportApp:
    return AterrapportApp(folder, session=EditorSession.open(folder))


async def test_save_version_commits_only_the_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(monkeypatch, tmp_path / "home")
    repo = init_repo(tmp_path / "repo")
    folder = repo / "rapporter" / "vastmanland-2019"
    new_report(folder)
    (repo / "anteckningar.txt").write_text("ska inte med\n", encoding="utf-8")
    commit_all(repo, "Ny rapport")
    (repo / "anteckningar.txt").write_text("ändrad men inte del av rapporten\n", encoding="utf-8")

    app = _app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to_section(pilot, "1.2.1")
        await pilot.press(*"Innovation är prioriterat.")
        await pilot.pause()
        present(app.editor).report.add_row("1.2.1", "insatser", KARTLAGGNING)
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveVersionDialog), "the version dialog")
        assert isinstance(app.screen, SaveVersionDialog)
        message = app.screen.query_one("#meddelande", Input).value
        assert message == "1.2.1: nytt svar, ny insats"
        await pilot.press("enter")
        await wait_until(pilot, lambda: "allt sparat" in str(app.screen.query_one("#status", Static).render()))
        status = str(app.screen.query_one("#status", Static).render())
        assert "⎇ main" in status and "allt sparat som version" in status

    log = git(repo, "log", "--format=%an|%s", "-1").stdout.strip()
    assert log == f"{AUTHOR}|1.2.1: nytt svar, ny insats"
    changed = git(repo, "show", "--name-only", "--format=", "HEAD").stdout.split()
    assert changed == ["rapporter/vastmanland-2019/1.2.yaml"]
    assert "anteckningar.txt" in git(repo, "status", "--porcelain").stdout


async def test_outside_git_offers_to_create_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(monkeypatch, tmp_path / "home")
    folder = tmp_path / "vastmanland-2019"
    new_report(folder)
    app = _app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "inte i git" in str(app.screen.query_one("#status", Static).render())
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click("#ja")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveVersionDialog), "the version dialog")
        assert isinstance(app.screen, SaveVersionDialog)
        await pilot.press("enter")
        await settle(pilot)
    assert git(folder, "log", "--format=%s").stdout.strip() != ""
    assert git(folder, "status", "--porcelain").stdout == ""


async def test_missing_identity_says_how_to_set_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(monkeypatch, tmp_path / "home", identity=False)
    repo = init_repo(tmp_path / "repo")
    folder = repo / "vastmanland-2019"
    new_report(folder)
    app = _app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Text")
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the message about the identity")
        assert isinstance(app.screen, ChoiceDialog)
        assert 'git config --global user.name "' in app.screen.message
    assert git(repo, "log", check=False).returncode != 0  # nothing was committed


async def test_failing_commit_shows_gits_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(monkeypatch, tmp_path / "home")
    repo = init_repo(tmp_path / "repo")
    folder = repo / "vastmanland-2019"
    new_report(folder)
    commit_all(repo, "Ny rapport")
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'Stavningskontrollen stoppade versionen' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    app = _app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Nytt svar")
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveVersionDialog), "the version dialog")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "git's message")
        assert isinstance(app.screen, ChoiceDialog)
        assert "Stavningskontrollen stoppade versionen" in app.screen.message
    assert git(repo, "log", "--format=%s").stdout.strip() == "Ny rapport"
    assert "Nytt svar" in (folder / "1.1.yaml").read_text(encoding="utf-8")


def _report_with_two_versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new 2019 report in git, committed, then committed again with an answer in 1.2.1."""
    isolate_git(monkeypatch, tmp_path / "home")
    repo = init_repo(tmp_path / "repo")
    folder = repo / "vastmanland-2019"
    report = new_report(folder)
    commit_all(repo, "Ny rapport")
    report.set_text("1.2.1", "svar", INNOVATION)
    report.save()
    commit_all(repo, "Innovation: första utkastet")
    return folder


async def test_history_of_a_section(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _report_with_two_versions(tmp_path, monkeypatch)
    app = _app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to_section(pilot, "1.2.1")
        await pilot.press("f3")
        await settle(pilot)  # the history is read in a worker
        assert isinstance(app.screen, HistoryScreen)
        body = str(app.screen.query_one("#history-body", Static).render())
        assert "Innovation: första utkastet" in body and AUTHOR in body
        assert "Höjd innovationskraft" in body


class RecordingExecutor(ThreadPoolExecutor):
    """The event loop's default executor (every thread worker runs in it), recording what each
    task raised: a worker cancelled with its screen loses its exception silently otherwise."""

    def __init__(self) -> None:
        super().__init__(max_workers=8)
        self.failures: list[BaseException] = []
        self.running = 0
        self.lock = threading.Lock()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        def recorded() -> Any:
            try:
                return fn(*args, **kwargs)
            except BaseException as exc:
                self.failures.append(exc)
                raise
            finally:
                with self.lock:
                    self.running -= 1

        with self.lock:
            self.running += 1
        return super().submit(recorded)


def slow_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A ``git`` first on PATH that holds every ``git log`` until the test creates the gate
    file; it creates the asked file when one is held. Returns (asked, gate)."""
    real = shutil.which("git")
    assert real is not None
    asked, gate = tmp_path / "git-log-frågad", tmp_path / "git-log-släpps"
    folder = tmp_path / "bin"
    folder.mkdir()
    wrapper = folder / "git"
    wrapper.write_text(
        "#!/bin/sh\n"
        'for arg in "$@"; do\n'
        f'  if [ "$arg" = log ]; then touch {shlex.quote(str(asked))}\n'
        f"    while [ ! -e {shlex.quote(str(gate))} ]; do sleep 0.05; done; break; fi\n"
        "done\n"
        f'exec {shlex.quote(real)} "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return asked, gate


async def test_history_closed_before_git_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """F3 closed while git is still reading the versions: the late answer goes nowhere, no
    worker fails (silently or not), nothing is notified, and the app goes on; F3 again lists them."""
    folder = _report_with_two_versions(tmp_path, monkeypatch)
    asked, gate = slow_git(tmp_path, monkeypatch)
    executor = RecordingExecutor()
    asyncio.get_running_loop().set_default_executor(executor)
    app = _app(folder)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await go_to_section(pilot, "1.2.1")
            await pilot.press("f3")
            await wait_until(pilot, asked.exists, "git log to be asked")
            history = app.screen
            assert isinstance(history, HistoryScreen)
            await pilot.press("escape")
            await wait_until(pilot, lambda: not history.is_attached, "the history to close")
            gate.touch()  # git answers now, to a screen that is gone
            await wait_until(pilot, lambda: executor.running == 0, "the history's thread to end")
            await pilot.pause()
            assert executor.failures == [], f"a worker thread raised {executor.failures!r}"
            assert [n.message for n in app._notifications if n.severity == "error"] == []

            await pilot.press(*" Mer.")  # the app goes on: typing, and F3 again lists the versions
            await pilot.press("f3")
            await wait_until(pilot, lambda: isinstance(app.screen, HistoryScreen)
                             and "Innovation: första utkastet" in str(
                                 app.screen.query_one("#history-body", Static).render()), "the versions")
            assert AUTHOR in str(app.screen.query_one("#history-body", Static).render())
            await pilot.press("escape")
            await pilot.press("ctrl+q")
        assert executor.failures == []
    finally:
        executor.shutdown(wait=False)
    assert Report.load(folder).text("1.2.1").endswith(" Mer.")
