"""At 80×24 a section with an answer, prompts and a table is already full. The change bar and the
bar of unreadable files (one line each, in the top line's place, as the undo bar) must not push
a field out of view: wherever the focus goes, the focused field is on the screen, whole."""

from __future__ import annotations

from pathlib import Path

from app_helpers import open_app, wait_until
from present import present
from textual.widget import Widget

from tui.app.screens.editor import EditorScreen
from tui.app.widgets.answer_editor import AnswerEditor
from tui.app.widgets.insats_table import InsatsTable
from tui.app.widgets.section_view import ChoiceSelect

SIZE = (80, 24)


def whole_on_screen(editor: EditorScreen, field: Widget) -> bool:
    view = present(editor.view)
    region = editor.find_widget(field).region
    return view.region.contains_region(region) and editor.region.contains_region(region)


async def test_the_focused_field_stays_in_view_with_both_bars(sample_2019: Path) -> None:
    (sample_2019 / "3.1.yaml").write_text("3.1.1:\n  svar: [trasig\n", encoding="utf-8")
    app = open_app(sample_2019)
    async with app.run_test(size=SIZE) as pilot:
        editor = present(app.editor)
        await wait_until(pilot, lambda: editor.unreadable_bar.display, "the bar of unreadable files")
        changed = sample_2019 / "1.1.yaml"
        changed.write_text(changed.read_text(encoding="utf-8").replace("Region", "Regionen", 1), encoding="utf-8")
        editor.changes.notice([changed])  # as the poll would
        # One line each, in the top line's place: the section pane loses one line, not ten.
        await wait_until(pilot, lambda: editor.change_bar.outer_size.height == 1, "the change bar")
        assert editor.unreadable_bar.outer_size.height == 1
        assert not editor.query_one("#topbar").display
        checked = 0
        for section in editor.report.template.answerable():
            if not editor.report.editable(section.id):
                continue
            await editor.show_section(section)
            await pilot.pause()
            fields = list(present(editor.view).query("AnswerEditor, ChoiceSelect, InsatsTable"))
            assert fields, section.id
            for field in fields:
                assert isinstance(field, AnswerEditor | ChoiceSelect | InsatsTable)
                field.focus()

                def shown(field: Widget = field) -> bool:
                    return app.focused is field and whole_on_screen(editor, field)

                await wait_until(pilot, shown, f"{section.id}: {field.id} whole in the section pane")
                checked += 1
        assert checked > 40
        # The bars go: the top line is back.
        await pilot.press("f9")
        await wait_until(pilot, lambda: not editor.change_bar.display, "the change bar to go")
        assert not editor.query_one("#topbar").display  # the unreadable bar still stands in for it
        editor.unreadable_bar.show([], sample_2019)
        await pilot.pause()
        assert editor.query_one("#topbar").display
