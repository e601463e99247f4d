"""Ctrl+F: search the whole report; the hits listed by section with their line; Enter jumps."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.early_keys import TakesFocus
from tui.core.search import DETAILS, Hit, SearchIndex

SHOWN = 400  # hits listed; the count says when there are more
CONTEXT = 34  # characters shown before the hit


def hit_line(hit: Hit, width: int = 90) -> Text:
    """The hit's line, cut around the hit, with the hit highlighted."""
    line = hit.line_text
    start = max(0, hit.column - CONTEXT)
    end = min(len(line), start + width)
    shown = Text("…" if start else "", style="dim")
    shown.append(line[start:hit.column].replace("\t", " "))
    shown.append(line[hit.column:hit.column + hit.length], style="bold reverse")
    shown.append(line[hit.column + hit.length:end].replace("\t", " "))
    if end < len(line):
        shown.append("…", style="dim")
    return shown


class SearchScreen(TakesFocus, ModalScreen[int | None]):
    """Dismisses with the index of the chosen hit in :attr:`hits` (or None)."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "close", "Stäng", id="sok.stang"),
        Binding("down", "to_list", "Till träffarna", id="sok.till_listan", show=False),
    ]

    def __init__(self, index: SearchIndex, titles: dict[str, str], query: str = "") -> None:
        super().__init__()
        self.index = index
        self.titles = titles  # section id -> "1.2.1 Innovation"
        self.query_text = query
        self.hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide tall", id="search"):
            yield Static("Sök i hela rapporten", classes="dialog-title")
            yield Input(self.query_text, placeholder="Sök ord i svar, tabeller och uppgifter …", id="search-input")
            yield Static("", id="search-count")
            yield OptionList(id="search-hits")
            yield Static("Enter: gå till träffen · ↓: träfflistan · F3 / Shift+F3: nästa / förra träffen "
                         "efteråt · Esc: stäng", classes="dialog-help")

    def on_mount(self) -> None:
        self._show(self.query_text)

    def focus_target(self) -> Widget:
        return self.query_one(Input)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        self._show(event.value)

    def _show(self, query: str) -> None:
        self.query_text = query
        self.hits = self.index.search(query)
        hits_list = self.query_one(OptionList)
        hits_list.clear_options()
        options: list[Option] = []
        current = None
        for number, hit in enumerate(self.hits[:SHOWN]):
            section = hit.place.section
            if section != current:
                current = section
                title = self.titles.get(section, section) if section != DETAILS else "Rapportens uppgifter"
                options.append(Option(Text(title, style="bold"), disabled=True))
            label = Text(f"  {hit.place.label}, rad {hit.line + 1}: ", style="dim")
            label.append_text(hit_line(hit))
            options.append(Option(label, id=str(number)))
        hits_list.add_options(options)
        sections = len({h.place.section for h in self.hits})
        count = self.query_one("#search-count", Static)
        if not query.strip():
            count.update(Text("Skriv för att söka; stora och små bokstäver och accenter spelar ingen roll "
                              "(hallbar hittar hållbar).", style="dim"))
        elif not self.hits:
            count.update(Text("Inga träffar.", style="yellow"))
        else:
            more = f" (de första {SHOWN} visas)" if len(self.hits) > SHOWN else ""
            count.update(f"{len(self.hits)} träffar i {sections} avsnitt{more}")

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        if self.hits:
            self.dismiss(0)

    @on(OptionList.OptionSelected, "#search-hits")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(int(event.option.id))

    def action_to_list(self) -> None:
        hits_list = self.query_one(OptionList)
        if self.hits and not hits_list.has_focus:
            hits_list.focus()
            if hits_list.highlighted is None:
                hits_list.action_first()

    def action_close(self) -> None:
        self.dismiss(None)
