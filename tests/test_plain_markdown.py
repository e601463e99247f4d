"""The fast path for prose and simple lists (tui/core/render/plain_markdown.py) gives markdown-it's own tokens and
env: whenever it accepts a text, field by field, recursively over children. Checked on generated
texts full of the characters and line starts that could mean Markdown, and on every text the
three sample reports render; and it accepts nearly all of the samples' plain texts, so that it
cannot pass by refusing everything.

Environment: ``PLAIN_MARKDOWN_EXAMPLES`` (generated texts, default :data:`EXAMPLES`; more for a
longer hunt) and ``PLAIN_MARKDOWN_SEED`` (default fixed, so CI is reproducible). A failure prints
the seed and the text.
"""

from __future__ import annotations

import dataclasses
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from markdown_it.common.utils import MD_TRIM_CHARS
from markdown_it.token import Token

import tui.core.render.parser as parser_module
from tui.core.render.document import RenderOptions, render_bytes
from tui.core.render.plain_markdown import plain_parse
from tui.core.report import Report

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (ROOT / "sample_reports").iterdir() if p.is_dir())
EXAMPLES = int(os.environ.get("PLAIN_MARKDOWN_EXAMPLES", 400))
SEED = int(os.environ.get("PLAIN_MARKDOWN_SEED", 20261202))
PLAIN_TYPES = {"paragraph_open", "paragraph_close", "inline", "text", "softbreak", "hardbreak"}

WORDS = ["och", "Region", "Västmanland", "år", "ÅÄÖ", "åtgärd", "2019", "1:1", "t.ex.", "5–7", "§§",
         "(2010:630)", "EU:s", "”citat”", "e-post", "50%", "a@b.se", "{x}", "$", "ja!", "x^2", "8.9", "12.B", "=", "+",
         "-", "#", ":", ">", "!", "^", "%", "@", "}"]
# Everything that may make a text Markdown, or that markdown-it treats specially.
MARKUP = ["*", "_", "**", "~~", "`", "\\", "\\*", "&amp;", "&", "&#35;", "<", "<b>", "<http://x.se>", "|",
          "[^1]", "[a](b)", "![a](b.png)", "^[n]", "[", "]", "]:", "\u00a0", "\u2028", "\u2029", "\u2003",
          "\u3000", "\r\n", "\r", "\x00", "\x0b", "\x0c", "\x85", "\ufeff", "\u200b"]
LINE_STARTS = ["", "", "", " ", "  ", "   ", "    ", "\t", " \t", "- ", "-", "+ ", "* ", "1. ", "1) ", "12. ",
               "2019.", "3)", "# ", "#", "## ", "> ", ">", "=", "---", "===", "***", "___", "```", "~~~",
               "| ", ":", "[^1]: ", "[a]: ", "<div>", "<!-- ", "1", "-1", "+1"]
# Near misses: what a line or a list item's words may start with, and where a line may end.
NEAR = ["#", "# ", ">", "- ", "-", "+ ", "= ", "1. ", "1) ", "2019.", "`", "    ", "  ", " ", "\t", "- \n", "\n  ",
        "\n    ", "\n\t", "\n- ", "\n\n- ", "\n\n  ", "\n-", "\n\n", "\n", "  \n", "x^2", ":a", "\\", "&",
        "##### ", "####### ", "\n# ", "\n#", " #", "#x", "\n\n## ",
        "1.\t", "2)\t", "#\t", " #", "- 1.\t"]
LINE_ENDS = ["", "", "", " ", "  ", "   ", "\t", " \t", "  \t", ":", "-", " -", "!", " #", " =", "x^2", ":a", "a:bc"]
BLANK = ["", "", " ", "\t", "  \t "]
SEPARATORS = ["\n", "\n\n", "\n\n", "\n\n", "\n \n", "\n\n\n", "\n\t\n", "\n  \n\n"]
TEXT_ENDS = ["", "", "\n", "\n\n", " ", "\n  ", "\n\t"]
SPACES = [" ", " ", " ", "", "  ", "\t"]


@st.composite
def markup_line(draw: st.DrawFn) -> str:
    pieces = [draw(st.sampled_from(LINE_STARTS))]
    for _ in range(draw(st.integers(0, 6))):
        pieces += [draw(st.sampled_from(WORDS + MARKUP)), draw(st.sampled_from(SPACES))]
    return "".join(pieces) + draw(st.sampled_from([*LINE_ENDS, "\\"]))


@st.composite
def prose_line(draw: st.DrawFn) -> str:
    pieces = [draw(st.sampled_from(WORDS[:6]))]
    for _ in range(draw(st.integers(0, 4))):
        pieces += [draw(st.sampled_from(SPACES)), draw(st.sampled_from(WORDS))]
    return "".join(pieces) + draw(st.sampled_from(LINE_ENDS))


