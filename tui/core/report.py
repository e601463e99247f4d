"""A report: a folder with ``rapport.yaml`` and one answer file per top-level unit.

The answers stay in ruamel's round-trip documents and are edited in place, so comments,
order and untouched lines survive a save byte for byte. Reading goes through the template:
``report.text("1.2.1", "svar")``, ``report.rows("1.2.1", "insatser")``.
"""

from __future__ import annotations

import fcntl
import functools
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from tui.core.answers import DONE_KEY, DONE_VALUE
from tui.core.head import HEAD_FILE, ReportHead
from tui.core.problems import AterrapportError, Problem
from tui.core.safe_read import snapshot
from tui.core.scalars import from_scalar, insert_value, set_value, text_rows, to_scalar
from tui.core.section_state import SectionState
from tui.core.tablewords import table_full
from tui.core.template import (
    ChoiceField,
    Section,
    TableField,
    Template,
    TextField,
    file_key,
    get_template,
)
from tui.core.yamlio import MAX_FILE_BYTES, atomic_write, decode_text, dump, parse_text, read_bytes

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class YamlDocument:
    """One YAML file of the report as loaded: its round-trip data and the text it came from."""

    path: Path
    data: Any = None
    disk_text: str | None = None  # what the file held when read or last written; None = no file
    error: Problem | None = None
    dirty: bool = False
    loading: bool = False  # not read yet (the app reads the other files after its first screen)
    # Positions for messages: round-trip data, or the fast reader's with places (see locate);
    # False: plain data from the fast reader, for commands that only read (Report.load(read_only=True)).
    located: bool = True
    # Round-trip data (comments, positions, editable); False: read for reading only.
    round_trip: bool = True
    # The text the data's positions (line numbers for messages) come from: ruamel keeps them
    # when the data is edited and written, so after a write they are those of the old text.
    positions_of: str | None = field(default=None, repr=False, compare=False)

    @classmethod
    def read(cls, path: Path) -> YamlDocument:
        """The file on disk now (no file: a document without data)."""
        if not os.path.lexists(path):
            return cls(path=path)
        return cls.from_bytes(path, _read_or_problem(path)).with_disk_text()

    @classmethod
    def from_bytes(cls, path: Path, raw: bytes | Problem, *, read_only: bool = False) -> YamlDocument:
        """A document from contents read elsewhere (disk, a git revision, memory), or the
        problem met reading them. ``path`` is where the file lives (and what messages name).
        ``read_only``: plain data from the fast reader (same data, same verdict)."""
        if isinstance(raw, Problem):
            return cls(path=path, error=raw)
        try:
            text = decode_text(raw, path)
            if read_only:
                from tui.core.fastyaml import parse_fast

                return cls(path=path, data=parse_fast(text, path), disk_text=text, located=False, round_trip=False)
            data = _parse_round_trip(text, path)
        except AterrapportError as exc:
            return cls(path=path, disk_text=raw.decode("utf-8", "replace"), error=exc.problems[0])
        return cls(path=path, data=data, disk_text=text, positions_of=text)

    def locate(self) -> None:
        """Re-read a fast-read document with the positions a message needs: the fast reader's
        places (:func:`tui.core.fastyaml.parse_placed`: the same as the round-trip reader's),
        or the round-trip reader's where the fast reader does not decide alone."""
        if self.located or self.error is not None or self.disk_text is None:
            return
        from tui.core.fastyaml import parse_placed

        data = parse_placed(self.disk_text, self.path)
        self.data, self.located, self.positions_of = data, True, self.disk_text

    def with_disk_text(self) -> YamlDocument:
        """A file the reading edge refused still has a snapshot on disk (see
        :func:`tui.core.safe_read.snapshot`), so that a poll does not take it for changed."""
        if self.error is not None and self.disk_text is None:
            self.disk_text = snapshot(self.path, limit=MAX_FILE_BYTES, root=self.path.parent)
        return self

    @property
    def readable(self) -> bool:
        return self.error is None

    @property
    def positions_current(self) -> bool:
        """The data's line numbers are those of the file as last read or written."""
        return self.positions_of is not None and self.positions_of == self.disk_text

    def render(self) -> str:
        return dump(self.data)

    def changed_on_disk(self) -> bool:
        """True when the file on disk is not what we read or last wrote (a pull, another editor)."""
        if self.loading:
            return False
        return snapshot(self.path, limit=MAX_FILE_BYTES, root=self.path.parent) != self.disk_text

    def write(self) -> None:
        text = self.render()
        atomic_write(self.path, text)
        self.disk_text = text
        self.dirty = False


