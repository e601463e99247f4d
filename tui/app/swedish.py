"""Swedish for the texts Textual itself shows: footer labels of its widgets, key names, the
command palette's "No matches found"."""

from __future__ import annotations

import dataclasses

from rich.align import Align
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette
from textual.dom import DOMNode
from textual.widgets._select import SelectOverlay
from textual.widgets.option_list import Option

# Textual's own bindings the footer can show, by class and action.
FOOTER_LABELS: dict[type[DOMNode], dict[str, str]] = {
    SelectOverlay: {"dismiss": "Stäng listan"},
    CommandPalette: {"escape": "Stäng"},
}

KEY_NAMES = {"delete": "Delete", "escape": "Esc", "enter": "Enter", "insert": "Insert", "space": "Mellanslag",
             "backspace": "Backsteg", "tab": "Tab"}

MODIFIERS = {"shift": "Skift", "ctrl": "Ctrl", "alt": "Alt"}

NO_MATCHES = "Inga träffar"


def _translated(bindings: list[BindingType], labels: dict[str, str]) -> list[BindingType]:
    out: list[BindingType] = []
    for binding in bindings:
        if isinstance(binding, Binding) and binding.action in labels:
            binding = dataclasses.replace(binding, description=labels[binding.action])
        elif isinstance(binding, tuple) and len(binding) >= 2 and binding[1] in labels:
            binding = Binding(binding[0], binding[1], labels[binding[1]])
        out.append(binding)
    return out


def install() -> None:
    """Put Swedish labels on Textual's widgets (idempotent)."""
    for cls, labels in FOOTER_LABELS.items():
        cls.BINDINGS = _translated(list(cls.__dict__.get("BINDINGS", [])), labels)
        family: list[type[DOMNode]] = [cls]
        while family:  # subclasses merged their bindings when they were defined
            member = family.pop()
            member._merged_bindings = member._merge_bindings()
            family.extend(member.__subclasses__())


class SwedishCommandPalette(CommandPalette):
    """Textual's palette, saying "Inga träffar" instead of "No matches found"."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(NO_MATCHES, style="not bold")), disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
