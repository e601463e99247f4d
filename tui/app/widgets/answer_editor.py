"""Text fields the writer types in, with no binding that shadows an app key."""

from __future__ import annotations

from textual.binding import BindingType
from textual.dom import DOMNode
from textual.widgets import Input, TextArea

from tui.app.keys import RESERVED, app_keys
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


class WriterInput(Input, inherit_bindings=False):
    BINDINGS = without_app_keys(Input)


class AnswerEditor(WriterTextArea):
    """A Markdown answer: soft-wrapping, knows its section and field. Tab leaves the editor
    (``tab_behavior="focus"``); undo/redo are TextArea's own."""

    def __init__(self, text: str, section_id: str, key: str, *, read_only: bool = False,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(text, soft_wrap=True, tab_behavior="focus", read_only=read_only,
                         show_line_numbers=False, id=id, classes=classes)
        self.section_id = section_id
        self.key = key

    @property
    def words(self) -> int:
        return word_count(self.text)