def _locked(method: Callable[Concatenate[Report, P], R]) -> Callable[Concatenate[Report, P], R]:
    @functools.wraps(method)
    def locked(self: Report, *args: P.args, **kwargs: P.kwargs) -> R:
        with self.lock:
            return method(self, *args, **kwargs)

    return locked


class ExternalChangeError(AterrapportError):
    """A file changed on disk since it was read; saving would overwrite someone's work."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        super().__init__([Problem(p, "filen har ändrats utanför programmet sedan den lästes") for p in paths])


@dataclass
class Report:
    folder: Path
    template: Template
    head: ReportHead | None
    head_doc: YamlDocument
    files: dict[str, YamlDocument] = field(default_factory=dict)
    head_problems: list[Problem] = field(default_factory=list)
    revision: str | None = None  # read from this git revision: for reading only, never saved
    # Edits and saves hold this lock, so the app can write files in a worker thread while the
    # writer goes on typing (typing itself waits in the app's session, not in the report).
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)

    # -- loading --------------------------------------------------------------------------------

    @classmethod
    def load(cls, folder: Path, *, only: set[str] | None = None, read_only: bool = False) -> Report:
        """Load a report folder. Unreadable answer files are kept with their error (the other
        sections stay usable); an unreadable ``rapport.yaml`` or unknown template raises.

        With ``only`` (answer file keys), the other files are left unread (``loading``) until
        :meth:`read_pending` and :meth:`adopt` bring them in: a fast first screen.
        ``read_only`` (check, render, export, diff): the fast reader, no editing or saving, and
        a head accepted before taken as it was (:mod:`tui.core.accepted_head`)."""
        folder = Path(folder)
        if not folder.is_dir():
            raise AterrapportError(Problem(folder, "mappen finns inte"))
        names = None if only is None else {HEAD_FILE, *(f"{key}.yaml" for key in only)}
        report = cls.from_texts(folder, FolderFiles(folder, names), complete=only is None, read_only=read_only)
        for doc in report.files.values():
            doc.with_disk_text()
        return report

    @classmethod
    def from_texts(cls, folder: Path, texts: Mapping[str, bytes | Problem], *, complete: bool = True,
                   revision: str | None = None, read_only: bool = False) -> Report:
        """Build a report from its files' contents by name (``rapport.yaml``, ``1.2.yaml`` …),
        however they were read. A file missing from ``texts`` does not exist, or, unless
        ``complete``, is not read yet. A ``revision`` report (read from git) cannot be saved."""
        folder = Path(folder)
        head_path = folder / HEAD_FILE
        if HEAD_FILE not in texts:
            raise AterrapportError(Problem(
                head_path, "rapport.yaml saknas: det här är ingen rapportmapp "
                "(skapa en med `aterrapport new`)"))
        head_doc = YamlDocument.from_bytes(head_path, texts[HEAD_FILE], read_only=read_only)
        if head_doc.error:
            raise AterrapportError(head_doc.error)
        if not isinstance(head_doc.data, dict) or not isinstance(head_doc.data.get("mall"), str):
            raise AterrapportError(Problem(head_path, "rapport.yaml måste ange mall: (mallens id)", line=1))
        template = get_template(str(head_doc.data["mall"]))
        head, problems = parse_head(head_doc, remember=read_only)
        if problems and not head_doc.located:
            head_doc.locate()
            head, problems = parse_head(head_doc)
        report = cls(folder=folder, template=template, head=head, head_doc=head_doc,
                     head_problems=problems, revision=revision)
        for key in template.file_keys():
            name = f"{key}.yaml"
            path = folder / name
            if name in texts:
                report.files[key] = YamlDocument.from_bytes(path, texts[name], read_only=read_only)
            else:
                report.files[key] = YamlDocument(path=path, loading=not complete)
        return report

    def read_pending(self) -> dict[str, YamlDocument]:
        """Read the files not loaded yet. Touches no shared state: safe in a worker thread."""
        return {key: YamlDocument.read(doc.path) for key, doc in list(self.files.items()) if doc.loading}

    @_locked
    def adopt(self, documents: dict[str, YamlDocument]) -> None:
        for key, doc in documents.items():
            if self.files.get(key) is not None and self.files[key].loading:
                self.files[key] = doc

    @_locked
    def replace_document(self, old: YamlDocument, new: YamlDocument) -> None:
        """Put ``new`` (e.g. the file as it now is on disk) where ``old`` was."""
        if old is self.head_doc:
            self.head_doc = new
            if new.readable:
                self.head, self.head_problems = parse_head(new)
            return
        for key, value in self.files.items():
            if value is old:
                self.files[key] = new
                return

    @_locked
    def locate(self, paths: set[Path]) -> set[Path]:
        """Re-read the fast-read documents at ``paths`` with positions for messages;
        returns the paths of those that were."""
        docs = [d for d in self.documents() if d.path in paths and not d.located and d.error is None]
        for doc in docs:
            doc.locate()
        return {doc.path for doc in docs}

    @_locked
    def canonicalize(self, doc: YamlDocument, root: Path | None = None, *, repoint: bool = False) -> str | None:
        """Rewrite ``doc`` into the canonical form (:func:`tui.core.canonical.canonical_form`)
        and return its text, or None when the file cannot be read or does not exist."""
        from tui.core.canonical import canonical_form

        form = canonical_form(self, doc, root, repoint=repoint)
        if form is None:
            return None
        doc.data, text = form
        return text

    @property
    def fully_loaded(self) -> bool:
        return not any(doc.loading for doc in self.files.values())

    def extra_files(self) -> list[Path]:
        """YAML files in the folder that are neither rapport.yaml nor an answer file."""
        known = {HEAD_FILE, *(f"{key}.yaml" for key in self.files)}
        return sorted(p for p in self.folder.glob("*.y*ml") if p.name not in known)

    def documents(self) -> list[YamlDocument]:
        return [self.head_doc, *self.files.values()]

    # -- reading answers ------------------------------------------------------------------------

    def section(self, section_id: str) -> Section:
        section = self.template.section(section_id)
        if section is None or not section.answerable:
            raise KeyError(section_id)
        return section

    def document_for(self, section_id: str) -> YamlDocument:
        return self.files[file_key(section_id)]

    def _section_data(self, section_id: str) -> dict[str, Any] | None:
        # .get: a diff asks a report for sections its template version may not have.
        doc = self.files.get(file_key(section_id))
        if doc is None or not isinstance(doc.data, dict):
            return None
        value = doc.data.get(section_id)
        return value if isinstance(value, dict) else None

    def raw(self, section_id: str, key: str) -> Any:
        data = self._section_data(section_id)
        return None if data is None else data.get(key)

    def text(self, section_id: str, key: str = "svar") -> str:
        return from_scalar(self.raw(section_id, key))

    def choice(self, section_id: str, key: str) -> str:
        return from_scalar(self.raw(section_id, key))

    def rows(self, section_id: str, key: str = "insatser", columns: list[str] | None = None) -> list[dict[str, str]]:
        """The table's rows as text, keyed by ``columns`` (default: the template's)."""
        value = self.raw(section_id, key)
        if not isinstance(value, list):
            return []
        if columns is None:
            spec = self.section(section_id).field(key)
            columns = spec.column_keys if isinstance(spec, TableField) else []
        return text_rows(value, columns)

    def is_done(self, section_id: str) -> bool:
        return from_scalar(self.raw(section_id, DONE_KEY)) == DONE_VALUE

    def has_content(self, section_id: str) -> bool:
        return any(spec.has_content(self.raw(section_id, spec.key)) for spec in self.section(section_id).fields)

    def state(self, section_id: str) -> SectionState:
        if self.is_done(section_id):
            return SectionState.DONE
        return SectionState.BEGUN if self.has_content(section_id) else SectionState.UNANSWERED

    def editable(self, section_id: str) -> bool:
        doc = self.document_for(section_id)
        return (not doc.loading and doc.round_trip and doc.readable
                and (doc.data is None or isinstance(doc.data, dict)))

    # -- editing answers ------------------------------------------------------------------------

    def _editable_section(self, section_id: str) -> CommentedMap:
        from ruamel.yaml.comments import CommentedMap

        from tui.core.scaffold import empty_document, empty_section, insert_section

        section = self.section(section_id)
        doc = self.document_for(section_id)
        if doc.error is not None:
            raise AterrapportError(doc.error)
        if doc.loading:
            raise AterrapportError(Problem(doc.path, "filen läses fortfarande in; försök igen om ett ögonblick"))
        if not doc.round_trip:
            raise AterrapportError(Problem(doc.path, "rapporten är öppnad bara för läsning"))
        if doc.data is None:
            doc.data = empty_document(self.template, file_key(section_id))
        if not isinstance(doc.data, CommentedMap):
            raise AterrapportError(Problem(doc.path, "filen ska vara en mappning av avsnitt", line=1))
        value = doc.data.get(section_id)
        if not isinstance(value, CommentedMap):
            if section_id in doc.data:
                set_value(doc.data, section_id, empty_section(section))
            else:
                insert_section(self.template, doc.data, section)
            value = doc.data[section_id]
        doc.dirty = True
        return value

    def _place(self, node: CommentedMap, section: Section, key: str, value: Any) -> None:
        order = [f.key for f in section.fields] + [DONE_KEY]
        if key in node:
            set_value(node, key, value)
            return
        position = sum(1 for k in node if k in order and order.index(k) < order.index(key))
        insert_value(node, position, key, value)

    @_locked
    def set_text(self, section_id: str, key: str, text: str) -> None:
        section = self.section(section_id)
        if not isinstance(section.field(key), TextField):
            raise KeyError(f"{section_id}.{key}")
        data = self._section_data(section_id)
        if data is not None and key in data and from_scalar(data[key]) == from_scalar(text):
            return
        self._place(self._editable_section(section_id), section, key, to_scalar(text))

    @_locked
    def set_choice(self, section_id: str, key: str, option: str) -> None:
        section = self.section(section_id)
        spec = section.field(key)
        if not isinstance(spec, ChoiceField):
            raise KeyError(f"{section_id}.{key}")
        if option and option not in spec.options:
            raise AterrapportError(f"«{option}» är inget giltigt svar; välj {' eller '.join(spec.options)}")
        self._place(self._editable_section(section_id), section, key, option)

    @_locked
    def set_done(self, section_id: str, done: bool) -> None:
        section = self.section(section_id)
        node = self._editable_section(section_id)
        if done:
            self._place(node, section, DONE_KEY, DONE_VALUE)
        elif DONE_KEY in node:
            del node[DONE_KEY]

    def _table(self, section_id: str, key: str) -> tuple[TableField, CommentedSeq]:
        from ruamel.yaml.comments import CommentedSeq

        section = self.section(section_id)
        spec = section.field(key)
        if not isinstance(spec, TableField):
            raise KeyError(f"{section_id}.{key}")
        node = self._editable_section(section_id)
        value = node.get(key)
        if not isinstance(value, CommentedSeq):
            value = CommentedSeq()
            self._place(node, section, key, value)
        return spec, value

    def _row_node(self, spec: TableField, row: dict[str, str]) -> CommentedMap:
        from ruamel.yaml.comments import CommentedMap

        node = CommentedMap()
        for column in spec.columns:
            node[column.key] = to_scalar(row.get(column.key, ""))
        return node

    @_locked
    def add_row(self, section_id: str, key: str, row: dict[str, str]) -> int:
        return self.insert_row(section_id, key, None, row)

    @_locked
    def insert_row(self, section_id: str, key: str, index: int | None, row: dict[str, str]) -> int:
        """Insert ``row`` at ``index`` (None: at the end, as :meth:`add_row`); returns its index."""
        spec, seq = self._table(section_id, key)
        if spec.max_rows is not None and len(seq) >= spec.max_rows:
            raise AterrapportError(table_full(section_id, spec, len(seq)))
        seq.fa.set_block_style()  # a loaded `insatser: []` is flow style
        position = len(seq) if index is None else max(0, min(index, len(seq)))
        seq.insert(position, self._row_node(spec, row))
        return position

    @_locked
    def update_row(self, section_id: str, key: str, index: int, row: dict[str, str]) -> None:
        from ruamel.yaml.comments import CommentedMap

        spec, seq = self._table(section_id, key)
        node = seq[index]
        if not isinstance(node, CommentedMap):
            seq[index] = self._row_node(spec, row)
            return
        for position, column in enumerate(spec.columns):
            if column.key not in row:
                continue
            value = to_scalar(row[column.key])
            if column.key in node:
                if from_scalar(node[column.key]) != from_scalar(value):
                    set_value(node, column.key, value)
            else:
                insert_value(node, min(position, len(node)), column.key, value)

    @_locked
    def delete_row(self, section_id: str, key: str, index: int) -> None:
        _spec, seq = self._table(section_id, key)
        del seq[index]

    @_locked
    def move_row(self, section_id: str, key: str, index: int, delta: int) -> int:
        _spec, seq = self._table(section_id, key)
        target = index + delta
        if not 0 <= target < len(seq):
            return index
        seq[index], seq[target] = seq[target], seq[index]
        return target

    # -- saving ---------------------------------------------------------------------------------

    def dirty_documents(self) -> list[YamlDocument]:
        return [d for d in self.documents() if d.dirty and d.data is not None]

    @_locked
    def save(self, *, force: bool = False, merge: bool = False) -> list[Path]:
        """Write every changed file atomically, holding the folder's advisory lock.

        Under the lock each file is read again right before it is replaced, so a save by
        another process in between is always seen. Then the save is refused
        (:class:`ExternalChangeError`, nothing written; the app asks the writer), or with
        ``merge`` their version is taken and the sections only we changed are carried onto it
        (as for a pull), refusing only when both changed the same section. ``force`` writes
        over whatever is there. A report read from a git revision is never saved."""
        if self.revision is not None:
            raise AterrapportError(Problem(self.folder, f"rapporten är läst ur versionen {self.revision} "
                                                        "och kan inte sparas"))
        dirty = self.dirty_documents()
        if not dirty:
            return []
        from tui.core.reconcile import merge_onto_disk

        with folder_lock(self.folder):
            if not force:
                conflicts = [d.path for d in dirty
                             if d.changed_on_disk() and not (merge and merge_onto_disk(d))]
                if conflicts:
                    raise ExternalChangeError(conflicts)
            for doc in dirty:
                doc.write()
        return [d.path for d in dirty]


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive advisory lock (``flock``) on the report folder itself, shared by every
    process that saves into it; a lock on the folder leaves no lock file for git to see."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise AterrapportError(Problem(folder, f"mappen kan inte öppnas för att spara: {exc.strerror}")) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


class FolderFiles(Mapping[str, "bytes | Problem"]):
    """A folder's files by name, read when asked for through the reading edge (so only the
    files the template names are read); ``names`` limits which are seen. A file the edge
    refuses gives its problem. A dangling link counts as there (and is refused), except for
    ``rapport.yaml``, which must lead to a file."""

    def __init__(self, folder: Path, names: set[str] | None = None) -> None:
        self.folder = folder
        self.names = names

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str) or (self.names is not None and name not in self.names):
            return False
        path = self.folder / name
        return path.exists() if name == HEAD_FILE else os.path.lexists(path)

    def __getitem__(self, name: str) -> bytes | Problem:
        if name not in self:
            raise KeyError(name)
        return _read_or_problem(self.folder / name)

    def __iter__(self) -> Iterator[str]:
        return (p.name for p in self.folder.iterdir() if p.name in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _parse_round_trip(text: str, path: Path) -> Any:
    """Round-trip data (editable, with positions), its comments where a reader sees them."""
    from tui.core.yamlcomments import hoist_comments  # ruamel: only for round-trip data

    data = parse_text(text, path)
    hoist_comments(data)
    return data


def _read_or_problem(path: Path) -> bytes | Problem:
    try:
        return read_bytes(path)
    except AterrapportError as exc:
        return exc.problems[0]


def parse_head(doc: YamlDocument, *, remember: bool = False) -> tuple[ReportHead | None, list[Problem]]:
    """The head in ``doc``, validated; with ``remember``, a head accepted before is taken from the
    store of accepted heads (:mod:`tui.core.accepted_head`), and a new one is kept there."""
    from tui.core import accepted_head
    from tui.core.template import _plain

    data = _plain(doc.data)
    store = accepted_head.current() if remember and isinstance(data, dict) else None
    head = store.get(data) if store is not None else None
    if head is not None:
        return head, []
    from pydantic import ValidationError

    from tui.core.head import validate_head
    from tui.core.pydantic_errors import problems_from_validation_error

    try:
        head = validate_head(data)
    except ValidationError as exc:
        return None, problems_from_validation_error(exc, doc.data, doc.path, head_message)
    if store is not None:
        store.add(data, head)
    return head, []


def head_message(error: ErrorDetails) -> str:
    field_name = ".".join(str(p) for p in error["loc"])
    kind = error["type"]
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):  # a model's and a dataclass's word
        return f"okänd nyckel «{field_name}» i rapport.yaml"
    if kind == "missing":
        return f"«{field_name}» saknas"
    if kind.startswith("date"):
        return f"«{field_name}» ska vara ett datum som ÅÅÅÅ-MM-DD, inte «{error.get('input')}»"
    if kind.startswith("int"):
        return f"«{field_name}» ska vara ett årtal, inte «{error.get('input')}»"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"«{field_name}» är utanför det tillåtna (2000–2100)"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    if kind in ("string_type", "list_type", "model_type", "model_attributes_type", "dict_type", "dataclass_type"):
        return f"«{field_name}» har fel typ ({error['msg']})"
    return f"«{field_name}»: {error['msg']}"
