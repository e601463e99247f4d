"""Versions in git, for writers who need not know git: "Spara version" and a section's history."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from tui.core.diff import SectionVersion
from tui.core.diff_render import rich_section
from tui.core.gitrepo import GitError
from tui.core.problems import AterrapportError


class SaveVersionDialog(ModalScreen[str | None]):
    """Asks for the version's message; the proposal names the sections changed."""

    BINDINGS = [Binding("escape", "cancel", "Avbryt", id="version.avbryt")]  # noqa: RUF012

    def __init__(self, proposal: str, summary: Text, branch: str) -> None:
        super().__init__()
        self.proposal = proposal
        self.summary = summary
        self.branch = branch

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(f"Spara version på grenen {self.branch}", classes="dialog-title")
            yield Static("Vad har ändrats? Meddelandet följer med versionen och syns för granskarna.",
                         classes="dialog-message")
            yield Input(self.proposal, id="meddelande", select_on_focus=False)
            with VerticalScroll(id="version-summary"):
                yield Static(self.summary)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Spara version (Enter)", id="spara", variant="primary")
                yield Button("Avbryt (Esc)", id="avbryt")

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


class HistoryScreen(ModalScreen[None]):
    """The versions that changed one section: author, date and the change itself."""

    BINDINGS = [Binding("escape,f3", "close", "Stäng", id="historik.stang")]  # noqa: RUF012

    def __init__(self, title: str, load: Callable[[], list[SectionVersion]]) -> None:
        super().__init__()
        self.title_text = title
        self.load = load

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide tall"):
            yield Static(f"Historik för {self.title_text}", classes="dialog-title")
            with VerticalScroll(id="history"):
                yield Static(Text("Läser versionerna …", style="dim"), id="history-body")
            yield Static("Esc: stäng", classes="dialog-help")

    def on_mount(self) -> None:
        self._fetch()

    @work(thread=True, exclusive=True)
    def _fetch(self) -> None:
        try:
            versions = self.load()
            body = history_text(versions)
        except GitError as exc:
            body = Text(exc.text, style="red")  # git's own message is what the writer needs
        except (AterrapportError, OSError) as exc:
            body = Text(str(exc), style="red")
        self.app.call_from_thread(self.query_one("#history-body", Static).update, body)

    def action_close(self) -> None:
        self.dismiss(None)


def history_text(versions: list[SectionVersion]) -> Text:
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
