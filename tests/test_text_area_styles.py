"""A text field painted before its component styles exist (textual#6528) must not end the app."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tui.app.widgets.answer_editor import WriterTextArea


class _One(App[None]):
    def compose(self) -> ComposeResult:
        yield WriterTextArea("Text som skrivits")


async def test_painting_before_the_component_styles_exist_does_not_raise() -> None:
    app = _One()
    async with app.run_test() as pilot:
        area = app.query_one(WriterTextArea)
        saved = dict(area._component_styles)
        area._component_styles.clear()  # the state Textual can paint in while re-mounting
        area.refresh()
        await pilot.pause()
        area._component_styles.update(saved)
        area.refresh()
        await pilot.pause()
        assert area.text == "Text som skrivits"
