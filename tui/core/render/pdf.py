"""The PDF: the official DOCX converted by LibreOffice (headless) to tagged PDF/UA.

LibreOffice writes the structure tree (``/H1``–``/H9`` from the heading styles, lists, tables),
the document language (sv-SE, from the DOCX), the title (from its core properties), the
PDF/UA identifier and bookmarks from the headings; the export options are passed as JSON on the
command line, which LibreOffice 7.4 and later read. Every conversion gets its own LibreOffice
profile folder, so parallel runs (CI, tests) and a user's open LibreOffice never collide.

The table of contents gets its page numbers in two passes: the first PDF says on which page
each heading landed (its bookmarks), the second is made from the DOCX with those numbers.
pikepdf reads the bookmarks and stamps the XMP dates (LibreOffice writes the conversion time).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from tui.core.problems import AterrapportError, Problem
from tui.core.render.blocks import head_of
from tui.core.render.document import Rendered, RenderOptions, current_time, document_dates, render
from tui.core.render.outline import Entry
from tui.core.render.output import write_error
from tui.core.report import Report
from tui.core.yamlio import atomic_write_bytes

PACKAGE = "libreoffice-writer-nogui"
TIMEOUT = 600  # seconds; a 60-page report takes 5–20 s on a busy 2-core machine
EXPORT_OPTIONS = {
    "UseTaggedPDF": True,
    "PDFUACompliance": True,
    "ExportBookmarks": True,
    "ExportNotes": False,
    "EmbedStandardFonts": True,
}


@dataclass(frozen=True)
class PdfResult:
    pdf: Path
    docx: bytes  # the DOCX the PDF was made from (its table of contents has the PDF's page numbers)


def soffice() -> str:
    """LibreOffice's program, or a Swedish error naming the package to install."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise AterrapportError(Problem(
            Path("soffice"), "LibreOffice behövs för att skapa PDF men finns inte; installera paketet "
            f"{PACKAGE} (t.ex. `sudo apt-get install {PACKAGE}`) och försök igen"))
    return found


def filter_argument() -> str:
    options = {key: {"type": "boolean", "value": "true" if value else "false"}
               for key, value in EXPORT_OPTIONS.items()}
    return "pdf:writer_pdf_Export:" + json.dumps(options, separators=(",", ":"))


def convert(docx: bytes, workdir: Path) -> bytes:
    """The PDF LibreOffice makes of ``docx`` (working in ``workdir``)."""
    program = soffice()
    source = workdir / "rapport.docx"
    source.write_bytes(docx)
    outdir = workdir / "ut"
    profile = workdir / "libreoffice-profil"
    env = {**os.environ, "SAL_USE_VCLPLUGIN": "svp"}  # no display needed
    try:
        done = subprocess.run(
            [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo",
             "--nolockcheck", "--convert-to", filter_argument(), "--outdir", str(outdir), str(source)],
            capture_output=True, text=True, timeout=TIMEOUT, check=False, env=env, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise AterrapportError(Problem(source, f"LibreOffice blev inte klart med PDF:en på {TIMEOUT} sekunder")) \
            from None
    except OSError as exc:
        raise AterrapportError(Problem(Path(program), f"LibreOffice kunde inte startas: {exc}")) from None
    result = outdir / "rapport.pdf"
    if done.returncode != 0 or not result.is_file() or not result.read_bytes().startswith(b"%PDF"):
        said = (done.stderr or done.stdout).strip().splitlines()
        raise AterrapportError(Problem(Path(program), "LibreOffice kunde inte göra PDF av dokumentet"
                                       + (f": {said[-1]}" if said else "")))
    return result.read_bytes()


def heading_pages(pdf: bytes, outline: list[Entry]) -> dict[str, int]:
    """The page of each heading, from the PDF's bookmarks (same titles, same order)."""
    import io

    import pikepdf

    found: list[tuple[str, int]] = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        pages: dict[object, int] = {page.objgen: number for number, page in enumerate(document.pages, start=1)}
        with document.open_outline() as tree:
            stack = list(reversed(tree.root))
            while stack:
                item = stack.pop()
                target = item.destination
                if isinstance(target, pikepdf.Array) and len(target):
                    found.append((_words(str(item.title)), pages.get(target[0].objgen, 0)))
                stack.extend(reversed(item.children))
    result: dict[str, int] = {}
    index = 0
    for entry in outline:
        title = _words(entry.text)
        for position in range(index, len(found)):
            if found[position][0] == title:
                if found[position][1]:
                    result[entry.bookmark] = found[position][1]
                index = position + 1
                break
    return result


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def stamp_dates(pdf: bytes, created: dt.datetime, modified: dt.datetime) -> bytes:
    """The document's own dates (from ``datum``) in the XMP metadata and the document info,
    instead of the moment of conversion."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        producer = document.docinfo.get("/Producer")
        with document.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["xmp:CreateDate"] = created.isoformat()
            meta["xmp:ModifyDate"] = modified.isoformat()
            meta["xmp:MetadataDate"] = modified.isoformat()
        if producer is not None:  # the document info must agree with the XMP (LibreOffice made it)
            document.docinfo["/Producer"] = producer
        out = io.BytesIO()
        document.save(out, deterministic_id=True)
        return out.getvalue()


def render_pdf(report: Report, output: Path, options: RenderOptions | None = None) -> PdfResult:
    """Render the DOCX, convert it (twice when there is a table of contents: the second time
    with the page numbers the first PDF shows) and write the PDF atomically."""
    options = options or RenderOptions()
    options = options._replace(now=options.now or current_time())  # both passes: one "modified"
    with tempfile.TemporaryDirectory(prefix="aterrapport-pdf-") as tmp:
        work = Path(tmp)
        rendered: Rendered = render(report, options)
        pdf = convert(rendered.data, work)
        if options.toc and rendered.outline:
            pages = heading_pages(pdf, rendered.outline)
            rendered = render(report, options._replace(toc_pages=pages))
            shutil.rmtree(work / "ut", ignore_errors=True)
            pdf = convert(rendered.data, work)
    created, modified = document_dates(head_of(report), options)
    pdf = stamp_dates(pdf, created, modified)
    try:
        atomic_write_bytes(output, pdf)
    except OSError as exc:
        raise AterrapportError(Problem(output, write_error(exc))) from None
    return PdfResult(output, rendered.data)

