"""The writer's session: typed text waiting to be saved, the debounce, saving, problems.

Plain Python (no Textual), so the autosave rules are tested without a terminal.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tui.app import positions
from tui.app.journal import DETAILS, Entries
from tui.app.row_undo import DeletedRows
from tui.core.answers import DONE_KEY, DONE_VALUE
from tui.core.head_edit import EDITABLE, head_value
from tui.core.problems import AterrapportError, Problem
from tui.core.report import Report, YamlDocument
from tui.core.template import file_key
from tui.core.validation import check_report

QUIET_SECONDS = 1.0  # save this long after the last keystroke …
MAX_WAIT_SECONDS = 1.5  # … and never later than this after the first unsaved one


@dataclass
class EditorSession:
    report: Report
    clock: Callable[[], float] = time.monotonic
    pending: dict[tuple[str, str], str] = field(default_factory=dict)
    first_change: float | None = None
    last_change: float | None = None
    problems: list[Problem] = field(default_factory=list)
    # Every field typed in and not yet written to its file, with the number of the change that
    # last set it: what the journal holds. A save removes what it wrote (see saved_up_to).
    unwritten: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)
    changes: int = 0
    applied: int = 0  # the changes up to this one are in the report model
    deleted_rows: DeletedRows = field(default_factory=DeletedRows)  # insats rows Ctrl+Z brings back
    # Details typed that are not valid yet (a half-typed date): never in the model, so never in
    # rapport.yaml, but in the journal, and the details form opens with them (key -> text).
    typed_details: dict[str, str] = field(default_factory=dict)

    @classmethod
    def open(cls, folder: Path, *, lazy: bool = False) -> EditorSession:
        """Open a report. ``lazy``: read only the file of the section the writer starts in; the
        app reads the rest right after its first screen. The check runs after that, too."""
        if not lazy:
            return cls(Report.load(folder))
        report = Report.load(folder, only=set())
        start = start_section(report)
        key = file_key(start) if start is not None else None
        if key in report.files:  # (a part, the writer's last place, has no file of its own)
            report.adopt({key: YamlDocument.read(report.files[key].path)})
        return cls(report)

    def note_text(self, section_id: str, key: str, text: str) -> None:
        now = self.clock()
        self.pending[(section_id, key)] = text
        self.changes += 1
        self.unwritten[(section_id, key)] = (text, self.changes)
        self.last_change = now
        if self.first_change is None:
            self.first_change = now

    def due(self) -> bool:
        if self.first_change is None or self.last_change is None:
            return bool(self.report.dirty_documents())
        now = self.clock()
        return now - self.last_change >= QUIET_SECONDS or now - self.first_change >= MAX_WAIT_SECONDS

    def apply_pending(self) -> None:
        """Move typed text into the report model (not yet to disk)."""
        for (section_id, key), text in self.pending.items():
            self.report.set_text(section_id, key, text)
        self.pending.clear()
        self.first_change = self.last_change = None
        self.applied = self.changes

    def save(self) -> list[Path]:
        """Apply and write. Raises ExternalChangeError when a file changed on disk."""
        self.apply_pending()
        written, upto = self.save_applied()
        self.saved_up_to(upto)
        return written

    def save_applied(self) -> tuple[list[Path], int]:
        """Write what is in the model (safe in a worker thread); returns the files written and
        the change number they include, for :meth:`saved_up_to` on the app's thread."""
        with self.report.lock:
            upto = self.applied
            return self.report.save(), upto

    def saved_up_to(self, change: int) -> None:
        self.unwritten = {k: v for k, v in self.unwritten.items() if v[1] > change}

    def journal_entries(self) -> Entries:
        """What the journal holds: every field typed in and not yet written, and every field and
        done mark of every section whose file has changes not yet written (rows, choices, a
        word F7 replaced go into the report model at once, and the file may take seconds to
        write; typed text not yet in the model comes from :attr:`unwritten`), and the
        report's details when rapport.yaml has changes not yet written, and the details typed
        that are not valid yet (:attr:`typed_details`)."""
        entries: Entries = {}
        report = self.report
        for section in report.template.answerable():
            doc = report.document_for(section.id)
            if not doc.dirty or doc.data is None:
                continue
            for spec in section.fields:
                entries[(section.id, spec.key)] = spec.journal_value(report, section.id)
            entries[(section.id, DONE_KEY)] = DONE_VALUE if report.is_done(section.id) else ""
        entries.update({k: text for k, (text, _n) in self.unwritten.items()})
        head = report.head_doc
        if head.dirty and head.data is not None:  # the details go into the model as they are typed
            entries.update({(DETAILS, key): head_value(report, key) for key, _label, _multi in EDITABLE})
        entries.update({(DETAILS, key): text for key, text in self.typed_details.items()})
        return entries

    @property
    def unsaved(self) -> bool:
        return bool(self.pending) or bool(self.report.dirty_documents())

    def recheck(self) -> list[Problem]:
        self.problems = check_report(self.report)
        return self.problems

    def located_on_disk(self, problems: list[Problem]) -> list[Problem]:
        """``problems`` with the lines of the files as they are on disk now. The model keeps
        the positions of the text it parsed, which a save moves; where a file with problems
        was written since, the files are checked as they are now (as `aterrapport check`
        does). Call after a save of everything."""
        files = {p.file for p in problems}
        if all(d.positions_current for d in self.report.documents()
               if d.path in files and d.readable and d.data is not None):
            return problems
        try:
            return check_report(Report.load(self.report.folder, read_only=True))
        except AterrapportError:
            return problems  # rapport.yaml cannot be read now: the model's problems still say what is wrong

    def section_problems(self, section_id: str) -> list[Problem]:
        return [p for p in self.problems if p.section == section_id and p.is_error]

    def progress(self) -> tuple[int, int, int]:
        """(answered, done, total) over the answerable sections."""
        sections = self.report.template.answerable()
        answered = sum(1 for s in sections if self.report.has_content(s.id))
        done = sum(1 for s in sections if self.report.is_done(s.id))
        return answered, done, len(sections)


def start_section(report: Report) -> str | None:
    """Where the writer left off in this report, or its first section with answers."""
    remembered = positions.last_section(report.folder)
    if remembered and report.template.section(remembered) is not None:
        return remembered
    first = next(iter(report.template.answerable()), None)
    return first.id if first else None
