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
from tui.app.widgets.outline import Outline
from tui.app.widgets.section_view import PlainSectionView
from tui.app.widgets.status_bar import StatusBar


class FirstScreen(Screen[None]):
    BINDINGS = keys.EDITOR  # the key bar shows the editor's keys

    def __init__(self, view: FirstView) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        view = self.view
        top = top_bar(view.region, view.template_title, view.year, view.folder)
        section = PlainSectionView(view.start.id, (view.start.number_title, view.part_title()), view.intro(),
                                   view.fields, classes="section")
        status = StatusBar(id="status")
        status.total, status.counted = view.answerable_count, False
        yield from editor_layout(top, Outline(None, id="outline", plain=view.parts), section, status, bars=False)

    def on_mount(self) -> None:
        self.query_one(Outline).select_section(self.view.start.id)
        self.call_after_refresh(self._focus_answer)

    def _focus_answer(self) -> None:
        """As the editor does when it shows its first section (``EditorScreen.focus_first``)."""
        editor = self.query(TextArea).first()
        editor.focus()
        editor.move_cursor(editor.document.end)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in ("take_theirs", "keep_mine")  # as the editor without an outside change
