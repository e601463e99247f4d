"""Normalising answer text at the model's edge.

Everything a writer types or pastes passes through :func:`normalize_text` before it is
stored, so the YAML stays canonical and lxml never sees a character it refuses.
The normalisations, documented for writers in the README:

- line breaks: CRLF, CR, NEL (U+0085), U+2028/U+2029, and Word's soft break (U+000B) and
  page break (U+000C) become ``\\n``;
- other XML-invalid characters (C0 controls except tab/newline, U+FFFE, U+FFFF, lone
  surrogates) are removed;
- trailing spaces and tabs at the end of each line are removed;
- trailing blank lines at the end of the text are removed.
"""

from __future__ import annotations

import re

_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029\x0b\x0c]")
_BREAK_CHARS = re.compile("[\r\x85\u2028\u2029\x0b\x0c]")  # a class scans faster than the alternation
_INVALID = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Either of the two: almost every text has neither, and one scan is half the cost of two.
_UNCLEAN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\r\x85\u2028\u2029\ufffe\uffff\ud800-\udfff]")
_TRAILING_WS = re.compile("[ \t]+$", re.MULTILINE)


def clean_xml(value: str) -> str:
    """Remove characters that are not allowed in XML 1.0 (line breaks kept as ``\\n``)."""
    if not _UNCLEAN.search(value):
        return value
    if _BREAK_CHARS.search(value):
        value = _LINE_BREAKS.sub("\n", value)
    return _INVALID.sub("", value)


def normalize_text(value: str | None) -> str:
    """Return the canonical form of an answer text (see the module docstring)."""
    if not value:
        return ""
    value = clean_xml(value)
    if " \n" in value or "\t\n" in value or value.endswith((" ", "\t")):  # rare; the regex is not
        value = _TRAILING_WS.sub("", value)
    return value.rstrip("\n")


def word_count(value: str) -> int:
    return len(value.split())


def from_scalar(value: object) -> str:
    """The text a scalar holds, normalised; ``None`` and non-strings give ``""`` (here, not in
    :mod:`tui.core.scalars`, so that readers without ruamel — the models, the app's first
    screen — share it)."""
    if isinstance(value, str):
        return normalize_text(str(value))
    return ""
