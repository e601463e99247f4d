"""Rich's ``Text`` without its per-character pass over text that has no control codes.

Every ``rich.text.Text`` made runs ``strip_control_codes``, a ``str.translate`` over its text
(removing BEL, BS, VT, FF and CR). Textual's TextArea makes a ``Text`` for every wrapped row of a
paragraph each time it paints one of its rows (it divides the whole paragraph), so a keystroke
inside a 120-word paragraph made ~300 of them: about a fifth of the keystroke's time
(benchmarks/keystroke.py). :func:`install` gives ``rich.text`` a ``strip_control_codes`` that
looks for those codes first (a regular expression built from Rich's own table) and translates
only when one is there: the same result, since ``translate`` changes nothing else
(``tests/test_typing_pauses.py`` compares both). Only the app installs it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import rich.control
import rich.text

_original: Callable[..., str] = rich.control.strip_control_codes
_TABLE: dict[int, None] | None = getattr(rich.control, "_CONTROL_STRIP_TRANSLATE", None)
_CODES = re.compile("[" + re.escape("".join(map(chr, _TABLE or {}))) + "]") if _TABLE else None


def strip_control_codes(text: str, _translate_table: dict[int, None] | None = _TABLE) -> str:
    """Rich's ``strip_control_codes``, translating only text that holds a control code."""
    if _CODES is not None and _translate_table is _TABLE and not _CODES.search(text):
        return text
    return _original(text) if _translate_table is _TABLE else _original(text, _translate_table)


def install() -> None:
    """Use it in ``rich.text`` (where ``Text`` looks it up), if Rich still works this way."""
    if _CODES is not None and getattr(rich.text, "strip_control_codes", None) is _original:
        rich.text.strip_control_codes = strip_control_codes
