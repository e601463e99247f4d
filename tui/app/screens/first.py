"""The first screen: the editor's layout from plain data (see ``first_view.py``), shown while the
report's models load. The editor screen takes its place looking the same; keys typed meanwhile
are held by the app (``early_keys.py``) and reach the editor's answer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import TextArea

from tui.app import keys
from tui.app.first_view import FirstView
from tui.app.screens.layout import editor_layout, top_bar
from tui.app.widgets.answer_editor import AnswerEditor
from tui.app.widgets.outline import Outline
from tui.app.widgets.section_view import PlainSectionView
from tui.app.widgets.status_bar import StatusBar


class FirstScreen(Screen[None]):
    BINDINGS = keys.EDITOR  # the key bar shows the editor's keys
    AUTO_FOCUS = "TextArea"  # the answer has the focus in the first frame already (as focus_first)

    def __init__(self, view: FirstView) -> None:
        super().__init__()
        self.view = view
        self._placed = False

    def compose(self) -> ComposeResult:
        view = self.view
        top = top_bar(view.region, view.template_title, view.year, view.folder)
        section = PlainSectionView(view.start.id, (view.start.number_title, view.part_title()), view.intro(),
                                   view.fields, classes="section")
        status = StatusBar(id="status")
        status.total, status.counted = view.answerable_count, False
        yield from editor_layout(top, Outline(None, id="outline", plain=view.parts), section, status, bars=False)

    def _focus_answer(self) -> None:
        """As the editor does when it shows its first section (``EditorScreen.focus_first``)."""
        editor = self.query(TextArea).first()
        editor.focus()
        editor.move_cursor(editor.document.end)

    def _compositor_refresh(self) -> None:
        """The first frame shows the screen settled: once the first layout has given the outline
        and the answer their sizes, and before anything is drawn, the outline is scrolled to the
        section and the answer to its end (as the callbacks of on_mount leave them a frame later),
        then laid out again. Without this the first frame had the outline scrolled by the
        cursor's move and the answer at its top (Textual scrolls after a refresh)."""
        if not self._placed and self.is_current:
            self._placed = True
            if self._place():
                self._refresh_layout()  # draws (this method again, placed)
                return
            # No size yet (a terminal of no rows): as the editor does, after the frame.
            self.query_one(Outline).select_section(self.view.start.id)
            self.call_after_refresh(self._focus_answer)
        super()._compositor_refresh()

    def _place(self) -> bool:
        outline = self.query_one(Outline)
        editor = self.query(AnswerEditor).first()
        if outline.size.height <= 0 or editor.size.width <= 0:
            return False
        outline.place(self.view.start.id)
        editor.place_cursor_at_end()
        return True

    def _pop_result_callback(self) -> None:
        # The app's default screen (see AterrapportApp.get_default_screen): no push_screen gave it
        # the result callback that Textual's switch_screen takes off when the editor comes.
        if self._result_callbacks:
            super()._pop_result_callback()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in ("take_theirs", "keep_mine")  # as the editor without an outside change
