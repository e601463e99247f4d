"""The table of contents after the document's head: a real Word TOC field, filled in.

Word's own form: a ``TOC \\o "1-3" \\h \\z \\u`` field in a content control, whose cached result is
one paragraph per heading (levels 1–3) in the styles ``toc 1``–``toc 3``: a link to the
heading's bookmark, its number and title, a dotted tab and a ``PAGEREF`` field with the page.
Word updates the whole table with *Uppdatera tabell*; LibreOffice and Word compute the
``PAGEREF`` page numbers when they lay out the pages. ``pages`` gives the page numbers to store
in the fields' cached results, as learnt from a laid-out copy (the PDF). Without them the
entries have no numbers and the field is marked dirty, so Word fills them in when it opens
the document (LibreOffice shows the entries without numbers).
"""

from __future__ import annotations

from collections.abc import Iterable

from tui.core.render import ooxml
from tui.core.render.ooxml import XML_SPACE, Element, add_ppr, run, sub
from tui.core.render.outline import Entry

TOC_LEVELS = 3
TOC_TITLE = "Innehåll"
TOC_INSTRUCTION = f'TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u'


def write_toc(body: Element, entries: Iterable[Entry], *, heading_style: str, entry_styles: dict[int, str],
              width: int, pages: dict[str, int] | None = None) -> Element:
    """The table of contents as a ``w:sdt`` appended to ``body``; returns it."""
    sdt = sub(body, "sdt")
    part_obj = sub(sub(sdt, "sdtPr"), "docPartObj")
    sub(part_obj, "docPartGallery", {"val": "Table of Contents"})
    sub(part_obj, "docPartUnique")
    content = sub(sdt, "sdtContent")
    title = sub(content, "p")
    add_ppr(title, style=heading_style)
    run(title, TOC_TITLE)
    shown = [e for e in entries if e.level <= TOC_LEVELS]
    first = True
    for entry in shown:
        p = sub(content, "p")
        add_ppr(p, style=entry_styles[entry.level], tabs=[("right", width)])
        _dot_leader(p)
        if first:
            _field_start(p, TOC_INSTRUCTION, dirty=pages is None)
            first = False
        link = sub(p, "hyperlink", {"anchor": entry.bookmark, "history": "1"})
        run(link, entry.text)
        run(link, "\t")
        _field_start(link, f"PAGEREF {entry.bookmark} \\h")
        page = (pages or {}).get(entry.bookmark)
        if page is not None:
            run(link, str(page))
        _field_end(link)
    end = sub(content, "p")
    if first:  # no headings at all: the field still exists, empty, for Word to fill
        _field_start(end, TOC_INSTRUCTION, dirty=True)
    _field_end(end)
    return sdt


def _dot_leader(p: Element) -> None:
    tab = p.find(f"{ooxml.W}pPr/{ooxml.W}tabs/{ooxml.W}tab")
    if tab is not None:
        tab.set(ooxml.w("leader"), "dot")


def _field_start(parent: Element, instruction: str, *, dirty: bool = False) -> None:
    sub(sub(parent, "r"), "fldChar", {"fldCharType": "begin", **({"dirty": "true"} if dirty else {})})
    instr = sub(sub(parent, "r"), "instrText")
    instr.text = f" {instruction} "
    instr.set(XML_SPACE, "preserve")
    sub(sub(parent, "r"), "fldChar", {"fldCharType": "separate"})


def _field_end(parent: Element) -> None:
    sub(sub(parent, "r"), "fldChar", {"fldCharType": "end"})

