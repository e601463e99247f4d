"""The semantic diff of two versions of a report: what changed, section by section.

A reviewer wants to know which answers changed (and which words), which insatser were
added, removed, moved or edited (and in which column), whether a section was marked
done, and what changed in ``rapport.yaml``. :func:`diff_reports` computes that from two
:class:`Report` objects; renderers live in :mod:`tui.core.diff_render`.

For the app: :func:`working_diff` (HEAD against the files on disk), :func:`proposed_message`
(the commit message the "Spara version" dialog proposes) and :func:`section_history` (the
versions that changed one section, each with that section's own diff).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Literal

from tui.core.gitrepo import WORKTREE_LABEL, GitRepo, Version
from tui.core.head import HEAD_FILE, ReportHead, Signature, titles
from tui.core.problems import AterrapportError, Problem
from tui.core.report import Report, YamlDocument
from tui.core.revisions import contents, report_at
from tui.core.safe_read import read_file
from tui.core.scalars import from_scalar
from tui.core.tablewords import RowKind, diff_phrases
from tui.core.template import Column, FieldSpec, RowNoun, Section, TableField, Template, file_key
from tui.core.yamlio import MAX_FILE_BYTES

SpanKind = Literal["same", "added", "removed"]
FieldKind = Literal["text", "choice"]

# Words (with inner hyphens, colons etc.: "FoU-lotsar", "1:1", "2019/20"), runs of
# whitespace, and single punctuation marks are the units of the word-level diff.
_TOKEN = re.compile(r"\w+(?:[-:.,/'’]\w+)*|\s+|[^\w\s]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


# -- the model ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Span:
    """A run of text in a word-level diff: unchanged, added or removed."""

    kind: SpanKind
    text: str


@dataclass(frozen=True)
class FieldChange:
    """A changed text or choice field of a section (or a field of ``rapport.yaml``)."""

    key: str
    label: str
    kind: FieldKind
    old: str
    new: str
    spans: tuple[Span, ...] = ()  # word-level diff (text fields only)

    @property
    def added(self) -> bool:
        return not self.old and bool(self.new)

    @property
    def removed(self) -> bool:
        return bool(self.old) and not self.new


@dataclass(frozen=True)
class CellChange:
    """One table cell that differs (for an added or removed row: each non-empty cell)."""

    key: str
    header: str
    old: str
    new: str
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class RowChange:
    """An insats (table row) that was added, removed, moved or changed.

    Indexes are 0-based positions in the old and new table. A row that was both moved and
    edited has ``kind == "changed"`` and ``moved == True``.
    """

    kind: RowKind
    name: str  # the row's name (first line of its `namn` cell), for headings
    old_index: int | None
    new_index: int | None
    cells: tuple[CellChange, ...] = ()
    moved: bool = False


@dataclass(frozen=True)
class TableChange:
    key: str
    label: str
    rows: tuple[RowChange, ...]
    noun: RowNoun = field(default_factory=RowNoun)  # what the template calls the rows


@dataclass(frozen=True)
class SectionDiff:
    """Everything that changed in one section; ``done`` is (before, after) when ``klar`` changed."""

    id: str
    title: str
    fields: tuple[FieldChange, ...] = ()
    tables: tuple[TableChange, ...] = ()
    done: tuple[bool, bool] | None = None

    @property
    def number_title(self) -> str:
        return f"{self.id} {self.title}"

    @property
    def changed(self) -> bool:
        return bool(self.fields or self.tables or self.done)


@dataclass(frozen=True)
class UnreadableFile:
    """A file that could not be read on one side, so its sections were not compared."""

    file: str
    side: Literal["old", "new"]
    message: str


@dataclass(frozen=True)
class ReportDiff:
    """The diff of two versions of one report, sections in template order."""

    folder: str
    template: str
    old_label: str
    new_label: str
    created: bool = False  # the report did not exist in the old version
    deleted: bool = False  # the report does not exist in the new version
    meta: tuple[FieldChange, ...] = ()
    files_added: tuple[str, ...] = ()
    files_removed: tuple[str, ...] = ()
    sections: tuple[SectionDiff, ...] = ()
    unreadable: tuple[UnreadableFile, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.created or self.deleted or self.meta or self.files_added
                    or self.files_removed or self.sections or self.unreadable)

    def section(self, section_id: str) -> SectionDiff | None:
        return next((s for s in self.sections if s.id == section_id), None)


# -- word-level diff ----------------------------------------------------------------------------

def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> tuple[Span, ...]:
    """Word-level diff: unchanged, removed and added runs, removals before additions.

    The cost stays near-linear in the length of the answers (CI runs this on every pull
    request): the common head and tail are matched directly, the middle is aligned paragraph
    by paragraph, then sentence by sentence inside changed paragraphs, and only then word by
    word inside changed sentences, where a block too large to compare word by word is shown
    as removed and added whole."""
    a, b = tokenize(old), tokenize(new)
    chunks: list[tuple[SpanKind, list[str]]] = []
    _diff_tokens(a, b, 0, chunks)
    chunks = _merge_same(chunks)
    _slide(chunks)
    return _coalesce([Span(kind, "".join(tokens)) for kind, tokens in chunks if tokens])


# A paragraph ends after a blank line; a sentence after . ! ? or a line break and whitespace.
_UNIT_ENDS: tuple[Callable[[list[str], int], bool], ...] = (
    lambda tokens, i: tokens[i].isspace() and _PARAGRAPH_BREAK.search(tokens[i]) is not None,
    lambda tokens, i: tokens[i].isspace() and ("\n" in tokens[i] or (i > 0 and tokens[i - 1] in ".!?")),
)
# Word by word, SequenceMatcher's cost grows with the product of the two sides; above this
# product a changed block is shown whole (a 700-word sentence against another, rewritten).
_WORD_DIFF_LIMIT = 500_000


def _units(tokens: list[str], level: int) -> list[list[str]]:
    ends = _UNIT_ENDS[level]
    units: list[list[str]] = [[]]
    for index, token in enumerate(tokens):
        units[-1].append(token)
        if ends(tokens, index):
            units.append([])
    return [u for u in units if u]


def _diff_tokens(a: list[str], b: list[str], level: int, out: list[tuple[SpanKind, list[str]]]) -> None:
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    out.append(("same", a[:head]))
    middle_a, middle_b = a[head:len(a) - tail], b[head:len(b) - tail]
    if not middle_a or not middle_b:
        out.append(("removed", middle_a))
        out.append(("added", middle_b))
    elif level < len(_UNIT_ENDS):
        units_a, units_b = _units(middle_a, level), _units(middle_b, level)
        if len(units_a) == 1 and len(units_b) == 1:
            _diff_tokens(middle_a, middle_b, level + 1, out)
        else:
            _diff_units(units_a, units_b, level, out)
    elif len(middle_a) * len(middle_b) > _WORD_DIFF_LIMIT:
        out.append(("removed", middle_a))
        out.append(("added", middle_b))
    else:
        # Whitespace is "junk" to the matcher (never the seed of a match, only glued onto one).
        matcher = SequenceMatcher(str.isspace, middle_a, middle_b, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                out.append(("same", middle_a[i1:i2]))
                continue
            out.append(("removed", middle_a[i1:i2]))
            out.append(("added", middle_b[j1:j2]))
    out.append(("same", a[len(a) - tail:]))


def _diff_units(units_a: list[list[str]], units_b: list[list[str]], level: int,
                out: list[tuple[SpanKind, list[str]]]) -> None:
    """Align whole paragraphs (or sentences) as units, then go one level finer inside each
    changed stretch."""
    keys_a = ["".join(u) for u in units_a]
    keys_b = ["".join(u) for u in units_b]
    matcher = SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        tokens_a = [t for u in units_a[i1:i2] for t in u]
        tokens_b = [t for u in units_b[j1:j2] for t in u]
        if op == "equal":
            out.append(("same", tokens_a))
        else:
            _diff_tokens(tokens_a, tokens_b, level + 1, out)


def _merge_same(chunks: list[tuple[SpanKind, list[str]]]) -> list[tuple[SpanKind, list[str]]]:
    merged: list[tuple[SpanKind, list[str]]] = []
    for kind, tokens in chunks:
        if not tokens:
            continue
        if merged and merged[-1][0] == kind == "same":
            merged[-1][1].extend(tokens)
        else:
            merged.append((kind, list(tokens)))
    return merged


def _slide(chunks: list[tuple[SpanKind, list[str]]]) -> None:
    """Move a lone insertion or deletion right while its first token repeats just after it:
    "finns{+. En plan finns+}." reads better as "finns.{+ En plan finns.+}"."""
    for k, (kind, tokens) in enumerate(chunks):
        if kind == "same" or k + 1 >= len(chunks) or chunks[k + 1][0] != "same":
            continue
        if k > 0 and chunks[k - 1][0] != "same":
            continue  # part of a replacement: leave it
        following = chunks[k + 1][1]
        moved: list[str] = []
        while tokens and following and tokens[0] == following[0] and not tokens[0].isspace():
            moved.append(tokens[0])
            tokens = [*tokens[1:], following[0]]
            following = following[1:]
        if not moved:
            continue
        if k > 0:
            chunks[k - 1][1].extend(moved)
        else:
            chunks.insert(0, ("same", moved))
            k += 1
        chunks[k] = (kind, tokens)
        chunks[k + 1] = ("same", following)


def _coalesce(spans: list[Span]) -> tuple[Span, ...]:
    """Join changes separated only by whitespace into one removed and one added run, so
    "~~a b c~~ **x y z**" reads as a phrase instead of word salad."""
    merged: list[Span] = []
    removed: list[str] = []
    added: list[str] = []

    def flush() -> None:
        if removed:
            merged.append(Span("removed", "".join(removed)))
        if added:
            merged.append(Span("added", "".join(added)))
        removed.clear()
        added.clear()

    for index, span in enumerate(spans):
        if span.kind == "same":
            between_changes = (
                span.text.isspace() and (removed or added) and index + 1 < len(spans)
                and spans[index + 1].kind != "same")
            if between_changes:
                removed.append(span.text)
                added.append(span.text)
                continue
            flush()
            if merged and merged[-1].kind == "same":
                merged[-1] = Span("same", merged[-1].text + span.text)
            else:
                merged.append(span)
        else:
            (removed if span.kind == "removed" else added).append(span.text)
    flush()
    # A whitespace run absorbed on only one side (e.g. "a b" → "a x b") is harmless, but a
    # removed/added run that is whitespace on both sides only shows up as noise.
    return tuple(s for s in merged if s.text)


def changed_paragraphs(spans: tuple[Span, ...], *, context_words: int | None = 12) -> list[list[Span]]:
    """The paragraphs that contain a change, each trimmed to ``context_words`` unchanged
    words around the changes (``None`` keeps whole paragraphs). For compact display."""
    paragraphs: list[list[Span]] = [[]]
    for span in spans:
        if span.kind != "same":
            paragraphs[-1].append(span)
            continue
        pieces = _PARAGRAPH_BREAK.split(span.text)
        for number, piece in enumerate(pieces):
            if number:
                paragraphs.append([])
            if piece:
                paragraphs[-1].append(Span("same", piece))
    changed = [p for p in paragraphs if any(s.kind != "same" for s in p)]
    if context_words is None:
        return changed
    return [_trim_context(p, context_words) for p in changed]


def _trim_context(paragraph: list[Span], keep: int) -> list[Span]:
    trimmed: list[Span] = []
    last = len(paragraph) - 1
    for index, span in enumerate(paragraph):
        if span.kind != "same":
            trimmed.append(span)
            continue
        words = re.split(r"(\s+)", span.text)  # words at even indexes, whitespace between
        count = (len(words) + 1) // 2
        head_only = index == 0
        tail_only = index == last
        if head_only and count > keep:
            text = "… " + "".join(words[-(2 * keep - 1):]).lstrip()
        elif tail_only and count > keep:
            text = "".join(words[: 2 * keep - 1]).rstrip() + " …"
        elif not head_only and not tail_only and count > 2 * keep + 1:
            text = ("".join(words[: 2 * keep - 1]).rstrip() + " … "
                    + "".join(words[-(2 * keep - 1):]).lstrip())
        else:
            text = span.text
        trimmed.append(Span("same", text))
    return trimmed


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, tokenize(a), tokenize(b), autojunk=False).ratio()


# -- tables -------------------------------------------------------------------------------------

def _row_name(row: dict[str, str], name_key: str) -> str:
    first = (row.get(name_key) or "").strip().split("\n", 1)[0].strip()
    return first if len(first) <= 80 else first[:79].rstrip() + "…"


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def match_rows(old: list[dict[str, str]], new: list[dict[str, str]], name_key: str) -> dict[int, int]:
    """Pair rows of two versions of a table: ``{new_index: old_index}``.

    First by the name column (equal text), then by position (when the rows have something
    in common), then by overall similarity, so a renamed insats is "changed", not
    "removed + added".
    """
    pairs: dict[int, int] = {}
    free_old: dict[str, list[int]] = {}
    for i, row in enumerate(old):
        name = _norm(row.get(name_key, ""))
        if name:
            free_old.setdefault(name, []).append(i)
    for j, row in enumerate(new):
        candidates = free_old.get(_norm(row.get(name_key, "")))
        if candidates:
            pairs[j] = candidates.pop(0)
    used = set(pairs.values())

    def joined(row: dict[str, str]) -> str:
        return "\n".join(row.values())

    for j in range(len(new)):
        if j not in pairs and j < len(old) and j not in used and _similarity(joined(old[j]), joined(new[j])) >= 0.3:
            pairs[j] = j
            used.add(j)
    rest_new = [j for j in range(len(new)) if j not in pairs]
    rest_old = [i for i in range(len(old)) if i not in used]
    if rest_new and rest_old and len(rest_new) * len(rest_old) <= 400:
        scored = sorted(((_similarity(joined(old[i]), joined(new[j])), j, i) for j in rest_new for i in rest_old),
                        reverse=True)
        for score, j, i in scored:
            if score < 0.6:
                break
            if j not in pairs and i not in used:
                pairs[j] = i
                used.add(i)
    return pairs


def _in_order(pairs: dict[int, int]) -> set[int]:
    """New indexes of the pairs that keep their relative order (a longest increasing run of
    old indexes); the other matched rows were moved."""
    items = sorted(pairs.items())
    olds = [i for _, i in items]
    best: list[int] = [1] * len(olds)
    previous: list[int] = [-1] * len(olds)
    for k in range(len(olds)):
        for m in range(k):
            if olds[m] < olds[k] and best[m] + 1 > best[k]:
                best[k], previous[k] = best[m] + 1, m
    keep: set[int] = set()
    k = max(range(len(olds)), key=lambda x: best[x], default=-1)
    while k >= 0:
        keep.add(items[k][0])
        k = previous[k]
    return keep


def _cells(columns: tuple[Column, ...], old: dict[str, str], new: dict[str, str]) -> tuple[CellChange, ...]:
    changes: list[CellChange] = []
    for column in columns:
        a, b = old.get(column.key, ""), new.get(column.key, "")
        if a != b:
            spans = word_diff(a, b) if column.kind == "text" else ()
            changes.append(CellChange(column.key, column.header, a, b, spans))
    return tuple(changes)


def diff_table(table: TableField, old: list[dict[str, str]], new: list[dict[str, str]]) -> TableChange | None:
    name_key = table.name_key
    pairs = match_rows(old, new, name_key)
    in_order = _in_order(pairs)
    empty: dict[str, str] = {}
    changes: list[tuple[int, RowChange]] = []
    matched_old = set(pairs.values())
    for i, row in enumerate(old):
        if i not in matched_old:
            changes.append((i, RowChange("removed", _row_name(row, name_key), i, None,
                                         _cells(table.columns, row, empty))))
    for j, row in enumerate(new):
        if j not in pairs:
            changes.append((j, RowChange("added", _row_name(row, name_key), None, j,
                                         _cells(table.columns, empty, row))))
            continue
        i = pairs[j]
        cells = _cells(table.columns, old[i], row)
        moved = j not in in_order
        if cells or moved:
            name = _row_name(row, name_key) or _row_name(old[i], name_key)
            changes.append((j, RowChange("changed" if cells else "moved", name, i, j, cells, moved)))
    if not changes:
        return None
    # Reading order: by position in the new table, removed rows where they used to be.
    changes.sort(key=lambda item: (item[0], item[1].kind != "removed"))
    return TableChange(table.key, table.display_label, tuple(c for _, c in changes), table.row_noun)


# -- sections -----------------------------------------------------------------------------------

def _merged_fields(old: Section | None, new: Section | None) -> list[FieldSpec]:
    specs: list[FieldSpec] = list(new.fields) if new else []
    keys = {f.key for f in specs}
    specs += [f for f in (old.fields if old else ()) if f.key not in keys]
    return specs


def _answerable(template: Template, section_id: str) -> Section | None:
    section = template.section(section_id)
    return section if section is not None and section.answerable else None


def diff_section(old: Report, new: Report, section_id: str) -> SectionDiff | None:
    """The changes in one section between two reports, or None when it is unchanged."""
    new_spec = _answerable(new.template, section_id)
    old_spec = _answerable(old.template, section_id)
    spec = new_spec or old_spec
    if spec is None:
        return None
    fields: list[FieldChange] = []
    tables: list[TableChange] = []
    for field_spec in _merged_fields(old_spec, new_spec):
        change = field_spec.diff(old.raw(section_id, field_spec.key), new.raw(section_id, field_spec.key))
        if isinstance(change, TableChange):
            tables.append(change)
        elif change is not None:
            fields.append(change)
    before, after = old.is_done(section_id), new.is_done(section_id)
    result = SectionDiff(section_id, spec.title, tuple(fields), tuple(tables),
                         (before, after) if before != after else None)
    return result if result.changed else None


def _section_ids(old: Report, new: Report) -> list[str]:
    ids = [s.id for s in new.template.answerable()]
    known = set(ids)
    ids += [s.id for s in old.template.answerable() if s.id not in known]
    return ids


# -- rapport.yaml -------------------------------------------------------------------------------

def _head_labels() -> dict[str, str]:
    labels = titles(ReportHead)
    for key, title in titles(Signature).items():
        labels[f"underskrift.{key}"] = f"Underskrift: {title}"
    return labels


def _flatten_head(data: Any) -> dict[str, str]:
    flat: dict[str, str] = {}
    if not isinstance(data, dict):
        return flat
    for key, value in data.items():
        name = str(key)
        if isinstance(value, dict):
            for sub, sub_value in value.items():
                flat[f"{name}.{sub}"] = from_scalar(sub_value)
        elif isinstance(value, list):
            flat[name] = "\n".join(from_scalar(v) for v in value)
        else:
            flat[name] = from_scalar(value)
    return flat


def diff_head(old: YamlDocument, new: YamlDocument) -> tuple[FieldChange, ...]:
    labels = _head_labels()
    a, b = _flatten_head(old.data), _flatten_head(new.data)
    order = list(labels)
    keys = sorted(set(a) | set(b), key=lambda k: (order.index(k) if k in order else len(order), k))
    changes = []
    for key in keys:
        before, after = a.get(key, ""), b.get(key, "")
        if before != after:
            changes.append(FieldChange(key, labels.get(key, key), "text", before, after, word_diff(before, after)))
    return tuple(changes)


# -- whole reports ------------------------------------------------------------------------------

def empty_report(template: Template, folder: Path) -> Report:
    """A report with no files at all: the "other side" of a created or deleted report."""
    files = {key: YamlDocument(path=folder / f"{key}.yaml") for key in template.file_keys()}
    return Report(folder=folder, template=template, head=None,
                  head_doc=YamlDocument(path=folder / HEAD_FILE), files=files)


def _exists(doc: YamlDocument | None) -> bool:
    return doc is not None and (doc.disk_text is not None or doc.error is not None)


def diff_reports(old: Report | None, new: Report | None, *, old_label: str = "före",
                 new_label: str = "efter", folder: str = "") -> ReportDiff:
    """Compare two versions of a report (None = the report does not exist on that side)."""
    if old is None and new is None:
        raise AterrapportError("det finns ingen rapport att jämföra i någon av versionerna")
    created, deleted = old is None, new is None
    if old is None:
        assert new is not None
        old = empty_report(new.template, new.folder)
    if new is None:
        new = empty_report(old.template, old.folder)
    unreadable: list[UnreadableFile] = []
    skip: set[str] = set()
    keys = list(dict.fromkeys([*new.files, *old.files]))
    sides: tuple[tuple[Literal["old", "new"], Report], ...] = (("old", old), ("new", new))
    for key in keys:
        for side, report in sides:
            doc = report.files.get(key)
            if doc is not None and doc.error is not None:
                unreadable.append(UnreadableFile(f"{key}.yaml", side, doc.error.message))
                skip.add(key)
    added = tuple(f"{k}.yaml" for k in keys if _exists(new.files.get(k)) and not _exists(old.files.get(k)))
    removed = tuple(f"{k}.yaml" for k in keys if _exists(old.files.get(k)) and not _exists(new.files.get(k)))
    sections = []
    for section_id in _section_ids(old, new):
        if file_key(section_id) in skip:
            continue
        section = diff_section(old, new, section_id)
        if section is not None:
            sections.append(section)
    return ReportDiff(
        folder=folder or new.folder.name, template=new.template.id, old_label=old_label,
        new_label=new_label, created=created, deleted=deleted,
        meta=diff_head(old.head_doc, new.head_doc),
        files_added=() if created else added, files_removed=() if deleted else removed,
        sections=tuple(sections), unreadable=tuple(unreadable))


# -- git: revisions, the working tree, history --------------------------------------------------

def revision_label(repo: GitRepo, rev: str) -> str:
    """``HEAD (1a2b3c4)``: the name the user gave and the commit it means."""
    sha = repo.resolve(rev)
    short = sha[:7]
    return short if sha.startswith(rev) else f"{rev} ({short})"


def display_folder(repo: GitRepo | None, folder: Path) -> str:
    if repo is not None:
        try:
            return repo.relative(folder)
        except AterrapportError:
            pass
    return str(folder)


def revision_diff(repo: GitRepo, folder: Path, old_rev: str | None = "HEAD",
                  new_rev: str | None = None) -> ReportDiff:
    """Compare the report in ``folder`` at two revisions; ``None`` means the files on disk.

    Raises :class:`~tui.core.gitrepo.UnknownRevisionError` for a revision git does not know
    and :class:`AterrapportError` when neither side has the report.
    """
    def side(rev: str | None) -> tuple[Report | None, str]:
        if rev is None:
            exists = (Path(folder) / HEAD_FILE).exists()
            return (Report.load(folder, read_only=True) if exists else None), WORKTREE_LABEL
        label = revision_label(repo, rev)
        return report_at(repo, rev, folder), label

    old, old_label = side(old_rev)
    new, new_label = side(new_rev)
    name = display_folder(repo, folder)
    if old is None and new is None:
        raise AterrapportError(Problem(
            Path(folder), f"det finns ingen rapport (rapport.yaml) i {name} i {old_label} eller {new_label}"))
    return diff_reports(old, new, old_label=old_label, new_label=new_label, folder=name)


def working_diff(repo: GitRepo, folder: Path) -> ReportDiff:
    """HEAD against the files on disk: what "Spara version" would commit. (The app saves its
    edits first, or passes its in-memory report to :func:`diff_reports` itself.)"""
    if repo.has_commits():
        return revision_diff(repo, folder, "HEAD", None)
    return diff_reports(None, Report.load(folder, read_only=True), old_label="(ingen version)",
                        new_label=WORKTREE_LABEL, folder=display_folder(repo, folder))


@dataclass(frozen=True)
class SectionVersion:
    """A version that changed a section, with the section's own diff in that version."""

    version: Version
    diff: SectionDiff


