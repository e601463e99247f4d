"""Package parts python-docx cannot create: footnotes, and list numbering definitions.

Footnotes live in ``word/footnotes.xml`` (Word numbers them itself, in reading order, so ids
only have to be unique). Lists are ``w:abstractNum`` definitions plus one ``w:num`` per list:
each ``w:num`` carries a ``startOverride``, without which Word continues the count of the
previous list that shares the definition.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, PartFactory, XmlPart
from docx.oxml.parser import parse_xml

from tui.core.render.ooxml import (
    R_NS,
    W_NS,
    Element,
    RunFormat,
    W,
    add_rpr,
    get_or_add,
    insert_in_order,
    make,
    sub,
)

# Parse footnotes as XML when a reference document brings its own part, instead of an opaque
# blob, so its separators can be kept and its sample notes dropped.
PartFactory.part_type_for.setdefault(CT.WML_FOOTNOTES, XmlPart)

_ROOT = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'

_SEPARATOR = ('<w:footnote w:type="{kind}" w:id="{id}"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
              'w:lineRule="auto"/></w:pPr><w:r><w:{kind}/></w:r></w:p></w:footnote>')
_FOOTNOTES_XML = (f"<w:footnotes {_ROOT}>" + _SEPARATOR.format(kind="separator", id="-1")
                  + _SEPARATOR.format(kind="continuationSeparator", id="0") + "</w:footnotes>")

_NUMBERING_XML = f"<w:numbering {_ROOT}/>"


def _related_part(document: DocxDocument, reltype: str) -> Part | None:
    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return rel.target_part
    return None


def _free_partname(document: DocxDocument, name: str) -> PackURI:
    taken = {str(part.partname) for part in document.part.package.iter_parts()}
    if name not in taken:
        return PackURI(name)
    stem = name.removesuffix(".xml")
    return document.part.package.next_partname(stem + "%d.xml")


class Footnotes:
    """The document's footnotes part; :meth:`new` adds one note and returns its id."""

    def __init__(self, document: DocxDocument, text_style: str, reference_style: str) -> None:
        self.text_style = text_style
        self.reference_style = reference_style
        part = _related_part(document, RT.FOOTNOTES)
        if isinstance(part, XmlPart):
            self.part: Part = part
            self.root: Element = part.element
            for note in list(self.root.findall(W + "footnote")):
                if note.get(W + "type") not in ("separator", "continuationSeparator", "continuationNotice"):
                    self.root.remove(note)  # a reference document's own notes are not ours
        else:
            if part is not None:  # unreadable part of a reference document: replace it
                for rel_id, rel in list(document.part.rels.items()):
                    if rel.reltype == RT.FOOTNOTES:
                        document.part.drop_rel(rel_id)
            self.root = parse_xml(_FOOTNOTES_XML)
            self.part = XmlPart(_free_partname(document, "/word/footnotes.xml"), CT.WML_FOOTNOTES,
                                self.root, document.part.package)
            document.part.relate_to(self.part, RT.FOOTNOTES)
        ids = [int(n.get(W + "id", "0")) for n in self.root.findall(W + "footnote")]
        self._next = max([0, *ids]) + 1
        self._declare_separators(document, ids)

    def _declare_separators(self, document: DocxDocument, ids: list[int]) -> None:
        settings = document.settings.element
        if settings.find(W + "footnotePr") is not None:
            return
        pr = make("footnotePr")
        for note in self.root.findall(W + "footnote"):
            if note.get(W + "type") in ("separator", "continuationSeparator"):
                sub(pr, "footnote", {"id": note.get(W + "id", "0")})
        insert_in_order(settings, pr)

    def new(self) -> tuple[int, Element]:
        """A new, empty ``w:footnote``; fill it with paragraphs, then call :meth:`finish`."""
        note_id = self._next
        self._next += 1
        note = sub(self.root, "footnote", {"id": str(note_id)})
        return note_id, note

    def finish(self, note: Element) -> None:
        """Put the note's own number (``w:footnoteRef``) at the start of its first paragraph."""
        first = note.find(W + "p")
        if first is None:
            first = sub(note, "p")
        ppr = get_or_add(first, "pPr")
        if ppr.find(W + "pStyle") is None:
            insert_in_order(ppr, make("pStyle", {"val": self.text_style}))
        ref = make("r")
        add_rpr(ref, RunFormat(style=self.reference_style))
        sub(ref, "footnoteRef")
        space = make("r")
        t = sub(space, "t")
        t.text = " "
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        index = list(first).index(ppr) + 1
        first.insert(index, ref)
        first.insert(index + 1, space)

    def reference(self, p: Element, note_id: int) -> None:
        """The superscript number in the text that points at the note."""
        r = sub(p, "r")
        add_rpr(r, RunFormat(style=self.reference_style))
        sub(r, "footnoteReference", {"id": str(note_id)})


