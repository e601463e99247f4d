"""The main screen: the outline on the left, the current section on the right, autosave."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Select, Static, TextArea, Tree

from tui.app import positions
from tui.app.screens.dialogs import ChoiceDialog, confirm
from tui.app.screens.preview import PreviewScreen
from tui.app.screens.problems import ProblemsScreen
from tui.app.screens.row_form import RowForm
from tui.app.session import EditorSession, start_section
from tui.app.widgets.answer_editor import AnswerEditor
from tui.app.widgets.insats_table import InsatsTable
from tui.app.widgets.outline import Outline
from tui.app.widgets.section_view import ChoiceSelect, SectionView, table_caption
from tui.core.gitrepo import FolderStatus, GitError, GitRepo
from tui.core.problems import AterrapportError
from tui.core.reconcile import changed_documents, keep_mine, take_theirs
from tui.core.report import ExternalChangeError, YamlDocument
from tui.core.template import Section

TICK_SECONDS = 0.25
POLL_SECONDS = 2.0


class EditorScreen(Screen[None]):
    BINDINGS = [  # noqa: RUF012
        Binding("ctrl+n", "next_section", "Nästa", id="avsnitt.nasta", priority=True),
        Binding("ctrl+b", "previous_section", "Förra", id="avsnitt.foregaende", priority=True),
        Binding("ctrl+t", "toggle_done", "Klart", id="avsnitt.klart"),
        Binding("f2", "save_version", "Version", id="git.spara_version"),
        Binding("f3", "history", "Historik", id="git.historik"),
        Binding("f4", "preview", "Visa", id="visa.forhand"),
        Binding("f5", "problems", "Kontroll", id="visa.kontroll"),
        Binding("f6", "render_docx", "DOCX", id="visa.docx"),
        Binding("ctrl+s", "save", "Spara", id="spara", show=False),
        Binding("ctrl+o", "focus_outline", "Avsnitten", id="fokus.avsnitt", show=False),
    ]

    def __init__(self, session: EditorSession) -> None:
        super().__init__()
        self.session = session
        self.report = session.report
        self.nav_order = [s for s in self.report.template.walk() if s.answerable or s.preamble or s.comment]
        self.current: Section = self.nav_order[0]
        self.view: SectionView | None = None
        self.last_saved: float | None = None
        self.save_error: str | None = None
        self._asking = False
        self._saving = False
        self._progress: tuple[int, int, int] | None = None
        self._last_poll = time.monotonic()
        self._typed_in: set[AnswerEditor] = set()
        self.repo: GitRepo | None = None
        self.git_status: FolderStatus | None = None

    # -- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        head = self.report.head
        region = head.region if head else "?"
        year = head.ar if head else "?"
        top = Text()
        top.append(f" {region}", style="bold")
        top.append(f" · {self.report.template.title} · år {year} · ", style="")
        top.append(self.report.folder.resolve().name, style="dim")
        yield Static(top, id="topbar")
        with Horizontal(id="main"):
            yield Outline(self.session, id="outline")
            yield Container(id="right")
        yield Static("", id="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        start_id = start_section(self.report)
        start = self.report.template.section(start_id) if start_id else None
        self.show_section(start or self.nav_order[0], focus=True)
        self.set_interval(TICK_SECONDS, self._tick)
        if self.report.fully_loaded:
            self.call_after_refresh(self._loaded)
        else:
            self.call_after_refresh(self._read_the_rest)

    @work(thread=True, exclusive=True, group="load")
    def _read_the_rest(self) -> None:
        documents = self.report.read_pending()
        self.app.call_from_thread(self._adopt, documents)

    def _adopt(self, documents: dict[str, YamlDocument]) -> None:
        self.report.adopt(documents)
        current_file = self.report.document_for(self.current.id).path if self.current.answerable else None
        if current_file is not None and any(d.path == current_file for d in documents.values()):
            self.show_section(self.current, focus=True)  # it was shown as "läser in"
        self._loaded()

    def _loaded(self) -> None:
        """Everything is read: check the report, show the states, and name broken files."""
        self._progress = None
        self.session.recheck()
        self.query_one(Outline).refresh_states()
        self._refresh_git()
        broken = [d.error for d in self.report.documents() if d.error is not None]
        if broken:
            self.app.push_screen(ProblemsScreen(
                broken, self.report.folder, title="Filer som inte kan läsas (övriga avsnitt går att redigera)"),
                self._jump)

    # -- showing sections -----------------------------------------------------------------------

    def show_section(self, section: Section, *, focus: bool = False) -> None:
        if section.id != self.current.id:
            self.flush()
        self.current = section
        right = self.query_one("#right", Container)
        right.remove_children()
        self.view = SectionView(self.session, section, classes="section")
        right.mount(self.view)
        outline = self.query_one(Outline)
        outline.select_section(section.id)
        positions.remember_section(self.report.folder, section.id)
        self._update_status()
        if focus:
            self.call_after_refresh(self._focus_first)

    def _focus_first(self) -> None:
        target = self.view.first_focusable() if self.view is not None and self.view.is_attached else None
        if target is not None:
            target.focus()
            if isinstance(target, TextArea):
                target.move_cursor(target.document.end)
        else:
            self.query_one(Outline).focus()

    @on(Tree.NodeHighlighted, "#outline")
    def _outline_moved(self, event: Tree.NodeHighlighted[str]) -> None:
        section = self.report.template.section(event.node.data or "")
        if section is not None and section.id != self.current.id:
            self.show_section(section)

    @on(Tree.NodeSelected, "#outline")
    def _outline_chosen(self, event: Tree.NodeSelected[str]) -> None:
        self.call_after_refresh(self._focus_first)

    def _jump(self, section_id: str | None) -> None:
        if section_id:
            section = self.report.template.section(section_id)
            if section is not None:
                self.show_section(section, focus=True)

    def go_to(self, section_id: str) -> None:
        self._jump(section_id)

    def action_next_section(self) -> None:
        self._step(1)

    def action_previous_section(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        ids = [s.id for s in self.nav_order]
        index = ids.index(self.current.id) if self.current.id in ids else 0
        target = max(0, min(len(ids) - 1, index + delta))
        self.show_section(self.nav_order[target], focus=True)

    def action_focus_outline(self) -> None:
        self.query_one(Outline).focus()

    # -- editing --------------------------------------------------------------------------------

    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        editor = event.text_area
        if not isinstance(editor, AnswerEditor) or editor.read_only:
            return
        was_saved = not self.session.pending
        self.session.note_text(editor.section_id, editor.key, editor.text)
        self._typed_in.add(editor)
        if was_saved:
            self._update_status()  # "sparar …"; the rest waits for the save, not every key

    @on(Select.Changed)
    def _choice_changed(self, event: Select.Changed) -> None:
        select = event.select
        if not isinstance(select, ChoiceSelect):
            return
        value = "" if event.value is Select.NULL else str(event.value)
        if value == self.report.choice(select.section_id, select.key):
            return
        self._edit(lambda: self.report.set_choice(select.section_id, select.key, value))

    def _edit(self, change: Callable[[], object]) -> bool:
        """Run a model change; a refused change (row limit, broken file) becomes a message."""
        try:
            change()
        except AterrapportError as exc:
            self.app.bell()
            self.notify("\n".join(p.message for p in exc.problems), title="Går inte", severity="error", timeout=8)
            return False
        self.query_one(Outline).refresh_section(self.current.id)
        self._update_status(recount=True)
        return True

    @on(InsatsTable.RowAction)
    def _row_action(self, event: InsatsTable.RowAction) -> None:
        table = event.table
        sid, spec = table.section_id, table.spec
        rows = self.report.rows(sid, spec.key)
        if event.action == "add":
            if spec.max_rows is not None and len(rows) >= spec.max_rows:
                word = "insatser" if spec.key == "insatser" else "rader"
                self.app.bell()
                self.notify(f"{sid} har redan {len(rows)} {word}; mallen tillåter högst {spec.max_rows} "
                            f"(”Välj max {spec.max_rows} insatser”). Ta bort en rad först.",
                            title="Tabellen är full", severity="warning", timeout=8)
                return

            def added(values: dict[str, str] | None) -> None:
                if values is not None and self._edit(lambda: self.report.add_row(sid, spec.key, values)):
                    self._refresh_table(table, len(rows))

            self.app.push_screen(RowForm(sid, spec, None, len(rows) + 1), added)
        elif event.action == "edit" and event.index is not None:
            index = event.index

            def edited(values: dict[str, str] | None) -> None:
                if values is not None and self._edit(lambda: self.report.update_row(sid, spec.key, index, values)):
                    self._refresh_table(table, index)

            self.app.push_screen(RowForm(sid, spec, rows[index], index + 1), edited)
        elif event.action == "delete" and event.index is not None:
            index = event.index
            name = rows[index].get(spec.columns[0].key) or "(namnlös)"

            def deleted(answer: str | None) -> None:
                if answer == "ja" and self._edit(lambda: self.report.delete_row(sid, spec.key, index)):
                    self._refresh_table(table, index)

            self.app.push_screen(confirm("Ta bort raden?", f"{sid}, rad {index + 1}: {name}",
                                         yes="Ta bort", danger=True), deleted)
        elif event.action == "move" and event.index is not None:
            index = event.index
            moved = [index]

            def move() -> None:
                moved[0] = self.report.move_row(sid, spec.key, index, event.delta)

            if self._edit(move):
                self._refresh_table(table, moved[0])

    def _refresh_table(self, table: InsatsTable, highlight: int) -> None:
        rows = self.report.rows(table.section_id, table.spec.key)
        table.set_rows(rows, highlight)
        table.border_title = table_caption(table.section_id, table.spec, len(rows))
        table.focus()

    def action_toggle_done(self) -> None:
        if not self.current.answerable or not self.report.editable(self.current.id):
            return
        self.flush()
        done = not self.report.is_done(self.current.id)
        if self._edit(lambda: self.report.set_done(self.current.id, done)):
            self.notify(f"{self.current.id} markerat som {'klart' if done else 'inte klart'}", timeout=3)

    # -- saving ---------------------------------------------------------------------------------

    def _tick(self) -> None:
        if self._asking:
            return
        if self.session.due():
            self.flush(wait=False)
        for editor in self._typed_in:
            editor.border_subtitle = f"{editor.words} ord"
        self._typed_in.clear()
        now = time.monotonic()
        if now - self._last_poll >= POLL_SECONDS:
            self._last_poll = now
            self._poll_disk()

    def flush(self, *, wait: bool = True) -> bool:
        """Save everything. ``wait=False`` (the autosave) writes in a worker thread so typing
        never waits for YAML to be written; everything else saves before it goes on.
        Returns False when a conflict needs the writer's answer."""
        if not self.session.unsaved:
            return True
        if not wait:
            if not self._saving:
                self.session.apply_pending()
                self._saving = True
                self._save_in_background()
            return True
        try:
            self.session.save()  # waits for a background save through the report's lock
        except ExternalChangeError as exc:
            self._ask_about(exc.paths)
            return False
        except OSError as exc:
            self._save_failed(exc)
            return False
        self._saved()
        return True

    @work(thread=True, group="save")
    def _save_in_background(self) -> None:
        try:
            self.report.save()
        except ExternalChangeError as exc:
            self.app.call_from_thread(self._ask_about, exc.paths)
        except OSError as exc:
            self.app.call_from_thread(self._save_failed, exc)
        else:
            self.app.call_from_thread(self._saved)
        finally:
            self._saving = False

    def _saved(self) -> None:
        self.save_error = None
        self.last_saved = time.time()
        self.query_one(Outline).refresh_section(self.current.id)
        self._update_status(recount=True)

    def _save_failed(self, exc: OSError) -> None:
        self.save_error = f"Kunde inte spara: {exc.strerror or exc}"
        self.notify(self.save_error, severity="error", timeout=10)
        self._update_status()

    def action_save(self) -> None:
        if self.flush():
            self.notify("Sparat", timeout=2)

    def _poll_disk(self) -> None:
        if not self.report.fully_loaded or self._saving:
            return  # a file being written by our own save is no outside change
        self._refresh_git()
        changed = changed_documents(self.report)
        if changed:
            self._ask_about([d.path for d in changed])

    def _ask_about(self, paths: list[Path]) -> None:
        if self._asking:
            return
        self._asking = True
        self.session.apply_pending()
        names = ", ".join(p.name for p in paths)
        unsaved = [d.path.name for d in self.report.dirty_documents() if d.path in paths]
        mine = f"Dina osparade ändringar finns i: {', '.join(unsaved)}." if unsaved else \
            "Du har inga osparade ändringar i dem."
        dialog = ChoiceDialog(
            "Filer har ändrats utanför appen",
            f"{names} har ändrats på disken (t.ex. av git eller en annan redigerare).\n{mine}\n\n"
            "Läs in: den nya versionen visas; dina ändringar i avsnitt som bara du har ändrat förs över, "
            "och krockar sparas i en säkerhetskopia.\n"
            "Behåll min: det som visas skrivs över filen; den andra versionen sparas i en säkerhetskopia.",
            [("las_in", "Läs in den nya versionen"), ("behall", "Behåll min version")],
            default="las_in")

        def answered(choice: str | None) -> None:
            self._asking = False
            docs = [d for d in self.report.documents() if d.path in paths]
            self._resolve(docs, choice or "las_in")

        self.app.push_screen(dialog, answered)

    def _resolve(self, docs: list[YamlDocument], choice: str) -> None:
        messages: list[str] = []
        for doc in docs:
            if choice == "behall":
                saved = keep_mine(self.report, doc)
                if saved:
                    messages.append(f"{doc.path.name}: den andra versionen sparades i {saved}")
            else:
                result = take_theirs(self.report, doc)
                if result.merged_sections:
                    messages.append(f"{doc.path.name}: dina ändringar i {', '.join(result.merged_sections)} "
                                    "fördes över")
                if result.backup:
                    messages.append(f"{doc.path.name}: dina ändringar i {', '.join(result.conflicts) or 'filen'} "
                                    f"krockade och sparades i {result.backup}")
        if choice != "behall":
            self.session.pending.clear()
            self.flush()  # merged sections are written now; a new conflict asks again
        self._progress = None
        self.session.recheck()
        self.query_one(Outline).refresh_states()
        self.show_section(self.current)
        self.notify("\n".join(messages) or "Den nya versionen är inläst.", title="Filer ändrade", timeout=10)

    # -- panels -----------------------------------------------------------------------------------

    def action_preview(self) -> None:
        self.session.apply_pending()
        from tui.core.render.export_markdown import export_section

        self.app.push_screen(PreviewScreen(export_section(self.report, self.current)))

    def action_problems(self) -> None:
        self.flush()
        problems = self.session.recheck()
        self.query_one(Outline).refresh_states()
        self.app.push_screen(ProblemsScreen(problems, self.report.folder), self._jump)

    # -- status -----------------------------------------------------------------------------------

    def _update_status(self, *, recount: bool = False) -> None:
        # Counting walks every answer; do it when answers change, not on every git poll.
        if recount or self._progress is None:
            self._progress = self.session.progress()
        answered, done, total = self._progress
        status = Text()
        status.append(f" Besvarade {answered} av {total}", style="bold")
        status.append(f" · klara {done}")
        if self.save_error:
            status.append(f" · {self.save_error}", style="bold red")
        elif self.session.pending:
            status.append(" · sparar …", style="yellow")
        elif self.last_saved:
            status.append(f" · sparat {time.strftime('%H:%M:%S', time.localtime(self.last_saved))}", style="green")
        if self.repo is None:
            status.append(" · inte i git (F2 skapar ett förråd)", style="dim")
        elif self.git_status is not None:
            git = self.git_status
            status.append(f" · ⎇ {git.branch_label}", style="bold cyan")
            if git.conflicted:
                status.append(" · git-konflikt", style="bold red")
            elif git.dirty:
                status.append(" · ändringar som inte sparats som version (F2)", style="yellow")
            else:
                status.append(" · allt sparat som version", style="green")
        self.query_one("#status", Static).update(status)

    # -- versions (git) ---------------------------------------------------------------------------

    def _refresh_git(self) -> None:
        try:
            if self.repo is None:
                self.repo = GitRepo.find(self.report.folder)
            self.git_status = self.repo.status(self.report.folder) if self.repo is not None else None
        except GitError:
            self.repo, self.git_status = None, None
        self._update_status()

    def action_save_version(self) -> None:
        from tui.app.screens.versions import SaveVersionDialog
        from tui.core.diff import proposed_message, working_diff
        from tui.core.diff_render import rich_diff


        if not self.flush():
            return
        if self.repo is None:
            def create(answer: str | None) -> None:
                if answer != "ja":
                    return
                try:
                    self.repo = GitRepo.init(self.report.folder)
                except GitError as exc:
                    self._git_failed("Förrådet kunde inte skapas", exc)
                    return
                self._refresh_git()
                self.action_save_version()

            self.app.push_screen(confirm(
                "Inte i git", f"Rapportmappen {self.report.folder.resolve().name} ligger inte i ett git-förråd.\n"
                "Vill du skapa ett här, så att versionerna sparas?", yes="Skapa förråd"), create)
            return
        repo = self.repo
        try:
            repo.require_identity()
            status = repo.status(self.report.folder)
            if not status.dirty:
                self.notify("Inget nytt att spara som version: allt är redan sparat.", timeout=4)
                return
            diff = working_diff(repo, self.report.folder)
        except GitError as exc:
            self._git_failed("Versionen kan inte sparas", exc)
            return
        proposal = proposed_message(diff) or "Uppdaterade rapporten"

        def commit(message: str | None) -> None:
            if message is None:
                return
            try:
                version = repo.commit_folder(self.report.folder, message)
            except GitError as exc:
                self._git_failed("Versionen sparades inte", exc)
                return
            self._refresh_git()
            self.notify(f"Version {version.short_sha} sparad: {version.subject}", title="Spara version", timeout=6)

        self.app.push_screen(SaveVersionDialog(proposal, rich_diff(diff), status.branch_label), commit)

    def _git_failed(self, title: str, exc: GitError) -> None:
        self.app.bell()
        self.app.push_screen(ChoiceDialog(title, exc.text, [("ok", "OK")], default="ok"))

    def action_history(self) -> None:
        from tui.app.screens.versions import HistoryScreen
        from tui.core.diff import section_history


        if self.repo is None:
            self.notify("Rapporten ligger inte i git; det finns ingen historik.", severity="warning")
            return
        if not self.current.answerable:
            self.notify("Välj ett avsnitt med svar för att se dess historik.", timeout=4)
            return
        repo, folder, sid = self.repo, self.report.folder, self.current.id
        self.app.push_screen(HistoryScreen(self.current.number_title,
                                           lambda: section_history(repo, folder, sid)))

    # -- the document ----------------------------------------------------------------------------

    def action_render_docx(self) -> None:
        if not self.flush():
            return
        errors = [p for p in self.session.recheck() if p.is_error]
        if errors:
            def answered(choice: str | None) -> None:
                if choice == "skapa":
                    self._build_docx()
                elif choice == "visa":
                    self.action_problems()

            self.app.push_screen(ChoiceDialog(
                "Rapporten har fel", f"{len(errors)} fel hittades. Ett dokument med fel bör inte skickas.",
                [("visa", "Visa felen"), ("skapa", "Skapa ändå"), ("avbryt", "Avbryt")], default="visa"),
                answered)
            return
        self._build_docx()

    @work(thread=True, exclusive=True, group="render")
    def _build_docx(self) -> None:
        from tui.core.render.document import default_output, render_file

        self.app.call_from_thread(self.notify, "Skapar dokumentet …", timeout=2)
        try:
            path = render_file(self.report, default_output(self.report))
        except (AterrapportError, OSError) as exc:
            message = "\n".join(p.message for p in exc.problems) if isinstance(exc, AterrapportError) else str(exc)
            self.app.call_from_thread(self.notify, message, title="Dokumentet skapades inte", severity="error",
                                      timeout=10)
            return
        self.app.call_from_thread(self.notify, f"Dokumentet finns i {path}", title="Word-dokument", timeout=10)
