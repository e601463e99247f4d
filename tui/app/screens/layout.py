"""The editor's layout, shared by the editor screen and the first screen (which shows the same
before the report's models are loaded, so that nothing moves when the editor takes its place)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Container, Horizontal
from textual.widget import Widget
from textual.widgets import Static

from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.outline import Outline
from tui.app.widgets.status_bar import StatusBar


def top_bar(region: str, template_title: str, year: object, folder: Path) -> Static:
    top = Text()
    top.append(f" {region}", style="bold")
    top.append(f" · {template_title} · år {year} · ", style="")
    top.append(folder.resolve().name, style="dim")
    return Static(top, id="topbar")


def editor_layout(top: Static, outline: Outline, section: Widget | None = None,
                  status: StatusBar | None = None, *, bars: bool = True) -> ComposeResult:
    """Inside a screen's ``compose``: the top bar, the outline, the section (the editor mounts
    its own later), the status and key bars. ``bars``: the undo, change and unreadable bars,
    hidden until needed (the first screen, which never shows them, mounts none)."""
    yield top
    if bars:
        from tui.app.widgets.change_bar import ChangeBar
        from tui.app.widgets.undo_bar import UndoBar
        from tui.app.widgets.unreadable_bar import UnreadableBar

        # One line each, in the top line's place while shown (styles.tcss): the section keeps
        # its room at 80×24.
        yield UndoBar(id="undo-bar")
        yield ChangeBar(id="change-bar")
        yield UnreadableBar(id="unreadable-bar")
    with Horizontal(id="main"):
        yield outline
        with Container(id="right-pane"):
            yield Container(*([] if section is None else [section]), id="right")
    yield StatusBar(id="status") if status is None else status
    yield KeyBar()
