"""The WordprocessingML the renderer writes itself, built straight with lxml.

python-docx opens and saves the package and manages its parts, relationships, images and
core properties; every element of the document's text is made here: paragraphs and their
properties, runs, fields, bookmarks, hyperlinks, tables, the spacer after a table, a
picture's alternative text. Word is strict about the order of the children of ``w:pPr``,
``w:rPr``, ``w:tblPr``, ``w:tcPr``, ``w:settings``: the builders (:func:`add_ppr`,
:func:`add_rpr`, :func:`table` …) write them in the schema's order, and whatever is added to an
existing element later goes through :func:`insert_in_order` / :func:`get_or_add`, the one
place that knows that order for such additions. Every string that reaches lxml goes through
:func:`clean_xml` (lxml refuses XML-invalid characters; template texts are not normalised like
answers).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Hashable, Iterable
from typing import Any, NamedTuple, TypedDict

from docx.oxml.parser import oxml_parser
from lxml import etree

from tui.core.text import clean_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
W = "{" + W_NS + "}"
R_ID = "{" + R_NS + "}id"

Element = etree._Element
_SubElement = etree.SubElement

# Twips (1/20 pt) and half-points, the units of the attributes below.
TWIPS_PER_CM = 567


def w(tag: str) -> str:
    return W + tag


def sub(parent: Element, tag: str, attrs: dict[str, str] | None = None) -> Element:
    """``<w:tag w:key="value" …>`` appended to ``parent``; attribute keys are in the w namespace."""
    element = _SubElement(parent, W + tag)
    if attrs:
        for key, value in attrs.items():
            element.set(W + key, value)  # in lxml a quarter cheaper than an attribute dict
    return element


# -- copies of what was built before --------------------------------------------------------------
#
# Making an element in lxml checks its name and namespace each time, which costs as much as
# copying a finished one; the properties of paragraphs, cells and tables repeat (a report has
# a few dozen kinds of paragraph properties, and a thousand paragraphs). So those builders
# build each kind once, as a detached prototype in python-docx's parser (copies are then
# python-docx's element classes, as elements made inside its document are), and give out
# copies. A prototype is never attached or changed; a copy is the caller's to change.

_PROTOTYPES: dict[Hashable, Element] = {}
_MAX_PROTOTYPES = 1024  # kinds seen in one process; more (widths of many tables) start afresh


def _copy_of(key: Hashable, build: Callable[[], Element]) -> Element:
    prototype = _PROTOTYPES.get(key)
    if prototype is None:
        if len(_PROTOTYPES) >= _MAX_PROTOTYPES:
            _PROTOTYPES.clear()
        prototype = _PROTOTYPES[key] = build()
    return copy.copy(prototype)  # lxml copies the whole subtree (copy.deepcopy adds only a memo)


def _detached(tag: str) -> Element:
    """A prototype's root: ``w:tag`` in a document of python-docx's parser."""
    return oxml_parser.makeelement(W + tag, nsmap={"w": W_NS})


def make(tag: str, attrs: dict[str, str] | None = None) -> Element:
    """A detached ``w:`` element (declares the w prefix so it serialises as ``w:``)."""
    element = etree.Element(W + tag, nsmap={"w": W_NS, "r": R_NS})
    if attrs:
        for key, value in attrs.items():
            element.set(W + key, value)
    return element


# -- paragraph properties ---------------------------------------------------------------------

class Spacing(NamedTuple):
    before: int | None = None  # twips
    after: int | None = None
    line: int | None = None  # 240 = single, with lineRule auto


class Indent(NamedTuple):
    left: int | None = None
    right: int | None = None
    hanging: int | None = None
    first_line: int | None = None


class Border(NamedTuple):
    side: str  # top, left, bottom, right, between
    size: int = 4  # eighths of a point
    color: str = "808080"
    space: int = 4


class ParagraphOptions(TypedDict, total=False):
    """The keywords of :func:`add_ppr` after ``style``, for callers that pass them through."""

    keep_next: bool
    keep_lines: bool
    page_break_before: bool
    num: tuple[int, int] | None
    borders: Iterable[Border]
    shading: str | None
    tabs: Iterable[tuple[str, int]]
    spacing: Spacing | None
    indent: Indent | None
    jc: str | None
    outline_level: int | None


def add_ppr(p: Element, *, style: str | None = None, keep_next: bool = False,
            keep_lines: bool = False, page_break_before: bool = False,
            num: tuple[int, int] | None = None, borders: Iterable[Border] = (),
            shading: str | None = None, tabs: Iterable[tuple[str, int]] = (),
            spacing: Spacing | None = None, indent: Indent | None = None,
            jc: str | None = None, outline_level: int | None = None) -> Element | None:
    """Paragraph properties in schema order; returns ``w:pPr`` (or None when empty)."""
    borders = tuple(borders)
    tabs = tuple(tabs)
    if not (style or keep_next or keep_lines or page_break_before or num or borders or shading
            or tabs or spacing or indent or jc or outline_level is not None):
        return None
    key = ("pPr", style, keep_next, keep_lines, page_break_before, num, borders, shading, tabs, spacing, indent,
           jc, outline_level)
    ppr = _copy_of(key, lambda: _ppr(style, keep_next, keep_lines, page_break_before, num, borders, shading,
                                     tabs, spacing, indent, jc, outline_level))
    p.insert(0, ppr)  # pPr is always the first child
    return ppr


def _ppr(style: str | None, keep_next: bool, keep_lines: bool, page_break_before: bool,
         num: tuple[int, int] | None, borders: tuple[Border, ...], shading: str | None,
         tabs: tuple[tuple[str, int], ...], spacing: Spacing | None, indent: Indent | None,
         jc: str | None, outline_level: int | None) -> Element:
    ppr = _detached("pPr")
    if style:
        sub(ppr, "pStyle", {"val": style})
    if keep_next:
        sub(ppr, "keepNext")
    if keep_lines:
        sub(ppr, "keepLines")
    if page_break_before:
        sub(ppr, "pageBreakBefore")
    if num is not None:
        numpr = sub(ppr, "numPr")
        sub(numpr, "ilvl", {"val": str(num[1])})
        sub(numpr, "numId", {"val": str(num[0])})
    if borders:
        pbdr = sub(ppr, "pBdr")
        order = ("top", "left", "bottom", "right", "between")
        for border in sorted(borders, key=lambda b: order.index(b.side)):
            sub(pbdr, border.side, {"val": "single", "sz": str(border.size), "space": str(border.space),
                                    "color": border.color})
    if shading:
        sub(ppr, "shd", {"val": "clear", "color": "auto", "fill": shading})
    if tabs:
        tabs_el = sub(ppr, "tabs")
        for kind, pos in tabs:
            sub(tabs_el, "tab", {"val": kind, "pos": str(pos)})
    if spacing is not None:
        attrs: dict[str, str] = {}
        if spacing.before is not None:
            attrs["before"] = str(spacing.before)
        if spacing.after is not None:
            attrs["after"] = str(spacing.after)
        if spacing.line is not None:
            attrs["line"] = str(spacing.line)
            attrs["lineRule"] = "auto"
        sub(ppr, "spacing", attrs)
    if indent is not None:
        attrs = {}
        if indent.left is not None:
            attrs["left"] = str(indent.left)
        if indent.right is not None:
            attrs["right"] = str(indent.right)
        if indent.hanging is not None:
            attrs["hanging"] = str(indent.hanging)
        elif indent.first_line is not None:
            attrs["firstLine"] = str(indent.first_line)
        sub(ppr, "ind", attrs)
    if jc:
        sub(ppr, "jc", {"val": jc})
    if outline_level is not None:
        sub(ppr, "outlineLvl", {"val": str(outline_level)})
    return ppr


# -- runs -----------------------------------------------------------------------------------------

class RunFormat(NamedTuple):
    """Direct run formatting; the defaults add nothing (the style decides)."""

    style: str | None = None
    font: str | None = None
    bold: bool = False
    italic: bool = False
    strike: bool = False
    color: str | None = None
    size: int | None = None  # half-points
    highlight: str | None = None
    underline: bool = False
    superscript: bool = False

    def merged(self, **changes: Any) -> RunFormat:
        return self._replace(**changes)


PLAIN = RunFormat()


def add_rpr(r: Element, fmt: RunFormat) -> None:
    if fmt is PLAIN or fmt == PLAIN:  # most runs are PLAIN itself: no field-by-field comparison
        return
    rpr = sub(r, "rPr")
    if fmt.style:
        sub(rpr, "rStyle", {"val": fmt.style})
    if fmt.font:
        sub(rpr, "rFonts", {"ascii": fmt.font, "hAnsi": fmt.font, "cs": fmt.font, "eastAsia": fmt.font})
    if fmt.bold:
        sub(rpr, "b")
        sub(rpr, "bCs")
    if fmt.italic:
        sub(rpr, "i")
        sub(rpr, "iCs")
    if fmt.strike:
        sub(rpr, "strike")
    if fmt.color:
        sub(rpr, "color", {"val": fmt.color})
    if fmt.size:
        sub(rpr, "sz", {"val": str(fmt.size)})
        sub(rpr, "szCs", {"val": str(fmt.size)})
    if fmt.highlight:
        sub(rpr, "highlight", {"val": fmt.highlight})
    if fmt.underline:
        sub(rpr, "u", {"val": "single"})
    if fmt.superscript:
        sub(rpr, "vertAlign", {"val": "superscript"})


def run(parent: Element, text: str, fmt: RunFormat = PLAIN) -> Element:
    """A run with ``text``; ``\\n`` becomes a line break and ``\\t`` a tab."""
    r = sub(parent, "r")
    add_rpr(r, fmt)
    text = clean_xml(text)
    if "\n" not in text and "\t" not in text:
        t = sub(r, "t")
        t.text = text
        if text[:1] == " " or text[-1:] == " " or "  " in text:
            t.set(XML_SPACE, "preserve")
        return r
    for li, line in enumerate(text.split("\n")):
        if li:
            sub(r, "br")
        for ti, piece in enumerate(line.split("\t")):
            if ti:
                sub(r, "tab")
            if piece:
                t = sub(r, "t")
                t.text = piece
                t.set(XML_SPACE, "preserve")
    return r


def spacer(container: Element, half_points: int = 12) -> Element:
    """A small empty paragraph: space after a table (Word would glue two tables together)."""
    p = _copy_of(("spacer", half_points), lambda: _spacer(half_points))
    container.append(p)
    return p


def _spacer(half_points: int) -> Element:
    p = _detached("p")
    ppr = add_ppr(p, spacing=Spacing(0, 0, 240))
    assert ppr is not None
    rpr = sub(ppr, "rPr")
    sub(rpr, "sz", {"val": str(half_points)})
    sub(rpr, "szCs", {"val": str(half_points)})
    return p


def page_break(parent: Element) -> None:
    sub(sub(parent, "r"), "br", {"type": "page"})


def field(p: Element, instruction: str, placeholder: str, fmt: RunFormat = PLAIN) -> None:
    """A complex field (``PAGE``, ``NUMPAGES`` …): begin, instruction, separate, cached result, end.
    Word and LibreOffice recompute the result when they lay the pages out."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None),
                       (None, None), ("end", None)):
        r = sub(p, "r")
        add_rpr(r, fmt)
        if kind:
            sub(r, "fldChar", {"fldCharType": kind})
        elif text is not None:
            instr = sub(r, "instrText")
            instr.text = f" {instruction} "
            instr.set(XML_SPACE, "preserve")
        else:
            sub(r, "t").text = placeholder


