"""The terminal's template Markdown: plain paragraphs drawn without Rich's Markdown look exactly
as Rich's Markdown draws them (the app's first screen must not change)."""

from __future__ import annotations

import os

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.console import Console, RenderableType
from rich.markdown import Markdown
from rich.segment import Segment

from tui.app.display import Paragraphs, plain_paragraphs, terminal_markdown
from tui.core.template import TableField, find_templates, get_template

WIDTHS = (12, 40, 97)


def drawn(renderable: RenderableType, width: int) -> list[list[Segment]]:
    console = Console(width=width, force_terminal=True, color_system="truecolor")
    lines = console.render_lines(renderable, console.options.update(height=None), pad=False)
    return [list(Segment.simplify(line)) for line in lines]


def assert_drawn_alike(text: str) -> None:
    paragraphs = plain_paragraphs(text)
    if paragraphs is None:
        return
    for width in WIDTHS:
        assert drawn(Paragraphs(paragraphs), width) == drawn(Markdown(text), width), (text, width)


def template_texts() -> list[str]:
    texts: list[str] = []
    for template_id in find_templates():
        for section in get_template(template_id).walk():
            texts += [section.guidance, section.preamble, section.comment]
            for spec in section.fields:
                texts += [spec.prompt, spec.display_label]
                if isinstance(spec, TableField):
                    texts += [spec.note or "", *(column.help for column in spec.columns)]
    return [t for t in texts if t]


def test_every_template_text_is_drawn_as_rich_draws_it() -> None:
    texts = template_texts()
    plain = [t for t in texts if plain_paragraphs(t) is not None]
    assert plain and len(plain) < len(texts)  # both paths are taken by the templates we ship
    for text in texts:
        assert_drawn_alike(text)


def test_markup_goes_to_rich_markdown() -> None:
    for text in ("**fet**", "- punkt", "1. ett", "rad  \nbrytning", "    kod", "> citat", "a | b", "Rubrik\n===",
                 "&amp;", "<b>", "[länk](x)", "\tflik", "~~bort~~", "# Rubrik", "a\\b", "`kod`", "_kursiv_"):
        assert plain_paragraphs(text) is None, text
        assert isinstance(terminal_markdown(text), Markdown), text
    assert isinstance(terminal_markdown("Beskriv kortfattat: hur (2019)!"), Paragraphs)


_LINES = st.text(alphabet=st.sampled_from(list("abcåäö ABÅ019.,:;!?()-–+=*_#>|~&<\\`[]\t\u00a0\u2028\r\x00")),
                 max_size=24)


@settings(max_examples=int(os.environ.get("DISPLAY_EXAMPLES", 300)), deadline=None)
@given(st.lists(_LINES, max_size=8))
@example(["Ett stycke", "som fortsätter", "", "", "Ett till."])
@example(["", "Inledande tom rad", ""])
@example(["2019 var året", "1 av 3"])
@example(["1) ett", "", "2019) två"])
def test_plain_paragraphs_are_drawn_as_rich_draws_them(lines: list[str]) -> None:
    assert_drawn_alike("\n".join(lines))
