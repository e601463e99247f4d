"""Preview: the current section as the reader will see it (the export's Markdown, shown by Rich)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.app.display import terminal_markdown


class PreviewScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,ctrl+r", "close", "Stäng", id="forhand.stang")]  # noqa: RUF012

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide tall"):
            yield Static("Förhandsgranskning (Esc stänger)", classes="dialog-title")
            with VerticalScroll(id="preview"):
                yield Static(terminal_markdown(self.markdown), id="preview-body")

    def action_close(self) -> None:
        self.dismiss(None)
