"""*Rapportens uppgifter*: datum, diarienr, ert diarienr, kontakt, förord and the signature.

Each change is validated by the same model as ``check`` (a date must be ÅÅÅÅ-MM-DD) and saved
like an answer (debounced, atomic); a field that is not valid says why and is not saved until it
is, and the form does not close over it. Every field undoes step by step (Ctrl+Z, Ctrl+Y): the
one-line fields through WriterInput's history, the text fields through TextArea's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from tui.app.early_keys import TakesFocus
from tui.app.widgets.answer_editor import MarkdownArea, WriterInput
from tui.core.head_edit import EDITABLE, head_value, set_head_value
from tui.core.report import Report

SAVE_AFTER = 1.0  # seconds after the last change


def _field_id(key: str) -> str:
    return "d-" + key.replace(".", "-")


class DetailInput(WriterInput):
    """A one-line detail; ``key`` is its place in the report head (``underskrift.namn``)."""

    def __init__(self, key: str, value: str, *, id: str | None = None) -> None:
        super().__init__(value, id=id)
        self.key = key


class DetailArea(MarkdownArea):
    """A multi-line detail (the foreword)."""

    def __init__(self, key: str, text: str, **kwargs: Any) -> None:
        super().__init__(text, **kwargs)
        self.key = key


class DetailsScreen(TakesFocus, ModalScreen[None]):
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "close", "Stäng", id="uppgifter.stang"),
    ]

    def __init__(self, report: Report, save: Callable[[], object], focus_key: str | None = None,
                 typed: dict[str, str] | None = None) -> None:
        """``typed``: the details typed and not valid yet (the session's, kept in the journal):
        the form shows them, and keeps it up to date."""
        super().__init__()
        self.report = report
        self.save = save
        self.focus_key = focus_key
        self.typed = typed if typed is not None else {}
        self.opened = {key: self.typed.get(key, head_value(report, key)) for key, _label, _multi in EDITABLE}
        self.invalid: dict[str, str] = {}
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide tall", id="details"):
            yield Static("Rapportens uppgifter (sparas medan du skriver · Esc stänger)", classes="dialog-title")
            with VerticalScroll(id="details-fields"):
                for key, label, multi in EDITABLE:
                    yield Label(label, classes="column-header")
                    value = self.opened[key]
                    if multi:
                        yield DetailArea(key, value, soft_wrap=True, tab_behavior="focus", id=_field_id(key),
                                         classes="cell")
                    else:
                        yield DetailInput(key, value, id=_field_id(key))
                    yield Static("", id=_field_id(key) + "-fel", classes="field-error")

    def on_mount(self) -> None:
        for key in list(self.typed):  # not valid when typed: say why, as when it was typed
            self._check(key, self.typed[key])

    def focus_target(self) -> Widget:
        return self.query_one("#" + _field_id(self.focus_key)) if self.focus_key else self.query("Input").first()

    def focus_hit(self, key: str, line: int, column: int, length: int) -> None:
        """Put the cursor on a search hit in the field ``key``."""
        widget = self.query_one("#" + _field_id(key))
        widget.focus()
        if isinstance(widget, TextArea):
            from textual.widgets.text_area import Selection

            widget.selection = Selection((line, column), (line, column + length))
        elif isinstance(widget, Input):
            widget.cursor_position = column

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _changed(self, event: Input.Changed | TextArea.Changed) -> None:
        widget = event.input if isinstance(event, Input.Changed) else event.text_area
        if isinstance(widget, DetailInput):
            key, value = widget.key, widget.value
        elif isinstance(widget, DetailArea):
            key, value = widget.key, widget.text
        else:
            return
        if self._check(key, value):
            self._schedule_save()

    def _check(self, key: str, value: str) -> bool:
        """Put ``value`` into the report if it is valid (True); if not, say why and keep it in
        :attr:`typed` (the journal has it, never rapport.yaml)."""
        problems = set_head_value(self.report, key, value)
        error = self.query_one("#" + _field_id(key) + "-fel", Static)
        if problems:
            self.invalid[key] = problems[0].message
            self.typed[key] = value
            error.update(Text(f"{problems[0].message} (sparas inte förrän det stämmer; Ctrl+Z ångrar)", style="red"))
            return False
        self.invalid.pop(key, None)
        self.typed.pop(key, None)
        error.update("")
        return True

    def _schedule_save(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SAVE_AFTER, self.save)

    def action_close(self) -> None:
        if self.invalid:
            key, message = next(iter(self.invalid.items()))
            self.notify(f"{message}. Rätta eller töm fältet (Ctrl+Z ångrar) innan du stänger.",
                        severity="warning", timeout=8)
            self.query_one("#" + _field_id(key)).focus()
            return
        if self._timer is not None:
            self._timer.stop()
        self.save()
        self.dismiss(None)
