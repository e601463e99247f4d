"""The footer: the keys of the moment on one line, quit and help always first, never a key
cut in half (Textual's Footer cuts off Ctrl+Q at 80 columns and leaves stray letters)."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

# Shown first, in this order, whatever else is bound: quit, then help (F1; the help lists the
# command palette, Ctrl+P, which is shown here only where there is no F1).
FIRST = ("ctrl+q", "f1", "ctrl+p")
INSTEAD_OF_HELP = "ctrl+p"
GAP = "  "


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar { height: 1; background: $panel; color: $text-muted; }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen[object]) -> None:
        self.refresh()

    def shown(self) -> list[tuple[Binding, bool]]:
        """The bindings to show, most important first."""
        active = [(key, b.binding, b.enabled) for key, b in self.screen.active_bindings.items()]
        if any(key == "f1" for key, _b, _e in active):
            active = [item for item in active if item[0] != INSTEAD_OF_HELP]
        first = [(b, enabled) for name in FIRST for key, b, enabled in active if key == name]
        rest = [(b, enabled) for key, b, enabled in active if b.show and key not in FIRST]
        # The focused widget's own keys (the table's a/Enter/Delete) before the screen's F-keys.
        rest.sort(key=lambda item: item[0].priority)
        seen: set[str] = set()
        out: list[tuple[Binding, bool]] = []
        for binding, enabled in first + rest:
            if binding.action not in seen:
                seen.add(binding.action)
                out.append((binding, enabled))
        return out

    def render(self) -> Text:
        width = self.size.width or 80
        line = Text(no_wrap=True, overflow="crop")
        for binding, enabled in self.shown():
            item = Text()
            item.append(self.app.get_key_display(binding), style="bold reverse" if enabled else "dim reverse")
            item.append(f" {binding.description}", style="" if enabled else "dim")
            needed = item.cell_len + (len(GAP) if line else 0)
            if line.cell_len + needed > width:
                break
            if line:
                line.append(GAP)
            line.append_text(item)
        return line
