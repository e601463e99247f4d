"""The outline and the shown section follow each other, also after a part was collapsed.

Regression (walk seed 160478): with part 1 collapsed in the tree and section 2 shown, Ctrl+B
into 1.5.1 expanded part 1 and moved the tree cursor while the tree's lines were not rebuilt
yet. Textual rebuilt them inside the cursor move, put the cursor back on the old node and
highlighted it; the editor showed the highlighted section, which moved the cursor again, and
the two chased each other for ever (Pilot: "Timed out while waiting for widgets")."""

from __future__ import annotations

from pathlib import Path

from app_helpers import settle

from tui.app.app import AterrapportApp
from tui.app.screens.editor import EditorScreen
from tui.app.session import EditorSession


def tree_and_editor_agree(editor: EditorScreen) -> None:
    cursor = editor.outline.cursor_node
    assert cursor is not None and cursor.data == editor.current.id, (
        f"the tree shows {cursor and cursor.data}, the editor {editor.current.id}")


async def test_stepping_into_a_collapsed_part_settles(new_report: Path) -> None:
    app = AterrapportApp(new_report, session=EditorSession.open(new_report))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, EditorScreen) and editor.current.id == "1.1.1"
        order = [s.id for s in editor.nav_order]
        await pilot.press("ctrl+o", "up", "up")  # the tree on part 1 (shows 1)
        await settle(pilot)
        assert editor.current.id == "1"
        await pilot.press("enter")  # Enter on a part collapses it
        await settle(pilot)
        assert not editor.outline._section_nodes["1"].is_expanded
        await pilot.press("ctrl+o", "down")  # the tree on part 2 (shows 2)
        await settle(pilot)
        assert editor.current.id == "2"
        tree_and_editor_agree(editor)
        for _ in range(3):
            expected = order[order.index(editor.current.id) - 1]
            await pilot.press("ctrl+b")
            await settle(pilot)  # hung here: the tree and the editor never came to rest
            assert editor.current.id == expected
            tree_and_editor_agree(editor)
        assert editor.outline._section_nodes["1"].is_expanded
