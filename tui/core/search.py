"""Search the whole report: every answer, table cell and report detail, case- and accent-insensitive.

"hallbar" finds "hållbar", "ERUF" finds "eruf". The index folds each text once (casefold,
accents removed) and keeps a map back to the original positions, so a query is a plain
substring search over the folded texts: well under a millisecond per text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tui.core.report_texts import answer_texts

# The report details a writer fills in (rapport.yaml), with the app's Swedish names.
HEAD_FIELDS: tuple[tuple[str, str], ...] = (
    ("datum", "Datum"), ("diarienr", "Diarienr"), ("ert_diarienr", "Ert diarienr"),
    ("forord", "Förord"), ("kontakt", "Kontakt"))
SIGNATURE_FIELDS: tuple[tuple[str, str], ...] = (
    ("ort", "Ort"), ("datum", "Datum"), ("namn", "Namn"), ("titel", "Titel"), ("enhet", "Enhet"))
DETAILS = ""  # the section id used for the report's details


def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Casefolded, without accents: what the search compares."""
    return "".join(_fold_char(c) for c in text)


@dataclass(frozen=True)
class Place:
    """Where a text lives: the section (``""`` for the report's details), the field, and for
    a table the row (0-based) and column."""

    section: str
    key: str
    label: str
    row: int | None = None
    column: str | None = None

    @property
    def spot(self) -> Spot:
        return self.section, self.key, self.row, self.column


Spot = tuple[str, str, int | None, str | None]  # a place without its label: (section, key, row, column)


@dataclass
class _Entry:
    place: Place
    text: str
    folded: str
    positions: list[int] | None  # folded index -> original index; None when they are the same


@dataclass(frozen=True)
class Hit:
    place: Place
    offset: int  # in the original text
    length: int  # in the original text
    line: int  # 0-based line of the hit in its text
    column: int  # 0-based column in that line
    line_text: str  # the whole line, for the result list

    @property
    def location(self) -> tuple[int, int]:
        """(row, column) for a TextArea's cursor."""
        return self.line, self.column


def _entry(place: Place, text: str) -> _Entry:
    table = {c: _fold_char(c) for c in set(text)}
    if all(len(v) == 1 for v in table.values()):
        return _Entry(place, text, text.translate({ord(k): v for k, v in table.items()}), None)
    folded: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        piece = table[char]
        folded.append(piece)
        positions.extend([index] * len(piece))
    positions.append(len(text))
    return _Entry(place, text, "".join(folded), positions)


@dataclass
class SearchIndex:
    entries: list[_Entry] = field(default_factory=list)
    order: dict[Spot, int] = field(default_factory=dict)  # every place, empty or not: the report's order

    @classmethod
    def build(cls, report: Any, overrides: Mapping[tuple[str, str], str] | None = None) -> SearchIndex:
        """The index of ``report``; ``overrides`` are texts typed but not yet saved, by
        (section, key), which win over what the report holds."""
        index = cls()
        for place, text in _texts(report, overrides or {}):
            index.order.setdefault(place.spot, len(index.order))
            if text:
                index.entries.append(_entry(place, text))
        return index

    def step(self, query: str, spot: Spot, offset: int, delta: int) -> tuple[list[Hit], int, bool] | None:
        """F3 (``delta`` 1) and Shift+F3 (-1): the hits of ``query`` in the texts as they are now,
        which of them comes next after (or before) ``offset`` in the text at ``spot`` (where the
        writer is: the cursor, or the last hit's place), and whether the search went round the
        report's end. None: no hit left."""
        hits = self.search(query)
        if not hits:
            return None
        where = (self.order.get(spot, -1), offset)
        keys = [(self.order.get(hit.place.spot, -1), hit.offset) for hit in hits]
        if delta > 0:
            later = [number for number, key in enumerate(keys) if key > where]
            return (hits, later[0], False) if later else (hits, 0, True)
        earlier = [number for number, key in enumerate(keys) if key < where]
        return (hits, earlier[-1], False) if earlier else (hits, len(hits) - 1, True)

    def search(self, query: str, limit: int = 1000) -> list[Hit]:
        needle = fold(query.strip())
        if not needle:
            return []
        hits: list[Hit] = []
        for entry in self.entries:
            start = entry.folded.find(needle)
            while start != -1:
                hits.append(_hit(entry, start, len(needle)))
                if len(hits) >= limit:
                    return hits
                start = entry.folded.find(needle, start + len(needle))
        return hits


def _hit(entry: _Entry, start: int, length: int) -> Hit:
    if entry.positions is None:
        offset, end = start, start + length
    else:
        offset, end = entry.positions[start], entry.positions[start + length - 1] + 1
    text = entry.text
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end == -1 else line_end
    return Hit(entry.place, offset, end - offset, text.count("\n", 0, offset), offset - line_start,
               text[line_start:line_end])


def _texts(report: Any, overrides: Mapping[tuple[str, str], str]) -> Iterable[tuple[Place, str]]:
    """Every searchable text: the report's details, then each section's fields in template order."""
    head = report.head
    if head is not None:
        for key, label in HEAD_FIELDS:
            value: Any = getattr(head, key)
            if key == "kontakt":
                value = "\n".join(value)
            elif key == "datum":
                value = value.isoformat() if value else ""
            yield Place(DETAILS, key, label), overrides.get((DETAILS, key), value or "")
        signature = head.underskrift
        for key, label in SIGNATURE_FIELDS:
            value = getattr(signature, key) if signature is not None else ""
            if key == "datum":
                value = value.isoformat() if value else ""
            yield Place(DETAILS, f"underskrift.{key}", f"Underskrift: {label}"), \
                overrides.get((DETAILS, f"underskrift.{key}"), value or "")
    for place in answer_texts(report):
        text = place.text
        if place.written and place.row is None:  # a text answer: the app may hold newer typing
            text = overrides.get((place.section, place.key), text)
        yield Place(place.section, place.key, place.label, place.row, place.column), text
