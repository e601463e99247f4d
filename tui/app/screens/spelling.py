"""F7: the current section's unknown words with the dictionary's suggestions; replace a word,
or add it to the report's word list (ordlista.txt, in git, shared by every writer)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


@dataclass(frozen=True)
class Unknown:
    word: str
    where: str  # "Svar, rad 3" or "Insatser 2: Namn"
    field: str  # the field key (an AnswerEditor's key) or "" for a table cell
    line: int  # within the answer or the cell
    column: int
    suggestions: tuple[str, ...]
    cell: tuple[str, int, str] | None = None  # a table cell's (table key, row index, column key)


Suggest = Callable[[list[str]], dict[str, tuple[str, ...]]]
FIRST_ASKED = 3  # words asked for first, so the top of the list gets its suggestions soonest


class SpellScreen(ModalScreen[None]):
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "back", "Tillbaka / stäng", id="stava.stang"),
        Binding("f7", "back", "Stäng", id="stava.f7", show=False),
    ]

    def __init__(self, title: str, find: Callable[[], list[Unknown]], replace: Callable[[Unknown, str], None],
                 add: Callable[[str], None], suggest: Suggest | None = None) -> None:
        """``find`` lists the unknown words at once; ``suggest`` (slow: Hunspell takes 0.1-0.3 s
        a word) is asked in a worker thread and the suggestions are shown as they arrive."""
        super().__init__()
        self.title_text = title
        self.find = find
        self.replace = replace
        self.add = add
        self.suggest = suggest
        self.suggestions: dict[str, tuple[str, ...]] = {}  # word -> suggestions that arrived
        self.unknown: list[Unknown] = []
        self.chosen: Unknown | None = None

    @property
    def waiting(self) -> list[str]:
        """Words listed whose suggestions have not arrived yet."""
        if self.suggest is None:
            return []
        return list(dict.fromkeys(u.word for u in self.unknown if u.word not in self.suggestions))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide tall", id="spelling"):
            yield Static("", id="spell-title", classes="dialog-title")
            yield OptionList(id="spell-words")
            yield Static("", id="spell-word")
            yield OptionList(id="spell-actions")
            yield Static("Enter: välj · Esc: tillbaka / stäng · ordlistan: ordlista.txt i rapportmappen",
                         classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#spell-actions", OptionList).display = False
        self._refresh_words()

    def _refresh_words(self) -> None:
        self.unknown = [self._with_suggestions(u) for u in self.find()]
        self._show_words()
        self.query_one("#spell-word", Static).update("")
        self.query_one("#spell-actions", OptionList).display = False
        words = self.query_one("#spell-words", OptionList)
        words.focus()
        if self.unknown:
            words.highlighted = 0
        waiting = self.waiting
        if waiting:
            self._ask(self.app, waiting)

    def _with_suggestions(self, unknown: Unknown) -> Unknown:
        found = self.suggestions.get(unknown.word)
        return unknown if found is None else replace(unknown, suggestions=found)

    @work(thread=True, exclusive=True, group="suggestions")
    def _ask(self, app: App[object], words: list[str]) -> None:
        # ``app`` from the app's thread: this screen may be closed before the worker ends.
        assert self.suggest is not None
        for batch in (words[:FIRST_ASKED], words[FIRST_ASKED:]):
            if batch:
                app.call_from_thread(self._arrived, self.suggest(batch))

    def _arrived(self, found: dict[str, tuple[str, ...]]) -> None:
        if not self.is_attached:
            return  # closed meanwhile
        self.suggestions.update(found)
        self.unknown = [self._with_suggestions(u) for u in self.unknown]
        words = self.query_one("#spell-words", OptionList)
        highlighted = words.highlighted
        self._show_words()
        words.highlighted = highlighted
        if self.chosen is not None and self.chosen.word in found:
            self._show_actions(self._with_suggestions(self.chosen))

    def _show_words(self) -> None:
        words = self.query_one("#spell-words", OptionList)
        words.clear_options()
        distinct = len({u.word for u in self.unknown})
        title = Text(f"Stavning: {self.title_text}", style="bold")
        title.append(f" · {distinct} okända ord" if self.unknown else " · inga okända ord",
                     style="yellow" if self.unknown else "green")
        self.query_one("#spell-title", Static).update(title)
        for number, unknown in enumerate(self.unknown):
            label = Text(unknown.word, style="bold red")
            label.append(f"  {unknown.where}", style="dim")
            if unknown.suggestions:
                label.append(f"  → {', '.join(unknown.suggestions[:3])}")
            elif unknown.word not in self.suggestions and self.suggest is not None:
                label.append("  → …", style="dim")
            words.add_option(Option(label, id=str(number)))
        if not self.unknown:
            words.add_option(Option(Text("Alla ord är kända.", style="green"), disabled=True))

    @on(OptionList.OptionSelected, "#spell-words")
    def _word_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is None:
            return
        self._show_actions(self.unknown[int(event.option.id)])
        actions = self.query_one("#spell-actions", OptionList)
        actions.focus()
        actions.action_first()

    def _show_actions(self, unknown: Unknown) -> None:
        """The word's actions; shown again when its suggestions arrive (the highlight kept)."""
        self.chosen = unknown
        actions = self.query_one("#spell-actions", OptionList)
        kept = None  # the action the writer is on stays highlighted (Enter must not change its meaning)
        if actions.display and actions.highlighted is not None:
            kept = actions.get_option_at_index(actions.highlighted).id
        actions.clear_options()
        for suggestion in unknown.suggestions:
            actions.add_option(Option(Text(f"Ersätt med «{suggestion}»"), id=f"ersatt:{suggestion}"))
        if unknown.word not in self.suggestions and self.suggest is not None:
            actions.add_option(Option(Text("Förslagen hämtas …", style="dim"), disabled=True))
        actions.add_option(Option(f"Lägg till «{unknown.word}» i ordlistan", id="lagg_till"))
        actions.add_option(Option("Tillbaka till orden", id="tillbaka"))
        self.query_one("#spell-word", Static).update(Text.assemble(("«" + unknown.word + "»", "bold red"),
                                                                   f" {unknown.where}"))
        actions.display = True
        if kept is not None:
            actions.highlighted = actions.get_option_index(kept)

    @on(OptionList.OptionSelected, "#spell-actions")
    def _action_chosen(self, event: OptionList.OptionSelected) -> None:
        unknown, action = self.chosen, event.option.id or ""
        if unknown is None:
            return
        if action.startswith("ersatt:"):
            self.replace(unknown, action.removeprefix("ersatt:"))
        elif action == "lagg_till":
            self.add(unknown.word)
        self.chosen = None
        self._refresh_words()

    def action_back(self) -> None:
        if self.chosen is not None:
            self.chosen = None
            self.query_one("#spell-actions", OptionList).display = False
            self.query_one("#spell-word", Static).update("")
            self.query_one("#spell-words", OptionList).focus()
            return
        self.dismiss(None)
