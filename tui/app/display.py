"""Template Markdown for display in the terminal (Rich's Markdown has no footnotes)."""

from __future__ import annotations

import re

from rich.markdown import Markdown

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_DEFINITION = re.compile(r"^\[\^([^\]]+)\]:\s*", re.MULTILINE)
_REFERENCE = re.compile(r"\[\^([^\]]+)\]")


def _mark(label: str) -> str:
    return label.translate(_SUPERSCRIPT) if label.isdigit() else f"[{label}]"


def terminal_markdown(text: str) -> Markdown:
    """Footnote references become superscripts; definitions become small notes below."""
    text = text.replace("<br>", " · ")  # the export's line break inside table headers
    text = _DEFINITION.sub(lambda m: f"\n{_mark(m.group(1))} ", text)
    text = _REFERENCE.sub(lambda m: _mark(m.group(1)), text)
    return Markdown(text)
