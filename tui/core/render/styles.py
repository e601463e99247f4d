"""The document's page and styles: A4, one body font, the styles the renderer uses.

Without a reference document, python-docx's blank document is restyled: every style we use
is replaced by ours (explicit fonts, no theme fonts, black text). With ``--reference-doc``,
as in pandoc, the region's document wins: its page set-up, its headers and footers and every
style it defines are kept; only the styles it lacks are added (based on its own Normal, so
they inherit its font). In both cases the text's language is Swedish (``sv-SE``).
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple
from zipfile import BadZipFile, ZipFile

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.parser import parse_xml
from docx.section import Section as DocxSection

from tui.core.problems import AterrapportError, Problem
from tui.core.render.headings import MAX_LEVEL
from tui.core.render.ooxml import (
    W_NS,
    Element,
    W,
    get_or_add,
    insert_in_order,
    make,
    set_language,
    strip_theme_fonts,
)
from tui.core.safe_read import read_file

LANGUAGE = "sv-SE"
BODY_FONT = "Arial"  # Liberation Sans on Linux: metric-compatible, so pages break alike
CODE_FONT = "Courier New"

# A4 in twips, 2.5 cm margins, header and footer 1.25 cm from the edge.
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
MARGIN = 1418
HEADER_DISTANCE = 709

# Half-points.
BODY_SIZE = 22


class StyleSpec(NamedTuple):
    key: str  # how the renderer refers to it
    style_id: str
    name: str  # as written in styles.xml (Word's built-in names are lower case)
    kind: str = "paragraph"
    based_on: str | None = "Normal"
    next_style: str | None = None
    ppr: str = ""
    rpr: str = ""
    ui_priority: int | None = None
    custom: bool = False  # our own style, not one of Word's built-ins


def _spacing(before: int = 0, after: int = 0, line: int | None = None) -> str:
    line_attr = f' w:line="{line}" w:lineRule="auto"' if line else ""
    return f'<w:spacing w:before="{before}" w:after="{after}"{line_attr}/>'


def _size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


_BOLD = "<w:b/><w:bCs/>"
_ITALIC = "<w:i/><w:iCs/>"
_KEEP = "<w:keepNext/><w:keepLines/>"


def _heading(level: int, size: int, before: int, after: int, italic: bool = False) -> StyleSpec:
    return StyleSpec(
        f"heading{level}", f"Heading{level}", f"heading {level}", next_style="Normal", ui_priority=9,
        ppr=f"{_KEEP}{_spacing(before, after)}<w:outlineLvl w:val=\"{level - 1}\"/>",
        rpr=f"{_BOLD}{_ITALIC if italic else ''}<w:color w:val=\"000000\"/>{_size(size)}")


SPECS: tuple[StyleSpec, ...] = (
    StyleSpec("normal", "Normal", "Normal", based_on=None, ui_priority=0,
              ppr=f"<w:widowControl/>{_spacing(0, 120, 264)}",
              rpr=(f'<w:rFonts w:ascii="{BODY_FONT}" w:hAnsi="{BODY_FONT}" w:eastAsia="{BODY_FONT}" '
                   f'w:cs="{BODY_FONT}"/>{_size(BODY_SIZE)}')),
    StyleSpec("title", "Title", "Title", next_style="Normal", ui_priority=10,
              ppr=f"<w:keepNext/>{_spacing(240, 240, 240)}",
              rpr=f"{_BOLD}<w:color w:val=\"000000\"/><w:kern w:val=\"28\"/>{_size(40)}"),
    _heading(1, 32, 480, 160),
    _heading(2, 26, 360, 100),
    _heading(3, 23, 280, 80),
    _heading(4, 22, 220, 60),
    _heading(5, 22, 200, 40, italic=True),
    _heading(6, 21, 160, 40, italic=True),
    _heading(7, 21, 160, 40, italic=True),
    _heading(8, 20, 120, 40, italic=True),
    _heading(9, 20, 120, 40, italic=True),
    StyleSpec("toc_heading", "TOCHeading", "TOC Heading", next_style="Normal", ui_priority=39,
              ppr=f"{_KEEP}{_spacing(360, 160)}", rpr=f"{_BOLD}<w:color w:val=\"000000\"/>{_size(28)}"),
    StyleSpec("toc1", "TOC1", "toc 1", next_style="Normal", ui_priority=39,
              ppr=f"<w:keepNext/>{_spacing(120, 40, 240)}", rpr=_BOLD),
    StyleSpec("toc2", "TOC2", "toc 2", next_style="Normal", ui_priority=39,
              ppr=f'{_spacing(0, 20, 240)}<w:ind w:left="284"/>', rpr=_size(21)),
    StyleSpec("toc3", "TOC3", "toc 3", next_style="Normal", ui_priority=39,
              ppr=f'{_spacing(0, 20, 240)}<w:ind w:left="567"/>', rpr=_size(20)),
    StyleSpec("foreword_heading", "Forordsrubrik", "Förordsrubrik", custom=True, next_style="Normal",
              ppr=f"{_KEEP}{_spacing(360, 160)}<w:outlineLvl w:val=\"0\"/>",
              rpr=f"{_BOLD}<w:color w:val=\"000000\"/>{_size(28)}"),
    StyleSpec("guidance", "Vagledning", "Vägledning", custom=True, next_style="Normal",
              ppr=_spacing(0, 120), rpr=f"{_ITALIC}<w:color w:val=\"333333\"/>"),
    StyleSpec("preamble", "Ingress", "Ingress", custom=True, ppr=_spacing(0, 80, 252), rpr=_size(19)),
    StyleSpec("table_text", "Tabelltext", "Tabelltext", custom=True, ppr=_spacing(0, 60, 240), rpr=_size(19)),
    StyleSpec("table_header", "Tabellrubrik", "Tabellrubrik", custom=True,
              ppr=f"<w:keepNext/>{_spacing(0, 40, 240)}", rpr=f"{_BOLD}{_size(19)}"),
    StyleSpec("table_help", "Tabellhjalp", "Tabellhjälp", custom=True,
              ppr=_spacing(0, 20, 240), rpr=f"{_ITALIC}<w:color w:val=\"404040\"/>{_size(16)}"),
    StyleSpec("sender", "Avsandare", "Avsändare", custom=True, ppr=_spacing(0, 240), rpr=f"{_BOLD}{_size(28)}"),
    StyleSpec("head", "Dokumenthuvud", "Dokumenthuvud", custom=True,
              ppr=f'{_spacing(0, 0, 252)}<w:ind w:left="5670"/>', rpr=_size(20)),
    StyleSpec("signature", "Underskrift", "Underskrift", custom=True, ppr=f"{_KEEP}{_spacing(0, 0)}"),
    StyleSpec("caption", "Caption", "caption", next_style="Normal", ui_priority=35,
              ppr=f'{_spacing(60, 200, 240)}<w:jc w:val="center"/>',
              rpr=f"{_ITALIC}<w:color w:val=\"404040\"/>{_size(18)}"),
    StyleSpec("figure", "Bild", "Bild", custom=True, ppr=f'<w:keepNext/>{_spacing(120, 0, 240)}<w:jc w:val="center"/>'),
    StyleSpec("quote", "Quote", "Quote", next_style="Normal", ui_priority=29,
              ppr='<w:pBdr><w:left w:val="single" w:sz="12" w:space="8" w:color="BFBFBF"/></w:pBdr>'
                  '<w:ind w:left="454" w:right="454"/>',
              rpr="<w:color w:val=\"404040\"/>"),
    StyleSpec("code", "Kod", "Kod", custom=True, ppr=_spacing(0, 0, 240),
              rpr=(f'<w:rFonts w:ascii="{CODE_FONT}" w:hAnsi="{CODE_FONT}" w:eastAsia="{CODE_FONT}" '
                   f'w:cs="{CODE_FONT}"/>{_size(18)}')),
    StyleSpec("footnote_text", "FootnoteText", "footnote text", ui_priority=99,
              ppr=_spacing(0, 40, 240), rpr=_size(17)),
    StyleSpec("header", "Header", "header", ui_priority=99,
              ppr=(f'<w:tabs><w:tab w:val="right" w:pos="{PAGE_WIDTH - 2 * MARGIN}"/></w:tabs>'
                   f"{_spacing(0, 0, 240)}"),
              rpr=f"<w:color w:val=\"404040\"/>{_size(17)}"),
    StyleSpec("footer", "Footer", "footer", ui_priority=99,
              ppr=f'{_spacing(0, 0, 240)}<w:jc w:val="right"/>',
              rpr=f"<w:color w:val=\"404040\"/>{_size(17)}"),
    StyleSpec("footnote_ref", "FootnoteReference", "footnote reference", kind="character",
              based_on="DefaultParagraphFont", ui_priority=99, rpr='<w:vertAlign w:val="superscript"/>'),
    StyleSpec("hyperlink", "Hyperlink", "Hyperlink", kind="character", based_on="DefaultParagraphFont",
              ui_priority=99, rpr='<w:color w:val="0563C1"/><w:u w:val="single"/>'),
    StyleSpec("draft", "Obesvarat", "Obesvarat", custom=True, kind="character", based_on="DefaultParagraphFont",
              rpr=f'{_BOLD}<w:color w:val="9C0006"/>'),
)


@dataclass
class Layout:
    """What the DOCX writer needs to know about the prepared document."""

    styles: dict[str, str]  # spec key -> styleId in this document
    text_width: int  # twips between the margins
    reference: bool
    keep_header: bool = False  # the reference document brings its own header
    keep_footer: bool = False

    def style(self, key: str) -> str:
        return self.styles[key]

    def heading(self, level: int) -> str:
        return self.styles[f"heading{min(max(level, 1), MAX_LEVEL)}"]


def _style_xml(spec: StyleSpec, based_on: str | None, next_style: str | None) -> str:
    default = ' w:default="1"' if spec.key == "normal" else ""
    custom = ' w:customStyle="1"' if spec.custom else ""
    parts = [f'<w:style w:type="{spec.kind}"{default}{custom} w:styleId="{spec.style_id}">',
             f'<w:name w:val="{spec.name}"/>']
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_style:
        parts.append(f'<w:next w:val="{next_style}"/>')
    if spec.ui_priority is not None:
        parts.append(f'<w:uiPriority w:val="{spec.ui_priority}"/>')
    parts.append("<w:qFormat/>")
    if spec.ppr:
        parts.append(f"<w:pPr>{spec.ppr}</w:pPr>")
    if spec.rpr:
        parts.append(f"<w:rPr>{spec.rpr}</w:rPr>")
    parts.append("</w:style>")
    return "".join(parts)


def _style_elements(styles: list[tuple[StyleSpec, str | None, str | None]]) -> list[Element]:
    """``w:style`` elements of ``(spec, based on, next)``, parsed in one go (one parse of a
    few kB costs about what one of a single style does)."""
    root = parse_xml(f'<w:styles xmlns:w="{W_NS}">' + "".join(_style_xml(*style) for style in styles) + "</w:styles>")
    return list(root)


def _styles_by_name(root: Element) -> dict[tuple[str, str], Element]:
    found: dict[tuple[str, str], Element] = {}
    for style in root.findall(W + "style"):
        name = style.find(W + "name")
        if name is not None:
            found[(style.get(W + "type", "paragraph"), name.get(W + "val", "").lower())] = style
    return found


def _default_style_id(root: Element, kind: str) -> str | None:
    for style in root.findall(W + "style"):
        if style.get(W + "type") == kind and style.get(W + "default") in ("1", "true", "on"):
            return style.get(W + "styleId")
    return None


MAX_REFERENCE_BYTES = 20 * 1024 * 1024
MAX_REFERENCE_UNPACKED = 100 * 1024 * 1024  # styles, header and footer: a few MB at most
MAX_REFERENCE_MEMBERS = 2000


def _refuse_zip_bomb(reference: Path, data: bytes) -> None:
    """Refuse a DOCX whose parts unpack to more than we will hold, before any part is read.
    The sizes the zip declares are binding: Python's zipfile stops a part at its declared
    size and fails on a mismatch, so a part cannot unpack to more than it says."""
    with ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        if len(members) > MAX_REFERENCE_MEMBERS:
            raise AterrapportError(Problem(
                reference, f"referensdokumentet har {len(members)} delar; högst {MAX_REFERENCE_MEMBERS} tas emot"))
        unpacked = sum(member.file_size for member in members)
        if unpacked > MAX_REFERENCE_UNPACKED:
            raise AterrapportError(Problem(
                reference, f"referensdokumentet packas upp till {unpacked // 1024 // 1024} MB; "
                f"högst {MAX_REFERENCE_UNPACKED // 1024 // 1024} MB tas emot"))


def open_document(reference: Path | None, folder: Path | None = None) -> DocxDocument:
    """The reference document (or a blank one). One inside the report ``folder`` came with the
    report and is read through the same edge as its other files (no symbolic links); one the
    user named elsewhere is theirs, and links to it are followed."""
    if reference is None:
        return docx.Document()
    inside = _inside(reference, folder) if folder is not None else None
    if folder is not None and inside is not None:
        data = read_file(folder / inside, limit=MAX_REFERENCE_BYTES, root=folder, what="referensdokumentet")
    else:
        data = read_file(reference, limit=MAX_REFERENCE_BYTES, what="referensdokumentet")
    try:
        _refuse_zip_bomb(reference, data)
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError) as exc:
        raise AterrapportError(Problem(
            reference, f"referensdokumentet är inget Word-dokument (.docx) som kan läsas: {exc}")) from None


def _inside(path: Path, folder: Path) -> Path | None:
    """Where ``path`` lies in ``folder`` as written (``..`` taken away, links not followed), or None."""
    absolute, base = Path(os.path.abspath(path)), Path(os.path.abspath(folder))
    return absolute.relative_to(base) if absolute.is_relative_to(base) and absolute != base else None


def prepare(reference: Path | None, folder: Path | None = None) -> tuple[DocxDocument, Layout]:
    """A document ready for content: empty body, page set up, styles in place, Swedish text.
    ``folder``: the report's, see :func:`open_document`."""
    document = open_document(reference, folder)
    body = document.element.body
    for child in list(body):
        if child.tag != W + "sectPr":
            body.remove(child)  # as pandoc: a reference document's body is not part of the output
    styles_root = document.styles.element
    if reference is None:
        _drop_blank_document_extras(document)
        _setup_page(document)
        styles = _install_own_styles(styles_root)
    else:
        styles = _install_missing_styles(styles_root)
    _set_language(document, styles_root)
    _settings(document, own=reference is None)
    sections = document.sections
    section = sections[-1]
    text_width = _text_width(section._sectPr)
    layout = Layout(styles=styles, text_width=text_width, reference=reference is not None)
    if reference is not None:
        layout.keep_header = _has_own(section, "header")
        layout.keep_footer = _has_own(section, "footer")
    return document, layout


