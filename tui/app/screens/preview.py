"""Preview: the current section as the reader will see it (Rich Markdown)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.app.display import terminal_markdown
from tui.core.report import Report
from tui.core.template import ChoiceField, Section, TableField


def section_markdown(report: Report, section: Section) -> str:
    """The section as Markdown: heading, guidance in italics, answers, tables."""
    parts = [f"{'#' * min(section.level, 3)} {section.number_title}"]
    if section.guidance:
        parts.append("\n".join(f"*{line}*" if line.strip() else "" for line in section.guidance.splitlines()))
    for spec in section.fields:
        if spec.prompt and not isinstance(spec, TableField):
            parts.append(f"*{spec.prompt.strip()}*")
        if isinstance(spec, ChoiceField):
            parts.append(f"**{report.choice(section.id, spec.key) or '(inte besvarad)'}**")
        elif isinstance(spec, TableField):
            if spec.prompt:
                parts.append(f"*{spec.prompt.strip()}*")
            headers = [c.header for c in spec.columns]
            rows = report.rows(section.id, spec.key)
            table = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
            for row in rows:
                cells = [row.get(c.key, "").replace("\n", " ").replace("|", "\\|") for c in spec.columns]
                table.append("| " + " | ".join(cells) + " |")
            parts.append("\n".join(table))
        else:
            text = report.text(section.id, spec.key)
            parts.append(text or "*(obesvarat)*")
    return "\n\n".join(parts)


class PreviewScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,ctrl+r", "close", "Stäng", id="forhand.stang")]  # noqa: RUF012

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide tall"):
            yield Static("Förhandsgranskning (Esc stänger)", classes="dialog-title")
            with VerticalScroll(id="preview"):
                yield Static(terminal_markdown(self.markdown), id="preview-body")

    def action_close(self) -> None:
        self.dismiss(None)