# Bullets alternate • and – by depth (both are in every body font); ordered lists 1. a) i.
_BULLETS = ("•", "–")
_ORDERED = (("decimal", "%{n}."), ("lowerLetter", "%{n})"), ("lowerRoman", "%{n}."))
LIST_INDENT = 425  # 0.75 cm per level
LIST_HANGING = 284  # 0.5 cm for the bullet or number


class Numbering:
    """List numbering: two multi-level definitions, and a fresh ``w:num`` for each list."""

    def __init__(self, document: DocxDocument) -> None:
        part = _related_part(document, RT.NUMBERING)
        if isinstance(part, XmlPart):
            self.root: Element = part.element
        else:
            self.root = parse_xml(_NUMBERING_XML)
            new_part = XmlPart(_free_partname(document, "/word/numbering.xml"), CT.WML_NUMBERING,
                               self.root, document.part.package)
            document.part.relate_to(new_part, RT.NUMBERING)
        abstract_ids = [int(a.get(W + "abstractNumId", "0")) for a in self.root.findall(W + "abstractNum")]
        num_ids = [int(n.get(W + "numId", "0")) for n in self.root.findall(W + "num")]
        base = max([-1, *abstract_ids]) + 1
        self._bullet = base
        self._ordered = base + 1
        self._next_num = max([0, *num_ids]) + 1
        for abstract_id, ordered in ((self._bullet, False), (self._ordered, True)):
            self._add_abstract(abstract_id, ordered)

    def _add_abstract(self, abstract_id: int, ordered: bool) -> None:
        abstract = make("abstractNum", {"abstractNumId": str(abstract_id)})
        sub(abstract, "nsid", {"val": f"{0x5A7E0000 + abstract_id:08X}"})
        sub(abstract, "multiLevelType", {"val": "hybridMultilevel" if not ordered else "multilevel"})
        for level in range(9):
            lvl = sub(abstract, "lvl", {"ilvl": str(level)})
            sub(lvl, "start", {"val": "1"})
            if ordered:
                fmt, text = _ORDERED[level % len(_ORDERED)]
                sub(lvl, "numFmt", {"val": fmt})
                sub(lvl, "lvlText", {"val": text.format(n=level + 1)})
            else:
                sub(lvl, "numFmt", {"val": "bullet"})
                sub(lvl, "lvlText", {"val": _BULLETS[level % len(_BULLETS)]})
            sub(lvl, "lvlJc", {"val": "left"})
            ppr = sub(lvl, "pPr")
            sub(ppr, "ind", {"left": str(LIST_INDENT * (level + 1)), "hanging": str(LIST_HANGING)})
        existing_num = self.root.find(W + "num")
        if existing_num is not None:
            existing_num.addprevious(abstract)  # every abstractNum precedes every num
        else:
            self.root.append(abstract)

    def new_list(self, ordered: bool, level: int, start: int = 1) -> int:
        """A new list instance (its own count, starting at ``start``); returns its numId."""
        num_id = self._next_num
        self._next_num += 1
        num = make("num", {"numId": str(num_id)})
        tail = self.root.find(W + "numIdMacAtCleanup")  # must stay last
        if tail is not None:
            tail.addprevious(num)
        else:
            self.root.append(num)
        sub(num, "abstractNumId", {"val": str(self._ordered if ordered else self._bullet)})
        override = sub(num, "lvlOverride", {"ilvl": str(level)})
        sub(override, "startOverride", {"val": str(max(0, start))})
        return num_id


def indent_for_level(level: int) -> int:
    """Left indent of text at list depth ``level`` (for a list item's later paragraphs)."""
    return LIST_INDENT * (level + 1)
