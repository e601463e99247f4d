"""The validation panel: every problem `check` finds; choosing one jumps to it."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.core.problems import Problem


class ProblemsScreen(ModalScreen[str | None]):
    """Dismisses with the section id to jump to (or None)."""

    BINDINGS = [Binding("escape", "close", "Stäng", id="problem.stang")]  # noqa: RUF012

    def __init__(self, problems: list[Problem], base: Path, title: str = "Kontroll av rapporten",
                 file_sections: dict[Path, str] | None = None) -> None:
        super().__init__()
        # A problem of a whole file (it cannot be read) goes to the file's first section.
        self.file_sections = file_sections or {}
        # Errors first: they block rendering; warnings (unanswered sections) can wait.
        self.problems = sorted(problems, key=lambda p: not p.is_error)
        self.base = base
        self.title_text = title

    def compose(self) -> ComposeResult:
        errors = sum(1 for p in self.problems if p.is_error)
        warnings = len(self.problems) - errors
        with Vertical(classes="dialog wide tall"):
            summary = Text(f"{self.title_text}: ", style="bold")
            summary.append(f"{errors} fel", style="bold red" if errors else "green")
            summary.append(f", {warnings} varningar", style="yellow" if warnings else "green")
            yield Static(summary, classes="dialog-title")
            options = OptionList(id="problem-list")
            for problem in self.problems:
                line = Text()
                line.append("fel " if problem.is_error else "varning ",
                            style="bold red" if problem.is_error else "yellow")
                if problem.section:
                    line.append(f"{problem.section} ", style="bold")
                line.append(problem.message)
                line.append(f"\n   {problem.location(self.base)}", style="dim")
                options.add_option(Option(line, id=str(len(options.options))))
            if not self.problems:
                options.add_option(Option(Text("Inga problem hittades.", style="green"), disabled=True))
            yield options
            yield Static("Enter: gå till avsnittet · Esc: stäng", classes="dialog-help")

    def on_mount(self) -> None:
        if self.problems:
            self.query_one("#problem-list", OptionList).highlighted = 0  # Enter goes to the first at once

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        problem = self.problems[event.option_index]
        self.dismiss(problem.section or self.file_sections.get(problem.file))

    def action_close(self) -> None:
        self.dismiss(None)
