"""F2 "Spara version" off the UI thread: git status, the diff and the commit run in a worker
while a progress dialog shows what is happening (Esc leaves it; the app never freezes)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import LoadingIndicator, Static

from tui.core.generated import ensure_gitignore
from tui.core.gitrepo import GitError, GitRepo, Version
from tui.core.problems import AterrapportError

if TYPE_CHECKING:
    from tui.app.screens.editor import EditorScreen

T = TypeVar("T")


@dataclass(frozen=True)
class _Done(Generic[T]):
    """A worker's result (which may itself be None: nothing to save)."""

    value: T


class ProgressDialog(ModalScreen[None]):
    """Work in progress in a worker; Esc goes back to writing (the result is then dropped)."""

    BINDINGS = [Binding("escape", "cancel", "Avbryt", id="arbete.avbryt")]  # noqa: RUF012

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message
        self.cancelled = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.message, classes="dialog-message", id="arbete", markup=False)
            yield LoadingIndicator()
            yield Static("Esc: tillbaka till skrivandet", classes="dialog-help")

    def action_cancel(self) -> None:
        self.cancelled = True
        self.dismiss(None)


@dataclass(frozen=True)
class VersionPlan:
    branch: str
    proposal: str
    summary: Text


def plan_version(repo: GitRepo, folder: Path) -> VersionPlan | None:
    """What F2 would save (None: nothing new). Slow for large answers: runs in a worker."""
    from tui.core.diff import proposed_message, working_diff
    from tui.core.diff_render import rich_diff

    repo.require_identity()
    ensure_gitignore(folder)  # generated documents and temp files never go into a version
    status = repo.status(folder)
    if not status.dirty:
        return None
    diff = working_diff(repo, folder)
    return VersionPlan(status.branch_label, proposed_message(diff) or "Uppdaterade rapporten", rich_diff(diff))


class SaveVersionFlow:
    """The steps of F2 after the files are saved: plan (worker), ask for the message, commit
    (worker), each behind a progress dialog."""

    def __init__(self, editor: EditorScreen, repo: GitRepo) -> None:
        self.editor = editor
        self.repo = repo
        self.folder = editor.report.folder

    def start(self) -> None:
        self._in_worker("Jämför med den senast sparade versionen …",
                        lambda: plan_version(self.repo, self.folder), self._planned,
                        "Versionen kan inte sparas")

    def _planned(self, plan: VersionPlan | None) -> None:
        from tui.app.screens.versions import SaveVersionDialog

        if plan is None:
            self.editor.notify("Inget nytt att spara som version: allt är redan sparat.", timeout=4)
            return
        self.editor.app.push_screen(SaveVersionDialog(plan.proposal, plan.summary, plan.branch), self._commit)

    def _commit(self, message: str | None) -> None:
        if message is None:
            return
        self._in_worker("Sparar versionen …", lambda: self.repo.commit_folder(self.folder, message),
                        self._committed, "Versionen sparades inte")

    def _committed(self, version: Version) -> None:
        self.editor.versions.refresh()
        self.editor.notify(f"Version {version.short_sha} sparad: {version.subject}", title="Spara version",
                           timeout=6)

    def _in_worker(self, message: str, work: Callable[[], T], done: Callable[[T], None], failed: str) -> None:
        app = self.editor.app
        progress = ProgressDialog(message)
        app.push_screen(progress)

        def finish(outcome: _Done[T] | Exception) -> None:
            if progress.cancelled:
                if isinstance(outcome, _Done) and isinstance(outcome.value, Version):  # Esc undoes no commit
                    self._committed(outcome.value)
                return
            progress.dismiss(None)
            if isinstance(outcome, _Done):
                done(outcome.value)
            elif isinstance(outcome, GitError):
                self.editor.versions.failed(failed, outcome)
            else:
                self.editor.notify(str(outcome), title=failed, severity="error", timeout=10)

        def run() -> None:
            outcome: _Done[T] | Exception
            try:
                outcome = _Done(work())
            except (GitError, AterrapportError, OSError) as exc:  # shown to the writer, not a crash
                outcome = exc
            app.call_from_thread(finish, outcome)

        self.editor.run_worker(run, thread=True, group="version", name=message)