def _install_own_styles(root: Element) -> dict[str, str]:
    strip_theme_fonts(root)
    defaults = root.find(W + "docDefaults")
    if defaults is not None:
        rpr = defaults.find(f"{W}rPrDefault/{W}rPr")
        if rpr is not None:
            for fonts in rpr.findall(W + "rFonts"):
                rpr.remove(fonts)
            insert_in_order(rpr, make("rFonts", {"ascii": BODY_FONT, "hAnsi": BODY_FONT,
                                                 "eastAsia": BODY_FONT, "cs": BODY_FONT}))
            for size in rpr.findall(W + "sz") + rpr.findall(W + "szCs"):
                size.set(W + "val", str(BODY_SIZE))
    by_id = {s.get(W + "styleId"): s for s in root.findall(W + "style")}
    elements = _style_elements([(spec, spec.based_on, spec.next_style) for spec in SPECS])
    for spec, element in zip(SPECS, elements, strict=True):
        old = by_id.get(spec.style_id)
        if old is not None:
            old.addprevious(element)
            root.remove(old)
        else:
            root.append(element)
    return {spec.key: spec.style_id for spec in SPECS}


def _install_missing_styles(root: Element) -> dict[str, str]:
    """Keep the reference document's styles; add ours only where it has none of that name."""
    existing = _styles_by_name(root)
    normal = _default_style_id(root, "paragraph") or "Normal"
    default_font = _default_style_id(root, "character")
    taken = {s.get(W + "styleId") for s in root.findall(W + "style")}
    ids: dict[str, str] = {}
    added: list[tuple[StyleSpec, str | None, str | None]] = []
    for spec in SPECS:
        found = existing.get((spec.kind, spec.name.lower()))
        if found is not None:
            ids[spec.key] = found.get(W + "styleId", spec.style_id)
            continue
        if spec.key == "normal":
            ids[spec.key] = normal
            continue
        style_id = spec.style_id
        while style_id in taken:
            style_id += "X"
        taken.add(style_id)
        # Based on the reference's own Normal: our styles name no font, so theirs is used.
        based_on = normal if spec.kind == "paragraph" else default_font
        added.append((spec._replace(style_id=style_id), based_on, normal if spec.next_style else None))
        ids[spec.key] = style_id
    if added:
        root.extend(_style_elements(added))
    return ids


