"""The document's outline as it is written: every heading, its level and a bookmark on it.

The table of contents is filled from these entries (its links and page references point at
the bookmarks), and readers of the DOCX tell the template's own headings (``_Toc_avsnitt_…``)
from the answers' headings (``_Toc_rubrik_…``). Names starting with ``_Toc`` are hidden in
Word's bookmark list, as Word's own table-of-contents bookmarks are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from tui.core.render import ooxml
from tui.core.render.ooxml import Element

SECTION_PREFIX = "_Toc_avsnitt_"
ANSWER_PREFIX = "_Toc_rubrik_"


class Entry(NamedTuple):
    level: int
    text: str
    bookmark: str
    section: bool  # a template heading (part or numbered section), not an answer's own


@dataclass
class Outline:
    entries: list[Entry] = field(default_factory=list)
    _next_id: int = 1

    def heading(self, p: Element, level: int, text: str, section_id: str | None = None) -> Entry:
        """Bookmark the heading paragraph ``p`` and record it."""
        if section_id is not None:
            name = SECTION_PREFIX + re.sub(r"[^0-9A-Za-z]", "_", section_id)
        else:
            name = f"{ANSWER_PREFIX}{self._next_id}"
        ooxml.bookmark(p, self._next_id, name[:40])  # Word allows 40 characters
        self._next_id += 1
        entry = Entry(level, text, name[:40], section_id is not None)
        self.entries.append(entry)
        return entry
