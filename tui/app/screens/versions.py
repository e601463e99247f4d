"""Versions in git, for writers who need not know git: "Spara version" and a section's history."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from tui.app.early_keys import TakesFocus
from tui.app.screens.dialogs import confirm, message_box
from tui.app.widgets.answer_editor import WriterInput
from tui.core.backups import Backup
from tui.core.gitrepo import FolderStatus, GitError, GitRepo
from tui.core.problems import AterrapportError

if TYPE_CHECKING:
    from tui.app.screens.editor import EditorScreen
    from tui.core.diff import SectionVersion


class Versions:
    """F2 and F3 for the editor: the report's git repository, its status, saving a version."""

    def __init__(self, editor: EditorScreen) -> None:
        self.editor = editor
        self.repo: GitRepo | None = None
        self.status: FolderStatus | None = None

    def refresh(self) -> None:
        if self.editor.gone:
            return  # a version saved (a worker) after the app quit: no status bar to update
        self._show(*self._read_status(self.editor.report.folder, self.repo))

    def refresh_in_background(self) -> None:
        """The poll's ``git status``, off the UI thread: it takes tens of milliseconds (more in
        a large repository), and a key typed meanwhile would wait for it."""
        folder, repo, app = self.editor.report.folder, self.repo, self.editor.app

        def read() -> None:
            found = self._read_status(folder, repo)
            with suppress(RuntimeError):  # the app has stopped while git ran
                app.call_from_thread(self._show, *found)

        self.editor.run_worker(read, thread=True, group="git-status", exclusive=True, exit_on_error=False)

    @staticmethod
    def _read_status(folder: Path, repo: GitRepo | None) -> tuple[GitRepo | None, FolderStatus | None]:
        try:
            if repo is None:
                repo = GitRepo.find(folder)
            return repo, (repo.status(folder) if repo is not None else None)
        except GitError:
            return None, None

    def _show(self, repo: GitRepo | None, status: FolderStatus | None) -> None:
        self.repo, self.status = repo, status
        if self.editor.gone:
            return  # the editor went while git ran
        bar = self.editor.status_bar
        bar.in_git = repo is not None
        bar.git = status

    def save_version(self) -> None:
        editor = self.editor
        folder = editor.report.folder
        if not editor.flush():
            editor.explain_wait()
            return
        if self.repo is None:
            def create(answer: bool | None) -> None:
                if not answer:
                    return
                try:
                    self.repo = GitRepo.init(folder)
                except GitError as exc:
                    self.failed("Förrådet kunde inte skapas", exc)
                    return
                self.refresh()
                self.save_version()

            editor.app.push_screen(confirm(
                "Inte i git", f"Rapportmappen {folder.resolve().name} ligger inte i ett git-förråd.\n"
                "Vill du skapa ett här, så att versionerna sparas?", yes="Skapa förråd"), create)
            return
        from tui.app.screens.save_version import SaveVersionFlow

        SaveVersionFlow(editor, self.repo).start()  # git and the diff run in a worker

    def failed(self, title: str, exc: GitError) -> None:
        self.editor.app.bell()
        self.editor.app.push_screen(message_box(title, exc.text))

    def history(self) -> None:
        """F3: the section's versions in git and, beside them, the backups the app kept of it,
        each of which can be put back ("ta tillbaka")."""
        from tui.core.backups import section_backups
        from tui.core.diff import section_history

        editor = self.editor
        if not editor.current.answerable:
            editor.notify("Välj ett avsnitt med svar för att se dess historik.", timeout=4)
            return
        repo, folder, sid = self.repo, editor.report.folder, editor.current.id
        load = (lambda: section_history(repo, folder, sid)) if repo is not None else None
        screen = HistoryScreen(editor.current.number_title, load, section_backups(editor.report, sid))
        editor.app.push_screen(screen, self._restore)

    def _restore(self, chosen: Backup | None) -> None:
        from tui.core.backups import restore_section

        editor = self.editor
        if chosen is None:
            return
        sid = editor.current.id
        editor.flush()
        try:
            before = restore_section(editor.report, sid, chosen)
        except (AterrapportError, OSError) as exc:
            editor.notify(str(exc), title="Gick inte att ta tillbaka", severity="error", timeout=10)
            return
        editor.flush()
        editor.show_section(editor.current, focus=True)
        editor.outline.refresh_section(sid)
        where = f" Det som stod innan finns i {before}." if before else ""
        editor.notify(f"{sid} är återställt från säkerhetskopian {chosen.path.name}.{where}",
                      title="Tillbakatagen", timeout=10)


