"""Text fields the writer types in, with no binding that shadows an app key."""

from __future__ import annotations

import time
from typing import Any

from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.dom import DOMNode
from textual.geometry import Region, Spacing
from textual.strip import Strip
from textual.widgets import Input, TextArea
from textual.widgets.text_area import Edit, EditResult

from tui.app.keys import RESERVED, app_keys
from tui.app.line_history import LineHistory
from tui.app.widgets.markdown_area import MarkdownBehaviour
from tui.core.text import word_count


def without_app_keys(cls: type[DOMNode]) -> list[BindingType]:
    """The class's own (merged) bindings minus every app key. TextArea binds F6 to *select
    line* and F7 to *select all*: with the cursor in an answer, the next keystroke would
    replace the paragraph. Input and TextArea bind Ctrl+E, kept for the editor screen."""
    taken = set(app_keys()) | set(RESERVED)
    return [binding for key, bindings in cls._merge_bindings().key_to_bindings.items() if key not in taken
            for binding in bindings]


class WriterTextArea(TextArea, inherit_bindings=False):
    """TextArea with the app's keys, and a screen-row cache keyed by what a row shows.

    Textual's TextArea keeps its rendered rows by screen position and drops them all on every
    edit (and, with soft wrap, on every cursor move), so each keystroke in a long answer paints
    every visible row again, each from its whole paragraph. Here a row is kept by its content:
    the paragraph's text, which wrapped piece of it, and the cursor, selection and marks where
    they touch that paragraph. A keystroke paints only the rows of the paragraph it changed."""

    BINDINGS = without_app_keys(TextArea)
    _ROWS_KEPT = 4096

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._rows: LRUCache[tuple[object, ...], Strip] = LRUCache(self._ROWS_KEPT)

    def row_extra(self, line_index: int, text: str) -> object:
        """What else a row of line ``line_index`` shows (spell marks, in MarkdownArea)."""
        return None

    def notify_style_update(self) -> None:
        self._rows.clear()
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        document = self.document
        rows = self.wrapped_document._offset_to_line_info
        scroll_x, scroll_y = self.scroll_offset
        offset = scroll_y + y
        if (self._highlights or offset >= len(rows)  # Textual's own path (syntax, blank rows, placeholder)
                or (self.placeholder and document.line_count == 1 and not document.get_line(0))):
            return super().render_line(y)
        line_index, section = rows[offset]
        text = document.get_line(line_index)
        selection = self.selection
        top, bottom = sorted(selection)
        cursor_here = selection.end[0] == line_index
        selected = selection.start != selection.end and top[0] <= line_index <= bottom[0]
        bracket = self._matching_bracket_location
        key = (self.size, scroll_x, line_index, section, text, tuple(self.wrapped_document.get_offsets(line_index)),
               selection if cursor_here or selected else None,
               (self._draw_cursor, self.suggestion, bracket) if cursor_here else None,
               bracket if bracket is not None and bracket[0] == line_index else None,
               self.has_focus, self.theme, self.app.theme, self.soft_wrap, self.show_line_numbers,
               self.line_number_start, self.read_only, self.show_cursor, self.highlight_cursor_line,
               self.indent_width, self.row_extra(line_index, text))
        row = self._rows.get(key)
        if row is None:
            row = self._rows[key] = self._render_line(y)
        return row

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual 8.2 can paint a TextArea that is being re-mounted before its component styles
        # exist (textual#6528: KeyError 'text-area--gutter'), which ended the writer's session.
        # Paint that frame blank and paint again once the styles are there.
        if not all(name in self._component_styles for name in ("text-area--gutter", "text-area--selection")):
            self.call_after_refresh(self.refresh)
            return [Strip.blank(crop.width) for _ in range(crop.height)]
        if self.soft_wrap and self.wrapped_document._width != self.wrap_width:
            # Laid out at a new size, a TextArea paints before its Resize event rewraps it: a
            # freshly mounted answer showed its paragraphs unwrapped for a frame (the editor
            # taking the first screen's place). Wrap for the size it is painted at.
            self._rewrap_and_refresh_virtual_size()
        return super().render_lines(crop)


