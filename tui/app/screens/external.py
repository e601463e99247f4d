"""Files changed on disk under the app (git pull, another editor, a deleted file).

The change is shown in a bar (no modal: keystrokes stay with the writer); after F8/F9 the
section is shown again with focus and cursor exactly where they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.widgets import TextArea

from tui.core.reconcile import keep_mine, take_theirs

if TYPE_CHECKING:
    from tui.app.screens.editor import EditorScreen


@dataclass(frozen=True)
class Place:
    """Where the writer was: the focused widget's id and, in a text field, the selection."""

    widget_id: str | None
    selection: tuple[tuple[int, int], tuple[int, int]] | None
    scroll: tuple[float, float] | None


class ExternalChanges:
    def __init__(self, editor: EditorScreen) -> None:
        self.editor = editor
        self.paths: list[Path] = []

    @property
    def pending(self) -> bool:
        return bool(self.paths)

    def notice(self, paths: list[Path]) -> None:
        new = [p for p in paths if p not in self.paths]
        if not new:
            return
        self.paths.extend(new)
        report = self.editor.report
        unsaved = sorted({d.path.name for d in report.dirty_documents() if d.path in self.paths} |
                         {report.document_for(sid).path.name for sid, _key in self.editor.session.pending
                          if report.document_for(sid).path in self.paths})
        self.editor.change_bar.show(", ".join(p.name for p in self.paths), unsaved)
        self.editor.refresh_bindings()  # F8/F9 become active
        self.editor.app.bell()

    def resolve(self, *, keep: bool) -> list[str]:
        """Apply the writer's choice; returns the messages that say what happened and where
        the side not kept was saved."""
        editor = self.editor
        report = editor.report
        place = self._place()
        editor.session.apply_pending()
        docs = [d for d in report.documents() if d.path in self.paths]
        self.paths = []
        editor.change_bar.hide()
        editor.refresh_bindings()
        messages: list[str] = []
        for doc in docs:
            if keep:
                saved = keep_mine(report, doc)
                if saved:
                    messages.append(f"{doc.path.name}: den andra versionen sparades i {saved}")
            else:
                result = take_theirs(report, doc)
                if result.merged_sections:
                    messages.append(f"{doc.path.name}: dina ändringar i {', '.join(result.merged_sections)} "
                                    "fördes över")
                if result.backup:
                    messages.append(f"{doc.path.name}: dina ändringar i {', '.join(result.conflicts) or 'filen'} "
                                    f"sparades i {result.backup}")
        editor.after_reload(place)
        if not keep:
            editor.flush()  # merged sections are written now; a new conflict shows the bar again
        return messages

    def _place(self) -> Place:
        focused = self.editor.app.focused
        if focused is None:
            return Place(None, None, None)
        selection = None
        if isinstance(focused, TextArea):
            selection = (focused.selection.start, focused.selection.end)
        scroll = (focused.scroll_x, focused.scroll_y)
        return Place(focused.id, selection, scroll)

    def restore(self, place: Place) -> None:
        """Focus the same field again, with the cursor where it was (clamped to the new text)."""
        editor = self.editor
        if place.widget_id is None:
            return
        found = editor.query(f"#{place.widget_id}")
        if not found:
            editor.focus_first()
            return
        widget = found.first()
        widget.focus()
        if isinstance(widget, TextArea) and place.selection is not None:
            from textual.widgets.text_area import Selection

            start, end = (widget.clamp_visitable(loc) for loc in place.selection)
            widget.selection = Selection(start, end)
        if place.scroll is not None:
            x, y = place.scroll
            widget.call_after_refresh(widget.scroll_to, x, y, animate=False)
