"""The form for one insats row: one field per column, with the column's header and help text."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Select, Static, TextArea

from tui.app.display import terminal_markdown
from tui.core.template import TableField


class RowForm(ModalScreen[dict[str, str] | None]):
    BINDINGS = [  # noqa: RUF012
        Binding("ctrl+s", "save", "Spara raden", id="rad.spara", priority=True),
        Binding("escape", "cancel", "Avbryt", id="rad.avbryt"),
    ]

    def __init__(self, section_id: str, spec: TableField, row: dict[str, str] | None, number: int) -> None:
        super().__init__()
        self.section_id = section_id
        self.spec = spec
        self.row = row or {}
        self.number = number

    def compose(self) -> ComposeResult:
        verb = "Ändra" if self.row else "Ny"
        noun = "insats" if self.spec.key == "insatser" else "rad"
        with Vertical(classes="dialog wide"):
            yield Static(Text(f"{self.section_id} · {verb} {noun} {self.number}", style="bold"),
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
                        editor = TextArea(value, soft_wrap=True, tab_behavior="focus", id=f"col-{column.key}",
                                          classes="cell")
                        yield editor
            with Horizontal(classes="dialog-buttons"):
                yield Button("Spara (Ctrl+S)", id="spara", variant="primary")
                yield Button("Avbryt (Esc)", id="avbryt")

    def on_mount(self) -> None:
        first = self.query("#row-fields TextArea, #row-fields Select").first()
        first.focus()

    def values(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for column in self.spec.columns:
            widget = self.query_one(f"#col-{column.key}")
            if isinstance(widget, Select):
                values[column.key] = "" if widget.value is Select.NULL else str(widget.value)
            elif isinstance(widget, TextArea):
                values[column.key] = widget.text
        return values

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "spara":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        self.dismiss(self.values())

    def action_cancel(self) -> None:
        self.dismiss(None)