def section_history(repo: GitRepo, report_folder: Path, section_id: str, *, limit: int | None = 50,
                    template: Template | None = None) -> list[SectionVersion]:
    """The versions (newest first) that changed ``section_id``, with author, date and diff.

    Looks at the commits that touched the section's file (at most ``limit``), and keeps those
    where this section changed. The current ``rapport.yaml`` decides the template, so every
    version is read the same way. Merge commits are left out (their branches' commits show).
    """
    folder = Path(report_folder)
    head_bytes = read_file(folder / HEAD_FILE, limit=MAX_FILE_BYTES, root=folder)
    if template is None:
        template = Report.from_texts(folder, {HEAD_FILE: head_bytes}, read_only=True).template
    name = f"{file_key(section_id)}.yaml"
    history = repo.file_history(folder / name, limit=limit)
    blobs = repo.blobs(b for fv in history for b in (fv.old_blob, fv.new_blob) if b)
    cache: dict[str | None, Report] = {}

    def snapshot(blob: str | None) -> Report:
        if blob not in cache:
            files = {HEAD_FILE: head_bytes}
            if blob is not None and blob in blobs:
                files[name] = blobs[blob]
            cache[blob] = Report.from_texts(folder, contents(files, folder), revision=blob or "(ingen)",
                                            read_only=True)
        return cache[blob]

    versions: list[SectionVersion] = []
    for fv in history:
        section = diff_section(snapshot(fv.old_blob), snapshot(fv.new_blob), section_id)
        if section is not None:
            versions.append(SectionVersion(fv.version, section))
    return versions