class SaveVersionDialog(TakesFocus, ModalScreen[str | None]):
    """Asks for the version's message; the proposal names the sections changed."""

    BINDINGS = [Binding("escape", "cancel", "Avbryt", id="version.avbryt")]  # noqa: RUF012

    def __init__(self, proposal: str, summary: Text, branch: str) -> None:
        super().__init__()
        self.proposal = proposal
        self.summary = summary
        self.branch = branch

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(f"Spara version på grenen {self.branch}", classes="dialog-title", markup=False)
            yield Static("Vad har ändrats? Meddelandet följer med versionen och syns för granskarna.",
                         classes="dialog-message")
            yield WriterInput(self.proposal, id="meddelande", select_on_focus=False)
            with VerticalScroll(id="version-summary"):
                yield Static(self.summary, markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Spara version (Enter)", id="spara", variant="primary")
                yield Button("Avbryt (Esc)", id="avbryt")

    def focus_target(self) -> Widget:
        return self.query_one("#meddelande", Input)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._done()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "spara":
            self._done()
        else:
            self.dismiss(None)

    def _done(self) -> None:
        message = self.query_one("#meddelande", Input).value.strip()
        if message:
            self.dismiss(message)
        else:
            self.notify("Skriv ett meddelande för versionen.", severity="warning")

    def action_cancel(self) -> None:
        self.dismiss(None)


HISTORY_WORKER = "history"


class HistoryScreen(ModalScreen["Backup | None"]):
    """The versions that changed one section (author, date, the change) and the backups the
    app kept of it. Dismisses with the backup to put back, or None."""

    BINDINGS = [Binding("escape,f3", "close", "Stäng", id="historik.stang")]  # noqa: RUF012

    def __init__(self, title: str, load: Callable[[], list[SectionVersion]] | None,
                 backups: list[Backup] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.load = load
        self.backups = backups or []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide tall"):
            yield Static(f"Historik för {self.title_text}", classes="dialog-title", markup=False)
            if self.backups:
                yield Static(Text("Säkerhetskopior som appen sparat (Enter: ta tillbaka)", style="bold"))
                options = OptionList(id="backups")
                for entry in self.backups:
                    label = Text()
                    label.append(f"{entry.saved:%Y-%m-%d %H:%M}  ", style="bold")
                    label.append(entry.description, style="italic")
                    text = entry.section.get("svar")
                    if isinstance(text, str) and text.strip():
                        label.append(f"\n   {' '.join(text.split())[:90]}", style="dim")
                    options.add_option(Option(label))
                yield options
            with VerticalScroll(id="history"):
                yield Static(Text("Läser versionerna …", style="dim"), id="history-body")
            help_text = "Enter: ta tillbaka säkerhetskopian · Esc: stäng" if self.backups else "Esc: stäng"
            yield Static(help_text, classes="dialog-help")

    def on_mount(self) -> None:
        if self.backups:
            options = self.query_one("#backups", OptionList)
            options.highlighted = 0
            options.focus()
        if self.load is None:
            self._show(Text("Rapporten ligger inte i git, så det finns inga sparade versioner.", style="dim"))
        else:
            self._fetch(self.load)

    @work(thread=True, exclusive=True, group=HISTORY_WORKER)
    def _fetch(self, load: Callable[[], list[SectionVersion]]) -> Text:
        # Git may answer after the writer closed F3: the thread only returns the text, and the
        # UI thread shows it (on_worker_state_changed). Closing the screen cancels the worker,
        # so a late answer reaches no one (the thread itself runs on until git is done).
        try:
            return history_text(load())
        except GitError as exc:
            return Text(exc.text, style="red")  # git's own message is what the writer needs
        except (AterrapportError, OSError) as exc:
            return Text(str(exc), style="red")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group == HISTORY_WORKER and event.state is WorkerState.SUCCESS and isinstance(worker.result, Text):
            self._show(worker.result)

    def _show(self, body: Text) -> None:
        if self.is_attached:
            self.query_one("#history-body", Static).update(body)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        chosen = self.backups[event.option_index]

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(chosen)

        self.app.push_screen(confirm(
            "Ta tillbaka säkerhetskopian?",
            f"Avsnittet får innehållet från {chosen.saved:%Y-%m-%d %H:%M} ({chosen.description}). "
            "Det som står där nu sparas först i en säkerhetskopia.", yes="Ta tillbaka"), answered)

    def action_close(self) -> None:
        self.dismiss(None)


def history_text(versions: list[SectionVersion]) -> Text:
    from tui.core.diff_render import rich_section  # the diff: only when the history is shown

    if not versions:
        return Text("Inga sparade versioner har ändrat avsnittet ännu.", style="dim")
    out = Text()
    for entry in versions:
        version = entry.version
        out.append(f"{version.date:%Y-%m-%d %H:%M}  ", style="bold")
        out.append(f"{version.author}", style="bold cyan")
        out.append(f"  {version.short_sha}\n", style="dim")
        out.append(f"{version.subject}\n", style="italic")
        out.append_text(rich_section(entry.diff, heading=False))
        out.append("\n\n")
    return out