def bookmark(p: Element, bookmark_id: int, name: str) -> None:
    """A bookmark around the paragraph's runs (after ``w:pPr``): a target for PAGEREF fields,
    the table of contents' links and the PDF's outline."""
    first_content(p, make("bookmarkStart", {"id": str(bookmark_id), "name": name}))
    sub(p, "bookmarkEnd", {"id": str(bookmark_id)})


def first_content(p: Element, element: Element) -> None:
    """Put ``element`` before the paragraph's runs: right after its ``w:pPr``."""
    ppr = p.find(W + "pPr")
    if ppr is not None:
        ppr.addnext(element)
    else:
        p.insert(0, element)


def describe_picture(inline: Element, alt: str, title: str) -> None:
    """The picture's alternative text (``descr``, what screen readers and the PDF's /Alt say) and
    its title (``![alt](bild.png "titel")``), on ``wp:docPr``. The title is not repeated from the
    alt text: LibreOffice's PDF reads "title - descr" as the /Alt."""
    doc_pr = inline.find("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")
    if doc_pr is None:
        return
    if alt:
        doc_pr.set("descr", clean_xml(alt))
    if title:
        doc_pr.set("title", clean_xml(title))


def hyperlink(p: Element, rel_id: str) -> Element:
    link = sub(p, "hyperlink", {"history": "1"})
    link.set(R_ID, rel_id)
    return link


