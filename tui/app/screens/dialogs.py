"""Small modal dialogs: confirm, choose between options."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static
from textual.widgets.button import ButtonVariant


class ChoiceDialog(ModalScreen[str | None]):
    """A question with buttons; dismisses with the chosen button's id (None on Escape)."""

    BINDINGS = [Binding("escape", "cancel", "Avbryt", id="dialog.avbryt")]  # noqa: RUF012

    def __init__(self, title: str, message: str, choices: list[tuple[str, str]], *, default: str | None = None,
                 danger: set[str] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.choices = choices
        self.default = default
        self.danger = danger or set()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(self.message, classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                for choice_id, label in self.choices:
                    variant: ButtonVariant = "error" if choice_id in self.danger else (
                        "primary" if choice_id == self.default else "default")
                    yield Button(label, id=choice_id, variant=variant)

    def on_mount(self) -> None:
        if self.default:
            self.query_one(f"#{self.default}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def confirm(title: str, message: str, yes: str = "Ja", no: str = "Avbryt", *, danger: bool = False) -> ChoiceDialog:
    return ChoiceDialog(title, message, [("ja", yes), ("nej", no)], default="nej" if danger else "ja",
                        danger={"ja"} if danger else set())
