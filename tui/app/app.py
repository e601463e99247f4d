"""The Textual app: Swedish throughout, light and dark, quitting saves."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen

from tui import startup
from tui.app import crash, keys, swedish
from tui.app.commands import ReportCommands
from tui.app.early_keys import EarlyKeys
from tui.app.screens.editor import EditorScreen
from tui.app.session import EditorSession
from tui.app.writer_tools import WriterTools

swedish.install()


class QuitWithChange(Enum):
    TAKE_THEIRS = "las_in"
    KEEP_MINE = "behall"


class AterrapportApp(WriterTools, App[None]):
    CSS_PATH = "styles.tcss"
    TITLE = "återrapport"
    COMMANDS: ClassVar = {ReportCommands}
    BINDINGS: ClassVar[list[BindingType]] = [keys.QUIT, keys.PALETTE, *keys.WRITER]

    def __init__(self, folder: Path | None = None, *, session: EditorSession | None = None) -> None:
        super().__init__()
        self.folder = folder
        self.session = session
        self.editor: EditorScreen | None = None
        self.crash_message: str | None = None
        # Keys typed while the report opens wait for the answer's focus (see early_keys.py).
        self.early_keys = EarlyKeys(self, holding=folder is not None)
        self.first_frame_shown = False

    def on_mount(self) -> None:
        self.call_after_refresh(startup.started)  # the first screen is up: collect as usual
        if self.folder is None:
            from tui.app.screens.start import StartScreen

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
        self.early_keys.hold()
        self.editor = EditorScreen(self.session, self.early_keys)
        self.push_screen(self.editor)

    def on_ready(self) -> None:
        """The first frame is on the terminal: the editor's work in threads may start."""
        self.first_frame_shown = True
        if self.editor is not None and self.editor.is_mounted:
            self.editor.after_first_screen()

    def on_editor_screen_first_screen(self, _message: EditorScreen.FirstScreen) -> None:
        if self.folder is not None:
            self.start_spelling(self.folder)  # the dictionary loads while the writer starts

    async def on_event(self, event: events.Event) -> None:
        if self.early_keys.keep(event):
            return
        await super().on_event(event)

    # Swedish replacements for Textual's own palette texts, key names and system commands.
    def action_command_palette(self) -> None:
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):  # = CommandPalette.is_open
            self.push_screen(swedish.SwedishCommandPalette(id="--command-palette",
                                                           placeholder="Sök kommando eller avsnitt …"))

    def get_key_display(self, binding: Binding) -> str:
        if binding.key_display:
            return binding.key_display
        *modifiers, key = binding.key.split("+")
        name = swedish.KEY_NAMES.get(key) or (key.upper() if key[:1] == "f" and key[1:].isdigit() else None)
        if name is None:
            return super().get_key_display(binding).replace("shift+", "Skift+")
        return "+".join([*(swedish.MODIFIERS.get(m, m) for m in modifiers), name])

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        dark = self.theme != "textual-light"
        yield SystemCommand("Ljust tema" if dark else "Mörkt tema", "Byt färgtema",
                            lambda: setattr(self, "theme", "textual-light" if dark else "textual-dark"))
        yield SystemCommand("Avsluta", "Spara och avsluta (Ctrl+Q)", self.action_quit)

    async def action_quit(self) -> None:
        """Ctrl+Q keeps everything typed: an open row form becomes its row, typed text is
        saved, and a file changed on disk is settled (the side not kept goes to a backup)."""
        editor = self.editor
        if editor is None:
            self.exit()
            return
        if not editor.rows.save_open_form():
            return  # the report refused the row; the form stays open with a message
        if editor.flush():
            self.exit()
            return
        if editor.changes.pending:
            from tui.app.screens.dialogs import Choice, ChoiceDialog

            self.push_screen(ChoiceDialog(
                "Filer har ändrats utanför appen",
                "Innan appen avslutas: läs in den nya versionen (dina ändringar förs över eller sparas i en "
                "säkerhetskopia) eller behåll din version (den andra sparas i en säkerhetskopia)?",
                [Choice(QuitWithChange.TAKE_THEIRS, "Läs in och avsluta", "las_in"),
                 Choice(QuitWithChange.KEEP_MINE, "Behåll min och avsluta", "behall")],
                default="las_in"), self._quit_after_choice)

    def _quit_after_choice(self, choice: QuitWithChange | None) -> None:
        editor = self.editor
        if choice is None or editor is None:
            return
        messages = editor.changes.resolve(keep=choice is QuitWithChange.KEEP_MINE)
        if editor.flush():
            self.exit(message="\n".join(messages) or None)

    def exit(self, *args: Any, **kwargs: Any) -> None:
        """Every way out writes the journal a last time (removed when everything is saved)."""
        if self.editor is not None:
            self.editor.close_journal()
        super().exit(*args, **kwargs)

    def _handle_exception(self, error: Exception) -> None:
        """Textual would print a Rich traceback; the writer gets Swedish, and the text is kept."""
        super()._handle_exception(error)
        details = crash.write_details(error)
        self.crash_message = crash.message(details, crash.keep_text(self.session))
        self._exit_renderables[:] = [Text(self.crash_message)]
