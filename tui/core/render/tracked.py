"""Tracked changes for reviewers in Word: the later version as the official document, with
every change since the earlier one as a Word revision (Granska → Godkänn/Avvisa).

The document is the one ``render`` makes of the new version; only where the semantic diff
(:mod:`tui.core.diff`) finds a change are revisions written:

- a changed text field: its words compared as Word shows them (the Markdown rendered, then
  :func:`~tui.core.diff.word_diff` on the paragraphs' text), inserted words in ``w:ins``,
  deleted words as ``w:delText`` in ``w:del`` at the place they were, a paragraph that is new
  as a whole with its paragraph mark inserted too;
- an insats row added or removed: the whole row as an inserted or deleted table row
  (``w:trPr/w:ins`` or ``w:del``, its text likewise); a changed row: word level per cell;
- a changed choice: the old choice deleted, the new one inserted.

Author and date come from the caller (git's author of the new version). Footnote texts,
images and the report head (rapport.yaml) are shown as in the new version, unmarked.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

from tui.core.diff import ReportDiff, SectionDiff, diff_reports, word_diff
from tui.core.problems import AterrapportError
from tui.core.render import ooxml
from tui.core.render.blocks import CHECKED, UNCHECKED, Answer, Choice, Table, report_blocks
from tui.core.render.document import DocxWriter, RenderOptions
from tui.core.render.markdown import MarkdownWriter, Story
from tui.core.render.ooxml import XML_SPACE, Element, W, make, sub
from tui.core.render.parts import Footnotes, Numbering
from tui.core.render.styles import prepare
from tui.core.report import Report

_CONTENT = (W + "t", W + "br", W + "tab")
_FIRST_ID = 900_000  # revision ids: apart from the bookmarks' (annotation ids share one space)


@dataclass(frozen=True)
class Revision:
    author: str
    date: dt.datetime


def render_tracked(old: Report | None, new: Report, revision: Revision,
                   options: RenderOptions | None = None) -> bytes:
    """The new version's document with the changes since ``old`` as Word revisions."""
    diff = diff_reports(old, new)
    return TrackedWriter(new, old, diff, revision, options or RenderOptions()).rendered().data


