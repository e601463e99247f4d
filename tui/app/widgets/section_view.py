"""The right-hand pane: the section's number and title, the template's guidance, its fields."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Label, Select, Static

from tui.app.display import terminal_markdown
from tui.app.session import EditorSession
from tui.app.widgets.answer_editor import AnswerEditor
from tui.app.widgets.insats_table import InsatsTable
from tui.core.template import ChoiceField, Section, TableField, TextField


def table_caption(section_id: str, spec: TableField, count: int) -> str:
    limit = f" av högst {spec.max_rows}" if spec.max_rows else ""
    return f"{spec.display_label}: {count}{limit}"


class ChoiceSelect(Select[str]):
    def __init__(self, section_id: str, spec: ChoiceField, value: str, *, id: str | None = None) -> None:
        super().__init__([(o, o) for o in spec.options], prompt="Inte besvarad", allow_blank=True,
                         value=value if value in spec.options else Select.NULL, id=id)
        self.section_id = section_id
        self.key = spec.key


class SectionView(Vertical):
    """Rebuilt whenever another section is shown."""

    def __init__(self, session: EditorSession, section: Section, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.session = session
        self.section = section

    def compose(self) -> ComposeResult:
        report = self.session.report
        section = self.section
        template = report.template
        part = template.part_of(section.id)
        heading = Text()
        heading.append(section.number_title, style="bold")
        if part is not section:
            heading.append(f"   {part.id} {part.title}", style="dim")
        yield Static(heading, id="section-title")

        intro: list[str] = []
        if section.level == 1 and (section.preamble or section.comment):
            intro.append(section.preamble)
            if section.comment:
                intro.append(f"**Kommentar:** {section.comment}")
        if section.guidance:
            intro.append(section.guidance)
        if intro:
            with VerticalScroll(id="guidance", can_focus=False):
                yield Static(terminal_markdown("\n\n".join(t.strip() for t in intro if t.strip())), classes="guidance")

        if not section.answerable:
            yield from self._overview(section)
            return
        if report.document_for(section.id).loading:
            yield Static(Text("Läser in …", style="dim italic"), classes="overview")
            return
        if not report.editable(section.id):
            doc = report.document_for(section.id)
            problem = doc.error
            where = f"rad {problem.line}: " if problem and problem.line else ""
            yield Static(Text.assemble(
                ("Filen kan inte läsas: ", "bold red"),
                f"{doc.path.name}: {where}{problem.message if problem else ''}\n",
                "Rätta filen i en textredigerare (eller med git); de andra avsnitten går att redigera."),
                classes="broken")
            return
        for spec in section.fields:
            if isinstance(spec, TextField):
                text = self.session.pending.get((section.id, spec.key), report.text(section.id, spec.key))
                editor = AnswerEditor(text, section.id, spec.key, id=f"f-{spec.key}", classes="answer",
                                      max_words=spec.max_words)
                editor.border_title = spec.display_label
                editor.show_word_count()
                if spec.prompt:
                    yield Static(terminal_markdown(spec.prompt), classes="prompt")
                yield editor
            elif isinstance(spec, ChoiceField):
                yield Static(terminal_markdown(spec.prompt or spec.display_label), classes="prompt")
                yield ChoiceSelect(section.id, spec, report.choice(section.id, spec.key), id=f"f-{spec.key}")
            elif isinstance(spec, TableField):
                rows = report.rows(section.id, spec.key)
                if spec.prompt:
                    note = f"\n\n{spec.note}" if spec.note else ""
                    yield Static(terminal_markdown(spec.prompt + note), classes="prompt")
                table = InsatsTable(section.id, spec, rows, deleted=self.session.deleted_rows, id=f"f-{spec.key}",
                                    classes="table")
                table.border_title = table_caption(section.id, spec, len(rows))
                yield table

    def _overview(self, section: Section) -> ComposeResult:
        lines = Text()
        for child in section.sections:
            lines.append(f"{child.number_title}\n")
        if lines:
            yield Label("Avsnitt:", classes="prompt")
            yield Static(lines, classes="overview")

    def first_focusable(self) -> Widget | None:
        for widget in self.query("AnswerEditor, ChoiceSelect, InsatsTable"):
            if widget.focusable:
                return widget
        return None
