"""The builders that give out copies of a prototype (paragraph, table, row and cell properties,
the spacer) and the package writer: a copy is the caller's to change, it is python-docx's
element class, as an element made inside its document is, and the saved package has the
members and XML python-docx's own save writes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.parfmt import CT_PPr
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from render_support import build_2019_report

from tui.core.render import ooxml
from tui.core.render.blocks import report_blocks
from tui.core.render.document import DocxWriter, RenderOptions
from tui.core.render.package import docx_bytes
from tui.core.report import Report

_OPTIONS = st.fixed_dictionaries({}, optional={
    "style": st.sampled_from(["Normal", "Vagledning", "Tabelltext"]),
    "keep_next": st.booleans(),
    "num": st.tuples(st.integers(1, 40), st.integers(0, 8)),
    "borders": st.lists(st.sampled_from([ooxml.Border("bottom"), ooxml.Border("top", 6, "000000", 1)]),
                        max_size=2, unique=True),
    "spacing": st.builds(ooxml.Spacing, st.none() | st.integers(0, 600), st.none() | st.integers(0, 600)),
    "indent": st.builds(ooxml.Indent, st.none() | st.integers(0, 900)),
    "jc": st.sampled_from(["left", "center", "right"]),
})


def _xml(element: ooxml.Element) -> bytes:
    return etree.tostring(element)


@settings(max_examples=30, deadline=None)
@given(_OPTIONS)
def test_a_changed_copy_leaves_the_next_one_as_built(options: dict) -> None:
    body = docx.Document().element.body
    first, second = ooxml.sub(body, "p"), ooxml.sub(body, "p")
    ppr = ooxml.add_ppr(first, **options)
    if ppr is None:
        return
    assert isinstance(ppr, CT_PPr)  # python-docx's class, as SubElement in its document makes
    built = _xml(first)
    ooxml.keep_with_next(first)
    ooxml.space_before(first, 240)
    ooxml.add_ppr(second, **options)
    assert _xml(second) == built
    assert _xml(first) != built


def test_table_row_and_cell_copies_are_independent() -> None:
    body = docx.Document().element.body
    tables = [ooxml.table(body, [2000, 3000]) for _ in range(2)]
    rows = [ooxml.table_row(tbl) for tbl in tables]
    cells = [ooxml.table_cell(tr, 2000, fill="EEEEEE") for tr in rows]
    ooxml.run(ooxml.sub(cells[0], "p"), "bara i den första")
    spacers = [ooxml.spacer(body) for _ in range(2)]
    ooxml.run(spacers[0], "x")
    assert b"bara" not in _xml(tables[1]) and b"bara" in _xml(tables[0])
    assert _xml(spacers[1]) != _xml(spacers[0])
    assert isinstance(spacers[1], CT_P)
    assert [t.getparent() for t in tables] == [body, body]


def test_the_package_has_the_members_and_xml_of_python_docx_save(tmp_path: Path) -> None:
    report = Report.load(build_2019_report(tmp_path / "r"))
    document = DocxWriter(report_blocks(report), RenderOptions()).build()
    ours = zipfile.ZipFile(io.BytesIO(docx_bytes(document)))
    saved = io.BytesIO()
    document.save(saved)
    theirs = zipfile.ZipFile(saved)
    assert ours.namelist() == theirs.namelist()
    for name in theirs.namelist():
        assert ours.read(name) == theirs.read(name), name
    assert {info.compress_type for info in ours.infolist()} == {zipfile.ZIP_DEFLATED}
    docx.Document(io.BytesIO(docx_bytes(document)))  # python-docx reads it back
