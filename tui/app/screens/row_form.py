"""The form for one insats row: one field per column, with the column's header and help text."""

from __future__ import annotations

from enum import Enum

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Select, Static, TextArea

from tui.app.display import terminal_markdown
from tui.app.early_keys import TakesFocus
from tui.app.screens.dialogs import Choice, ChoiceDialog
from tui.app.widgets.answer_editor import MarkdownArea
from tui.core.tablewords import row_form_title
from tui.core.template import TableField

RowValues = dict[str, str]  # column key -> text, what the form returns


class Unsaved(Enum):
    SAVE = "spara"
    DISCARD = "slang"
    KEEP_EDITING = "fortsatt"


class RowForm(TakesFocus, ModalScreen[RowValues | None]):
    """Dismisses with the row's values (Ctrl+S), or None when the writer cancels. Esc on a
    changed form asks first, with saving as the default."""

    BINDINGS = [  # noqa: RUF012
        Binding("ctrl+s", "save", "Spara raden", id="rad.spara", priority=True),
        Binding("escape", "cancel", "Avbryt", id="rad.avbryt"),
    ]

    def __init__(self, section_id: str, spec: TableField, row: RowValues | None, number: int) -> None:
        super().__init__()
        self.section_id = section_id
        self.spec = spec
        self.row = row or {}
        self.number = number
        self._initial: RowValues | None = None

    def compose(self) -> ComposeResult:
        title = row_form_title(self.spec, editing=bool(self.row), number=self.number)
        with Vertical(classes="dialog wide"):
            yield Static(Text(f"{self.section_id} · {title}", style="bold"),
                         classes="dialog-title")
            with VerticalScroll(id="row-fields"):
                for column in self.spec.columns:
                    header = Text(column.header, style="bold")
                    yield Static(header, classes="column-header")
                    if column.help:
                        yield Static(terminal_markdown(column.help), classes="column-help")
                    value = self.row.get(column.key, "")
                    if column.kind == "choice":
                        yield Select([(o, o) for o in column.options], prompt="Inte besvarad",
                                     value=value if value in column.options else Select.NULL,
                                     id=f"col-{column.key}")
                    else:
                        yield MarkdownArea(value, soft_wrap=True, tab_behavior="focus", id=f"col-{column.key}",
                                           classes="cell")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Spara (Ctrl+S)", id="spara", variant="primary")
                yield Button("Avbryt (Esc)", id="avbryt")

    def on_mount(self) -> None:
        self._initial = self.values()  # before any key typed while it opened reaches a field

    def focus_target(self) -> Widget:
        return self.query("#row-fields TextArea, #row-fields Select").first()

    def values(self) -> RowValues:
        values: RowValues = {}
        for column in self.spec.columns:
            widget = self.query_one(f"#col-{column.key}")
            if isinstance(widget, Select):
                values[column.key] = "" if widget.value is Select.NULL else str(widget.value)
            elif isinstance(widget, TextArea):
                values[column.key] = widget.text
        return values

    @property
    def changed(self) -> bool:
        return self._initial is not None and self.values() != self._initial

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "spara":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        self.dismiss(self.values())

    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return

        def answered(choice: Unsaved | None) -> None:
            if choice is Unsaved.SAVE:
                self.action_save()
            elif choice is Unsaved.DISCARD:
                self.dismiss(None)

        self.app.push_screen(ChoiceDialog(
            "Spara raden?", "Du har skrivit i formuläret. Vill du spara raden innan det stängs?",
            [Choice(Unsaved.SAVE, "Spara raden", "spara-raden"),
             Choice(Unsaved.DISCARD, "Släng ändringarna", "slang", danger=True),
             Choice(Unsaved.KEEP_EDITING, "Fortsätt skriva", "fortsatt")],
            default="spara-raden"), answered)
