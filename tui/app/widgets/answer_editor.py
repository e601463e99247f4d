"""Text fields the writer types in, with no binding that shadows an app key."""

from __future__ import annotations

from textual.binding import BindingType
from textual.dom import DOMNode
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Input, TextArea

from tui.app.keys import RESERVED, app_keys
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
    BINDINGS = without_app_keys(TextArea)

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual 8.2 can paint a TextArea that is being re-mounted before its component styles
        # exist (textual#6528: KeyError 'text-area--gutter'), which ended the writer's session.
        # Paint that frame blank and paint again once the styles are there.
        if not all(name in self._component_styles for name in ("text-area--gutter", "text-area--selection")):
            self.call_after_refresh(self.refresh)
            return [Strip.blank(crop.width) for _ in range(crop.height)]
        return super().render_lines(crop)


class WriterInput(Input, inherit_bindings=False):
    BINDINGS = without_app_keys(Input)


class MarkdownArea(MarkdownBehaviour, WriterTextArea):
    """The text field of answers, table cells and the foreword: pasted Word lists become Markdown
    lists, unknown words are underlined (see :mod:`tui.app.widgets.markdown_area`)."""


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
