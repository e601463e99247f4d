"""What the Word document cannot show as written: warnings (and errors for images) for ``check``.

The renderer drops nothing silently: raw HTML is shown as literal text, a link that is no web
address as its text, a web image as its alt text; each is reported here, located at its line
in the YAML file. An image file that is missing, outside the report folder or in a format
Word cannot take is an error: the document cannot be made as the writer meant it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from tui.core.problems import AterrapportError, Problem, Severity
from tui.core.pydantic_errors import locate, locate_exact
from tui.core.report import Report
from tui.core.report_texts import report_texts
from tui.core.scalars import is_block_scalar

if TYPE_CHECKING:
    from markdown_it.token import Token

_UNRESOLVED_NOTE = re.compile(r"\[\^([^\]\s]+)\]")
_MAX_LIST_DEPTH = 9  # Word's list levels

# Everything check_text reports needs one of these in the text: `<` (HTML, autolinks), `&` (an
# entity can spell `[^x]`), `[^` (footnotes), `](` (links, images) or `]:` (a link definition,
# which every reference link needs); or a list ten levels deep, whose marker has only container
# marks (spaces, `>`, list markers) before it on its line, at least two columns per level. Most
# answers are prose, plain or with lists, and need no parse (nor markdown-it imported, for `check`).
_MAY_MATTER = re.compile(r"<|&|\[\^|\]\(|\]:")
_NESTED_MARKER = re.compile(r"^((?:[ \t>]|(?:[-+*]|[0-9]+[.)])(?=[ \t]))*)(?:[-+*]|[0-9]+[.)])(?=\s|$)", re.MULTILINE)
_DEEPEST_MARKER_COLUMN = 2 * _MAX_LIST_DEPTH  # a tenth-level list's marker is at least here


def check_markdown(report: Report, only: set[Path] | None = None) -> list[Problem]:
    """The warnings (and image errors) of every text; with ``only``, of the files at those paths."""
    problems: list[Problem] = []
    for place in report_texts(report):
        if (only is None or place.file in only) and _may_matter(place.text):
            problems += check_text(report, place.text, place.file, place.data, place.loc, place.section)
    return problems


def _may_matter(text: str) -> bool:
    """False when check_text cannot find anything in ``text`` (a necessary condition, not more)."""
    if _MAY_MATTER.search(text):
        return True
    if "\r" in text:  # markdown-it's line breaks
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return any(len(marker.group(1).expandtabs(4)) >= _DEEPEST_MARKER_COLUMN
               for marker in _NESTED_MARKER.finditer(text))


def check_text(report: Report, text: str, path: Path, data: Any, loc: tuple[str | int, ...],
               section: str) -> list[Problem]:
    """Problems in one Markdown text stored at ``loc`` in the YAML document ``data``."""
    exact = locate_exact(data, loc)
    line, column = exact or locate(data, loc)
    node = data
    for step in loc:
        if isinstance(node, list):
            node = node[step] if isinstance(step, int) else None
        else:
            node = node[step] if isinstance(node, dict) else None
    # A block scalar's text starts on the line after its indicator (``|``).
    first_line = line + 1 if is_block_scalar(node) else line

    from tui.core.render.parser import parse  # markdown-it: only when a text needs it

    problems: list[Problem] = []

    def add(token_line: int | None, message: str, severity: Severity = Severity.WARNING) -> None:
        # Text typed or rows added in memory have no lines yet: point at what encloses them.
        where = first_line + token_line if token_line is not None and exact is not None else line
        problems.append(Problem(path, message, where, column if where == line else 0, section, severity))

    tokens, env = parse(text)
    seen: set[str] = set()
    block_line: int | None = 0
    in_note = False
    list_depth = 0
    for tok in tokens:
        if tok.map:
            block_line = tok.map[0]
        kind = tok.type
        if kind == "footnote_open":
            in_note = True
        elif kind == "footnote_close":
            in_note = False
        elif kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
            if list_depth == _MAX_LIST_DEPTH + 1:
                add(block_line, f"listan är nästlad i mer än {_MAX_LIST_DEPTH} nivåer; "
                                "de djupare nivåerna visas på nivå 9")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif kind == "html_block" and "html" not in seen:
            seen.add("html")
            add(block_line, f"HTML («{_snippet(tok.content)}») stöds inte i Word-dokumentet; "
                            "det visas som vanlig text")
        elif kind == "inline":
            for child in tok.children or []:
                _check_inline(report, child, block_line, in_note, seen, add)
    refs: dict[str, int] = env.get("footnotes", {}).get("refs", {})
    for key, ident in refs.items():
        if ident == -1:  # markdown-it drops a definition that nothing refers to
            label = key.removeprefix(":")
            add(_definition_line(text, label),
                f"fotnoten [^{label}] används inte i texten och kommer inte med i dokumentet")
    return problems


def _definition_line(text: str, label: str) -> int | None:
    match = re.search(rf"^[ \t]*\[\^{re.escape(label)}\]:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) if match else None


def _check_inline(report: Report, child: Token, block_line: int | None, in_note: bool,
                  seen: set[str], add: Any) -> None:
    from tui.core.render.parser import is_external_link

    kind = child.type
    if kind == "html_inline" and "html" not in seen:
        seen.add("html")
        add(block_line, f"HTML («{_snippet(child.content)}») stöds inte i Word-dokumentet; "
                        "det visas som vanlig text")
    elif kind == "link_open":
        href = str(child.attrs.get("href", ""))
        if not is_external_link(href):
            add(block_line, f"länken «{unquote(href)}» är ingen webbadress (https://…, mailto:…); "
                            "bara länktexten kommer med i dokumentet")
    elif kind == "footnote_ref" and in_note:
        add(block_line, "en fotnot kan inte ha en egen fotnot; hänvisningen visas som text")
    elif kind == "text":
        for match in _UNRESOLVED_NOTE.finditer(child.content):
            add(block_line, f"fotnoten [^{match.group(1)}] saknar text (skriv [^{match.group(1)}]: … "
                            "sist i svaret); hänvisningen visas som den står")
    elif kind == "image":
        _check_image(report, child, block_line, in_note, add)


def _check_image(report: Report, image: Token, block_line: int | None, in_note: bool, add: Any) -> None:
    from tui.core.render.parser import IMAGE_SUFFIXES, image_alt, resolve_image

    raw = str(image.attrs.get("src", ""))
    src = unquote(raw)  # markdown-it percent-encodes å, ä, ö and spaces; show what the writer wrote
    path = resolve_image(report.folder, raw)
    if path is None:
        if "://" in src or src.startswith(("data:", "www.")):
            add(block_line, f"bilden «{src}» är en webbadress; lägg bilden i rapportmappen "
                            f"(i dokumentet visas bara texten «{image_alt(image)}»)")
        else:
            add(block_line, f"bilden «{src}» ligger utanför rapportmappen; lägg den i mappen", Severity.ERROR)
        return
    if not path.is_file():
        add(block_line, f"bilden «{src}» finns inte i rapportmappen", Severity.ERROR)
    elif path.suffix.lower() not in IMAGE_SUFFIXES:
        add(block_line, f"bilden «{src}» har ett format som Word-dokumentet inte kan ta; använd PNG eller JPEG",
            Severity.ERROR)
    elif in_note:
        add(block_line, f"bilder i fotnoter stöds inte; i fotnoten visas bara texten «{image_alt(image)}»")
    else:
        from tui.core.render.image_file import load_image  # python-docx: only when there is an image

        try:
            load_image(report.folder, path)
        except AterrapportError as exc:
            add(block_line, f"bilden «{src}»: {exc.problems[0].message}", Severity.ERROR)
            return
        if not image_alt(image):
            add(block_line, f"bild utan alternativtext: «{src}»; skriv vad bilden visar mellan hakparenteserna, "
                            "![så här](bild.png), så att den som inte ser bilden (skärmläsare, PDF) får veta det")


def _snippet(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first if len(first) <= 40 else first[:39] + "…"
