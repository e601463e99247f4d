"""A TextArea for Markdown written by people: pasted Word lists become Markdown lists, and
misspelled words are underlined as the writer types.

Spell marks are kept by line *text*: a line is checked (in a worker thread) the first time it
is drawn with text not seen before, so typing re-checks only the line being changed, never the
whole answer, and marks never drift when lines move.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.widgets import TextArea

from tui.core.paste import word_lists
from tui.core.spelling import Speller

MARK = Style(underline=True, color="red")
_CACHE_LIMIT = 20_000  # lines remembered; cleared when exceeded


# The behaviour is mixed into a TextArea subclass, as its first base; at run time a plain
# object, since Textual takes CSS names and component classes from the first base's chain.
if TYPE_CHECKING:
    _Base = TextArea
else:
    _Base = object


class MarkdownBehaviour(_Base):
    """For a TextArea (``answer_editor.MarkdownArea``): paste turns Word's typed bullets (•, o, –,
    1)) into Markdown lists, and misspelled words are underlined (when the app has a speller)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._marks: dict[str, tuple[tuple[int, int], ...]] = {}
        self._queued: set[str] = set()
        self._scheduled = False
        self.lines_checked = 0  # for tests: how many line texts the speller has seen

    @property
    def speller(self) -> Speller | None:
        try:
            return getattr(self.app, "speller", None)
        except RuntimeError:  # NoActiveAppError: drawn while detached (a section being replaced, the app closing)
            return None

    async def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # TextArea's own handler would insert the raw text
        if self.read_only:
            return
        text = word_lists(event.text.replace("\r\n", "\n").replace("\r", "\n"))
        if result := self._replace_via_keyboard(text, *self.selection):
            self.move_cursor(result.end_location)
            self.focus()

    # -- spell marks --------------------------------------------------------------------------------

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        if self.speller is None:
            return line
        marks = self._marks.get(line.plain)
        if marks is None:
            if line.plain.strip():
                self._queue(line.plain)
        else:
            for start, end in marks:
                line.stylize(MARK, start, end)
        return line

    def misspelled_marks(self, line_index: int) -> tuple[tuple[int, int], ...]:
        """The underlined (start, end) columns of a line, once it has been checked."""
        return self._marks.get(self.document.get_line(line_index), ())

    def _queue(self, line: str) -> None:
        self._queued.add(line)
        if not self._scheduled:
            self._scheduled = True
            self.call_after_refresh(self._start_check)

    def _start_check(self) -> None:
        self._scheduled = False
        lines, self._queued = list(self._queued), set()
        speller = self.speller
        if lines and speller is not None:
            self._check(speller, lines)

    @work(thread=True, group="spelling")
    def _check(self, speller: Speller, lines: list[str]) -> None:
        found = {line: tuple((w.column, w.end - w.offset + w.column) for w in speller.misspelled(line))
                 for line in lines}
        try:
            self.app.call_from_thread(self._checked, found)
        except RuntimeError:  # NoActiveAppError: the app or the widget went away meanwhile
            return

    def _checked(self, found: dict[str, tuple[tuple[int, int], ...]]) -> None:
        if len(self._marks) > _CACHE_LIMIT:
            self._marks.clear()
        self.lines_checked += len(found)
        self._marks.update(found)
        self.redraw_marks(keep=True)

    def redraw_marks(self, *, keep: bool = False) -> None:
        """Draw the marks again; without ``keep`` every line is checked anew (the word list changed)."""
        if not keep:
            self._marks.clear()
        self._line_cache.clear()
        self.refresh()
