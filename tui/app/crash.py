"""An unexpected error: the details go to a file, the writer's text is kept, and the writer
gets a Swedish message saying both, instead of a traceback."""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path

from tui.app.session import EditorSession
from tui.core.reconcile import backup
from tui.core.statedir import state_dir
from tui.core.yamlio import atomic_write


def write_details(error: BaseException) -> Path | None:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = state_dir() / "fel" / f"fel-{stamp}.txt"
    try:
        atomic_write(target, "".join(traceback.format_exception(error)))
    except OSError:
        return None
    return target


def keep_text(session: EditorSession | None) -> str:
    """Save what the writer typed; if the report cannot be saved, write it to backups."""
    if session is None or not session.unsaved:
        return "Allt du skrivit var redan sparat."
    report = session.report
    texts = dict(session.pending)
    try:
        session.save()
        return "Det du skrivit är sparat i rapporten."
    except Exception:
        pass
    saved: list[Path] = []
    for (section_id, key), text in texts.items():
        path = report.document_for(section_id).path
        try:
            saved.append(backup(path, f"# {section_id} {key}\n{text}\n", "osparat"))
        except OSError:
            continue
    for doc in report.dirty_documents():
        try:
            saved.append(backup(doc.path, doc.render(), "osparat"))
        except Exception:
            continue
    if saved:
        return "Det du skrivit sparades i: " + ", ".join(str(p) for p in saved)
    return "Det du skrivit kunde inte sparas."


def message(details: Path | None, kept: str) -> str:
    where = f"Detaljer finns i {details}." if details else "Detaljerna kunde inte skrivas till fil."
    return (f"återrapport stängdes av ett oväntat fel. {kept}\n{where}\n"
            "Skicka gärna filen till den som sköter appen.")
