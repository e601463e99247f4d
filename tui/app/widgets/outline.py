"""The template's outline as a tree: parts, sections, subsections, each with its state."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tui.core.section_state import SectionState

if TYPE_CHECKING:  # the app's first screen shows the outline before the models are loaded
    from tui.app.session import EditorSession


class OutlineEntry(Protocol):
    """What the outline shows of a section: the template's ``Section``, or plain data on the
    first screen."""

    @property
    def id(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def answerable(self) -> bool: ...

    @property
    def sections(self) -> Sequence[OutlineEntry]: ...

ICONS = {
    SectionState.UNANSWERED: ("○", "dim"),
    SectionState.BEGUN: ("◐", "yellow"),
    SectionState.DONE: ("●", "green"),
}


DETAILS_NODE = "uppgifter"  # the first entry: the report's details (rapport.yaml)


class Outline(Tree[str]):
    """Node data is the section id; answerable sections show their state and table counts."""

    BORDER_TITLE = "Mallens avsnitt"

    def __init__(self, session: EditorSession | None, *, id: str | None = None,
                 plain: Sequence[OutlineEntry] = ()) -> None:
        """``session`` None: the first screen, from the ``plain`` parts (every state still "…")."""
        super().__init__(Text("Rapport"), id=id)  # a Text: no markup (and no emoji table) to parse
        self.session = session
        self.plain = plain
        self.show_root = False
        self.guide_depth = 2
        self._section_nodes: dict[str, TreeNode[str]] = {}

    def on_mount(self) -> None:
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        self._section_nodes.clear()
        self.root.add_leaf(Text("⚙ Rapportens uppgifter", style="bold"), data=DETAILS_NODE)
        parts: Sequence[OutlineEntry] = self.plain if self.session is None else self.session.report.template.parts
        for part in parts:
            self._add(self.root, part)
        self.root.expand_all()

    def _add(self, parent: TreeNode[str], section: OutlineEntry) -> None:
        label = self.label_for(section)
        if section.sections:
            node = parent.add(label, data=section.id, expand=True)
            for child in section.sections:
                self._add(node, child)
        else:
            node = parent.add_leaf(label, data=section.id)
        self._section_nodes[section.id] = node

    def label_for(self, section: OutlineEntry) -> Text:
        session = self.session
        model = None if session is None else session.report.template.section(section.id)
        text = Text(no_wrap=True, overflow="ellipsis")
        if section.answerable:
            if session is None or model is None or session.report.document_for(section.id).loading:
                icon, style = "…", "dim"  # the file is not read yet (or, on the first screen, the model)
                model = None
            elif session.section_problems(section.id) or not session.report.editable(section.id):
                icon, style = "✗", "bold red"
            else:
                icon, style = ICONS[session.report.state(section.id)]
            text.append(f"{icon} ", style=style)
        text.append(section.id, style="bold")
        text.append(f" {section.title}")
        if session is not None and model is not None:
            for table in model.tables():
                count = len(session.report.rows(section.id, table.key))
                limit = f"/{table.max_rows}" if table.max_rows else ""
                full = table.max_rows is not None and count >= table.max_rows
                text.append(f" {count}{limit}", style="bold cyan" if full else "cyan")
        return text

    def refresh_states(self) -> None:
        if self.session is None:
            return
        for section_id, node in self._section_nodes.items():
            section = self.session.report.template.section(section_id)
            if section is not None:
                node.set_label(self.label_for(section))

    def refresh_section(self, section_id: str) -> None:
        node = self._section_nodes.get(section_id)
        section = None if self.session is None else self.session.report.template.section(section_id)
        if node is not None and section is not None:
            node.set_label(self.label_for(section))

    def _expanded_to(self, section_id: str) -> TreeNode[str] | None:
        """The section's node with every part above it expanded (only those collapsed: see
        select_section), or None when the outline has no such section."""
        node = self._section_nodes.get(section_id)
        parent = None if node is None else node.parent
        while parent is not None:
            if not parent.is_expanded:
                parent.expand()
            parent = parent.parent
        return node

    def select_section(self, section_id: str) -> None:
        node = self._expanded_to(section_id)
        if node is None:
            return
        before = round(self.scroll_y)
        # Moving the cursor while the tree's lines are invalid (expand() invalidates them) makes
        # Textual rebuild them inside the move, which puts the cursor back on the old node and
        # highlights it; the editor then showed that section, which moved the cursor again, for
        # ever (part collapsed, Ctrl+B into it). So expand only what is collapsed, rebuild the
        # lines first (asking for one does), and keep these highlights from the editor: it
        # already shows this section.
        with self.prevent(Tree.NodeHighlighted):
            self.get_node_at_line(0)
            self.move_cursor(node)
        self.call_after_refresh(self._into_view, node, before)

    def place(self, section_id: str) -> None:
        """As :meth:`select_section` on a fresh tree, all at once: for a tree that has its size
        and is not drawn yet (the first screen's first frame). Textual's cursor move scrolls
        after the next refresh; here nothing is left for later."""
        node = self._expanded_to(section_id)
        if node is None:
            return
        with self.prevent(Tree.NodeHighlighted):
            self.get_node_at_line(0)  # the lines (expand() invalidates them)
            self.cursor_line = node.line
        self._into_view(node, round(self.scroll_y), tries=0, immediate=True)

    def _into_view(self, node: TreeNode[str], top: int, tries: int = 10, *, immediate: bool = False) -> None:
        """Show the node with its part above it when both fit (at 80×24 the tree used to open
        scrolled past "1" and "1.1"); leave the scroll alone while the node is in view."""
        height = self.scrollable_content_region.height
        if node.line < 0 or height <= 0:
            # Not laid out yet (a busy machine: the refresh came before the layout); moving the
            # cursor scrolled it meanwhile, so come back rather than leave that scroll.
            if tries:
                self.call_after_refresh(self._into_view, node, top, tries - 1)
            return
        if top <= node.line < top + height:
            self.scroll_to(y=top, animate=False, immediate=True)  # it was in view: keep the scroll
            return
        part = node
        while part.parent is not None and part.parent is not self.root:
            part = part.parent
        if part.line >= 0 and node.line - part.line < height:
            self.scroll_to(y=part.line, animate=False, immediate=True)
        elif immediate:
            # Where scroll_to_node would put it: on the last line in view.
            self.scroll_to(y=node.line - height + 1, animate=False, immediate=True)
        else:
            self.scroll_to_node(node, animate=False)
