"""One walk of a report into blocks, several writers (issue 14, item 4).

The blocks of every sample follow the template and the report (headings in template order,
one block per field, prompts and guidance kept with what follows only when an answer
follows); the preview's section blocks are the export's; and the DOCX writer and the Markdown
writer, fed the same random blocks, show the same words and headings in the same order, with
the draft marks in the same places. The preview and the export load no python-docx."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin
from render_support import W

from tui.core.render.blocks import (
    DRAFT_MARK,
    FOREWORD,
    Answer,
    Block,
    Box,
    Choice,
    Guidance,
    Head,
    Heading,
    Origin,
    Prompt,
    ReportBlocks,
    Signature,
    Table,
    report_blocks,
    section_blocks,
)
from tui.core.render.document import RenderOptions, render_blocks
from tui.core.render.export_markdown import export_blocks
from tui.core.report import Report
from tui.core.template import Column

SAMPLE_NAMES = sorted(p.name for p in SAMPLES.iterdir() if (p / "rapport.yaml").exists())
FIELDS = (Answer, Choice, Table)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_blocks_follow_the_template_and_the_report(name: str) -> None:
    report = Report.load(SAMPLES / name)
    walk = report_blocks(report)
    blocks = list(walk.blocks)
    head = report.head
    assert head is not None
    expected_headings = ([(1, FOREWORD)] if head.forord else []) + [
        (s.level, s.number_title) for s in report.template.walk()]
    assert [(b.level, b.text) for b in blocks if isinstance(b, Heading)] == expected_headings
    assert (blocks[:2] == [Heading(1, FOREWORD, None), Answer("", "forord", head.forord, 1, Origin(
        report.head_doc.path))]) == bool(head.forord)
    assert walk.head.region == head.region and walk.head.date == head.datum
    # Every answerable section: one field block per field, in order, each after its prompt.
    for section in report.template.walk():
        own = list(section_blocks(report, section))
        fields = [b for b in own if isinstance(b, FIELDS)]
        assert [b.key for b in fields] == [f.key for f in section.fields]
        for block, following in itertools.pairwise(own):
            if isinstance(block, Prompt):
                assert isinstance(following, FIELDS)
                assert block.answered == following.answered
                assert block.first == (following is fields[0] and not section.guidance)
        guidance = [b for b in own if isinstance(b, Guidance)]
        assert [g.answered for g in guidance] == ([section.answerable and report.has_content(section.id)]
                                                   if section.guidance else [])
        for block in fields:
            if isinstance(block, Answer):
                assert block.text == report.text(section.id, block.key)
            elif isinstance(block, Table):
                assert all(any(row.values()) for row in block.rows)
                assert len(block.rows) == sum(1 for r in report.rows(section.id, block.key) if any(r.values()))
    # The preview's blocks of each section are the export's, in order.
    sections = [b for s in report.template.walk() for b in section_blocks(report, s)]
    body = [b for b in blocks if not isinstance(b, Signature)]
    assert body[len(body) - len(sections):] == sections
    signed = head.underskrift
    assert isinstance(blocks[-1], Signature) == (signed is not None and any(
        (signed.ort, signed.datum, signed.namn, signed.titel, signed.enhet)))


# -- both writers, the same blocks -----------------------------------------------------------------

COLUMNS = (Column(key="namn", header="Namn"), Column(key="val", header="Val", kind="choice", options=("Ja", "Nej")),
           Column(key="text", header="Text", help="Kort hjälp"))
MARK = re.compile(r"m\d{3}|Obesvarat")


def _blocks(draw: st.DrawFn) -> list[Block]:
    count = iter(range(1000))

    def word() -> str:
        return f"m{next(count):03d}"

    def text() -> str:
        paragraphs = draw(st.lists(st.sampled_from(["plain", "list", "heading", "bold"]), min_size=1, max_size=3))
        out = []
        for kind in paragraphs:
            if kind == "list":
                out.append(f"- {word()} punkt\n- {word()} punkt")
            elif kind == "heading":
                out.append(f"{'#' * draw(st.integers(1, 2))} Rubrik {word()}")
            elif kind == "bold":
                out.append(f"Text med **{word()}** i fetstil.")
            else:
                out.append(f"Ett stycke {word()}.\nRad två {word()}.")
        return "\n\n".join(out)

    blocks: list[Block] = []
    origin = Origin(Path("1.yaml"), "1")
    for kind in draw(st.lists(st.sampled_from(
            ["heading", "box", "guidance", "prompt", "answer", "choice", "table"]), min_size=1, max_size=12)):
        answered = draw(st.booleans())
        if kind == "heading":
            blocks.append(Heading(draw(st.integers(1, 3)), f"1.{len(blocks)} Rubrik {word()}", f"s{len(blocks)}"))
        elif kind == "box":
            blocks.append(Box(f"Lagen {word()}.", f"En kommentar {word()}." if answered else ""))
        elif kind == "guidance":
            blocks.append(Guidance(f"Beskriv {word()}.", answered))
        elif kind == "prompt":
            blocks.append(Prompt(f"Fråga {word()}?", answered, draw(st.booleans())))
        elif kind == "answer":
            blocks.append(Answer("1", "svar", text() if answered else "", draw(st.integers(1, 3)), origin))
        elif kind == "choice":
            options = (f"Ja {word()}", f"Nej {word()}")
            blocks.append(Choice("1", "val", options, draw(st.sampled_from(options)) if answered else ""))
        else:
            rows = tuple({"namn": f"Insats {word()}", "val": "Ja", "text": f"Resultat {word()}"}
                         for _ in range(draw(st.integers(1, 3)))) if answered else ()
            blocks.append(Table("1", "insatser", f"Högst tre {word()}.", COLUMNS, rows, origin))
    if draw(st.booleans()):
        blocks.insert(0, Heading(1, FOREWORD, None))
        blocks.insert(1, Answer("", "forord", text(), 1, origin))
    blocks.append(Signature(f"Västerås {word()}", (f"Namn {word()}", "Titel")))
    return blocks


@st.composite
def report_walks(draw: st.DrawFn) -> ReportBlocks:
    head = Head(title="Återrapportering 2019", template_title="Återrapportering 2019", region="Region Test",
                year=2019, date=dt.date(2020, 2, 4), diarienr="RV1", ert_diarienr="N2", kontakt=("Kontakt",))
    return ReportBlocks(Path("."), head, tuple(_blocks(draw)))


def _docx_words(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(f"{W}body")
    assert body is not None
    return " ".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p"))


def _markdown_headings(text: str) -> list[tuple[int, str]]:
    tokens = MarkdownIt("commonmark").use(front_matter_plugin).parse(text)
    return [(int(t.tag[1:]), tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_walks(), st.booleans())
def test_docx_and_markdown_write_the_same_blocks_alike(walk: ReportBlocks, draft: bool) -> None:
    rendered = render_blocks(walk, RenderOptions(draft=draft, toc=False, now=dt.datetime(2020, 2, 4, tzinfo=dt.UTC)))
    markdown = export_blocks(walk, draft=draft)
    docx_order = MARK.findall(_docx_words(rendered.data))
    assert docx_order == MARK.findall(markdown)
    # Headings and answers in the order of their blocks.
    words = [w for b in walk.blocks if isinstance(b, Heading | Answer) for w in MARK.findall(b.text)]
    shown = [w for w in docx_order if w in words]
    assert shown == words
    unanswered = sum(1 for b in walk.blocks if isinstance(b, FIELDS) and not b.answered
                     and not (isinstance(b, Answer) and not b.section_id))
    assert docx_order.count("Obesvarat") == (unanswered if draft else 0)
    assert DRAFT_MARK.strip("[]") == "Obesvarat"
    # The same headings at the same levels (the blocks' and the answers' own).
    assert [(e.level, e.text) for e in rendered.outline] == _markdown_headings(markdown)


def test_preview_and_export_load_no_python_docx() -> None:
    code = ("import sys, tui.core.render.export_markdown, tui.core.render.output, tui.core.render.blocks\n"
            "print(sorted(m for m in sys.modules if m == 'docx' or m.startswith('docx.')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
