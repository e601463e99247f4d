"""The editor's answers to the insats table's row messages: the form, the limit, delete, move."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.app.screens.dialogs import confirm
from tui.app.screens.row_form import RowForm, RowValues
from tui.app.widgets.insats_table import InsatsTable
from tui.app.widgets.section_view import table_caption
from tui.app.writer_tools import WriterTools
from tui.core.tablewords import remove_one_first, table_full

if TYPE_CHECKING:
    from tui.app.screens.editor import EditorScreen


class RowEditing:
    def __init__(self, editor: EditorScreen) -> None:
        self.editor = editor
        # The open form and what saving it does: Ctrl+Q saves it before quitting.
        self.open_form: tuple[RowForm, Callable[[RowValues], bool]] | None = None

    def _open(self, form: RowForm, save: Callable[[RowValues], bool]) -> None:
        def done(values: RowValues | None) -> None:
            if self.open_form is None or self.open_form[0] is not form:
                return  # already saved on quit
            self.open_form = None
            if values is not None:
                save(values)

        self.open_form = (form, save)
        self.editor.app.push_screen(form, done)

    def save_open_form(self) -> bool:
        """Quit with the form open: what was typed becomes the row. False if the report
        refused it (the form stays open and the writer sees why)."""
        if self.open_form is None:
            return True
        form, save = self.open_form
        if not form.changed:
            return True
        if save(form.values()):
            self.open_form = None
            if form.is_current:
                form.dismiss(None)  # the row is saved: should the quit wait (a change), the table shows it
            return True
        return False

    def add(self, table: InsatsTable) -> None:
        editor = self.editor
        sid, spec = table.section_id, table.spec
        rows = editor.report.rows(sid, spec.key)
        if spec.max_rows is not None and len(rows) >= spec.max_rows:
            editor.app.bell()
            editor.notify(f"{table_full(sid, spec, len(rows))}. {remove_one_first(spec)}",
                          title="Tabellen är full", severity="warning", timeout=8)
            return

        def save(values: RowValues) -> bool:
            if editor.edit(lambda: editor.report.add_row(sid, spec.key, values)):
                self.refresh(table, len(rows))
                return True
            return False

        self._open(RowForm(sid, spec, None, len(rows) + 1), save)

    def edit(self, table: InsatsTable, index: int) -> None:
        editor = self.editor
        sid, spec = table.section_id, table.spec
        rows = editor.report.rows(sid, spec.key)

        self._open(RowForm(sid, spec, rows[index], index + 1), lambda values: self.update(table, index, values))

    def update(self, table: InsatsTable, index: int, values: RowValues) -> bool:
        """Row ``index`` becomes ``values`` (the form's save, and F7's replacement in a cell)."""
        editor = self.editor
        if editor.edit(lambda: editor.report.update_row(table.section_id, table.spec.key, index, values)):
            self.refresh(table, index)
            return True
        return False

    def delete(self, table: InsatsTable, index: int) -> None:
        editor = self.editor
        sid, spec = table.section_id, table.spec
        row = editor.report.rows(sid, spec.key)[index]
        name = row.get(spec.name_key) or "(namnlös)"

        def deleted(yes: bool | None) -> None:
            if yes and editor.edit(lambda: editor.report.delete_row(sid, spec.key, index)):
                self.refresh(table, index)
                if isinstance(editor.app, WriterTools):  # always, in the app
                    editor.app.row_deleted(sid, spec.key, index, row, name)  # Ctrl+Z undoes

        editor.app.push_screen(confirm("Ta bort raden?", f"{sid}, rad {index + 1}: {name}",
                                       yes="Ta bort", danger=True), deleted)

    def move(self, table: InsatsTable, index: int, delta: int) -> None:
        editor = self.editor
        moved = [index]

        def move() -> None:
            moved[0] = editor.report.move_row(table.section_id, table.spec.key, index, delta)

        if editor.edit(move):
            self.refresh(table, moved[0])

    def refresh(self, table: InsatsTable, highlight: int) -> None:
        if not table.is_attached:
            return
        rows = self.editor.report.rows(table.section_id, table.spec.key)
        table.set_rows(rows, highlight)
        table.border_title = table_caption(table.section_id, table.spec, len(rows))
        table.focus()
