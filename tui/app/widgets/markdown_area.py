"""A TextArea for Markdown written by people: pasted Word lists become Markdown lists, and
misspelled words are underlined as the writer types.

Spell marks are decided word by word: drawing a line looks its words up in the speller's
cache (no dictionary call on the UI thread), and only words never seen before go to a worker
thread. The word the cursor is in is not checked while it is being typed (every keystroke
would make a new half-word, flash a mark and redraw the answer): it is checked when the
cursor leaves it. A result redraws the answer only when it brings a new mark, and then only
the screen rows of the lines with that word. So a keystroke in a 10,000-word answer costs
the spell check a few dictionary look-ups of one line, and at most one worker per word typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult

from tui.core.paste import word_lists

MARK = Style(underline=True, color="red")
_CACHE_LIMIT = 20_000  # line texts remembered; cleared when exceeded


# The behaviour is mixed into a TextArea subclass, as its first base; at run time a plain
# object, since Textual takes CSS names and component classes from the first base's chain.
if TYPE_CHECKING:
    from tui.core.spelling import Speller

    _Base = TextArea
else:
    _Base = object


class MarkdownBehaviour(_Base):
    """For a TextArea (``answer_editor.MarkdownArea``): paste turns Word's typed bullets (•, o, –,
    1)) into Markdown lists, and misspelled words are underlined (when the app has a speller)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._marks: dict[str, tuple[tuple[int, int], ...]] = {}  # line text -> marks, every word decided
        self._spans: dict[str, tuple[tuple[int, int, str], ...]] = {}  # line text -> its words
        self._queued: set[str] = set()  # words waiting for the worker
        self._scheduled = False
        self._typed_to: tuple[int, int] | None = None  # where the last edit left the cursor
        # The marks of the last line drawn with words not decided yet: (text, cursor column, marks).
        self._undecided: tuple[str, int, tuple[tuple[int, int], ...]] | None = None
        self.lines_checked = 0  # for tests: how many line texts have been looked at
        self.words_checked = 0  # for tests: how many words went to the worker

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

    def edit(self, edit: Edit) -> EditResult:
        result = super().edit(edit)
        self._typed_to = result.end_location
        return result

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        speller = self.speller
        if speller is None:
            return line
        for start, end in self._line_marks(line_index, line.plain, speller):
            line.stylize(MARK, start, end)
        return line

    def row_extra(self, line_index: int, text: str) -> object:
        speller = self.speller
        return None if speller is None else self._line_marks(line_index, text, speller)

    def misspelled_marks(self, line_index: int) -> tuple[tuple[int, int], ...]:
        """The underlined (start, end) columns of a line, as drawn (words not checked yet are not
        underlined)."""
        speller = self.speller
        if speller is None:
            return ()
        return self._line_marks(line_index, self.document.get_line(line_index), speller)

    def _line_marks(self, index: int, text: str, speller: Speller) -> tuple[tuple[int, int], ...]:
        marks = self._marks.get(text)
        if marks is not None:
            return marks
        spans = self._spans.get(text)
        if spans is None:
            from tui.core.spelling import words  # only once a speller is loaded: not on the first screen

            if len(self._spans) > _CACHE_LIMIT:
                self._spans.clear()
            spans = self._spans[text] = tuple((w.column, w.end - w.offset + w.column, w.text) for w in words(text))
            self.lines_checked += 1
        row, column = self.selection.end
        typing_at = column if row == index and self._typed_to == (row, column) else -1
        if self._undecided is not None and self._undecided[:2] == (text, typing_at):
            return self._undecided[2]  # the line being typed in, drawn row by row
        found: list[tuple[int, int]] = []
        decided = True
        for start, end, word in spans:
            verdict = speller.verdict(word)
            if verdict is None:
                decided = False
                if not start <= typing_at <= end:  # the word being typed waits until the cursor leaves it
                    self._queue(word)
            elif not verdict:
                found.append((start, end))
        marks = tuple(found)
        if decided:
            if len(self._marks) > _CACHE_LIMIT:
                self._marks.clear()
            self._marks[text] = marks
        else:
            self._undecided = (text, typing_at, marks)
        return marks

    def _queue(self, word: str) -> None:
        if word in self._queued:
            return
        self._queued.add(word)
        if not self._scheduled:
            self._scheduled = True
            self.call_after_refresh(self._start_check)

    def _start_check(self) -> None:
        self._scheduled = False
        batch, self._queued = sorted(self._queued), set()
        speller = self.speller
        if batch and speller is not None:
            self._check(speller, batch)

    @work(thread=True, group="spelling")
    def _check(self, speller: Speller, batch: list[str]) -> None:
        unknown = [word for word in batch if not speller.known(word)]
        try:
            self.app.call_from_thread(self._checked, len(batch), unknown)
        except RuntimeError:  # NoActiveAppError: the app or the widget went away meanwhile
            return

    def _checked(self, count: int, unknown: list[str]) -> None:
        self.words_checked += count
        self._undecided = None
        if unknown:  # known words draw as they were drawn: nothing to repaint
            self._repaint_lines_with(set(unknown))

    def _repaint_lines_with(self, unknown: set[str]) -> None:
        """Repaint the visible screen rows of the lines that hold one of ``unknown``."""
        if not self.is_mounted:
            return
        document = self.document
        rows = self.wrapped_document._offset_to_line_info
        top = self.scroll_offset.y
        with_word: dict[int, bool] = {}
        for y in range(top, min(len(rows), top + self.size.height)):
            index = rows[y][0]
            if index not in with_word:
                spans = self._spans.get(document.get_line(index), ())
                with_word[index] = any(word in unknown for _start, _end, word in spans)
            if with_word[index]:
                self.refresh_lines(y)

    def redraw_marks(self, *, keep: bool = False) -> None:
        """Draw the marks again; without ``keep`` every line is looked at anew (the speller or the
        word list changed)."""
        self._undecided = None
        if not keep:
            self._marks.clear()
        self._line_cache.clear()
        self.refresh()
