"""The notice after deleting an insats row, with *Ångra*: a one-line bar that never takes focus
or keystrokes (like the change bar). It stands in for the top line (region, template, folder)
while it is shown, so the section below keeps all its room at 80×24.

Ctrl+Z in the table (where the focus is right after deleting) undoes, as the bar's button says,
or a click on the button; the footer shows Ctrl+Z while the table has a row to bring back. The bar stays until the row
is back or the writer goes to another section (Ctrl+Z in that table still works then).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Static

from tui.app.row_undo import DeletedRow
from tui.app.widgets.change_bar import NoFocusButton
from tui.app.widgets.insats_table import excerpt


class UndoBar(Horizontal):
    class Undo(Message):
        """The bar's *Ångra* was clicked: bring back ``deleted``."""

        def __init__(self, deleted: DeletedRow) -> None:
            super().__init__()
            self.deleted = deleted

    SHOWN = "-undo-shown"  # on the screen: the bar replaces the top line (styles.tcss)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.deleted: DeletedRow | None = None

    @property
    def shown(self) -> bool:
        return self.screen.has_class(self.SHOWN)

    def compose(self) -> ComposeResult:
        yield NoFocusButton("Ctrl+Z Ångra", id="angra_rad", variant="primary", compact=True)
        yield Static("", id="undo-message")

    def show(self, deleted: DeletedRow, name: str) -> None:
        self.deleted = deleted
        # One line, so that the table below keeps its room at 80×24; a long name is cut.
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"Rad {deleted.index + 1} togs bort: ", style="bold")
        text.append(f"«{excerpt(name, 60)}»")
        self.query_one("#undo-message", Static).update(text)
        self.screen.add_class(self.SHOWN)

    def hide(self) -> None:
        self.deleted = None
        self.screen.remove_class(self.SHOWN)

    def on_button_pressed(self, event: NoFocusButton.Pressed) -> None:
        event.stop()
        if self.deleted is not None:
            self.post_message(self.Undo(self.deleted))
