"""A bar in the section pane naming the report's files that cannot be read, with file, line and
what is wrong. Like the change bar it never takes focus or keystrokes: the writer goes on in
the other sections; F5 lists the problems and Enter goes to the file's section."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import Static

from tui.core.printable import printable
from tui.core.problems import Problem

SHOWN = 2  # files named in full; the rest are counted (F5 lists them all)


class UnreadableBar(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.display = False
        self.can_focus = False

    def show(self, problems: list[Problem], base: Path) -> None:
        """Name the files (nothing to name: the bar hides)."""
        if not problems:
            self.display = False
            return
        text = Text()
        text.append("Kan inte läsas", style="bold")
        text.append(" (övriga avsnitt går att redigera; filen ändras inte):")
        for problem in problems[:SHOWN]:
            text.append(f"\n {printable(problem.location(base))}: ", style="bold")
            text.append(printable(problem.message))
        if len(problems) > SHOWN:
            text.append(f"\n … och {len(problems) - SHOWN} till")
        text.append("\nF5 visar problemen; Enter går till avsnittet.", style="dim")
        self.update(text)
        self.display = True