# -- tables ---------------------------------------------------------------------------------------

BORDER_COLOR = "8C8C8C"
HEADER_FILL = "E8EBEF"


def table(parent: Element, widths: list[int], *, borders: bool = True, indent: int = 0,
          cell_margin: tuple[int, int] = (57, 85)) -> Element:
    """``w:tbl`` with fixed layout: the total width and every column in twips (``autofit`` off,
    which is what makes Word keep the widths)."""
    key = ("tbl", tuple(widths), borders, indent, cell_margin)
    tbl = _copy_of(key, lambda: _table(widths, borders, indent, cell_margin))
    parent.append(tbl)
    return tbl


def _table(widths: list[int], borders: bool, indent: int, cell_margin: tuple[int, int]) -> Element:
    tbl = _detached("tbl")
    pr = sub(tbl, "tblPr")
    sub(pr, "tblW", {"w": str(sum(widths)), "type": "dxa"})
    if indent:
        sub(pr, "tblInd", {"w": str(indent), "type": "dxa"})
    b = sub(pr, "tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if borders:
            sub(b, side, {"val": "single", "sz": "4", "space": "0", "color": BORDER_COLOR})
        else:
            sub(b, side, {"val": "nil"})
    sub(pr, "tblLayout", {"type": "fixed"})
    mar = sub(pr, "tblCellMar")
    vertical, horizontal = cell_margin
    for side, value in (("top", vertical), ("left", horizontal), ("bottom", vertical), ("right", horizontal)):
        sub(mar, side, {"w": str(value), "type": "dxa"})
    sub(pr, "tblLook", {"val": "04A0", "firstRow": "1", "lastRow": "0", "firstColumn": "0",
                        "lastColumn": "0", "noHBand": "1", "noVBand": "1"})
    grid = sub(tbl, "tblGrid")
    for width in widths:
        sub(grid, "gridCol", {"w": str(width)})
    return tbl


def fit_widths(weights: list[float], total: int) -> list[int]:
    """Column widths in twips that add up to ``total``, proportional to ``weights``."""
    weight_sum = sum(weights) or 1.0
    widths = [int(total * w / weight_sum) for w in weights]
    widths[-1] += total - sum(widths)
    return widths


def table_row(tbl: Element, *, header: bool = False, cant_split: bool = True) -> Element:
    """A row; ``header`` repeats it on every page (``w:tblHeader``), ``cant_split`` keeps it on
    one page (``w:cantSplit``)."""
    tr = _copy_of(("tr", header, cant_split), lambda: _table_row(header, cant_split))
    tbl.append(tr)
    return tr


def _table_row(header: bool, cant_split: bool) -> Element:
    tr = _detached("tr")
    if header or cant_split:
        pr = sub(tr, "trPr")
        if cant_split:
            sub(pr, "cantSplit")
        if header:
            sub(pr, "tblHeader")
    return tr


def table_cell(tr: Element, width: int, *, fill: str | None = None, borders: str | None = None) -> Element:
    tc = _copy_of(("tc", width, fill, borders), lambda: _table_cell(width, fill, borders))
    tr.append(tc)
    return tc


def _table_cell(width: int, fill: str | None, borders: str | None) -> Element:
    tc = _detached("tc")
    pr = sub(tc, "tcPr")
    sub(pr, "tcW", {"w": str(width), "type": "dxa"})
    if borders:
        b = sub(pr, "tcBorders")
        for side in ("top", "left", "bottom", "right"):
            sub(b, side, {"val": "single", "sz": "6", "space": "0", "color": borders})
    if fill:
        sub(pr, "shd", {"val": "clear", "color": "auto", "fill": fill})
    return tc


def finish_cell(tc: Element) -> None:
    """A cell must end with a paragraph (Word refuses the file otherwise)."""
    last = tc[-1] if len(tc) else None
    if last is None or last.tag != W + "p":
        sub(tc, "p")


# -- language and fonts -------------------------------------------------------------------------

def set_language(rpr: Element, lang: str) -> None:
    """Set ``w:lang`` (spell check language) on a run-properties element, in schema order."""
    for old in rpr.findall(W + "lang"):
        rpr.remove(old)
    insert_in_order(rpr, make("lang", {"val": lang, "eastAsia": lang, "bidi": "ar-SA"}))


def strip_theme_fonts(element: Element) -> None:
    """Remove theme font attributes (``w:asciiTheme`` …), which override the explicit fonts."""
    for fonts in element.iter(W + "rFonts"):
        for attr in _THEME_FONTS:
            if fonts.get(attr) is not None:  # cheaper than asking .attrib, which lxml makes anew each time
                del fonts.attrib[attr]


_THEME_FONTS = tuple(W + attr for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))


