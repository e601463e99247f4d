"""The Textual app: Swedish throughout, light and dark, quitting saves."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen

from tui.app.commands import ReportCommands
from tui.app.screens.editor import EditorScreen
from tui.app.screens.start import StartScreen
from tui.app.session import EditorSession


class AterrapportApp(App[None]):
    CSS_PATH = "styles.tcss"
    TITLE = "återrapport"
    COMMANDS: ClassVar = {ReportCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Avsluta", id="app.avsluta", priority=True),
        Binding("ctrl+p", "command_palette", "Kommandon", id="app.kommandon", priority=True, show=False),
    ]

    def __init__(self, folder: Path | None = None, *, session: EditorSession | None = None) -> None:
        super().__init__()
        self.folder = folder
        self.session = session
        self.editor: EditorScreen | None = None

    def on_mount(self) -> None:
        if self.folder is None:
            self.push_screen(StartScreen(), self._open)
        else:
            self._open(self.folder)

    def _open(self, folder: Path | None) -> None:
        if folder is None:
            self.exit()
            return
        if self.session is None or self.folder != folder:
            self.session = EditorSession.open(folder)
        self.folder = folder
        self.editor = EditorScreen(self.session)
        self.push_screen(self.editor)

    # Swedish replacements for Textual's own palette texts and system commands.
    def action_command_palette(self) -> None:
        # is_open takes App[object], but App is invariant in its return type (a Textual typing slip).
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(id="--command-palette", placeholder="Sök kommando eller avsnitt …"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        dark = self.theme != "textual-light"
        yield SystemCommand("Ljust tema" if dark else "Mörkt tema", "Byt färgtema",
                            lambda: setattr(self, "theme", "textual-light" if dark else "textual-dark"))
        yield SystemCommand("Avsluta", "Spara och avsluta (Ctrl+Q)", self.action_quit)

    async def action_quit(self) -> None:
        if self.editor is not None and not self.editor.flush():
            return  # a conflict dialog is open; the writer decides first
        self.exit()