# -- the proposed commit message ---------------------------------------------------------------

@dataclass
class _Group:
    singular: str
    plural: str
    ids: list[str] = field(default_factory=list)
    count: int = 0

    def add(self, section_id: str, count: int = 1) -> None:
        if section_id not in self.ids:
            self.ids.append(section_id)
        self.count += count

    @property
    def where(self) -> str:
        return ", ".join(self.ids) if len(self.ids) <= 5 else f"{len(self.ids)} avsnitt"

    @property
    def phrase(self) -> str:
        return self.singular if self.count == 1 else self.plural


def _message_groups(diff: ReportDiff) -> Iterator[_Group]:
    groups: dict[str, _Group] = {}

    def group(key: str, singular: str, plural: str) -> _Group:
        return groups.setdefault(key, _Group(singular, plural))

    for section in diff.sections:
        texts = [f for f in section.fields if f.kind == "text"]
        if texts:
            if all(f.added for f in texts):
                group("svar+", "nytt svar", "nya svar").add(section.id)
            elif all(f.removed for f in texts):
                group("svar-", "borttaget svar", "borttagna svar").add(section.id)
            else:
                group("svar", "uppdaterade svar", "uppdaterade svar").add(section.id)
        if any(f.kind == "choice" for f in section.fields):
            group("val", "ändrat val", "ändrade val").add(section.id)
    kinds: tuple[RowKind, ...] = ("added", "changed", "removed", "moved")
    for kind in kinds:
        for section in diff.sections:
            for table in section.tables:
                rows = [r for r in table.rows if r.kind == kind or (kind == "moved" and r.moved)]
                if rows:
                    singular, plural = diff_phrases(table.noun, kind)
                    group(f"{kind}:{singular}", singular, plural).add(
                        section.id, 1 if kind == "moved" else len(rows))
    for section in diff.sections:
        if section.done == (False, True):
            group("klar", "markerat klart", "markerade klara").add(section.id)
        elif section.done == (True, False):
            group("inte klar", "inte längre klart", "inte längre klara").add(section.id)
    yield from groups.values()


def proposed_message(diff: ReportDiff) -> str:
    """A commit message naming what changed, e.g.
    ``1.2.1, 1.2.3: uppdaterade svar; 1.2.1: ny insats``. Empty when nothing changed."""
    if diff.deleted:
        return f"tog bort rapporten {diff.folder}"
    # Groups naming the same sections share one "ids: …" ("1.2.1: uppdaterade svar, ny insats").
    phrases: dict[str, list[str]] = {}
    for group in _message_groups(diff):
        phrases.setdefault(group.where, []).append(group.phrase)
    parts = [f"{where}: {', '.join(words)}" for where, words in phrases.items()]
    if diff.meta:
        labels = list(dict.fromkeys(m.label.split(":")[0].lower() for m in diff.meta))
        parts.append("rapport.yaml: " + ", ".join(labels))
    if diff.created:
        sections = parts[:-1] if diff.meta else parts
        return "; ".join([f"ny rapport {Path(diff.folder).name}", *sections[:3]])
    return "; ".join(parts)
