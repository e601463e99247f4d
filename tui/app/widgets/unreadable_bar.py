"""A bar naming the report's files that cannot be read, with file, line and what is wrong. Like
the change bar it never takes focus or keystrokes: the writer goes on in the other sections;
F5 lists the problems and Enter goes to the file's section. One line in the top line's place,
as the undo and change bars: what does not fit is cut (F5 lists it all; the tooltip shows it)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import Static

from tui.app.widgets.change_bar import show_in_top_line
from tui.core.printable import printable
from tui.core.problems import Problem

NAMED = 2  # files named in full; the rest are counted (F5 lists them all)


class UnreadableBar(Static):
    SHOWN = "-unreadable-shown"  # on the screen while shown: the top line gives way (styles.tcss)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.display = False
        self.can_focus = False

    def show(self, problems: list[Problem], base: Path) -> None:
        """Name the files (nothing to name: the bar hides)."""
        if not problems:
            show_in_top_line(self, False, self.SHOWN)
            return
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("Kan inte läsas (F5):", style="bold")
        for number, problem in enumerate(problems[:NAMED]):
            text.append(" · " if number else " ")
            text.append(f"{printable(problem.location(base))}: ", style="bold")
            text.append(printable(problem.message))
        if len(problems) > NAMED:
            text.append(f" · och {len(problems) - NAMED} till")
        text.append(". F5 visar problemen, Enter går till avsnittet; övriga avsnitt går att redigera och "
                    "filen ändras inte.", style="dim")
        self.update(text)
        self.tooltip = Text(text.plain)  # a str tooltip is markup
        show_in_top_line(self, True, self.SHOWN)
