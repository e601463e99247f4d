"""Small modal dialogs that return typed values: a question with buttons, yes/no."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Static
from textual.widgets.button import ButtonVariant

from tui.app.early_keys import TakesFocus

T = TypeVar("T")


@dataclass(frozen=True)
class Choice(Generic[T]):
    value: T
    label: str
    id: str  # the button's id (tests and CSS address buttons by it)
    danger: bool = False


class ChoiceDialog(TakesFocus, ModalScreen[T | None], Generic[T]):
    """A question with buttons; dismisses with the chosen button's value (None on Escape)."""

    BINDINGS = [Binding("escape", "cancel", "Avbryt", id="dialog.avbryt")]  # noqa: RUF012

    def __init__(self, title: str, message: str, choices: list[Choice[T]], *, default: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.choices = choices
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.message, classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                for choice in self.choices:
                    variant: ButtonVariant = "error" if choice.danger else (
                        "primary" if choice.id == self.default else "default")
                    yield Button(choice.label, id=choice.id, variant=variant)

    def focus_target(self) -> Widget:
        return self.query_one(f"#{self.default}", Button) if self.default else self.query(Button).first()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        chosen = next(c for c in self.choices if c.id == event.button.id)
        self.dismiss(chosen.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


def confirm(title: str, message: str, yes: str = "Ja", no: str = "Avbryt", *,
            danger: bool = False) -> ChoiceDialog[bool]:
    """Yes/no; dismisses with True for yes, False or None otherwise."""
    return ChoiceDialog(title, message, [Choice(True, yes, "ja", danger=danger), Choice(False, no, "nej")],
                        default="nej" if danger else "ja")


def message_box(title: str, message: str) -> ChoiceDialog[bool]:
    return ChoiceDialog(title, message, [Choice(True, "OK", "ok")], default="ok")