class TrackedWriter(DocxWriter):
    def __init__(self, report: Report, old: Report | None, diff: ReportDiff, revision: Revision,
                 options: RenderOptions) -> None:
        super().__init__(report_blocks(report), options)
        self.report = report
        self.old = old
        self.diff = diff
        self.marks = _Marks(revision)
        self._scratch: MarkdownWriter | None = None
        self._scratch_part: Any = None

    # -- which fields changed -------------------------------------------------------------------

    def _changes(self, section_id: str) -> SectionDiff | None:
        return self.diff.section(section_id)

    def _field_changed(self, section_id: str, key: str) -> bool:
        changes = self._changes(section_id)
        return changes is not None and any(f.key == key for f in changes.fields)

    # -- text -----------------------------------------------------------------------------------

    def _answer(self, answer: Answer) -> None:
        start = len(self.body)
        super()._answer(answer)
        if not answer.section_id or not self._field_changed(answer.section_id, answer.key):
            return  # the foreword (rapport.yaml) is shown as in the new version, unmarked
        old_text = self.old.text(answer.section_id, answer.key) if self.old is not None else ""
        self._track(list(self.body[start:]), self.body, old_text, self._style("normal"), answer.level)

    def _choice(self, choice: Choice) -> None:
        start = len(self.body)
        super()._choice(choice)
        if not self._field_changed(choice.section_id, choice.key):
            return
        old_value = self.old.choice(choice.section_id, choice.key) if self.old is not None else ""
        paragraphs = [e for e in self.body[start:] if e.tag == W + "p"]
        if paragraphs:
            p = paragraphs[0]
            for r in p.findall(W + "r"):
                self.marks.insert_run(r)
        else:
            p = sub(self.body, "p")
            ooxml.add_ppr(p, style=self._style("normal"))
        if old_value:
            shown = "    ".join(f"{CHECKED if o == old_value else UNCHECKED} {o}" for o in choice.options)
            ooxml.first_content(p, self.marks.deleted_run(shown + "    ", None))

    # -- tables ---------------------------------------------------------------------------------

    def _old_rows(self, table: Table) -> list[dict[str, str]]:
        if self.old is None:
            return []
        return self.old.rows(table.section_id, table.key, [c.key for c in table.columns])

    def _shows_table(self, table: Table) -> bool:
        return table.answered or any(any(r.values()) for r in self._old_rows(table))

    def _table_body(self, tbl: Element, table: Table, widths: list[int]) -> None:
        changes = self._changes(table.section_id)
        diff = next((t for t in changes.tables if t.key == table.key), None) if changes else None
        if diff is None:
            super()._table_body(tbl, table, widths)
            return
        # The row indices of the diff count every row, also the empty ones the table leaves out.
        new_rows = self.report.rows(table.section_id, table.key, [c.key for c in table.columns])
        old_rows = self._old_rows(table)
        pairs = {c.new_index: c.old_index for c in diff.rows
                 if c.new_index is not None and c.old_index is not None}
        added = {c.new_index for c in diff.rows if c.kind == "added"}
        removed = sorted(c.old_index for c in diff.rows if c.kind == "removed" and c.old_index is not None)
        # Unchanged rows are not in the diff: they pair up in order with the old rows left over.
        free_old = [i for i in range(len(old_rows)) if i not in set(pairs.values()) and i not in removed]
        for j in range(len(new_rows)):
            if j not in pairs and j not in added and free_old:
                pairs[j] = free_old.pop(0)
        pending = list(removed)
        for j, row in enumerate(new_rows):
            old_index = pairs.get(j)
            while pending and old_index is not None and pending[0] < old_index:
                self._removed_row(tbl, table, widths, old_rows[pending.pop(0)])
            if not any(row.values()):
                continue
            tr = self._table_row(tbl, table, widths, row)
            if j in added or old_index is None:
                self.marks.insert_row(tr)
                continue
            old_row = old_rows[old_index]
            for column, tc in zip(table.columns, tr.findall(W + "tc"), strict=True):
                before, after = old_row.get(column.key, ""), row.get(column.key, "")
                if before != after:
                    cell = [e for e in tc if e.tag != W + "tcPr"]
                    self._track(cell, tc, before, self._style("table_text"), None)
        for index in pending:
            self._removed_row(tbl, table, widths, old_rows[index])

    def _removed_row(self, tbl: Element, table: Table, widths: list[int], row: dict[str, str]) -> None:
        if not any(row.values()):
            return
        try:
            tr = self._table_row(tbl, table, widths, row)
        except AterrapportError:  # e.g. an image the old row showed is gone: its text is enough
            tr = self._table_row(tbl, table, widths, {k: _plain_text(v) for k, v in row.items()})
        self.marks.delete_row(tr)

    # -- word-level revisions in rendered paragraphs --------------------------------------------

    def _old_paragraph_texts(self, markdown: str, style: str, headings: int | None) -> list[str]:
        """The old text rendered the same way, into a scratch document: what Word showed."""
        if not markdown:
            return []
        if self._scratch is None:
            document, layout = prepare(None)
            self._scratch = MarkdownWriter(layout, Numbering(document), Footnotes(
                document, layout.style("footnote_text"), layout.style("footnote_ref")), self.report.folder)
            self._scratch_part = document.part
        container = make("body")
        try:
            self._scratch.write(markdown, Story(container, self._scratch_part, self.width, headings), style)
        except AterrapportError:  # the old text may show an image that is gone; compare its words
            return [p for p in (_plain_text(part) for part in markdown.split("\n\n")) if p]
        return [_paragraph_text(p) for p in container.iter(W + "p")]

    def _track(self, elements: list[Element], container: Element, old_markdown: str, style: str,
               headings: int | None) -> None:
        paragraphs = [p for e in elements for p in e.iter(W + "p")]
        for p in paragraphs:
            _one_child_per_run(p)
        new_texts = [_paragraph_text(p) for p in paragraphs]
        old_texts = self._old_paragraph_texts(old_markdown, style, headings)
        old_plain, new_plain = "\n\n".join(old_texts), "\n\n".join(new_texts)
        if old_plain == new_plain:
            return
        if not paragraphs:
            p = sub(container, "p")
            ooxml.add_ppr(p, style=style)
            p.append(self.marks.deleted_run(" ".join(old_plain.split()), None))
            self.marks.delete_mark(p)
            return
        added = [False] * len(new_plain)
        deletions: dict[int, list[str]] = {}
        position = 0
        for span in word_diff(old_plain, new_plain):
            if span.kind == "same":
                position += len(span.text)
            elif span.kind == "added":
                added[position:position + len(span.text)] = [True] * len(span.text)
                position += len(span.text)
            else:
                deletions.setdefault(position, []).append(span.text)
        start = 0
        starts: list[int] = []
        for text in new_texts:
            starts.append(start)
            start += len(text) + 2
        by_paragraph: list[dict[int, str]] = [{} for _ in paragraphs]
        for offset, texts in deletions.items():
            index = max(k for k, s in enumerate(starts) if s <= offset) if offset >= 0 else 0
            local = min(offset - starts[index], len(new_texts[index]))
            by_paragraph[index][local] = by_paragraph[index].get(local, "") + "".join(texts)
        for p, begin, text, removed in zip(paragraphs, starts, new_texts, by_paragraph, strict=True):
            marks = added[begin:begin + len(text)]
            whole = bool(text) and all(marks) and not removed
            self.marks.apply(p, marks, removed, whole=whole)