class WriterInput(Input, inherit_bindings=False):
    """A one-line field with undo and redo (Ctrl+Z, Ctrl+Y) step by step, as in the answers."""

    BINDINGS = [  # noqa: RUF012
        *without_app_keys(Input),
        Binding("ctrl+z,super+z", "undo", "Ångra", show=False),
        Binding("ctrl+y,super+y", "redo", "Gör om", show=False),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.history = LineHistory()

    def replace(self, text: str, start: int, end: int) -> None:
        # Every edit by the writer (typing, Backspace/Delete, paste, cut) comes through here; a value
        # set by the program (the one the field opens with, an undo) does not, and is no step.
        old = self.value
        super().replace(text, start, end)
        self.history.record(old, self.value)

    def action_undo(self) -> None:
        self._restore(self.history.undo())

    def action_redo(self) -> None:
        self._restore(self.history.redo())

    def _restore(self, state: tuple[str, int] | None) -> None:
        if state is None:
            self.app.bell()
            return
        self.value = state[0]
        self.cursor_position = state[1]


class MarkdownArea(MarkdownBehaviour, WriterTextArea):
    """The text field of answers, table cells and the foreword: pasted Word lists become Markdown
    lists, unknown words are underlined (see :mod:`tui.app.widgets.markdown_area`)."""


CAPTION_SECONDS = 0.25  # the word count while typing: at most this often


class AnswerEditor(MarkdownArea):
    """A Markdown answer: soft-wrapping, knows its section and field. Tab leaves the editor
    (``tab_behavior="focus"``); undo/redo are TextArea's own."""

    def __init__(self, text: str, section_id: str, key: str, *, read_only: bool = False,
                 max_words: int | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(text, soft_wrap=True, tab_behavior="focus", read_only=read_only,
                         show_line_numbers=False, id=id, classes=classes)
        self.section_id = section_id
        self.key = key
        self.max_words = max_words
        # The text the editor screen knows of (opened with, or at its last Changed): a text
        # differing from it was typed and its Changed is still on its way (EditorScreen.take_typed).
        self.noted = text
        self._caption: str | None = None  # the word count shown in the border
        self._caption_at = 0.0  # when it was counted (monotonic)

    def place_cursor_at_end(self) -> None:
        """The cursor at the end and in view now, for an editor that has its size and is not
        drawn yet (the first screen's first frame): Textual rewraps the text on the Resize event
        and scrolls to the cursor after the next refresh, both a frame later."""
        self._rewrap_and_refresh_virtual_size()
        self.move_cursor(self.document.end)
        self._recompute_cursor_offset()
        x, y = self._cursor_offset
        # As scroll_cursor_visible, at once (its own, after the refresh, then finds it in view).
        self.scroll_to_region(Region(x, y, width=3, height=1), spacing=Spacing(right=self.gutter_width),
                              animate=False, force=True, immediate=True)

    def edit(self, edit: Edit) -> EditResult:
        result = super().edit(edit)
        # Every keystroke repaints the whole field (TextArea's selection), so a new count shown
        # now costs nothing more; a few times a second is enough to follow the typing. The
        # editor screen shows the last one once the writer pauses.
        if time.monotonic() - self._caption_at >= CAPTION_SECONDS:
            self.show_word_count()
        return result

    def show_word_count(self) -> None:
        """Count the words and show the count in the border (repainted only if it changed)."""
        self._caption_at = time.monotonic()
        caption = self.word_caption
        if caption != self._caption:
            self._caption = caption
            self.border_subtitle = caption

    @property
    def words(self) -> int:
        return word_count(self.text)

    @property
    def word_caption(self) -> str:
        """The count for the border: ``523 ord``, or against the template's limit ``523/500 ord``."""
        return words_caption(self.words, self.max_words)


def words_caption(count: int, limit: int | None) -> str:
    if limit is None:
        return f"{count} ord"
    if count > limit:
        return f"[b red]{count}/{limit} ord – {count - limit} för många[/]"
    return f"{count}/{limit} ord"
