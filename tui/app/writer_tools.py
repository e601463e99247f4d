"""The writer's tools on the app: help (F1), search (Ctrl+F, F3), spell check (F7), $EDITOR (Ctrl+E).

A mixin for :class:`~tui.app.app.AterrapportApp`; its keys are ``keys.WRITER`` (app keys, bound
with priority, so no widget shadows them).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.actions import SkipAction

from tui.app.widgets.answer_editor import AnswerEditor  # (the first screen's answer is one)

# The tools' own modules load when a tool is first used (or with the editor): the app's first
# screen needs none of them.


def _editable() -> tuple[tuple[str, str, bool], ...]:
    from tui.core.head_edit import EDITABLE

    return EDITABLE


if TYPE_CHECKING:
    from tui.app.screens.editor import EditorScreen
    from tui.app.widgets.insats_table import InsatsTable
    from tui.app.widgets.section_view import SectionView
    from tui.app.widgets.undo_bar import UndoBar
    from tui.core.search import Hit, SearchIndex
    from tui.core.spelling import Speller

SPELLING_ENV = "ATERRAPPORT_STAVNING"


class WriterTools:
    """Actions of the writer's tools; mixed into the App."""

    editor: EditorScreen | None
    _search: tuple[str, list[Hit], int] | None = None  # query, hits, current
    speller: Speller | None = None  # None until loaded, or when there is no dictionary
    spelling_missing: str | None = None  # why there is no speller (the Swedish install help)

    # -- the report's details ------------------------------------------------------------------------

    def on_tree_node_selected(self, event: Any) -> None:
        from tui.app.widgets.outline import DETAILS_NODE

        if getattr(event.node, "data", None) == DETAILS_NODE:
            self.open_details()

    def open_details(self, hit: Hit | None = None) -> None:
        from tui.app.screens.details import DetailsScreen

        editor = self.editor
        app: Any = self
        if editor is None:
            return
        if not editor.flush():
            return

        def save() -> None:
            editor.flush(wait=False)
            editor.session.recheck()

        screen = DetailsScreen(editor.report, save, hit.place.key if hit else None, editor.session.typed_details)
        app.push_screen(screen)
        if hit is not None and hit.place.key in {k for k, _l, _m in _editable()}:
            app.call_after_refresh(screen.focus_hit, hit.place.key, hit.line, hit.column, hit.length)

    # -- undo a deleted insats ------------------------------------------------------------------------

    def row_deleted(self, section_id: str, key: str, index: int, row: dict[str, str], name: str) -> None:
        """A row was deleted: keep it for Ctrl+Z and show the notice with *Ångra*."""
        editor = self.editor
        if editor is None:
            return
        from tui.app.row_undo import DeletedRow

        deleted = DeletedRow(section_id, key, index, dict(row))
        editor.session.deleted_rows.push(deleted)
        editor.undo_bar.show(deleted, name)
        editor.refresh_bindings()  # the footer shows Ctrl+Z Ångra

    def on_insats_table_undo_delete(self, event: InsatsTable.UndoDelete) -> None:
        self.undo_deleted_row(event.table)

    def on_undo_bar_undo(self, event: UndoBar.Undo) -> None:
        from tui.app.widgets.insats_table import InsatsTable

        editor = self.editor
        tables = [] if editor is None or editor.view is None else list(editor.view.query(InsatsTable))
        self.undo_deleted_row(next((t for t in tables if (t.section_id, t.spec.key) == (
            event.deleted.section_id, event.deleted.key)), None))

    def undo_deleted_row(self, table: InsatsTable | None = None) -> None:
        from tui.app.widgets.insats_table import InsatsTable
        from tui.app.widgets.section_view import table_caption
        from tui.core.problems import AterrapportError

        editor = self.editor
        app: Any = self
        if editor is None:
            return
        stack = editor.session.deleted_rows
        if table is None:
            tables = [] if editor.view is None else list(editor.view.query(InsatsTable))
            table = next((t for t in tables if t.can_undo), None)
        deleted = stack.pop(table.section_id, table.spec.key) if table else None
        if table is None or deleted is None:
            app.notify("Ingen borttagen rad att ångra i den här tabellen.", timeout=3)
            return
        try:
            index = editor.report.insert_row(deleted.section_id, deleted.key, deleted.index, deleted.row)
        except AterrapportError as exc:
            stack.push_back(deleted)
            app.bell()
            app.notify("\n".join(p.message for p in exc.problems), title="Går inte", severity="error", timeout=8)
            return
        editor.outline.refresh_section(editor.current.id)
        rows = editor.report.rows(table.section_id, table.spec.key)
        table.set_rows(rows, index)
        table.border_title = table_caption(table.section_id, table.spec, len(rows))
        table.focus()
        editor.flush(wait=False)
        earlier = stack.latest(table.section_id, table.spec.key)
        if earlier is not None:  # the one deleted before it can come back next
            editor.undo_bar.show(earlier, earlier.row.get(table.spec.name_key) or "(namnlös)")
        else:
            editor.undo_bar.hide()
        editor.refresh_bindings()
        app.notify(f"Raden är tillbaka som rad {index + 1}.", timeout=3)

    # -- Ctrl+E ----------------------------------------------------------------------------------------

    def action_external_editor(self) -> None:
        from tui.app.external_editor import NO_EDITOR, edit_file, editor_command

        editor = self._editor_on_top()
        app: Any = self
        if editor is None:
            raise SkipAction()
        focused = app.focused
        areas = [] if editor.view is None else list(editor.view.query(AnswerEditor))
        area = focused if isinstance(focused, AnswerEditor) else (areas[0] if areas else None)
        if area is None or area.read_only:
            app.notify("Välj ett textsvar först (Ctrl+E öppnar svaret i din egen redigerare).", timeout=4)
            return
        command = editor_command()
        if command is None:
            app.notify(NO_EDITOR, title="Egen redigerare", severity="warning", timeout=12)
            return
        editor.flush()

        def run(args: list[str], check: bool = False) -> Any:
            import subprocess

            if app.is_headless:  # tests: nothing on a screen to give away
                return subprocess.run(args, check=check)
            with app.suspend():
                return subprocess.run(args, check=check)

        result = edit_file(command, area.text, f"{area.section_id}-{area.key}", run)
        app.refresh()
        if result.message:
            app.notify(result.message, title="Egen redigerare", severity="error", timeout=10)
            return
        if result.text is None:
            app.notify("Ingen ändring.", timeout=2)
            return
        area.replace(result.text, (0, 0), area.document.end)  # one undo step
        area.focus()
        editor.session.note_text(area.section_id, area.key, area.text)
        if editor.flush():
            app.notify("Texten från redigeraren är sparad.", timeout=3)

    # -- spell check ---------------------------------------------------------------------------------

    def start_spelling(self, folder: Path) -> None:
        """Load the dictionary and the report's word list in a thread; the app works meanwhile.
        ``ATERRAPPORT_STAVNING=av`` turns spell checking off."""
        import os

        app: Any = self
        if os.environ.get(SPELLING_ENV, "").strip().lower() in ("av", "nej", "0", "off"):
            self.spelling_missing = "Stavningskontrollen är avstängd (ATERRAPPORT_STAVNING=av)."
            return

        def load() -> None:
            from tui.core.spelling import DictionaryMissing, Speller  # in the thread: the models load there

            try:
                speller = Speller.for_folder(folder)
            except DictionaryMissing as exc:
                app.call_from_thread(self._no_speller, str(exc))
                return
            app.call_from_thread(self._speller_ready, speller)

        app.run_worker(load, thread=True, group="spelling", exclusive=True)

    def _speller_ready(self, speller: Speller) -> None:
        from tui.app.widgets.answer_editor import MarkdownArea

        self.speller = speller
        app: Any = self
        for area in (self.editor or app.screen).query(MarkdownArea):
            area.redraw_marks()

    def _no_speller(self, message: str) -> None:
        self.spelling_missing = message
        app: Any = self
        app.notify(message, title="Stavning", severity="warning", timeout=12)

    def action_spelling(self) -> None:
        from tui.app.screens.spelling import SpellScreen

        editor = self._editor_on_top()
        app: Any = self
        if editor is None:
            raise SkipAction()
        if self.speller is None:
            app.notify(self.spelling_missing or "Ordboken läses in; försök igen om ett ögonblick.",
                       title="Stavning", severity="warning", timeout=12)
            return
        speller = self.speller
        section = editor.current
        app.push_screen(SpellScreen(section.number_title, lambda: self._unknown_words(editor, speller),
                                    lambda unknown, word: self._replace_word(editor, unknown, word),
                                    lambda word: self._add_word(editor, word),
                                    lambda words: _suggestions(speller, words)))

    def _unknown_words(self, editor: EditorScreen, speller: Speller) -> list[Any]:
        from tui.app.screens.spelling import Unknown

        found: list[Unknown] = []  # suggestions come later, from a worker (see _suggestions)
        view = editor.view
        for area in [] if view is None else view.query(AnswerEditor):
            label = area.border_title or area.key
            for word in speller.misspelled(area.text):
                found.append(Unknown(word.text, f"{label}, rad {word.line + 1}", area.key, word.line,
                                     word.column, ()))
        section = editor.current
        if section.answerable and editor.report.editable(section.id):
            for spec in section.fields:
                for cell in spec.texts(editor.report.raw(section.id, spec.key)):
                    if cell.row is None or cell.column is None:
                        continue  # a whole answer: read from its editor above
                    for word in speller.misspelled(cell.text):
                        found.append(Unknown(word.text, cell.label, "", word.line, word.column, (),
                                             (spec.key, cell.row, cell.column)))
        return found

    def _replace_word(self, editor: EditorScreen, unknown: Any, replacement: str) -> None:
        if unknown.cell is not None:
            self._replace_in_cell(editor, unknown, replacement)
            return
        view = editor.view
        for area in [] if view is None else view.query(AnswerEditor):
            if area.key == unknown.field:
                start = (unknown.line, unknown.column)
                end = (unknown.line, unknown.column + len(unknown.word))
                if area.get_text_range(start, end) == unknown.word:
                    area.replace(replacement, start, end)
                return

    def _replace_in_cell(self, editor: EditorScreen, unknown: Any, replacement: str) -> None:
        """The word in its table cell, saved as when the row is edited in its form."""
        from tui.app.widgets.insats_table import InsatsTable

        key, index, column = unknown.cell
        rows = editor.report.rows(editor.current.id, key)
        tables = [] if editor.view is None else [t for t in editor.view.query(InsatsTable) if t.spec.key == key]
        if not tables or index >= len(rows):
            return
        lines = rows[index].get(column, "").split("\n")
        start, end = unknown.column, unknown.column + len(unknown.word)
        if unknown.line >= len(lines) or lines[unknown.line][start:end] != unknown.word:
            return  # the cell changed since the list was made; the list is made again
        lines[unknown.line] = lines[unknown.line][:start] + replacement + lines[unknown.line][end:]
        editor.rows.update(tables[0], index, {column: "\n".join(lines)})  # the other cells as they are

    def _add_word(self, editor: EditorScreen, word: str) -> None:
        from tui.app.widgets.answer_editor import MarkdownArea
        from tui.core.spelling import WORDLIST_FILE, add_to_wordlist

        app: Any = self
        try:
            add_to_wordlist(editor.report.folder, word)
        except OSError as exc:
            app.notify(f"{WORDLIST_FILE} kunde inte sparas: {exc.strerror or exc}", severity="error")
            return
        if self.speller is not None:
            self.speller.accept(word)
        for area in editor.query(MarkdownArea):
            area.redraw_marks()
        app.notify(f"«{word}» finns nu i {WORDLIST_FILE}", timeout=3)

    # -- F1 -----------------------------------------------------------------------------------------

    def action_help(self) -> None:
        from tui.app.key_help import active_keys
        from tui.app.screens.help import HelpScreen

        app: Any = self
        if isinstance(app.screen, HelpScreen):
            app.screen.dismiss(None)
            return
        app.push_screen(HelpScreen(active_keys(app)))

    # -- Ctrl+F, F3 ---------------------------------------------------------------------------------

    def _editor_on_top(self) -> EditorScreen | None:
        app: Any = self
        return self.editor if self.editor is not None and app.screen is self.editor else None

    def action_search(self) -> None:
        from tui.app.screens.search import SearchScreen

        editor = self._editor_on_top()
        if editor is None:
            raise SkipAction()
        index = _search_index(editor)
        titles = {s.id: s.number_title for s in editor.report.template.walk()}
        query = self._search[0] if self._search else ""
        screen = SearchScreen(index, titles, query)

        def chosen(number: int | None) -> None:
            if number is None:
                return
            self._search = (screen.query_text, screen.hits, number)
            self._go_to_hit(screen.hits[number])

        app: Any = self
        app.push_screen(screen, chosen)

    def action_next_hit(self) -> None:
        self._step_hit(1)

    def action_previous_hit(self) -> None:
        self._step_hit(-1)

    def _step_hit(self, delta: int) -> None:
        editor = self._editor_on_top()
        if editor is None or not self._search or not self._search[1]:
            raise SkipAction()  # no search yet: the key is the screen's (F3: history)
        from tui.core.search import Spot

        query, hits, current = self._search
        app: Any = self
        # Searched again in the texts as they are now, from the cursor: after an edit the hits
        # found at Ctrl+F point beside the words (and typing over the selection replaced the
        # wrong text). Outside a text answer, from the last hit.
        focused = app.focused
        if isinstance(focused, AnswerEditor) and not focused.read_only:
            start = min(focused.selection.start, focused.selection.end)
            spot: Spot = (focused.section_id, focused.key, None, None)
            offset = len(focused.document.get_text_range((0, 0), start))
        else:
            spot, offset = hits[current].place.spot, hits[current].offset
        found = _search_index(editor).step(query, spot, offset, delta)
        if found is None:
            self._search = (query, [], 0)
            app.notify(f"«{query}» finns inte längre i rapporten.", timeout=3)
            return
        hits, number, went_round = found
        if went_round:
            app.notify("Sökningen började om" + (" från början." if delta > 0 else " från slutet."), timeout=2)
        self._search = (query, hits, number)
        self._go_to_hit(hits[number])

    def _go_to_hit(self, hit: Hit) -> None:
        from tui.core.search import DETAILS

        editor = self.editor
        if editor is None:
            return
        if hit.place.section == DETAILS:
            self.open_details(hit)
            return
        # The keys typed right after the hit was chosen are held until it is shown selected,
        # then go there: they replace it, as they replace any selection (typed at once or later).
        editor.go_to(hit.place.section, partial(_place_cursor, hit))


