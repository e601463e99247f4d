"""Headings never skip a level (issue 13): an answer's top heading is one level below its
section's heading, each deeper one at most one more, capped at Word's nine. Walked in every
sample's DOCX, Markdown export and preview, and as a property of the placement rule."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import docx
import pytest
from conftest import SAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin
from render_support import W

from tui.core.render.document import RenderOptions, render_bytes
from tui.core.render.export_markdown import export_markdown, export_section
from tui.core.render.headings import MAX_LEVEL, answer_levels
from tui.core.report import Report

SAMPLE_NAMES = sorted(p.name for p in SAMPLES.iterdir() if (p / "rapport.yaml").exists())


def assert_no_skips(levels: list[int], where: str) -> None:
    previous = 0
    for index, level in enumerate(levels):
        assert 1 <= level <= previous + 1, f"{where}: rubrik {index + 1} på nivå {level} efter nivå {previous}"
        previous = level


def docx_outline_levels(data: bytes) -> list[int]:
    """Every paragraph with an outline level (from its style or its own pPr), as 1–9."""
    document = docx.Document(io.BytesIO(data))
    by_style: dict[str, int] = {}
    for style in document.styles.element.findall(f"{W}style"):
        level = style.find(f"{W}pPr/{W}outlineLvl")
        if level is not None:
            by_style[style.get(f"{W}styleId", "")] = int(level.get(f"{W}val", "9"))
    levels: list[int] = []
    for p in document.element.body.iter(f"{W}p"):
        own = p.find(f"{W}pPr/{W}outlineLvl")
        style = p.find(f"{W}pPr/{W}pStyle")
        value = int(own.get(f"{W}val", "9")) if own is not None else (
            by_style.get(style.get(f"{W}val", ""), 9) if style is not None else 9)
        if value < 9:
            levels.append(value + 1)
    return levels


def markdown_levels(text: str) -> list[int]:
    tokens = MarkdownIt("commonmark").use(front_matter_plugin).parse(text)
    return [int(t.tag[1:]) for t in tokens if t.type == "heading_open"]


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_headings_never_skip(name: str) -> None:
    report = Report.load(SAMPLES / name)
    levels = docx_outline_levels(render_bytes(report))
    sections = len(list(report.template.walk()))
    assert len(levels) >= sections + (name != "blekinge-2023")  # the answers' own headings too
    assert_no_skips(levels, f"{name}.docx")
    exported = markdown_levels(export_markdown(report))
    assert len(exported) == len(levels)
    assert_no_skips(exported, f"{name}.md")
    for section in report.template.walk():  # the app's preview shows one section at a time
        shown = markdown_levels(export_section(report, section))
        assert shown[0] == section.level
        assert_no_skips([*range(1, section.level), *shown], f"förhandsgranskning {section.id}")


def test_answer_headings_sit_one_level_below_their_section(tmp_path: Path) -> None:
    from tui.core.scaffold import create_report
    from tui.core.template import get_template

    folder = tmp_path / "r"
    create_report(folder, get_template("aterrapportering-2019"), "Region Västmanland", 2019)
    report = Report.load(folder)
    report.set_text("2", "svar", "# Projektmedel\n\ntext\n\n### Djupare\n\ntext\n\n## Nästa\n\ntext")
    report.set_text("1.1.1", "svar", "## Bara tvåor\n\ntext")
    report.save()
    document = docx.Document(io.BytesIO(render_bytes(Report.load(folder), RenderOptions())))
    level = {p.text: p.style.name if p.style is not None else "" for p in document.paragraphs}
    # Part 2 is Heading 1: # → 2; ### after # is placed one deeper, not two; ## → 3.
    assert level["Projektmedel"] == "Heading 2"
    assert level["Djupare"] == "Heading 3"
    assert level["Nästa"] == "Heading 3"
    assert level["Bara tvåor"] == "Heading 4"  # 1.1.1 is Heading 3
    exported = export_markdown(Report.load(folder))
    assert "\n## Projektmedel\n" in exported and "\n### Djupare\n" in exported
    assert "\n#### Bara tvåor\n" in exported


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(1, 6), min_size=1, max_size=30), st.integers(1, 8))
def test_placement_never_skips_and_nests_as_written(markdown: list[int], parent: int) -> None:
    levels = answer_levels(markdown, parent)
    assert levels[0] == min(parent + 1, MAX_LEVEL)
    assert_no_skips([*range(1, parent + 1), *levels], f"{markdown} under {parent}")
    assert all(level <= MAX_LEVEL for level in levels)
    for (a, la), (b, lb) in itertools.pairwise(zip(markdown, levels, strict=True)):
        if b > a:  # a deeper Markdown heading goes one deeper (unless at Word's last level)
            assert lb == min(la + 1, MAX_LEVEL)
        elif b == a:  # siblings stay siblings
            assert lb == la
        else:
            assert lb <= la
    # The text's top Markdown level is always directly under the section.
    assert all(level == min(parent + 1, MAX_LEVEL) for m, level in zip(markdown, levels, strict=True)
               if m == min(markdown))