def _set_language(document: DocxDocument, styles_root: Element) -> None:
    """Swedish on all text: in the document defaults, and no style that says otherwise."""
    set_language(get_or_add(get_or_add(get_or_add(styles_root, "docDefaults"), "rPrDefault"), "rPr"), LANGUAGE)
    # A style's rPr/lang: found by lxml's own walk, not ElementPath over each of the 160 styles.
    for lang in list(styles_root.iter(W + "lang")):
        rpr = lang.getparent()
        style = rpr.getparent() if rpr is not None else None
        if rpr is not None and rpr.tag == W + "rPr" and style is not None and style.tag == W + "style" \
                and style.getparent() is styles_root:
            rpr.remove(lang)
    settings = document.settings.element
    for old in settings.findall(W + "themeFontLang"):
        settings.remove(old)
    insert_in_order(settings, make("themeFontLang", {"val": LANGUAGE}))


def _settings(document: DocxDocument, *, own: bool) -> None:
    """Word must spell-check the new text (a stored "proofState clean" tells it not to); our own
    document uses Word 2013+ layout, where a table's edge, not its text, meets the margin."""
    settings = document.settings.element
    for name in ("proofState", *(("savePreviewPicture",) if own else ())):
        for old in settings.findall(W + name):
            settings.remove(old)
    if own:
        for setting in settings.iter(W + "compatSetting"):
            if setting.get(W + "name") == "compatibilityMode":
                setting.set(W + "val", "15")


