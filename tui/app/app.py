"""The Textual app: Swedish throughout, light and dark, quitting saves."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.screen import Screen

from tui import startup
from tui.app import keys, rich_text, swedish
from tui.app.commands import ReportCommands
from tui.app.early_keys import EarlyKeys, KeyHandled
from tui.app.writer_tools import WriterTools
from tui.core.problems import AterrapportError

if TYPE_CHECKING:  # loaded after the first screen (see first_view.py)
    from tui.app.first_view import FirstView
    from tui.app.screens.editor import EditorScreen
    from tui.app.session import EditorSession

swedish.install()
rich_text.install()  # each Text made without a pass over its characters (typing in long answers)

SETTLE_SECONDS = 2.0
FIRST_FRAME_WRITE_SECONDS = 0.05


class QuitWithChange(Enum):
    TAKE_THEIRS = "las_in"
    KEEP_MINE = "behall"


class AterrapportApp(WriterTools, App[None]):
    CSS_PATH = "styles.tcss"
    TITLE = "återrapport"
    COMMANDS: ClassVar = {ReportCommands}
    BINDINGS: ClassVar[list[BindingType]] = [keys.QUIT, keys.PALETTE, *keys.WRITER]

    def __init__(self, folder: Path | None = None, *, session: EditorSession | None = None,
                 first: FirstView | None = None) -> None:
        """``first``: the report's first screen from plain data, shown while the session is
        opened (in a thread, after that screen is on the terminal); else ``session`` is open."""
        super().__init__()
        self.folder = folder
        self.session = session
        self.first = first if session is None else None
        self.open_error: AterrapportError | None = None  # the report could not be opened: for the shell
        self._settling = False  # the editor takes the first screen's place (see _opened)
        self.editor: EditorScreen | None = None
        self.crash_message: str | None = None
        # Keys typed while the report opens wait for the answer's focus (see early_keys.py).
        self.early_keys = EarlyKeys(self, holding=folder is not None)
        self.first_frame_shown = False

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every notification is literal text, whatever ``markup`` says (Textual's ``Widget.notify``
        passes True): they quote file names, YAML values and git's output from a report folder,
        where ``[@click=app.quit]`` would be a clickable action and a stray ``[`` a MarkupError.
        The app's own notifications carry no markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def on_mount(self) -> None:
        if self.first is None:
            self.call_after_refresh(startup.started)  # the first screen is up: collect as usual
        if self.folder is None:
            from tui.app.screens.start import StartScreen

            self.push_screen(StartScreen(), self._open)
        elif self.first is None:
            self._open(self.folder)

    def get_default_screen(self) -> Screen:
        """The first screen is the app's default screen: an empty screen mounted under it, then
        the push, cost ~57M instructions before the first frame (callgrind)."""
        if self.first is not None and self.folder is not None:
            from tui.app.screens.first import FirstScreen

            return FirstScreen(self.first)
        return super().get_default_screen()

    def _open(self, folder: Path | None) -> None:
        if folder is None:
            self.exit()
            return
        from tui.app.screens.editor import EditorScreen
        from tui.app.session import EditorSession

        if self.session is None or self.folder != folder:
            self.session = EditorSession.open(folder)
        self.folder = folder
        self.early_keys.hold()
        self.editor = EditorScreen(self.session, self.early_keys)
        self.push_screen(self.editor)

    def on_ready(self) -> None:
        """The first frame is on the terminal: the editor's work in threads may start."""
        self.first_frame_shown = True
        startup.resume()  # paused by run_app
        if self.first is not None and self.folder is not None:
            # Textual's writer thread is still sending the frame to the terminal: a thread that
            # loads modules right away takes Python's lock from it, and the frame arrived 10–45 ms
            # later in the same-run benchmark (the keys typed meanwhile wait either way).
            self.set_timer(FIRST_FRAME_WRITE_SECONDS,
                           partial(self.run_worker, partial(self._open_session, self.folder), thread=True,
                                   group="open"))
        elif self.editor is not None and self.editor.is_mounted:
            self.editor.after_first_screen()

    def _open_session(self, folder: Path) -> None:
        """In a thread, while the first screen shows: load the models and the editor's modules
        and open the report (lazily, as `aterrapport edit` does), then hand over to the editor."""
        from tui.app.screens import editor  # noqa: F401  (its modules load here, not on the app's thread)
        from tui.app.session import EditorSession

        first = self.first
        try:
            session = EditorSession.open(folder, lazy=True)
        except AterrapportError as exc:
            self.call_from_thread(self.call_later, self._unopenable, exc)
            return
        # Through the app's queue: the editor screen then starts in the app's own context (a
        # callback from a thread runs in a copy of the thread's).
        self.call_from_thread(self.call_later, self._opened, session)
        if first is not None:
            first.keep_read()  # the next start reads the same files without PyYAML (plain_memo.py)

    def _opened(self, session: EditorSession) -> None:
        """The editor takes the first screen's place; it shows the same, and once its answer
        has the focus the keys held meanwhile reach it."""
        from tui.app.screens.editor import EditorScreen

        self.first = None
        startup.started()  # the models are loaded (the first screen's thread loaded them): collect as usual
        self.session = session
        self.editor = EditorScreen(session, self.early_keys)
        # The editor settles over a few refreshes (its section mounted, the answer focused, the
        # outline scrolled): meanwhile the first screen stays on the terminal (see _display).
        self._settling = True
        self.early_keys.after_release(lambda: self.call_after_refresh(self._settled))
        self.set_timer(SETTLE_SECONDS, self._settled)  # never keep the terminal from the editor for long
        self.switch_screen(self.editor)

    def _settled(self) -> None:
        if self._settling:
            self._settling = False
            self.refresh()  # all of it: the terminal still shows the first screen

    def _display(self, screen: Screen, renderable: RenderableType | None) -> None:
        if not self._settling:
            super()._display(screen, renderable)

    def _unopenable(self, error: AterrapportError) -> None:
        """The full reading refused what the first screen showed: the shell gets the messages
        (as when the report is opened before the app starts)."""
        self.open_error = error
        self.exit(return_code=2)

    def on_editor_screen_first_screen(self, _message: EditorScreen.FirstScreen) -> None:
        if self.folder is not None:
            self.start_spelling(self.folder)  # the dictionary loads while the writer starts

    async def on_event(self, event: events.Event) -> None:
        """Keys typed before the focus is in place wait for it (see early_keys.py)."""
        if isinstance(event, KeyHandled):
            await self.early_keys.handled(event)
            return
        if self.early_keys.keep(event):
            return
        if self.first is not None and isinstance(event, events.MouseEvent):
            return  # the first screen only shows; the editor takes the place clicked on
        target = (self.focused or self.screen) if self.screen_stack else None
        was_forwarded = event.is_forwarded
        await super().on_event(event)
        self.early_keys.delivered(event, target, was_forwarded=was_forwarded)

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
        if editor.flush():  # with the words typed in the same read as Ctrl+Q (EditorScreen.take_typed)
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
        from tui.app import crash

        super()._handle_exception(error)
        details = crash.write_details(error)
        self.crash_message = crash.message(details, crash.keep_text(self.session))
        self._exit_renderables[:] = [Text(self.crash_message)]
