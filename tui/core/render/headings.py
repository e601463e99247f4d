"""Where an answer's own headings go in the document's outline: never a skipped level.

An answer's top Markdown heading sits one level below its section's heading, each deeper
Markdown level one more, and no heading is ever more than one level deeper than the heading
before it (screen readers and the PDF's bookmarks show a skipped level as a hole). Word has
nine heading levels; deeper ones stay at nine. The DOCX, the PDF, the Markdown export and the
app's preview all take their levels from here.
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_LEVEL = 9  # Word's Heading 1–9 (and PDF /H1–/H9)
MARKDOWN_MAX_LEVEL = 6  # ###### is the deepest Markdown heading


def answer_levels(markdown_levels: Sequence[int], parent: int, *, deepest: int = MAX_LEVEL) -> list[int]:
    """Document levels for the headings of one text (their Markdown levels in order), written
    under a heading at level ``parent``: each heading goes one level below the nearest heading
    before it with a smaller Markdown level (or below ``parent``), as an outline nests."""
    open_headings: list[tuple[int, int]] = []  # (Markdown level, document level) still open
    levels: list[int] = []
    for level in markdown_levels:
        while open_headings and open_headings[-1][0] >= level:
            open_headings.pop()
        placed = min(open_headings[-1][1] + 1 if open_headings else parent + 1, deepest)
        open_headings.append((level, placed))
        levels.append(placed)
    return levels
