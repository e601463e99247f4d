"""F2 with real git repositories: a version holds only the report's own files (never the DOCX
that F6 writes, nor a temporary file of an interrupted save), and the diff and the commit run
in a worker behind a progress dialog, so a 20,000-word answer never freezes the app."""

from __future__ import annotations

import os
import random
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from app_helpers import settle, wait_until
from git_helpers import commit_all, git, init_repo, isolate_git, new_report
from present import present
from textual.pilot import Pilot
from textual.widgets import Static

from tui.app.app import AterrapportApp
from tui.app.screens import save_version
from tui.app.screens.editor import EditorScreen
from tui.app.screens.save_version import ProgressDialog, VersionPlan
from tui.app.screens.versions import SaveVersionDialog
from tui.app.session import EditorSession
from tui.app.widgets.answer_editor import AnswerEditor
from tui.core.gitrepo import FolderStatus, GitRepo
from tui.core.report import Report

SIZE = (120, 40)


def _app(folder: Path) -> AterrapportApp:
    return AterrapportApp(folder, session=EditorSession.open(folder))


def _status(app: AterrapportApp) -> str:
    return str(present(app.editor).query_one("#status", Static).render())


async def _save_version(pilot: Pilot[None], app: AterrapportApp) -> None:
    await pilot.press("f2")
    await wait_until(pilot, lambda: isinstance(app.screen, SaveVersionDialog), "the version dialog")
    await pilot.press("enter")
    await wait_until(pilot, lambda: "allt sparat som version" in _status(app), "the commit")


async def test_a_version_holds_only_the_reports_own_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(monkeypatch, tmp_path / "home")
    repo = init_repo(tmp_path / "repo")
    folder = repo / "vastmanland-2019"
    new_report(folder)
    assert "/*.docx" in (folder / ".gitignore").read_text(encoding="utf-8")  # `new` writes it
    (folder / ".gitignore").unlink()  # a report made before `new` wrote one
    commit_all(repo, "Ny rapport")
    stray = folder / ".1.1.yaml.k3j2x9.tmp"  # a save cut off by a power cut, long ago
    stray.write_text("1.1.1:\n  svar: Halvt sparad\n", encoding="utf-8")
    os.utime(stray, (time.time() - 3600, time.time() - 3600))

    app = _app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not stray.exists()
        backups = Path(os.environ["XDG_STATE_HOME"]) / "aterrapport" / "sakerhetskopior" / "vastmanland-2019"
        assert [p.read_text(encoding="utf-8") for p in backups.glob("1.1.yaml.k3j2x9.tmp.*")] == [
            "1.1.1:\n  svar: Halvt sparad\n"]  # set aside, not deleted: it may hold the last words
        await pilot.press(*"Svaret om länet.")
        await pilot.press("ctrl+o", "f6")  # F6 from the outline (in the answer, TextArea takes F6)
        await pilot.pause()
        if app.screen.query("#skapa"):  # the report has errors: make the document anyway
            await pilot.click("#skapa")
        await wait_until(pilot, lambda: list(folder.glob("*.docx")), "the DOCX")
        await settle(pilot)
        await _save_version(pilot, app)
    committed = git(repo, "show", "--name-only", "--format=", "HEAD").stdout.split()
    assert sorted(committed) == ["vastmanland-2019/.gitignore", "vastmanland-2019/1.1.yaml"]
    assert git(repo, "status", "--porcelain", "--untracked-files=all").stdout == ""
    assert list(folder.glob("*.docx"))  # the document is there, only not in the version
    assert not list(folder.glob(".*.tmp"))


