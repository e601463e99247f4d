"""The main screen: the outline on the left, the current section on the right, autosave.

Versions (F2/F3) live in screens/versions.py, the insats rows in screens/row_actions.py,
outside changes in screens/external.py, the document (F6) in screens/document.py.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.containers import Container
from textual.message import Message
from textual.screen import Screen
from textual.widget import AwaitMount
from textual.widgets import Select, TextArea, Tree

from tui.app import keys, positions, recovery
from tui.app.collector import PausedCollections
from tui.app.early_keys import EarlyKeys
from tui.app.journal import Entries, JournalWriter
from tui.app.screens import document
from tui.app.screens.external import ExternalChanges, Place
from tui.app.screens.layout import editor_layout, top_bar
from tui.app.screens.row_actions import RowEditing
from tui.app.screens.versions import Versions
from tui.app.session import EditorSession, start_section
from tui.app.widgets.answer_editor import AnswerEditor
from tui.app.widgets.change_bar import ChangeBar
from tui.app.widgets.insats_table import InsatsTable
from tui.app.widgets.outline import Outline
from tui.app.widgets.section_view import ChoiceSelect, SectionView
from tui.app.widgets.status_bar import StatusBar
from tui.app.widgets.undo_bar import UndoBar
from tui.app.widgets.unreadable_bar import UnreadableBar
from tui.core.problems import AterrapportError
from tui.core.reconcile import changed_documents
from tui.core.report import ExternalChangeError, YamlDocument
from tui.core.template import Section

TICK_SECONDS = 0.25
Placing = Callable[[SectionView], bool]  # puts the focus somewhere in the view; False: not found
POLL_SECONDS = 2.0


class EditorScreen(Screen[None]):
    BINDINGS = keys.EDITOR
    CSS_PATH = "screens.tcss"  # the bars and dialogs: not parsed before the first screen's frame

    def __init__(self, session: EditorSession, early_keys: EarlyKeys | None = None) -> None:
        super().__init__()
        self.session = session
        self.early_keys = early_keys
        self.report = session.report
        self.nav_order = [s for s in self.report.template.walk() if s.answerable or s.preamble or s.comment]
        self.current: Section = self.nav_order[0]
        self.view: SectionView | None = None
        self._saving = False
        self._progress: tuple[int, int, int] | None = None
        self._last_poll = time.monotonic()
        self._focus_pending: tuple[SectionView | None, Placing | None] | None = None  # see focus_soon
        self._typed_in: set[AnswerEditor] = set()  # word counts not shown yet
        self._last_key: float | None = None  # when the writer last typed (monotonic)
        self.collections = PausedCollections()
        self.versions = Versions(self)
        self.rows = RowEditing(self)
        self.changes = ExternalChanges(self)
        self.journal = JournalWriter(self.report.folder)
        self._journaled: Entries = {}
        self._recovered, self._recovered_in = recovery.take_journal(self.report.folder)

    # -- typed accessors ---------------------------------------------------------------------------

    @property
    def outline(self) -> Outline:
        return self.query_one(Outline)

    @property
    def status_bar(self) -> StatusBar:
        return self.query_one(StatusBar)

    @property
    def change_bar(self) -> ChangeBar:
        return self.query_one(ChangeBar)

    @property
    def unreadable_bar(self) -> UnreadableBar:
        return self.query_one(UnreadableBar)

    @property
    def undo_bar(self) -> UndoBar:
        return self.query_one(UndoBar)

    @property
    def right(self) -> Container:
        return self.query_one("#right", Container)

    # -- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        head = self.report.head
        top = top_bar(head.region if head else "?", self.report.template.title, head.ar if head else "?",
                      self.report.folder)
        yield from editor_layout(top, Outline(self.session, id="outline"))

    class FirstScreen(Message):
        """The starting section is on the screen; what can wait for it may start now."""

    async def on_mount(self) -> None:
        from tui.core.generated import set_aside_stray_temp_files

        moved = set_aside_stray_temp_files(self.report.folder)  # left by a save that was cut off
        if moved:
            self.notify("Tillfälliga filer från en avbruten sparning flyttades till "
                        f"{moved[0].parent}", title="Städat", timeout=8)
        start_id = start_section(self.report)
        start = self.report.template.section(start_id) if start_id else None
        await self.show_section(start or self.nav_order[0], focus=True)
        self.set_interval(TICK_SECONDS, self._tick)
        # Reading the other files, the check and the dictionary wait until the first frame is on
        # the terminal (the app's Ready): their threads would hold Python's lock meanwhile. Opened
        # from the start screen, that frame is long shown: they start after this one's refresh.
        if self.app_shown():
            self.call_after_refresh(self.after_first_screen)

    def app_shown(self) -> bool:
        return bool(getattr(self.app, "first_frame_shown", True))

    def after_first_screen(self) -> None:
        self.post_message(self.FirstScreen())
        if self.report.fully_loaded:
            self._loaded()
        else:
            self._read_the_rest(self.app)

    @property
    def gone(self) -> bool:
        """The screen was taken down or is being taken down (the app quits): a worker that ends
        now finds no widgets. While Textual prunes a screen, its widgets are removed before the
        screen itself is detached; a save that finished then crashed the app (NoMatches for the
        status bar). The same flags Textual's own recompose and display consult."""
        return not self.is_attached or self._pruning or self._closing or self._closed

    @work(thread=True, exclusive=True, group="load")
    def _read_the_rest(self, app: App[object]) -> None:
        # ``app`` from the app's thread: in a worker thread ``self.app`` is found through the
        # screen's parent, and a screen taken down meanwhile has none.
        documents = self.report.read_pending()
        app.call_from_thread(self._adopt, documents)

    def _adopt(self, documents: dict[str, YamlDocument]) -> None:
        self.report.adopt(documents)
        if self.gone:
            return
        current_file = self.report.document_for(self.current.id).path if self.current.answerable else None
        if current_file is not None and any(d.path == current_file for d in documents.values()):
            self.show_section(self.current, focus=True)  # it was shown as "läser in"
        self._loaded()

    def _loaded(self) -> None:
        """Everything is read: check the report, show the states, and name broken files."""
        self._progress = None
        self.session.recheck()
        self.outline.refresh_states()
        self.versions.refresh()
        self.update_status()
        if self.early_keys is not None:  # a dialog must not take the keys typed while the app opened
            self.early_keys.after_release(self._offer_recovered)
        else:
            self._offer_recovered()
        self.show_unreadable()
        # The report, the template and the app are read and stay: keep the collector from walking
        # them all again (a full collection took ~80 ms on the 2019 sample with a long answer), and
        # make its full passes in the writer's pauses (see collector.py).
        self.collections.start()

    def show_unreadable(self) -> None:
        """Name the files that cannot be read in a bar (a dialog here took the first keys typed)."""
        self.unreadable_bar.show([d.error for d in self.report.documents() if d.error is not None],
                                 self.report.folder)

    def _offer_recovered(self) -> None:
        """What the last session did and never saved (it was killed): offer it back."""
        journal, self._recovered = self._recovered, {}
        entries = recovery.differing(self.report, journal)
        if not entries:
            if self._recovered_in is not None and recovery.all_saved(self.report, journal):
                self._recovered_in.unlink(missing_ok=True)  # all in the files: nothing to keep
            return

        def answered(take_back: bool | None) -> None:
            if not take_back:
                if self._recovered_in is not None:
                    self.notify(f"Det finns kvar i {self._recovered_in}", title="Osparad text", timeout=10)
                return
            refused = recovery.take_back(self.session, entries)
            if refused:
                self.notify("\n".join(refused), title="Kunde inte tas tillbaka", severity="error", timeout=10)
            self.outline.refresh_states()
            self.update_status(recount=True)
            self.show_section(self.current, focus=True)
            self.flush(wait=False)

        self.app.push_screen(recovery.offer_dialog(self.report, entries, self._recovered_in), answered)

    def close_journal(self) -> None:
        """Write the journal one last time (empty after a full save: it is removed)."""
        self.journal.close(self.session.journal_entries())

    def on_unmount(self) -> None:
        self.close_journal()
        self.collections.stop()  # collectable again once gone (another report opened in the same process, tests)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("take_theirs", "keep_mine"):
            return self.changes.pending  # F8/F9 only while the change bar is shown
        return True

    # -- showing sections -----------------------------------------------------------------------

    def show_section(self, section: Section, *, focus: bool = False, place: Placing | None = None) -> AwaitMount:
        """Show ``section``; ``focus``: then put the focus in its first field (or where ``place``
        puts it), holding the keys typed meanwhile for it (see :meth:`focus_soon`)."""
        if section.id != self.current.id:
            self.flush()
        self.current = section
        self.undo_bar.hide()  # the notice belongs to the section left; Ctrl+Z in its table still works
        self.right.remove_children()
        self.view = SectionView(self.session, section, classes="section")
        mounted = self.right.mount(self.view)
        self.outline.select_section(section.id)
        positions.remember_section(self.report.folder, section.id)
        self.update_status()
        if focus:
            self.focus_soon(place)
        elif self._focus_pending is not None:
            self._focus_pending = None  # another section is shown without the focus: nothing waits
            self._release_keys()
        return mounted

    def focus_soon(self, place: Placing | None = None) -> None:
        """Put the focus in the shown section's first field (or where ``place`` puts it; it says
        whether it did) once the section's fields are mounted and laid out, a frame or more
        from now. The keys typed meanwhile are held for that place, as at the start: else they
        went to the field still focused (the section left, the outline after Enter) and were
        lost or landed elsewhere (see early_keys.py). Usually the fields are mounted by the next
        refresh; if not, the view's Shown message says when. Never poll for the mount: a
        callback that posts itself again runs in the screen's task without ever giving the event
        loop back, so the view's own mount never ran (the app hung)."""
        if self.early_keys is not None:
            self.early_keys.hold()
        view = self.view
        self._focus_pending = (view, place)
        self._focus_after_refresh(view)

    @property
    def focus_placed(self) -> bool:
        """No focus is still to come from :meth:`focus_soon`."""
        return self._focus_pending is None

    @on(SectionView.Shown)
    def _view_shown(self, event: SectionView.Shown) -> None:
        if self._focus_pending is not None and self._focus_pending[0] is event.view:
            self._focus_after_refresh(event.view)  # it was not mounted yet at the last refresh

    def _focus_after_refresh(self, view: SectionView | None) -> None:
        if not self.call_after_refresh(self._focus_now, view):
            self._focus_pending = None  # the screen is closing: never keep the keys
            self._release_keys()

    def _focus_now(self, view: SectionView | None) -> None:
        pending = self._focus_pending
        if pending is None or pending[0] is not view:
            return  # done already, or another section was shown meanwhile: its own focus comes
        if view is not None and view.is_attached and not view.is_mounted:
            return  # its fields are not there yet: SectionView.Shown comes
        self._focus_pending = None
        place = pending[1]
        if view is None or not view.is_attached or place is None or not place(view):
            self.focus_first()
        else:
            self._release_keys()

    def focus_first(self) -> None:
        target = self.view.first_focusable() if self.view is not None and self.view.is_attached else None
        if target is not None:
            target.focus()
            if isinstance(target, TextArea):
                target.move_cursor(target.document.end)
        else:
            self.outline.focus()
        self._release_keys()

    def _release_keys(self) -> None:
        if self.early_keys is not None and self.early_keys.holding:
            # Through the app's queue: after the focus is set and after keys already waiting there.
            self.app.call_later(self.early_keys.release)

    def after_reload(self, place: Place) -> None:
        """The model was replaced under the view: show it again, the writer where they were."""
        self._progress = None
        self.session.recheck()
        self.outline.refresh_states()
        self.show_unreadable()
        mounted = self.show_section(self.current)

        async def restore() -> None:
            await mounted
            self.changes.restore(place)

        self.call_next(restore)

    @on(Tree.NodeHighlighted, "#outline")
    def _outline_moved(self, event: Tree.NodeHighlighted[str]) -> None:
        section = self.report.template.section(event.node.data or "")
        if section is not None and section.id != self.current.id:
            self.show_section(section)

    @on(Tree.NodeSelected, "#outline")
    def _outline_chosen(self, event: Tree.NodeSelected[str]) -> None:
        self.focus_soon()

    def _jump(self, section_id: str | None) -> None:
        if section_id:
            self.go_to(section_id)

    def go_to(self, section_id: str, place: Placing | None = None) -> None:
        """Show the section with the focus in its first field, or where ``place`` puts it (a
        search hit: in the section shown already, it is not shown again)."""
        section = self.report.template.section(section_id)
        if section is None:
            return
        if place is not None and section.id == self.current.id:
            self.focus_soon(place)
        else:
            self.show_section(section, focus=True, place=place)

    def action_next_section(self) -> None:
        self._step(1)

    def action_previous_section(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        ids = [s.id for s in self.nav_order]
        index = ids.index(self.current.id) if self.current.id in ids else 0
        target = max(0, min(len(ids) - 1, index + delta))
        self.show_section(self.nav_order[target], focus=True)

    def action_focus_outline(self) -> None:
        self.outline.focus()

    # -- editing --------------------------------------------------------------------------------

    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        editor = event.text_area
        if not isinstance(editor, AnswerEditor) or editor.read_only:
            return
        was_saved = not self.session.pending
        editor.noted = editor.text
        self.session.note_text(editor.section_id, editor.key, editor.text)
        self._last_key = time.monotonic()
        self._typed_in.add(editor)  # also an undo, which is no edit()
        if was_saved:
            self.update_status()  # "sparar …"; the rest waits for the save, not every key

    @on(Select.Changed)
    def _choice_changed(self, event: Select.Changed) -> None:
        select = event.select
        if not isinstance(select, ChoiceSelect):
            return
        value = "" if event.value is Select.NULL else str(event.value)
        if value == self.report.choice(select.section_id, select.key):
            return
        self.edit(lambda: self.report.set_choice(select.section_id, select.key, value))

    def edit(self, change: Callable[[], object]) -> bool:
        """Run a model change; a refused change (row limit, broken file) becomes a message."""
        try:
            change()
        except AterrapportError as exc:
            self.app.bell()
            self.notify("\n".join(p.message for p in exc.problems), title="Går inte", severity="error", timeout=8)
            return False
        self.outline.refresh_section(self.current.id)
        self.update_status(recount=True)
        return True

    @on(InsatsTable.AddRow)
    def _add_row(self, event: InsatsTable.AddRow) -> None:
        self.rows.add(event.table)

    @on(InsatsTable.EditRow)
    def _edit_row(self, event: InsatsTable.EditRow) -> None:
        self.rows.edit(event.table, event.index)

    @on(InsatsTable.DeleteRow)
    def _delete_row(self, event: InsatsTable.DeleteRow) -> None:
        self.rows.delete(event.table, event.index)

    @on(InsatsTable.MoveRow)
    def _move_row(self, event: InsatsTable.MoveRow) -> None:
        self.rows.move(event.table, event.index, event.delta)

    def action_toggle_done(self) -> None:
        if not self.current.answerable or not self.report.editable(self.current.id):
            return
        self.flush()
        done = not self.report.is_done(self.current.id)
        if done and not self.report.has_content(self.current.id):
            self.app.bell()
            self.notify(f"{self.current.id} är obesvarat och kan inte markeras som klart. Skriv svaret först.",
                        title="Inte klart", severity="warning", timeout=6)
            return
        if self.edit(lambda: self.report.set_done(self.current.id, done)):
            self.notify(f"{self.current.id} markerat som {'klart' if done else 'inte klart'}", timeout=3)

    # -- saving ---------------------------------------------------------------------------------

    def _tick(self) -> None:
        entries = self.session.journal_entries()
        if entries != self._journaled:  # typed text, rows and choices reach the journal within a tick
            self._journaled = entries
            self.journal.submit(entries)
        # The word count follows the typing in the keystrokes' own repaints (AnswerEditor.edit);
        # the last one is shown here once the writer pauses. A repaint of its own between two keys
        # would cost a frame of the whole field, and the next key would wait for it.
        if self._typed_in and (self._last_key is None or time.monotonic() - self._last_key >= TICK_SECONDS):
            for editor in self._typed_in:
                editor.show_word_count()
            self._typed_in.clear()
        self.collections.tick(self._last_key)
        if self.changes.pending:
            return  # nothing is written until the writer has chosen (F8/F9); typing goes on
        if self.session.due():
            self.flush(wait=False)
        now = time.monotonic()
        if now - self._last_poll >= POLL_SECONDS:
            self._last_poll = now
            self._poll_disk()

    def take_typed(self) -> None:
        """Text already in an answer whose Changed message has not reached this screen yet (keys
        typed in the same read from the terminal as a key that saves or leaves: Ctrl+S, Ctrl+Q,
        F2, F6, Ctrl+N, Ctrl+T …): noted now, so the save that follows has it. Every save takes
        it (:meth:`flush`). Only text typed since the screen last heard from the field counts
        (``AnswerEditor.noted``): after a reload, a version taken back or the journal taken back
        the model is ahead of a field still shown, and that field must not overwrite it."""
        for editor in self.query(AnswerEditor):
            if not editor.read_only and editor.text != editor.noted:
                editor.noted = editor.text
                self.session.note_text(editor.section_id, editor.key, editor.text)

    def flush(self, *, wait: bool = True) -> bool:
        """Save everything. ``wait=False`` (the autosave) writes in a worker thread so typing
        never waits for YAML to be written; everything else saves before it goes on.
        Returns False when a file changed on disk and the writer must choose first."""
        self.take_typed()  # words typed in the same read as the key that saves (or leaves the field)
        if not self.session.unsaved:
            self.session.saved_up_to(self.session.applied)  # on disk, or set aside by a reconcile
            return True
        if self.changes.pending:
            return False
        if not wait:
            if not self._saving:
                self.session.apply_pending()
                self._saving = True
                self._save_in_background(self.app)
            return True
        try:
            self.session.save()  # waits for a background save through the report's lock
        except ExternalChangeError as exc:
            self.changes.notice(exc.paths)
            return False
        except OSError as exc:
            self._save_failed(exc)
            return False
        self._saved()
        return True

    @work(thread=True, group="save")
    def _save_in_background(self, app: App[object]) -> None:
        """``app`` as in :meth:`_read_the_rest`: the save reports back also after the screen went."""
        try:
            _written, upto = self.session.save_applied()
        except ExternalChangeError as exc:
            app.call_from_thread(self._changed_on_disk, exc.paths)
        except OSError as exc:
            app.call_from_thread(self._save_failed, exc)
        else:
            app.call_from_thread(self._saved, upto)
        finally:
            self._saving = False

    def _changed_on_disk(self, paths: list[Path]) -> None:
        if not self.gone:  # else the text not written stays in the journal, offered at the next start
            self.changes.notice(paths)

    def _saved(self, upto: int | None = None) -> None:
        if upto is not None:
            self.session.saved_up_to(upto)
        if self.gone:
            return
        self.status_bar.save_error = None
        self.status_bar.last_saved = time.time()
        self.outline.refresh_section(self.current.id)
        self.update_status(recount=True)

    def _save_failed(self, exc: OSError) -> None:
        if self.gone:
            return  # the text not written stays in the journal, offered at the next start
        self.status_bar.save_error = f"Kunde inte spara: {exc.strerror or exc}"
        self.notify(self.status_bar.save_error, severity="error", timeout=10)
        self.update_status()

    def action_save(self) -> None:
        if self.flush():
            self.notify("Sparat", timeout=2)
        else:
            self.explain_wait()

    def explain_wait(self) -> None:
        """Saving waits for the writer's choice in the change bar: say so when they ask to save."""
        if self.changes.pending:
            self.notify("En fil har ändrats utanför appen. Välj först F8 (läs in den nya) eller F9 (behåll din); "
                        "det du skriver finns kvar under tiden.", title="Väntar på ditt val", severity="warning",
                        timeout=6)

    def _poll_disk(self) -> None:
        if not self.report.fully_loaded or self._saving:
            return  # a file being written by our own save is no outside change
        self.versions.refresh_in_background()
        changed = changed_documents(self.report)
        if changed:
            self.changes.notice([d.path for d in changed])

    def action_take_theirs(self) -> None:
        self._resolve(keep=False)

    def action_keep_mine(self) -> None:
        self._resolve(keep=True)

    @on(ChangeBar.Chosen)
    def _bar_chosen(self, event: ChangeBar.Chosen) -> None:
        self._resolve(keep=event.keep_mine)

    def _resolve(self, *, keep: bool) -> None:
        if not self.changes.pending:
            return
        messages = self.changes.resolve(keep=keep)
        self.notify("\n".join(messages) or "Den nya versionen är inläst.", title="Filer ändrade", timeout=10)

    # -- panels -----------------------------------------------------------------------------------

    def action_preview(self) -> None:
        self.take_typed()
        self.session.apply_pending()
        from tui.app.screens.preview import PreviewScreen  # Rich's Markdown: only when asked for
        from tui.core.render.export_markdown import export_section

        self.app.push_screen(PreviewScreen(export_section(self.report, self.current)))

    def action_problems(self) -> None:
        saved = self.flush()
        problems = self.session.recheck()
        self.outline.refresh_states()
        if saved:
            problems = self.session.located_on_disk(problems)
        from tui.app.screens.problems import ProblemsScreen

        files = {self.report.document_for(s.id).path: s.id for s in reversed(self.report.template.answerable())}
        self.app.push_screen(ProblemsScreen(problems, self.report.folder, file_sections=files), self._jump)

    def action_save_version(self) -> None:
        self.versions.save_version()

    def action_history(self) -> None:
        self.versions.history()

    def action_render_docx(self) -> None:
        document.render_docx(self)

    # -- status -----------------------------------------------------------------------------------

    def update_status(self, *, recount: bool = False) -> None:
        # Counting walks every answer; do it when answers change, not on every git poll.
        if recount or self._progress is None:
            self._progress = self.session.progress()
        bar = self.status_bar
        bar.set_progress(self._progress)
        bar.saving = bool(self.session.pending)
