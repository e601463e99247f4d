"""The right-hand pane: the section's number and title, the template's guidance, its fields."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label, Select, Static

from tui.app.display import terminal_markdown
from tui.app.widgets.answer_editor import AnswerEditor

if TYPE_CHECKING:  # the first screen shows a section before the models are loaded
    from tui.app.session import EditorSession
    from tui.core.template import ChoiceField, Section, TableField


def table_caption(section_id: str, spec: TableField, count: int) -> str:
    limit = f" av högst {spec.max_rows}" if spec.max_rows else ""
    return f"{spec.display_label}: {count}{limit}"


class ChoiceSelect(Select[str]):
    def __init__(self, section_id: str, spec: ChoiceField, value: str, *, id: str | None = None) -> None:
        super().__init__([(o, o) for o in spec.options], prompt="Inte besvarad", allow_blank=True,
                         value=value if value in spec.options else Select.NULL, id=id)
        self.section_id = section_id
        self.key = spec.key


class SectionView(VerticalScroll, can_focus=False):
    """Rebuilt whenever another section is shown. The answers and the table share the height
    left by the title, guidance and prompts. Where they do not fit with their least height (long
    prompts, the bars shown at 80×24) each gets just that and the view scrolls: the focused field
    is scrolled into view (Textual does, on focus)."""

    CROWDED = "-crowded"  # styles.tcss: the sharing fields at their least height

    def __init__(self, session: EditorSession, section: Section, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.session = session
        self.section = section

    class Shown(Message):
        """The view's fields are mounted (the editor may put the focus in one)."""

        def __init__(self, view: SectionView) -> None:
            super().__init__()
            self.view = view

    def on_mount(self) -> None:
        self.post_message(self.Shown(self))
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        # Decided from the other parts' heights and the fields' least heights, never from the
        # fields' own (which this changes). Without it Textual, finding every field at its
        # least, gives each the whole room left: the last field went below the pane.
        from tui.app.widgets.insats_table import InsatsTable  # loaded by compose already

        if not self.is_attached:
            return
        sharing = [c for c in self.children if isinstance(c, AnswerEditor | InsatsTable) and c.display]
        others = sum(c.outer_size.height + c.styles.margin.height
                     for c in self.children if c.display and c not in sharing)
        least = sum(int(c.styles.min_height.value) if c.styles.min_height else 1 for c in sharing)
        self.set_class(bool(sharing) and others + least > self.scrollable_content_region.height, self.CROWDED)

    def compose(self) -> ComposeResult:
        from tui.app.widgets.insats_table import InsatsTable
        from tui.core.template import ChoiceField, TableField, TextField

        report = self.session.report
        section = self.section
        template = report.template
        part = template.part_of(section.id)
        yield section_heading(section.number_title, None if part is section else part.number_title)
        intro = section_intro(section.level, section.preamble, section.comment, section.guidance)
        if intro is not None:
            yield intro

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
                yield from text_field(section.id, TextAnswer(spec.key, spec.display_label, spec.prompt,
                                                             spec.max_words, text))
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


@dataclass(frozen=True)
class TextAnswer:
    """A text field as the section shows it (from the model, or plain data on the first screen)."""

    key: str
    label: str
    prompt: str
    max_words: int | None
    text: str


def section_heading(number_title: str, part_title: str | None) -> Static:
    heading = Text()
    heading.append(number_title, style="bold")
    if part_title is not None:
        heading.append(f"   {part_title}", style="dim")
    return Static(heading, id="section-title")


def section_intro(level: int, preamble: str, comment: str, guidance: str) -> Widget | None:
    """A part's preamble and comment, and the guidance: the template's words above the fields."""
    intro: list[str] = []
    if level == 1 and (preamble or comment):
        intro.append(preamble)
        if comment:
            intro.append(f"**Kommentar:** {comment}")
    if guidance:
        intro.append(guidance)
    if not intro:
        return None
    return VerticalScroll(Static(terminal_markdown("\n\n".join(t.strip() for t in intro if t.strip())),
                                 classes="guidance"), id="guidance", can_focus=False)


def text_field(section_id: str, field: TextAnswer) -> ComposeResult:
    editor = AnswerEditor(field.text, section_id, field.key, id=f"f-{field.key}", classes="answer",
                          max_words=field.max_words)
    editor.border_title = field.label
    editor.show_word_count()
    if field.prompt:
        yield Static(terminal_markdown(field.prompt), classes="prompt")
    yield editor


class PlainSectionView(Vertical):
    """A section of text fields from plain data, laid out as :class:`SectionView` lays it out:
    the app's first screen, before the report's models are loaded."""

    def __init__(self, section_id: str, heading: tuple[str, str | None], intro: tuple[int, str, str, str],
                 fields: Sequence[TextAnswer], *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.section_id = section_id
        self.heading = heading
        self.intro = intro
        self.fields = fields

    def compose(self) -> ComposeResult:
        yield section_heading(*self.heading)
        intro = section_intro(*self.intro)
        if intro is not None:
            yield intro
        for field in self.fields:
            yield from text_field(self.section_id, field)