def _setup_page(document: DocxDocument) -> None:
    sect: Element = document.sections[-1]._sectPr
    for child in list(sect):
        if child.tag in (W + "pgSz", W + "pgMar", W + "cols", W + "docGrid"):
            sect.remove(child)
    size = make("pgSz", {"w": str(PAGE_WIDTH), "h": str(PAGE_HEIGHT)})
    margins = make("pgMar", {"top": str(MARGIN), "right": str(MARGIN), "bottom": str(MARGIN),
                             "left": str(MARGIN), "header": str(HEADER_DISTANCE),
                             "footer": str(HEADER_DISTANCE), "gutter": "0"})
    cols = make("cols", {"space": "708"})
    for element in (size, margins, cols):
        insert_in_order(sect, element)


def _text_width(sect: Element) -> int:
    size = sect.find(W + "pgSz")
    margins = sect.find(W + "pgMar")
    width = int(size.get(W + "w", PAGE_WIDTH)) if size is not None else PAGE_WIDTH
    if margins is None:
        return width - 2 * MARGIN
    left = int(float(margins.get(W + "left", MARGIN)))
    right = int(float(margins.get(W + "right", MARGIN)))
    gutter = int(float(margins.get(W + "gutter", 0)))
    return max(2000, width - left - right - gutter)


def _has_own(section: DocxSection, which: str) -> bool:
    """True when the reference document's section has a header/footer with content."""
    part_ref = W + ("headerReference" if which == "header" else "footerReference")
    sect = section._sectPr
    if sect.find(part_ref) is None:
        return False
    story = getattr(section, which)
    element = story._element
    has_text = bool("".join(element.itertext()).strip())
    has_picture = element.find(f".//{W}drawing") is not None or element.find(f".//{W}pict") is not None
    return has_text or has_picture


def _drop_blank_document_extras(document: DocxDocument) -> None:
    """python-docx's blank document carries a thumbnail of nothing, a Word 2010 copy of the
    styles that would shadow ours in that version, and a custom XML item: none belong here."""
    part = document.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype in (RT.CUSTOM_XML, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"):
            del part.rels[rel_id]
    package = part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rel_id]

