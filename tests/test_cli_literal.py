"""Report text quoted in the command's messages comes out as written: never read as Rich markup
(``[bold]``, ``[/]``) or emoji codes (``:smile:``), never as a terminal escape sequence (control
characters are shown escaped, as :func:`printable` shows them), in text and in JSON, through
the real ``aterrapport`` process.

``ATERRAPPORT_LITERAL_EXAMPLES`` sets the number of hypothesis examples (each runs the command
twice); the suite runs a few.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from conftest import run_cli
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tui.core.printable import printable, unsafe_pattern

EXAMPLES = int(os.environ.get("ATERRAPPORT_LITERAL_EXAMPLES", "6"))

# What Rich or a terminal would act on, mixed with any other text.
TRICKS = [":smile:", ":thumbs_up:", "[bold]", "[/]", "[/bold]", "[red]x[/red]", "[link=https://x]",
          "\\", "\\[", "[", "]", "\x1b[31m", "\x1b]0;titel\x07", "\x9b2J", "\u202e", "\r", "\n", "\t",
          "å", "😀", "%s", "{0}"]
PIECES = st.one_of(st.sampled_from(TRICKS), st.text(st.characters(exclude_categories=["Cs"]), max_size=6))
TEXTS = st.lists(PIECES, min_size=1, max_size=6).map("".join)


def yaml_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar with every non-ASCII character escaped, so the
    file itself is plain ASCII and the reader builds exactly ``text``."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F:
            out.append(char)
        else:
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def write_quoting(folder: Path, key: str, value: str) -> tuple[str, str]:
    """1.1.1 with an unknown field named ``key`` and ``klar: value``: check quotes both
    («key», «value»). Returns the two messages' quoted parts as the report has them."""
    (folder / "1.1.yaml").write_text(
        f"1.1.1:\n  svar: a\n  klar: {yaml_quoted(value)}\n  {yaml_quoted(key)}: x\n", encoding="ascii")
    return f"«{key}»", f"«{value}»"


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(key=TEXTS, value=TEXTS)
def test_report_text_in_check_messages_comes_out_literally(new_report: Path, key: str, value: str) -> None:
    assume(key not in ("svar", "klar") and value not in ("ja", ""))
    quoted_key, quoted_value = write_quoting(new_report, key, value)
    unsafe = unsafe_pattern(keep_lines=True)

    data = run_cli("check", new_report, "--format", "json")
    assert data.returncode == 1, data.stderr
    assert not unsafe.search(data.stdout), f"raw control character in {data.stdout!r}"
    problems = json.loads(data.stdout)["problem"]
    messages = [p["message"] for p in problems]
    assert any(quoted_key in m and m.startswith("okänt fält") for m in messages), messages
    assert any(quoted_value in m and m.startswith("klar:") for m in messages), messages

    text = run_cli("check", new_report)
    assert text.returncode == 1, text.stderr
    assert "Traceback" not in text.stderr
    for stream in (text.stdout, text.stderr):
        assert not unsafe.search(stream), f"raw control character in {stream!r}"
    lines = text.stdout.splitlines()
    assert len(lines) == len(problems), lines  # one line per problem: none forged by the text
    assert any(f"okänt fält {printable(quoted_key)}" in line for line in lines), lines
    assert any(f"klar: ska vara ja eller tomt, inte {printable(quoted_value)}" in line for line in lines), lines

def test_emoji_codes_and_markup_in_a_report_are_printed_as_written(new_report: Path) -> None:
    """The reported case, readable: `:smile:` stays `:smile:` (Rich printed 😄)."""
    write_quoting(new_report, ":smile: [bold]fet[/] \\[x] ", ":thumbs_up:")
    result = run_cli("check", new_report)
    assert "«:smile: [bold]fet[/] \\[x] »" in result.stdout
    assert "inte «:thumbs_up:»" in result.stdout
    assert "😄" not in result.stdout and "👍" not in result.stdout
