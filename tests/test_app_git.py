"""Versions from the app: "Spara version" commits only the report folder, with a proposed
message naming the sections; outside git it offers to create a repository; the history view."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import settle, wait_until
from git_helpers import AUTHOR, INNOVATION, KARTLAGGNING, commit_all, git, init_repo, isolate_git, new_report
from present import present
from textual.widgets import Input, Static

from tui.app.app import AterrapportApp
from tui.app.screens.dialogs import ChoiceDialog
from tui.app.screens.versions import HistoryScreen, SaveVersionDialog
from tui.app.session import EditorSession

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
        present(app.editor).go_to("1.2.1")
        await pilot.pause()
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


async def test_history_of_a_section(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(monkeypatch, tmp_path / "home")
    repo = init_repo(tmp_path / "repo")
    folder = repo / "vastmanland-2019"
    report = new_report(folder)
    commit_all(repo, "Ny rapport")
    report.set_text("1.2.1", "svar", INNOVATION)
    report.save()
    commit_all(repo, "Innovation: första utkastet")
    app = _app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        present(app.editor).go_to("1.2.1")
        await pilot.pause()
        await pilot.press("f3")
        await settle(pilot)  # the history is read in a worker
        assert isinstance(app.screen, HistoryScreen)
        body = str(app.screen.query_one("#history-body", Static).render())
        assert "Innovation: första utkastet" in body and AUTHOR in body
        assert "Höjd innovationskraft" in body
