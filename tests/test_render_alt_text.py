"""Alt text: `![alt](bild.png "titel")` becomes the picture's description (wp:docPr descr) and
title, which Word's accessibility checker, screen readers and the PDF's /Alt read."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from render_support import tiny_png

from tui.core.render.document import render_bytes
from tui.core.report import Report
from tui.core.scaffold import create_report
from tui.core.template import get_template

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def doc_prs(folder: Path, answer: str) -> list[dict[str, str]]:
    report = Report.load(folder)
    report.set_text("1.1.1", "svar", answer)
    report.save()
    document = docx.Document(io.BytesIO(render_bytes(Report.load(folder))))
    return [dict(e.attrib) for e in document.element.body.iter(f"{WP}docPr")]


def test_alt_text_and_title_reach_the_picture(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    create_report(folder, get_template("aterrapportering-2019"), "Region Västmanland", 2019)
    (folder / "karta.png").write_bytes(tiny_png())
    found = doc_prs(folder, '![Karta över länets *kommuner*](karta.png "Länet 2019")\n\n'
                            "Text med ![liten ikon](karta.png) i raden.\n\n![](karta.png)")
    assert len(found) == 3
    assert found[0]["descr"] == "Karta över länets kommuner" and found[0]["title"] == "Länet 2019"
    assert found[1]["descr"] == "liten ikon" and "title" not in found[1]  # no title written: none repeated
    assert "descr" not in found[2]  # nothing invented; check warns instead
    assert len({d["id"] for d in found}) == 3