@st.composite
def texts(draw: st.DrawFn) -> str:
    """A third: lines that may hold any Markdown. The others: paragraphs, headings and ``-``
    lists of prose, which the fast path should take, joined by blank lines or none, with up to three
    near misses put in at line starts or anywhere."""
    if draw(st.integers(0, 2)) == 0:
        lines = [draw(st.sampled_from(BLANK)) if draw(st.integers(0, 4)) == 0 else draw(markup_line())
                 for _ in range(draw(st.integers(0, 8)))]
        return "\n".join(lines) + draw(st.sampled_from(TEXT_ENDS))
    text = draw(st.sampled_from(["", "", "\n", " \n"]))
    for index in range(draw(st.integers(0, 5))):
        if index:
            text += draw(st.sampled_from(SEPARATORS))
        kind = draw(st.sampled_from(["", "", "- ", "- ", "#", "##", "####"]))
        if kind.startswith("#"):  # a heading is one line
            text += f"{kind} {draw(prose_line())}"
        else:
            text += "\n".join(kind + draw(prose_line()) for _ in range(draw(st.integers(1, 3))))
    text += draw(st.sampled_from(TEXT_ENDS))
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 1, 2, 3]))):
        starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"] + [i + 2 for i in range(len(text) - 1)
                                                                          if text.startswith("- ", i)]
        at = draw(st.sampled_from(starts)) if draw(st.integers(0, 3)) else draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(NEAR)) + text[at:]
    return text


def _fields(token: Token) -> dict[str, Any]:
    """Every field of a token, its children's too (recursively)."""
    return dataclasses.asdict(token)


def markdown_it(text: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    env: dict[str, Any] = {}
    tokens = parser_module.parser().parse(text, env)
    return [_fields(t) for t in tokens], env


def assert_same(text: str, seen: Counter[str]) -> None:
    fast = plain_parse(text)
    if fast is None:
        seen["refused"] += 1
        return
    seen["accepted"] += 1
    tokens, env = fast
    assert ([_fields(t) for t in tokens], env) == markdown_it(text), \
        f"PLAIN_MARKDOWN_SEED={SEED}: the fast path's tokens differ from markdown-it's for {text!r}"


def test_generated_texts_give_markdown_its_tokens() -> None:
    seen: Counter[str] = Counter()

    @seed(SEED)
    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    @given(texts())
    def run(text: str) -> None:
        assert_same(text, seen)

    run()
    # Both ways are taken often: the comparison is made, and refusals are exercised.
    assert seen["accepted"] >= EXAMPLES // 5, seen
    assert seen["refused"] >= EXAMPLES // 5, seen


@pytest.mark.parametrize("text", [
    "", "\n", "ord", "ord  \nnästa", "ord \nnästa", "ord\t\nnästa", "a\n    b", "   a\n\tb", "a  ", "a\n\n\nb",
    "år 1:1 x", "1:1", "a:b", "ab:", "x\n\n  \n\ty", "a  \n  b  \n", "Ja!", "5 + 3 = 8",
    "- a", "- a\n- b", "- a\n- b\n", "- a\n\n", "- a\n  ", "- a\n \n\t\n", "inledning:\n- a\n- b\n\nslut",
    "- a\n\n\n  \nb", "- a  \n- b:c", "a\n\n- b\n\nc\n- d", "# Rubrik", "###### x  ", "p\n## h\nq",
    "- a\n#### b\nc", "- a\n\n## h", "#Vägledning x", "- 8.9 – x", "8.9 x\n1.5 y", "# a:b\n\n- c",
])
def test_chosen_texts_give_markdown_its_tokens(text: str) -> None:
    assert_same(text, Counter())


@pytest.mark.parametrize("text", ["    kod", "\tkod", "- ", "-  punkt", "* punkt", " - punkt", "- punkt\nmer",
                                  "- a\n\n- b", "- a\n\n  b", "- a\n  b", "- - a", "- # a", "1. punkt", "a\n===",
                                  "a\n---", "# Rubrik #", "#", "# ", "####### x", " # x", "#\tx",
                                  "> citat", "*a*", "a\\\nb", "a &amp; b", "a | b", "a\u00a0",
                                  "a\r\nb", "[^1]", "1.\tpunkt", "- 1.\tx", "a\n2)\tb"])
def test_what_may_be_markdown_is_left_to_markdown_it(text: str) -> None:
    assert plain_parse(text) is None


def test_the_samples_texts_give_markdown_its_tokens_and_most_plain_ones_take_the_fast_path(
        monkeypatch: pytest.MonkeyPatch) -> None:
    rendered: list[str] = []

    def recording(text: str) -> tuple[list[Token], dict[str, Any]] | None:
        rendered.append(text)
        return plain_parse(text)

    monkeypatch.setattr(parser_module, "plain_parse", recording)
    parser_module.parse.cache_clear()
    try:
        for folder in SAMPLES:
            render_bytes(Report.load(folder, read_only=True), RenderOptions())
    finally:
        parser_module.parse.cache_clear()
    seen: Counter[str] = Counter()
    plain = 0
    for text in rendered:
        assert_same(text, seen)
        tokens, _env = markdown_it(text)
        plain += all(t["type"] in PLAIN_TYPES and all(c["type"] in PLAIN_TYPES for c in t["children"] or [])
                     for t in tokens)
    assert len(rendered) > 300
    assert seen["accepted"] >= 0.9 * plain, (seen, plain)


@pytest.mark.parametrize("space", sorted(set(MD_TRIM_CHARS) - {" ", "\t", "\n"}))
def test_every_space_markdown_it_trims_is_left_to_it(space: str) -> None:
    assert plain_parse(f"a{space}") is None
    assert plain_parse(f"a{space}b") is None
