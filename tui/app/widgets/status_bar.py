"""The status line: progress, saving, git. Reactive fields; the line redraws itself."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

if TYPE_CHECKING:  # the app's first screen shows the bar before git is asked
    from tui.core.gitrepo import FolderStatus


class StatusBar(Static):
    answered: reactive[int] = reactive(0)
    done: reactive[int] = reactive(0)
    total: reactive[int] = reactive(0)
    saving: reactive[bool] = reactive(False)  # typed text waits for the autosave
    last_saved: reactive[float | None] = reactive(None)
    save_error: reactive[str | None] = reactive(None)
    in_git: reactive[bool] = reactive(True)
    git: reactive[FolderStatus | None] = reactive(None)
    counted: reactive[bool] = reactive(True)  # False on the first screen: the answers are not counted yet

    def render(self) -> Text:
        status = Text()
        answered, done = (self.answered, self.done) if self.counted else ("…", "…")
        status.append(f" Besvarade {answered} av {self.total}", style="bold")
        status.append(f" · klara {done}")
        if self.save_error:
            status.append(f" · {self.save_error}", style="bold red")
        elif self.saving:
            status.append(" · sparar …", style="yellow")
        elif self.last_saved:
            status.append(f" · sparat {time.strftime('%H:%M:%S', time.localtime(self.last_saved))}",
                          style="green")
        if not self.in_git:
            status.append(" · inte i git (F2 skapar ett förråd)", style="dim")
        elif self.git is not None:
            git = self.git
            status.append(f" · ⎇ {git.branch_label}", style="bold cyan")
            if git.conflicted:
                status.append(" · git-konflikt", style="bold red")
            elif git.dirty:
                status.append(" · ändringar som inte sparats som version (F2)", style="yellow")
            else:
                status.append(" · allt sparat som version", style="green")
        return status

    def set_progress(self, progress: tuple[int, int, int]) -> None:
        self.answered, self.done, self.total = progress
        self.counted = True
