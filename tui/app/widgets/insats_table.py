"""An insats table as a list: each row's name and a short excerpt; keys to add, edit, delete, move."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app.row_undo import DeletedRows

if TYPE_CHECKING:  # the app's first screen loads this module before the models
    from tui.core.template import TableField


def excerpt(text: str, width: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


class InsatsTable(OptionList):
    BINDINGS = [  # noqa: RUF012
        # First, so that the footer has room for it at 80 columns: shown only while this table has
        # a deleted row to bring back; otherwise Ctrl+Z says there is none (the second binding).
        Binding("ctrl+z", "undo_delete", "Ångra borttagning", id="rad.angra"),
        Binding("ctrl+z", "nothing_to_undo", "Ångra borttagning", id="rad.angra_inget", show=False),
        Binding("a,insert", "add_row", "Lägg till", id="rad.lagg_till"),
        Binding("enter", "edit_row", "Redigera", id="rad.redigera"),
        Binding("delete,d", "delete_row", "Ta bort", id="rad.ta_bort"),
        Binding("shift+up", "move(-1)", "Flytta upp", id="rad.upp"),
        Binding("shift+down", "move(1)", "Flytta ned", id="rad.ned"),
    ]

    class AddRow(Message):
        """The writer asks for a new row."""

        def __init__(self, table: InsatsTable) -> None:
            super().__init__()
            self.table = table

    class EditRow(Message):
        def __init__(self, table: InsatsTable, index: int) -> None:
            super().__init__()
            self.table = table
            self.index = index

    class DeleteRow(Message):
        def __init__(self, table: InsatsTable, index: int) -> None:
            super().__init__()
            self.table = table
            self.index = index

    class UndoDelete(Message):
        """Ctrl+Z: put back the row deleted last from this table."""

        def __init__(self, table: InsatsTable) -> None:
            super().__init__()
            self.table = table

    class MoveRow(Message):
        def __init__(self, table: InsatsTable, index: int, delta: int) -> None:
            super().__init__()
            self.table = table
            self.index = index
            self.delta = delta

    def __init__(self, section_id: str, spec: TableField, rows: list[dict[str, str]], *,
                 deleted: DeletedRows | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.section_id = section_id
        self.spec = spec
        self.deleted = deleted  # the session's deleted rows, for Ctrl+Z
        self.set_rows(rows)

    def set_rows(self, rows: list[dict[str, str]], highlight: int = 0) -> None:
        self.clear_options()
        first = self.spec.name_key
        rest = [c.key for c in self.spec.columns if c.key != first]
        for number, row in enumerate(rows, start=1):
            label = Text()
            label.append(f"{number}. ", style="bold")
            label.append(excerpt(row.get(first, "")) or "(namnlös)", style="bold")
            detail = next((row[k] for k in rest if row.get(k)), "")
            if detail:
                label.append("\n   " + excerpt(detail, 90), style="dim")
            self.add_option(Option(label))
        if not rows:
            from tui.core.tablewords import no_rows_yet

            self.add_option(Option(Text(no_rows_yet(self.spec), style="dim italic"),
                                   disabled=True))
        else:
            self.highlighted = max(0, min(highlight, len(rows) - 1))
        self.row_count = len(rows)

    def _current(self) -> int | None:
        if not getattr(self, "row_count", 0) or self.highlighted is None:
            return None
        return self.highlighted

    def action_add_row(self) -> None:
        self.post_message(self.AddRow(self))

    def action_edit_row(self) -> None:
        if (index := self._current()) is not None:
            self.post_message(self.EditRow(self, index))

    def action_delete_row(self) -> None:
        if (index := self._current()) is not None:
            self.post_message(self.DeleteRow(self, index))

    @property
    def can_undo(self) -> bool:
        return self.deleted is not None and self.deleted.latest(self.section_id, self.spec.key) is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo_delete":
            return self.can_undo
        if action == "nothing_to_undo":
            return not self.can_undo
        return True

    def action_undo_delete(self) -> None:
        self.post_message(self.UndoDelete(self))

    def action_nothing_to_undo(self) -> None:
        self.post_message(self.UndoDelete(self))  # the app says there is nothing

    def action_move(self, delta: int) -> None:
        if (index := self._current()) is not None:
            self.post_message(self.MoveRow(self, index, delta))
