"""Text from a report shown safely in a terminal, a CI log or a one-line message.

File names, keys and values come from a pull request. Printed raw, an escape sequence would
drive the reader's terminal and a newline in a file name would forge a line of its own (say
"0 fel, 0 varningar"). :func:`printable` shows every control character as a visible escape
(``\\x1b``, ``\\n``, ``\\u202e``) instead.
"""

from __future__ import annotations

import re
from functools import cache

# C0 and C1 controls, DEL, line/paragraph separators, bidirectional overrides and isolates
# (they reorder what the reader sees), and lone surrogates.
_OTHER_UNSAFE = "\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE = "\x00-\x1f" + _OTHER_UNSAFE
_UNSAFE_KEEPING_LINES = "\x00-\x08\x0b-\x1f" + _OTHER_UNSAFE  # the same without tab (\x09) and newline (\x0a)


def escape_char(char: str) -> str:
    code = ord(char)
    if char == "\n":
        return "\\n"
    if char == "\t":
        return "\\t"
    if char == "\r":
        return "\\r"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@cache
def unsafe_pattern(*, keep_lines: bool = False) -> re.Pattern[str]:
    """The characters :func:`printable` escapes (without newline and tab with ``keep_lines``).
    Compiled when first needed: the classes over these ranges take ~1 ms each, and the app's
    first screen (which imports this module through the CLI) prints nothing."""
    return re.compile(f"[{_UNSAFE_KEEPING_LINES if keep_lines else _UNSAFE}]")


def printable(text: str, *, keep_lines: bool = False) -> str:
    """``text`` with control characters escaped; ``keep_lines`` keeps newline and tab (for
    multi-line views such as textconv), otherwise the result is always a single line."""
    return unsafe_pattern(keep_lines=keep_lines).sub(lambda m: escape_char(m.group()), text)
