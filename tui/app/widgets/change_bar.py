"""A bar when files changed on disk: it never takes focus or keystrokes.

The writer keeps typing; F8 (läs in) and F9 (behåll min) answer it, or a click on its buttons.
Like the undo bar it is one line in the top line's place (the section keeps its room at 80×24);
what does not fit is cut, and shown in full as the bar's tooltip.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Static


class NoFocusButton(Button, can_focus=False):
    """Clickable, but never in the Tab order and never the target of a typed space."""


def show_in_top_line(bar: Widget, shown: bool, css_class: str) -> None:
    """Show or hide a one-line bar that takes the top line's place (styles.tcss hides the top
    line while the screen has ``css_class``)."""
    bar.display = shown
    bar.screen.set_class(shown, css_class)


class ChangeBar(Horizontal):
    class Chosen(Message):
        def __init__(self, keep_mine: bool) -> None:
            super().__init__()
            self.keep_mine = keep_mine

    SHOWN = "-change-shown"  # on the screen while shown: the top line gives way (styles.tcss)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.display = False

    def compose(self) -> ComposeResult:
        yield NoFocusButton("F8 Läs in den nya", id="las_in", variant="primary", compact=True)
        yield NoFocusButton("F9 Behåll min", id="behall", compact=True)
        yield Static("", id="change-message")

    def show(self, names: str, unsaved: list[str]) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"{names} har ändrats utanför appen", style="bold")
        text.append(f" (dina osparade ändringar finns i {', '.join(unsaved)})" if unsaved else "")
        text.append(". Skriv vidare; välj när du vill. Den sida som inte behålls sparas i en säkerhetskopia"
                    " (F3 visar den).")
        message = self.query_one("#change-message", Static)
        message.update(text)
        message.tooltip = Text(text.plain)  # a str tooltip is markup
        show_in_top_line(self, True, self.SHOWN)

    def hide(self) -> None:
        show_in_top_line(self, False, self.SHOWN)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Chosen(keep_mine=event.button.id == "behall"))