def _search_index(editor: EditorScreen) -> SearchIndex:
    """Ctrl+F's and F3's index: the report with the texts as they are in the fields now (the
    words typed in the same read as the key included)."""
    from tui.core.search import SearchIndex

    editor.take_typed()
    return SearchIndex.build(editor.report, editor.session.pending)


def _place_cursor(hit: Hit, view: SectionView) -> bool:
    """Focus the hit's field in ``view`` with the hit selected (a row: highlighted)."""
    from textual.widgets.text_area import Selection

    from tui.app.widgets.insats_table import InsatsTable

    place = hit.place
    targets = [w for w in view.query("AnswerEditor, InsatsTable")
               if getattr(w, "key", None) == place.key or getattr(getattr(w, "spec", None), "key", None) == place.key]
    if not targets:
        return False
    target = targets[0]
    target.focus()
    if isinstance(target, AnswerEditor) and place.row is None:
        target.selection = Selection((hit.line, hit.column), (hit.line, hit.column + hit.length))
        target.scroll_cursor_visible(center=True)
    elif isinstance(target, InsatsTable) and place.row is not None:
        target.highlighted = place.row
    return True


def _suggestions(speller: Speller, words: list[str]) -> dict[str, tuple[str, ...]]:
    """F7's suggestions (in a worker thread): remembered between runs and asked in a process per
    core (Speller.suggest_many); an acronym's suggestions are never what was meant."""
    from tui.core.spelling import is_acronym

    found: dict[str, tuple[str, ...]] = dict.fromkeys(words, ())
    found.update(speller.suggest_many([word for word in words if not is_acronym(word)]))
    return found
