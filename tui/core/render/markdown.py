"""Markdown (markdown-it-py tokens) → Word paragraphs, runs, lists, footnotes, images, tables.

:class:`MarkdownWriter` holds what the whole document shares (numbering, footnotes, styles,
the report folder); each :meth:`MarkdownWriter.write` call renders one text into one story:
the body, a table cell or a footnote. Nothing the parser produced is dropped: what Word has
no construct for (raw HTML) is shown as its literal text, and ``check`` warns about it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from docx.image.exceptions import UnrecognizedImageError
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.parts.story import StoryPart
from markdown_it.token import Token

from tui.core.problems import AterrapportError, Problem
from tui.core.render import ooxml
from tui.core.render.blocks import Origin
from tui.core.render.headings import answer_levels
from tui.core.render.image_file import load_image
from tui.core.render.ooxml import (
    HEADER_FILL,
    PLAIN,
    Border,
    Element,
    Indent,
    RunFormat,
    Spacing,
    add_ppr,
    fit_widths,
    run,
    spacer,
    sub,
)
from tui.core.render.outline import Outline
from tui.core.render.parser import (
    IMAGE_SUFFIXES,
    image_alt,
    is_external_link,
    parse,
    resolve_image,
)
from tui.core.render.parts import Footnotes, Numbering, indent_for_level
from tui.core.render.styles import CODE_FONT, Layout
from tui.core.text import clean_xml

EMU_PER_TWIP = 635
TIGHT_AFTER = 40  # twips between the items of a tight list
_ALIGN = re.compile(r"text-align:\s*(left|right|center)")


@dataclass
class Story:
    """Where paragraphs go, which part owns their links and images, and how wide it is."""

    container: Element
    part: Part
    width: int  # twips
    headings: int | None = None  # outline level of the heading the text sits under; None: bold text
    footnotes: bool = True  # False inside a footnote (Word has no notes in notes)


@dataclass
class _List:
    num_id: int
    level: int
    tight: bool
    item_started: bool = False


@dataclass
class _State:
    story: Story
    style: str
    fmt: RunFormat
    lists: list[_List] = field(default_factory=list)
    quote: int = 0
    last_tight: Element | None = None
    lead: list[tuple[str, RunFormat]] = field(default_factory=list)
    paragraphs: int = 0
    heading_levels: list[int] = field(default_factory=list)  # the text's headings' levels, in order
    breaks: bool = False  # a single newline is a line break (writers' text), not a space


class MarkdownWriter:
    def __init__(self, layout: Layout, numbering: Numbering, footnotes: Footnotes, folder: Path,
                 outline: Outline | None = None) -> None:
        self.layout = layout
        self.outline = outline or Outline()
        self.numbering = numbering
        self.footnotes = footnotes
        self.folder = folder
        self._origin: Origin | None = None
        self._notes: dict[int, list[Token]] = {}

    # -- entry point ------------------------------------------------------------------------------

    def write(self, text: str, story: Story, style: str, *, fmt: RunFormat = PLAIN,
              lead: list[tuple[str, RunFormat]] | None = None, origin: Origin | None = None,
              breaks: bool = False) -> int:
        """Render ``text`` at the end of ``story`` with paragraph style ``style``; ``lead`` runs
        open the first paragraph (e.g. a bold "Kommentar:"). With ``breaks`` (answers), a single
        newline is a line break, as markdown-it's ``breaks`` and pandoc's ``hard_line_breaks``.
        Returns the paragraphs written."""
        tokens, _env = parse(clean_xml(text))  # template texts are not normalised like answers
        body, self._notes = _split_footnotes(tokens)
        self._origin = origin
        state = _State(story=story, style=style, fmt=fmt, lead=list(lead or []), breaks=breaks)
        if story.headings is not None:
            state.heading_levels = answer_levels(
                [int(t.tag[1:]) for t in body if t.type == "heading_open"], story.headings)
        self._blocks(body, state)
        if state.lead:  # an empty text with a lead still shows the lead
            self._paragraph(state)
        return state.paragraphs

    # -- blocks -----------------------------------------------------------------------------------

    def _blocks(self, tokens: list[Token], state: _State) -> None:
        i, n = 0, len(tokens)
        while i < n:
            tok = tokens[i]
            kind = tok.type
            if kind == "paragraph_open":
                inline = tokens[i + 1]
                if not self._figure(inline, state):
                    p = self._paragraph(state)
                    self._inline(p, inline.children or [], state)
                i += 3
                continue
            if kind == "heading_open":
                self._heading(tokens[i + 1], state)
                i += 3
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                level = len(state.lists)
                start = int(tok.attrs.get("start", 1)) if kind == "ordered_list_open" else 1
                num_id = self.numbering.new_list(kind == "ordered_list_open", min(level, 8), start)
                tight = _is_tight(tokens, i)
                state.lists.append(_List(num_id, min(level, 8), tight))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                state.lists.pop()
                if not state.lists and state.last_tight is not None:
                    ooxml.remove_spacing(state.last_tight)  # the list ends: normal space after it
                    state.last_tight = None
            elif kind == "list_item_open":
                state.lists[-1].item_started = False
            elif kind == "blockquote_open":
                state.quote += 1
            elif kind == "blockquote_close":
                state.quote -= 1
            elif kind in ("fence", "code_block"):
                p = self._paragraph(state, style=self.layout.style("code"), shading="F2F2F2")
                run(p, tok.content.rstrip("\n"), state.fmt)
            elif kind == "hr":
                self._paragraph(state, borders=[Border("bottom", 6, "A6A6A6", 1)])
            elif kind == "html_block":
                p = self._paragraph(state)
                run(p, tok.content.rstrip("\n"), state.fmt)
            elif kind == "table_open":
                end = _matching(tokens, i, "table_close")
                self._table(tokens[i:end + 1], state)
                i = end + 1
                continue
            i += 1

    def _paragraph(self, state: _State, *, style: str | None = None, shading: str | None = None,
                   borders: list[Border] | None = None) -> Element:
        story = state.story
        p = sub(story.container, "p")
        state.paragraphs += 1
        num: tuple[int, int] | None = None
        indent: Indent | None = None
        spacing: Spacing | None = None
        if state.lists:
            current = state.lists[-1]
            if not current.item_started:
                num = (current.num_id, current.level)
                current.item_started = True
            else:
                indent = Indent(left=indent_for_level(current.level))
            if current.tight:
                spacing = Spacing(after=TIGHT_AFTER)
        paragraph_style = style or state.style
        if state.quote and not state.lists:
            if style is None and state.style == self.layout.style("normal"):
                paragraph_style = self.layout.style("quote")  # the quote style has its own indent
            else:
                indent = Indent(left=454 * state.quote)
        add_ppr(p, style=paragraph_style, num=num, spacing=spacing, indent=indent, shading=shading,
                borders=borders or ())
        if spacing is not None:
            state.last_tight = p
        elif not state.lists:
            state.last_tight = None
        if state.lead:
            for text, fmt in state.lead:
                run(p, text, fmt)
            state.lead = []
        return p

    def _heading(self, inline: Token, state: _State) -> None:
        story = state.story
        if story.headings is None or not state.heading_levels:
            # Inside a table cell, a footnote or template text: a bold line, not an outline level.
            p = self._paragraph(state)
            ooxml.keep_with_next(p)
            self._inline(p, inline.children or [], state, extra=RunFormat(bold=True))
            return
        level = state.heading_levels.pop(0)
        p = sub(story.container, "p")
        state.paragraphs += 1
        add_ppr(p, style=self.layout.heading(level))
        self._inline(p, inline.children or [], state, base=PLAIN)
        self.outline.heading(p, level, "".join(t.text or "" for t in p.iter(ooxml.w("t"))))

    # -- inline -----------------------------------------------------------------------------------

    def _inline(self, p: Element, children: list[Token], state: _State, *,
                extra: RunFormat | None = None, base: RunFormat | None = None) -> None:
        fmt = base if base is not None else state.fmt
        if extra is not None:
            fmt = fmt.merged(bold=fmt.bold or extra.bold)
        stack = [fmt]
        target = p
        for child in children:
            kind = child.type
            if kind == "text":
                run(target, child.content, stack[-1])
            elif kind == "softbreak" and not state.breaks:
                run(target, " ", stack[-1])
            elif kind in ("hardbreak", "softbreak"):
                sub(sub(target, "r"), "br")
            elif kind == "strong_open":
                stack.append(stack[-1].merged(bold=True))
            elif kind == "em_open":
                stack.append(stack[-1].merged(italic=True))
            elif kind == "s_open":
                stack.append(stack[-1].merged(strike=True))
            elif kind in ("strong_close", "em_close", "s_close"):
                if len(stack) > 1:
                    stack.pop()
            elif kind == "link_open":
                href = str(child.attrs.get("href", ""))
                if is_external_link(href):
                    rel_id = state.story.part.relate_to(ooxml.clean_xml(href), RT.HYPERLINK, is_external=True)
                    target = ooxml.hyperlink(p, rel_id)
                    stack.append(stack[-1].merged(style=self.layout.style("hyperlink")))
                else:
                    stack.append(stack[-1])  # not a web address: the link text only (check warns)
            elif kind == "link_close":
                target = p
                if len(stack) > 1:
                    stack.pop()
            elif kind == "code_inline":
                run(target, child.content, stack[-1].merged(font=CODE_FONT))
            elif kind == "html_inline":
                run(target, child.content, stack[-1])
            elif kind == "image":
                self._inline_image(target, child, state)
            elif kind == "footnote_ref":
                self._footnote_ref(target, child, state)
            elif child.content:
                run(target, child.content, stack[-1])

    def _footnote_ref(self, target: Element, token: Token, state: _State) -> None:
        meta: dict[str, Any] = token.meta or {}
        body = self._notes.get(int(meta.get("id", -1)))
        if not state.story.footnotes or body is None:
            run(target, f"[^{meta.get('label', '')}]", state.fmt)
            return
        note_id, note = self.footnotes.new()
        inner = _State(story=Story(note, self.footnotes.part, state.story.width, None, footnotes=False),
                       style=self.layout.style("footnote_text"), fmt=PLAIN, breaks=state.breaks)
        self._blocks(body, inner)
        self.footnotes.finish(note)
        self.footnotes.reference(target, note_id)

    # -- images -----------------------------------------------------------------------------------

    def _figure(self, inline: Token, state: _State) -> bool:
        """A paragraph that is only an image: the picture centred, its alt text as caption."""
        children = [c for c in inline.children or [] if not (c.type == "text" and not c.content.strip())
                    and c.type not in ("softbreak",)]
        if len(children) != 1 or children[0].type != "image" or state.lists or state.story.headings is None:
            return False
        image = children[0]
        p = sub(state.story.container, "p")
        state.paragraphs += 1
        add_ppr(p, style=self.layout.style("figure"))
        if not self._picture(p, image, state, state.story.width):
            return True
        caption = str(image.attrs.get("title") or "") or image_alt(image)
        if caption:
            cap = sub(state.story.container, "p")
            state.paragraphs += 1
            add_ppr(cap, style=self.layout.style("caption"))
            run(cap, caption)
        return True

    def _inline_image(self, target: Element, image: Token, state: _State) -> None:
        self._picture(target, image, state, state.story.width)

    def _picture(self, target: Element, image: Token, state: _State, max_width: int) -> bool:
        raw = str(image.attrs.get("src", ""))
        src = unquote(raw)  # as the writer wrote it, for messages
        path = resolve_image(self.folder, raw)
        part = state.story.part
        if path is None or not isinstance(part, StoryPart):
            run(target, image_alt(image) or src, state.fmt)  # a web image, or one in a footnote
            return False
        if not path.is_file():
            raise AterrapportError(self._problem(f"bilden {src} finns inte (sökt som {path})"))
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            raise AterrapportError(self._problem(f"bilden {src} har ett format som Word-dokumentet inte kan ta "
                                                 "(använd PNG eller JPEG)"))
        try:
            data, _image = load_image(self.folder, path)
            _rel_id, picture = part.get_or_add_image(io.BytesIO(data))
            width = min(picture.width, max_width * EMU_PER_TWIP)
            inline = part.new_pic_inline(io.BytesIO(data), width=width)
        except AterrapportError as exc:
            raise AterrapportError(self._problem(f"bilden {src}: {exc.problems[0].message}")) from None
        except (UnrecognizedImageError, OSError, ValueError) as exc:
            raise AterrapportError(self._problem(f"bilden {src} kan inte läsas: {exc}")) from None
        ooxml.describe_picture(inline, image_alt(image), str(image.attrs.get("title") or ""))
        r = sub(target, "r")
        sub(r, "drawing").append(inline)
        return True

    def _problem(self, message: str) -> Problem:
        origin = self._origin
        return Problem(origin.file if origin else self.folder, message, section=origin.section if origin else "")

    # -- tables -----------------------------------------------------------------------------------

    def _table(self, tokens: list[Token], state: _State) -> None:
        rows: list[tuple[bool, list[tuple[Token, str | None]]]] = []
        header = False
        for tok in tokens:
            if tok.type == "thead_open":
                header = True
            elif tok.type == "thead_close":
                header = False
            elif tok.type == "tr_open":
                rows.append((header, []))
            elif tok.type in ("th_open", "td_open"):
                match = _ALIGN.search(str(tok.attrs.get("style", "")))
                rows[-1][1].append((tok, match.group(1) if match else None))
            elif tok.type == "inline" and rows and rows[-1][1]:
                rows[-1][1][-1] = (tok, rows[-1][1][-1][1])
        columns = max((len(cells) for _h, cells in rows), default=0)
        if not columns:
            return
        widths = fit_widths(_column_weights(rows, columns), state.story.width)
        tbl = ooxml.table(state.story.container, widths)
        style = self.layout.style("table_text")
        for is_header, cells in rows:
            tr = ooxml.table_row(tbl, header=is_header)
            for index in range(columns):
                tc = ooxml.table_cell(tr, widths[index], fill=HEADER_FILL if is_header else None)
                p = sub(tc, "p")
                jc = {"right": "right", "center": "center"}.get(cells[index][1] or "") if index < len(cells) else None
                add_ppr(p, style=self.layout.style("table_header") if is_header else style, jc=jc)
                if index < len(cells) and cells[index][0].type == "inline":
                    cell_state = _State(story=Story(tc, state.story.part, widths[index] - 170, None,
                                                    state.story.footnotes), style=style, fmt=PLAIN)
                    self._inline(p, cells[index][0].children or [], cell_state)
        spacer(state.story.container)
        state.paragraphs += 1


# -- helpers --------------------------------------------------------------------------------------


def _split_footnotes(tokens: list[Token]) -> tuple[list[Token], dict[int, list[Token]]]:
    """The text's blocks, and each footnote's blocks by the plugin's footnote id."""
    body: list[Token] = []
    notes: dict[int, list[Token]] = {}
    current: list[Token] | None = None
    inside_block = False
    for tok in tokens:
        if tok.type == "footnote_block_open":
            inside_block = True
        elif tok.type == "footnote_block_close":
            inside_block = False
        elif tok.type == "footnote_open":
            current = notes.setdefault(int((tok.meta or {}).get("id", -1)), [])
        elif tok.type == "footnote_close":
            current = None
        elif tok.type == "footnote_anchor":
            continue
        elif current is not None:
            current.append(tok)
        elif not inside_block:
            body.append(tok)
    return body, notes


def _matching(tokens: list[Token], start: int, close: str) -> int:
    for index in range(start + 1, len(tokens)):
        if tokens[index].type == close and tokens[index].level == tokens[start].level:
            return index
    return len(tokens) - 1


def _is_tight(tokens: list[Token], start: int) -> bool:
    """markdown-it marks a tight list by hiding its paragraphs."""
    level = tokens[start].level
    for tok in tokens[start + 1:]:
        if tok.type == "paragraph_open" and tok.level == level + 2:
            return tok.hidden
        if tok.level == level and tok.nesting == -1:
            break
    return True


def _column_weights(rows: list[tuple[bool, list[tuple[Token, str | None]]]], columns: int) -> list[float]:
    """Wider columns for longer text, within limits so that no column starves."""
    longest = [4.0] * columns
    for _header, cells in rows:
        for index, (tok, _align) in enumerate(cells[:columns]):
            longest[index] = max(longest[index], float(len(tok.content)))
    return [min(max(length, 6.0), 60.0) for length in longest]

