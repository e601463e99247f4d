"""The one Markdown dialect of answers and template texts, shared by render, check and export.

CommonMark, plus pipe tables, ~~strikethrough~~ and footnotes (``mdit_py_plugins.footnote``). Raw HTML is parsed
as such (so ``check`` can point at it) and shown as text, never interpreted.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from tui.core.render.plain_markdown import plain_parse

# python-docx reads these image formats (docx.image); anything else cannot go in the document.
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff"})
EXTERNAL_LINK = re.compile(r"^(https?|mailto|ftp):", re.IGNORECASE)


@functools.cache
def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(footnote_plugin)


@functools.lru_cache(maxsize=4096)
def parse(text: str) -> tuple[list[Token], dict[str, Any]]:
    """Tokens and env of ``text``. Cached: ``render`` parses what ``check`` just parsed, and
    templates repeat their instructions; callers must not modify what they get. Plain prose,
    most texts, is tokenised without markdown-it's rule chains (the same tokens)."""
    plain = plain_parse(text)
    if plain is not None:
        return plain
    env: dict[str, Any] = {}
    return parser().parse(text, env), env


def is_external_link(href: str) -> bool:
    return bool(EXTERNAL_LINK.match(href))


def resolve_image(folder: Path, src: str) -> Path | None:
    """The image file ``src`` names inside the report folder, or None for a web address or a
    path that leaves the folder (absolute, ``..``). The file may not exist; callers check."""
    if not src or urlsplit(src).scheme:
        return None
    relative = PurePosixPath(unquote(src))
    if relative.is_absolute() or ".." in relative.parts:
        return None
    return folder.joinpath(*relative.parts)


def image_alt(token: Token) -> str:
    """The alt text of an ``image`` token (markdown-it keeps it as children, not in ``alt``)."""
    if token.children:
        return "".join(c.content for c in token.children if c.type in ("text", "code_inline")).strip()
    return token.content.strip()