# -- adding to what exists: the schema's order --------------------------------------------------
#
# The builders above write their elements in order. Whatever is added to an element after the
# fact (a paragraph kept with the next, the language in a reference document's defaults, the
# footnote separators in its settings) goes through insert_in_order, the one place that knows
# the order of the children of the elements we add to (ECMA-376 part 1; the same sequences as
# python-docx's element classes).

_NAMESPACES = {"w": W_NS, "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
               "sl": "http://schemas.openxmlformats.org/schemaLibrary/2006/main"}


def _tags(names: str) -> tuple[str, ...]:
    """``"pStyle keepNext m:mathPr"`` → Clark names (``w`` unless a prefix says otherwise)."""
    out: list[str] = []
    for name in names.split():
        prefix, _colon, local = name.rpartition(":")
        out.append("{" + _NAMESPACES[prefix or "w"] + "}" + local)
    return tuple(out)


_ORDER: dict[str, tuple[str, ...]] = {W + parent: _tags(children) for parent, children in {
    "p": "pPr",
    "tr": "tblPrEx trPr",
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr "
           "shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN "
           "bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
           "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    # A run's properties; a paragraph mark's (pPr/rPr) start with its revision marks.
    "rPr": "ins del moveFrom moveTo rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow "
           "emboss imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs "
           "highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
    "styles": "docDefaults latentStyles style",
    "docDefaults": "rPrDefault pPrDefault",
    "rPrDefault": "rPr",
    "sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
              "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter "
              "docGrid printerSettings sectPrChange",
    "settings": "writeProtection view zoom removePersonalInformation removeDateAndTime "
                "doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText "
                "printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts "
                "saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges bordersDoNotSurroundHeader "
                "bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors hideGrammaticalErrors "
                "activeWritingStyle proofState formsDesign attachedTemplate linkStyles stylePaneFormatFilter "
                "stylePaneSortMethod documentType mailMerge revisionView trackRevisions doNotTrackMoves "
                "doNotTrackFormatting documentProtection autoFormatOverride styleLockTheme styleLockQFSet "
                "defaultTabStop autoHyphenation consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps "
                "showEnvelope summaryLength clickAndTypeStyle defaultTableStyle evenAndOddHeaders "
                "bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing "
                "drawingGridVerticalSpacing displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery "
                "doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin drawingGridVerticalOrigin "
                "doNotShadeFormData noPunctuationKerning characterSpacingControl printTwoOnOne "
                "strictFirstAndLastChars noLineBreaksAfter noLineBreaksBefore savePreviewPicture "
                "doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText "
                "doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags "
                "alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat docVars "
                "rsids m:mathPr attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats "
                "doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType "
                "sl:schemaLibrary shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator",
}.items()}


