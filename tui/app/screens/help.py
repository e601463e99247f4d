"""F1: every key that works where the writer is (from the bindings), and the Markdown answers take."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.app.key_help import KeyHelp

# What an answer may contain (the renderer's dialect, see tui.core.render.parser), as writers type it.
MARKDOWN_HELP: tuple[tuple[str, str], ...] = (
    ("Enter", "ny rad i samma stycke"),
    ("tom rad", "nytt stycke"),
    ("- punkt", "punktlista (två blanksteg före för en underpunkt)"),
    ("1. punkt", "numrerad lista"),
    ("**fet**  *kursiv*", "fetstil, kursiv"),
    ("~~struken~~", "genomstruken text"),
    ("[text](https://…)", "länk"),
    ("text[^1] … [^1]: not", "fotnot (noten sist i svaret)"),
    ("![bildtext](bild.png)", "bild ur rapportmappen"),
    ("### Rubrik", "underrubrik i svaret"),
    ("| a | b |", "tabell (rad två: | --- | --- |)"),
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1", "close", "Stäng", id="hjalp.stang")]  # noqa: RUF012

    def __init__(self, keys: list[KeyHelp]) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide tall", id="help"):
            yield Static("Hjälp: tangenterna som gäller här (Esc stänger)", classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Static(self._keys_table(), id="help-keys")
                yield Static(self._markdown_table(), id="help-markdown")

    def _keys_table(self) -> Table:
        table = Table(box=None, show_header=True, header_style="bold", expand=True, padding=(0, 1))
        table.add_column("Tangent", style="bold cyan", max_width=26)
        table.add_column("Gör", ratio=1)
        table.add_column("Var", style="dim", no_wrap=True)
        for key in self.keys:
            table.add_row(key.keys, key.description, key.where)
        return table

    def _markdown_table(self) -> Table:
        table = Table(box=None, show_header=True, header_style="bold", expand=True, padding=(0, 1),
                      title=Text("Skriva i svaren (Markdown)", style="bold"), title_justify="left")
        table.add_column("Skriv", style="cyan", no_wrap=True)
        table.add_column("Blir", ratio=1)
        for typed, result in MARKDOWN_HELP:
            table.add_row(typed, result)
        return table

    def action_close(self) -> None:
        self.dismiss(None)
