"""A Markdown answer: a soft-wrapping TextArea that knows its section and field."""

from __future__ import annotations

from textual.widgets import TextArea

from tui.core.text import word_count


class AnswerEditor(TextArea):
    """Tab leaves the editor (``tab_behavior="focus"``); undo/redo are TextArea's own."""

    def __init__(self, text: str, section_id: str, key: str, *, read_only: bool = False,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(text, soft_wrap=True, tab_behavior="focus", read_only=read_only,
                         show_line_numbers=False, id=id, classes=classes)
        self.section_id = section_id
        self.key = key

    @property
    def words(self) -> int:
        return word_count(self.text)