# -- the revision marks ---------------------------------------------------------------------------

class _Marks:
    def __init__(self, revision: Revision) -> None:
        self.author = revision.author or "okänd"
        date = revision.date.astimezone(dt.UTC) if revision.date.tzinfo else revision.date
        self.date = date.replace(microsecond=0, tzinfo=None).isoformat() + "Z"
        self._next = _FIRST_ID

    def _attrs(self) -> dict[str, str]:
        self._next += 1
        return {"id": str(self._next), "author": self.author, "date": self.date}

    def ins(self) -> Element:
        return make("ins", self._attrs())

    def deleted_run(self, text: str, like: Element | None) -> Element:
        """``<w:del><w:r>[rPr]<w:delText>text</w:delText></w:r></w:del>``."""
        wrapper = make("del", self._attrs())
        r = sub(wrapper, "r")
        rpr = like.find(W + "rPr") if like is not None else None
        if rpr is not None:
            r.append(copy.deepcopy(rpr))
        t = sub(r, "delText")
        t.text = ooxml.clean_xml(text.replace("\n", " "))
        t.set(XML_SPACE, "preserve")
        return wrapper

    def insert_run(self, r: Element) -> None:
        wrapper = self.ins()
        r.addprevious(wrapper)
        wrapper.append(r)

    def _mark_paragraph(self, p: Element, kind: str) -> None:
        """The paragraph mark itself inserted or deleted (``w:pPr/w:rPr/w:ins``)."""
        rpr = ooxml.get_or_add(ooxml.get_or_add(p, "pPr"), "rPr")
        ooxml.insert_in_order(rpr, make(kind, self._attrs()))

    def delete_mark(self, p: Element) -> None:
        self._mark_paragraph(p, "del")

    def apply(self, p: Element, added: list[bool], removed: dict[int, str], *, whole: bool) -> None:
        """Split the paragraph's runs where the marks change; wrap inserted pieces in ``w:ins``,
        put deleted text where it was."""
        offset = 0
        runs = _runs(p)
        last: Element | None = None
        for r in runs:
            child = next((c for c in r if c.tag != W + "rPr"), None)
            length = (len(child.text or "") if child is not None and child.tag == W + "t"
                      else 1 if child is not None and child.tag in _CONTENT else 0)
            if child is None or length == 0:
                if whole:
                    self.insert_run(r)
                last = r
                continue
            cuts = sorted({0, length, *(k - offset for k in removed if offset < k < offset + length),
                           *(k - offset for k in range(offset + 1, offset + length)
                             if added[k] != added[k - 1])})
            if offset in removed:
                r.addprevious(self.deleted_run(removed[offset], r))
            pieces: list[tuple[Element, bool]] = []
            for a, b in itertools.pairwise(cuts):
                piece = r if len(cuts) == 2 else _copy_run(r, (child.text or "")[a:b] if child.tag == W + "t" else None)
                pieces.append((piece, added[offset + a]))
                if offset + b in removed and offset + b < offset + length:
                    pieces.append((self.deleted_run(removed[offset + b], r), False))
            parent = r.getparent()
            if len(cuts) > 2 and parent is not None:
                for piece, _flag in pieces:
                    r.addprevious(piece)
                parent.remove(r)
            for piece, flag in pieces:
                if flag and piece.tag == W + "r":
                    self.insert_run(piece)
            last = pieces[-1][0]
            offset += length
        end = removed.get(offset)
        if end:
            deleted = self.deleted_run(end, last if last is not None and last.tag == W + "r" else None)
            holder = last.getparent() if last is not None else None
            if last is not None and holder is not None and holder.tag != W + "ins":
                last.addnext(deleted)
            else:
                p.append(deleted)
        if whole:
            self._mark_paragraph(p, "ins")

    def insert_row(self, tr: Element) -> None:
        self._row(tr, "ins")
        for p in tr.iter(W + "p"):
            for r in _runs(p):
                self.insert_run(r)
            self._mark_paragraph(p, "ins")

    def delete_row(self, tr: Element) -> None:
        self._row(tr, "del")
        for p in tr.iter(W + "p"):
            for r in _runs(p):
                for t in r.findall(W + "t"):
                    t.tag = W + "delText"
                wrapper = make("del", self._attrs())
                r.addprevious(wrapper)
                wrapper.append(r)
            self._mark_paragraph(p, "del")

    def _row(self, tr: Element, kind: str) -> None:
        # ins/del are the last children of trPr (after its properties, in any order).
        ooxml.get_or_add(tr, "trPr").append(make(kind, self._attrs()))


