"""F6: the Word document from the app, in a worker; a report with errors asks first."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from tui.app.screens.dialogs import Choice, ChoiceDialog
from tui.core.problems import AterrapportError

if TYPE_CHECKING:
    from tui.app.screens.editor import EditorScreen


class WithErrors(Enum):
    SHOW = "visa"
    CREATE = "skapa"
    CANCEL = "avbryt"


def render_docx(editor: EditorScreen) -> None:
    if not editor.flush():
        editor.explain_wait()
        return
    errors = [p for p in editor.session.recheck() if p.is_error]
    if not errors:
        _build(editor)
        return

    def answered(choice: WithErrors | None) -> None:
        if choice is WithErrors.CREATE:
            _build(editor)
        elif choice is WithErrors.SHOW:
            editor.action_problems()

    editor.app.push_screen(ChoiceDialog(
        "Rapporten har fel", f"{len(errors)} fel hittades. Ett dokument med fel bör inte skickas.",
        [Choice(WithErrors.SHOW, "Visa felen", "visa"), Choice(WithErrors.CREATE, "Skapa ändå", "skapa"),
         Choice(WithErrors.CANCEL, "Avbryt", "avbryt")], default="visa"), answered)


def _build(editor: EditorScreen) -> None:
    from tui.core.generated import ensure_gitignore
    from tui.core.render.document import render_file
    from tui.core.render.output import default_output

    report, app = editor.report, editor.app

    def build() -> None:
        app.call_from_thread(editor.notify, "Skapar dokumentet …", timeout=2)
        try:
            output = default_output(report)
            if output.parent == report.folder:
                ensure_gitignore(report.folder)  # the document is no part of a version
            path = render_file(report, output)
        except (AterrapportError, OSError) as exc:
            message = "\n".join(p.message for p in exc.problems) if isinstance(exc, AterrapportError) else str(exc)
            app.call_from_thread(editor.notify, message, title="Dokumentet skapades inte", severity="error",
                                 timeout=10)
            return
        app.call_from_thread(editor.notify, f"Dokumentet finns i {path}", title="Word-dokument", timeout=10)

    editor.run_worker(build, thread=True, exclusive=True, group="render")
