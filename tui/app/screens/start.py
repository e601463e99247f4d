"""Start screen: create a new report (template, region, year, folder)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static

from tui.app.widgets.answer_editor import WriterInput
from tui.app.widgets.key_bar import KeyBar
from tui.core.problems import AterrapportError
from tui.core.regions import REGIONS
from tui.core.scaffold import create_report
from tui.core.template import find_templates, load_template
from tui.core.years import template_for_year, year_mismatch


def default_year() -> int:
    """Reports are written early in the year about the year before."""
    return dt.date.today().year - 1


class StartScreen(Screen[Path]):
    """Dismisses with the folder of the created report."""

    CSS_PATH = "screens.tcss"  # its rules and its dialogs' (the app's own: the editor's layout)

    BINDINGS = [Binding("ctrl+s", "create", "Skapa rapport", id="start.skapa", priority=True)]  # noqa: RUF012

    def compose(self) -> ComposeResult:
        templates = sorted(((load_template(p), tid) for tid, p in find_templates().items()),
                           key=lambda item: -item[0].year)
        self.templates = {tid: t for t, tid in templates}
        year = default_year()
        proposed = template_for_year(self.templates, year) if templates else Select.NULL
        with VerticalScroll(id="start"):
            yield Static("återrapport", id="start-title")
            yield Static("Skapa en ny återrapportering. Svaren sparas som YAML-filer i mappen, "
                         "en fil per avsnitt.", classes="dialog-message")
            yield Label("Mall")
            yield Select([(f"{t.title} ({tid})", tid) for t, tid in templates], allow_blank=False,
                         value=proposed, id="mall")
            yield Static(self._year_warning(proposed, str(year)), id="start-warning")
            yield Label("Region")
            yield Select([(r, r) for r in REGIONS], prompt="Välj region", id="region")
            yield Label("År som rapporteras")
            yield WriterInput(str(year), id="ar", restrict=r"\d{0,4}")
            yield Label("Mapp")
            yield WriterInput(placeholder=f"t.ex. aterrapportering-{year}", id="mapp")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Skapa rapport (Ctrl+S)", id="skapa", variant="primary")
        # Outside the scrolling form, above the keys: an error is always in view (80×24 too).
        yield Static("", id="start-error", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#region", Select).focus()

    def _year_warning(self, template_id: object, year_text: str) -> str:
        template = self.templates.get(str(template_id))
        if template is None or not year_text.isdigit():
            return ""
        mismatch = year_mismatch(template, int(year_text))
        return f"Obs: {mismatch}" if mismatch else ""

    def _update_warning(self) -> None:
        self.query_one("#start-warning", Static).update(
            self._year_warning(self.query_one("#mall", Select).value, self.query_one("#ar", Input).value))

    def on_input_changed(self, event: Input.Changed) -> None:
        """A new year proposes the template issued for it (or the newest before it)."""
        if event.input.id == "ar" and event.value.isdigit() and len(event.value) == 4 and self.templates:
            self.query_one("#mall", Select).value = template_for_year(self.templates, int(event.value))
        if event.input.id == "ar":
            self._update_warning()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "mall":
            self._update_warning()
        if event.select.id == "region" and not self.query_one("#mapp", Input).value:
            region = str(event.value).lower().replace("region ", "").replace(" ", "-")
            for a, b in (("å", "a"), ("ä", "a"), ("ö", "o")):
                region = region.replace(a, b)
            self.query_one("#mapp", Input).value = f"{region}-{self.query_one('#ar', Input).value}"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_create()

    def action_create(self) -> None:
        error = self.query_one("#start-error", Static)
        template_id = self.query_one("#mall", Select).value
        region = self.query_one("#region", Select).value
        year_text = self.query_one("#ar", Input).value
        folder_text = self.query_one("#mapp", Input).value.strip()
        if region is Select.NULL:
            error.update("Välj region.")
            return
        if not year_text.isdigit():
            error.update("Skriv året som rapporteras, t.ex. 2019.")
            return
        if not folder_text:
            error.update("Skriv vilken mapp rapporten ska sparas i.")
            return
        folder = Path(folder_text).expanduser()
        templates = find_templates()
        try:
            create_report(folder, load_template(templates[str(template_id)]), str(region), int(year_text))
        except AterrapportError as exc:
            error.update("\n".join(p.format() for p in exc.problems))
            return
        except OSError as exc:
            error.update(f"Mappen kunde inte skapas: {exc.strerror}")
            return
        self.dismiss(folder)
