"""Keys as Swedish writers read them, and the bindings active where the writer is.

The help screen (F1) lists exactly what :func:`active_keys` finds in the app's binding chain,
so a key changed in a ``BINDINGS`` list changes the help with it: one source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

_NAMES = {
    "ctrl": "Ctrl", "shift": "Skift", "alt": "Alt", "escape": "Esc", "enter": "Enter", "tab": "Tab",
    "delete": "Delete", "insert": "Insert", "backspace": "Backspace", "up": "↑", "down": "↓",
    "left": "←", "right": "→", "home": "Home", "end": "End", "pageup": "PgUp", "pagedown": "PgDn",
    "space": "Mellanslag",
}

# Textual's own keys in the text fields, by action, in Swedish. Only these of a widget's
# built-in bindings are shown (the cursor keys need no help).
BUILTIN_ACTIONS = {
    "undo": "Ångra", "redo": "Gör om", "cut": "Klipp ut", "copy": "Kopiera", "paste": "Klistra in",
    "select_all": "Markera allt", "delete_word_left": "Ta bort ordet till vänster",
    "delete_line": "Ta bort raden", "cursor_word_left": "Ett ord åt vänster",
    "cursor_word_right": "Ett ord åt höger",
}


def key_label(keys: str) -> str:
    """``ctrl+shift+f3,f4`` → ``Ctrl+Skift+F3 / F4``."""
    shown = []
    for key in keys.split(","):
        parts = key.strip().split("+")
        shown.append("+".join(_NAMES.get(p, p.upper() if len(p) <= 3 else p.capitalize()) for p in parts))
    return " / ".join(shown)


@dataclass(frozen=True)
class KeyHelp:
    keys: str  # as shown, e.g. "Ctrl+F"
    description: str
    where: str  # "Appen", "Redigeraren", the widget's name …


# Actions that pass the key on when they have nothing to do (F3 is the history without a search).
FALLS_THROUGH = frozenset({"next_hit", "previous_hit"})


def _describe(binding: Binding) -> str | None:
    if binding.id:  # the project's own bindings carry ids and Swedish descriptions
        return binding.tooltip or binding.description or None
    if "(" in binding.action:  # the selecting variants of the cursor keys
        return None
    return BUILTIN_ACTIONS.get(binding.action)


def _place(node: object) -> str:
    if isinstance(node, App):
        return "Överallt"
    if isinstance(node, Screen):
        return "Skärmen"
    return {"AnswerEditor": "Textfältet", "MarkdownArea": "Textfältet", "InsatsTable": "Insatstabellen",
            "Outline": "Avsnittsträdet"}.get(type(node).__name__, "Fältet")


def active_keys(app: App[object], screen: Screen[Any] | None = None) -> list[KeyHelp]:
    """The keys that work on ``screen`` (default: the current one), as Textual resolves them:
    the app's priority bindings first, then from the focused widget up to the app; a key
    shadowed by an earlier binding is left out. Keys of one binding are shown together."""
    chain = (screen or app.screen)._binding_chain  # focus first, app last
    ordered = [(node, key, b) for node, bindings in reversed(chain)
               for key, group in bindings.key_to_bindings.items() for b in group if b.priority]
    ordered += [(node, key, b) for node, bindings in chain
                for key, group in bindings.key_to_bindings.items() for b in group if not b.priority]
    seen: set[str] = set()
    winners: dict[tuple[int, str, str], tuple[object, Binding, list[str]]] = {}
    for node, key, binding in ordered:
        if key in seen:
            continue
        if binding.action.split(".")[-1] not in FALLS_THROUGH:
            seen.add(key)
        if _describe(binding) is None:
            continue
        group = (id(node), binding.action, binding.description)  # Textual splits "a,b" into two
        winners.setdefault(group, (node, binding, []))[2].append(key)
    return [KeyHelp(key_label(",".join(keys)), _describe(binding) or "", _place(node))
            for node, binding, keys in winners.values()]