def insert_in_order(parent: Element, child: Element) -> Element:
    """Insert ``child`` into ``parent`` at its place in the schema's order: before the first
    child that comes after it. Children the order does not name (a paragraph's runs, a row's
    cells, Office's extensions at the end of the settings) come after every child it names.
    Returns ``child``."""
    order = _ORDER[str(parent.tag)]
    rank = order.index(str(child.tag))
    for index, existing in enumerate(parent):
        tag = existing.tag
        if not isinstance(tag, str):  # a comment or processing instruction: no place in the order
            continue
        if tag not in order or order.index(tag) > rank:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def get_or_add(parent: Element, tag: str) -> Element:
    """``parent``'s ``w:tag`` child; a new, empty one at its place in the schema's order when
    there is none (a paragraph's ``w:pPr`` is its first child)."""
    found = parent.find(W + tag)
    return found if found is not None else insert_in_order(parent, make(tag))


def keep_with_next(p: Element) -> None:
    """Keep the paragraph on the page of the one that follows it (``w:keepNext``)."""
    get_or_add(get_or_add(p, "pPr"), "keepNext")


def space_before(p: Element, twips: int) -> None:
    get_or_add(get_or_add(p, "pPr"), "spacing").set(W + "before", str(twips))


def remove_spacing(p: Element) -> None:
    """Drop the paragraph's own spacing: its style's applies."""
    ppr = p.find(W + "pPr")
    if ppr is not None:
        for spacing in ppr.findall(W + "spacing"):
            ppr.remove(spacing)


def clear(element: Element) -> Element:
    for child in list(element):
        element.remove(child)
    return element