# -- helpers --------------------------------------------------------------------------------------

def _runs(p: Element) -> list[Element]:
    """The paragraph's own runs (directly in it or in a hyperlink), in order."""
    runs: list[Element] = []
    for r in p.iter(W + "r"):
        parent = r.getparent()
        if parent is not None and parent.tag in (W + "p", W + "hyperlink"):
            runs.append(r)
    return runs


def _one_child_per_run(p: Element) -> None:
    """A run with several texts, breaks and tabs becomes one run per piece (same formatting),
    so that revisions can wrap each piece."""
    for r in list(p.iter(W + "r")):
        children = [c for c in r if c.tag != W + "rPr"]
        if len(children) <= 1:
            continue
        rpr = r.find(W + "rPr")
        anchor = r
        for child in children[1:]:
            extra = make("r")
            if rpr is not None:
                extra.append(copy.deepcopy(rpr))
            extra.append(child)  # moves it out of r
            anchor.addnext(extra)
            anchor = extra


def _copy_run(r: Element, text: str | None) -> Element:
    clone = make("r")
    rpr = r.find(W + "rPr")
    if rpr is not None:
        clone.append(copy.deepcopy(rpr))
    child = next(c for c in r if c.tag != W + "rPr")
    if text is None:
        clone.append(copy.deepcopy(child))
    else:
        t = sub(clone, "t")
        t.text = text
        t.set(XML_SPACE, "preserve")
    return clone


def _paragraph_text(p: Element) -> str:
    parts: list[str] = []
    for r in p.iter(W + "r"):
        for child in r:
            if child.tag == W + "t":
                parts.append(child.text or "")
            elif child.tag == W + "br":
                parts.append("\n")
            elif child.tag == W + "tab":
                parts.append("\t")
    return "".join(parts)


def _plain_text(markdown: str) -> str:
    return " ".join(markdown.split())
