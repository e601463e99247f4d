"""A bar in the section pane when files changed on disk: it never takes focus or keystrokes.

The writer keeps typing; F8 (läs in) and F9 (behåll min) answer it, or a click on its buttons.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Static


class NoFocusButton(Button, can_focus=False):
    """Clickable, but never in the Tab order and never the target of a typed space."""


class ChangeBar(Vertical):
    class Chosen(Message):
        def __init__(self, keep_mine: bool) -> None:
            super().__init__()
            self.keep_mine = keep_mine

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.display = False

    def compose(self) -> ComposeResult:
        yield Static("", id="change-message")
        with Horizontal(id="change-buttons"):
            yield NoFocusButton("F8 Läs in den nya", id="las_in", variant="primary", compact=True)
            yield NoFocusButton("F9 Behåll min", id="behall", compact=True)

    def show(self, names: str, unsaved: list[str]) -> None:
        text = Text()
        text.append(f"{names} har ändrats utanför appen", style="bold")
        text.append(f" (dina osparade ändringar finns i {', '.join(unsaved)})" if unsaved else "")
        text.append(". Skriv vidare; välj när du vill. Den sida som inte behålls sparas i en säkerhetskopia"
                    " (F3 visar den).")
        self.query_one("#change-message", Static).update(text)
        self.display = True

    def hide(self) -> None:
        self.display = False

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Chosen(keep_mine=event.button.id == "behall"))
