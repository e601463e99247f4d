"""The Markdown export read back by two real readers, pandoc (pypandoc-binary) and markdown-it:
the front matter is metadata (never a heading), lists inside insats-table cells stay lists,
and the lists of a part's preamble stay lists inside its block quote."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

import pypandoc
import pytest
import yaml
from conftest import SAMPLES
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin
from present import present

from tui.core.render.export_markdown import _cell, blank_before_lists, export_markdown
from tui.core.render.parser import parse
from tui.core.report import Report

SAMPLE_NAMES = sorted(p.name for p in SAMPLES.iterdir() if (p / "rapport.yaml").exists())


@pytest.fixture(scope="module")
def exported() -> dict[str, str]:
    return {name: export_markdown(Report.load(SAMPLES / name)) for name in SAMPLE_NAMES}


class _ListsInCells(HTMLParser):
    """Counts <li> inside <td>/<th> and inside <blockquote>."""

    def __init__(self) -> None:
        super().__init__()
        self.cell = self.quote = 0
        self.items_in_cells = self.items_in_quotes = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("td", "th"):
            self.cell += 1
        elif tag == "blockquote":
            self.quote += 1
        elif tag == "li":
            self.items_in_cells += bool(self.cell)
            self.items_in_quotes += bool(self.quote)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self.cell -= 1
        elif tag == "blockquote":
            self.quote -= 1


def counts(html: str) -> tuple[int, int]:
    parser = _ListsInCells()
    parser.feed(html)
    return parser.items_in_cells, parser.items_in_quotes


def expected_counts(report: Report) -> tuple[int, int]:
    """List items the source has in table cells and in the part preambles."""
    cells = quotes = 0
    for section in report.template.walk():
        for text in (section.preamble, section.comment):
            quotes += sum(1 for t in parse(text)[0] if t.type == "list_item_open") if text else 0
        for spec in section.tables() if section.answerable else ():
            for row in report.rows(section.id, spec.key):
                for value in row.values():
                    cells += sum(1 for t in parse(value)[0] if t.type == "list_item_open")
    return cells, quotes


# pandoc's own Markdown drops HTML block tags inside a pipe-table cell unless its
# markdown_in_html_blocks extension is off; its CommonMark reader keeps them (as GitHub does).
PANDOC_FORMATS = ("markdown-markdown_in_html_blocks", "commonmark_x")


@pytest.mark.parametrize("pandoc_format", PANDOC_FORMATS)
@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_pandoc_reads_metadata_cell_lists_and_quoted_lists(name: str, pandoc_format: str,
                                                           exported: dict[str, str]) -> None:
    text = exported[name]
    report = Report.load(SAMPLES / name)
    ast = json.loads(pypandoc.convert_text(text, "json", format=pandoc_format))
    meta = ast["meta"]
    assert meta["lang"]["c"][0]["c"] == "sv-SE"
    assert "title" in meta and "author" in meta
    first = ast["blocks"][0]
    assert not (first["t"] == "Header" and "lang" in json.dumps(first))
    html = pypandoc.convert_text(text, "html", format=pandoc_format)
    cells, quotes = expected_counts(report)
    assert counts(html) == (cells, quotes)
    if name == "vastmanland-2019":
        assert cells > 20 and quotes > 5  # the sample has both, so the check means something


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_markdown_it_reads_the_same(name: str, exported: dict[str, str]) -> None:
    text = exported[name]
    report = Report.load(SAMPLES / name)
    plain = MarkdownIt("commonmark")
    headings = [tok for tok in plain.parse(text) if tok.type == "heading_open"]
    first_heading = plain.parse(text)[plain.parse(text).index(headings[0]) + 1].content
    assert first_heading in ("Förord", report.template.parts[0].number_title)  # not the front matter
    with_front_matter = MarkdownIt("commonmark").use(front_matter_plugin)
    tokens = with_front_matter.parse(text)
    assert tokens[0].type == "front_matter"
    meta = yaml.safe_load(tokens[0].content)
    assert meta["lang"] == "sv-SE" and meta["author"] == present(report.head).region
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    assert counts(html) == expected_counts(report)


def test_cells_keep_nested_lists_and_markup() -> None:
    cell = _cell("Resultat:\n\n- **ett** | två\n  - nästlad\n2. fel start\n\n1. a\n2. b\n\nSlut.")
    assert "\n" not in cell and "\\|" in cell
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(f"| a |\n| --- |\n| {cell} |\n")
    assert html.count("<li>") == 5 and "<strong>ett</strong>" in html and "<ul><li>nästlad</li></ul>" in html
    assert "Slut." in html and "Resultat:" in html


def test_blank_line_before_a_list_that_follows_a_paragraph() -> None:
    assert blank_before_lists("Uppgift om:\n- ett\n- två\n\nSlut") == "Uppgift om:\n\n- ett\n- två\n\nSlut"
    assert blank_before_lists("- ett\n  - nästlad\n- två") == "- ett\n  - nästlad\n- två"
    assert blank_before_lists("Text\n1. ett") == "Text\n\n1. ett"