def _long_answer(words: int, seed: int) -> str:
    rnd = random.Random(seed)
    vocabulary = ["regionen", "länet", "kommunerna", "insatserna", "arbetet", "utvecklingen", "företagen"]
    vocabulary += ["samverkan", "och", "att", "i", "med", "för", "som", "har", "under", "året", "inom", "ett", "en"]
    sentences: list[str] = []
    while sum(len(s.split()) for s in sentences) < words:
        sentence = " ".join(rnd.choice(vocabulary) for _ in range(rnd.randint(8, 20)))
        sentences.append(sentence.capitalize() + ".")
    return "\n\n".join(" ".join(sentences[i:i + 6]) for i in range(0, len(sentences), 6))


async def test_f2_runs_in_a_worker_and_the_app_answers_meanwhile(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(monkeypatch, tmp_path / "home")
    repo = init_repo(tmp_path / "repo")
    folder = repo / "vastmanland-2019"
    report = new_report(folder)
    answer = _long_answer(20_000, seed=9)
    report.set_text("1.1.1", "svar", answer)
    report.save()
    commit_all(repo, "Långt svar")
    edited = answer.replace("Regionen", "Region Västmanland").replace(" året ", " verksamhetsåret ")
    report = Report.load(folder)
    report.set_text("1.1.1", "svar", edited)
    report.save()

    # Hold the real planning (status + the 20,000-word diff) until the test has pressed keys.
    release = threading.Event()
    real_plan = save_version.plan_version

    def held_plan(*args: Any, **kwargs: Any) -> VersionPlan | None:
        release.wait(timeout=120)
        return real_plan(*args, **kwargs)

    monkeypatch.setattr(save_version, "plan_version", held_plan)
    app = _app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(app.screen, ProgressDialog), "the progress dialog")
        workers = [w for w in present(app.editor).workers if w.group == "version"]
        assert workers and workers[0].is_running
        await pilot.press("escape")  # processed while the worker runs: back to writing
        await wait_until(pilot, lambda: isinstance(app.screen, EditorScreen), "back to the editor")
        assert workers[0].is_running
        app.screen.query_one(AnswerEditor).focus()
        await pilot.press("end", *" Slut.")
        assert app.screen.query_one(AnswerEditor).text.endswith(" Slut.")
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)  # the dropped plan opens nothing
        await _save_version(pilot, app)
    assert git(repo, "log", "--format=%s", "-1").stdout.strip() == "1.1.1: uppdaterade svar"
    assert Report.load(folder).text("1.1.1") == edited + " Slut."


async def test_the_git_poll_runs_in_a_worker_and_typing_goes_on(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The editor asks git for the folder's status every few seconds; a slow `git status`
    (a large repository, a network disk) must not hold the keys typed meanwhile."""
    isolate_git(monkeypatch, tmp_path / "home")
    repo = init_repo(tmp_path / "repo")
    folder = repo / "vastmanland-2019"
    new_report(folder)
    commit_all(repo, "Ny rapport")
    app = _app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        editor = present(app.editor)
        release, entered = threading.Event(), threading.Event()
        real_status = GitRepo.status

        on_ui_thread: list[bool] = []

        def held_status(self: GitRepo, path: Path) -> FolderStatus:
            on_ui_thread.append(threading.current_thread() is threading.main_thread())
            entered.set()
            if not on_ui_thread[-1]:  # holding the UI thread would hang the test
                release.wait(timeout=120)
            return real_status(self, path)

        monkeypatch.setattr(GitRepo, "status", held_status)
        editor._poll_disk()
        await wait_until(pilot, entered.is_set, "the poll asking git")
        # The editor's own poll may ask too (every 2 s); no ask may be on the UI thread.
        assert on_ui_thread and not any(on_ui_thread), "git status ran on the UI thread"
        editor.query_one(AnswerEditor).focus()
        await pilot.press("end", *" Skrivet medan git arbetar.")
        assert editor.query_one(AnswerEditor).text.endswith(" Skrivet medan git arbetar.")
        release.set()
        await wait_until(pilot, lambda: not [w for w in editor.workers if w.group == "git-status" and w.is_running],
                         "the status worker")
        assert editor.status_bar.in_git
