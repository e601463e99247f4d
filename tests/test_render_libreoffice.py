"""A real client opens the document: LibreOffice converts the rendered sample to PDF, and the
PDF's text holds every heading, the page fields' numbers and the footnotes.

One conversion only (it takes seconds). ``scripts/test`` installs LibreOffice and poppler, so
nothing here is skipped when they are missing: the test fails and says what is missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from conftest import SAMPLES, run_cli
from present import present

from tui.core.report import Report


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} saknas: kör scripts/test, som installerar LibreOffice och poppler-utils"
    return path


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_libreoffice_opens_the_rendered_sample(tmp_path: Path) -> None:
    name = "vastmanland-2019" if (SAMPLES / "vastmanland-2019" / "rapport.yaml").exists() else "vastmanland-2024"
    folder = tmp_path / name
    shutil.copytree(SAMPLES / name, folder)
    output = tmp_path / "rapport.docx"
    rendered = run_cli("render", folder, "-o", output)
    assert rendered.returncode == 0, rendered.stderr

    profile = tmp_path / "lo-profil"  # a private profile: parallel runs and a user's LibreOffice don't clash
    converted = subprocess.run(
        [_tool("soffice"), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(output)],
        capture_output=True, text=True, timeout=300, check=False)
    pdf = tmp_path / "rapport.pdf"
    assert converted.returncode == 0 and pdf.exists(), converted.stdout + converted.stderr

    info = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(present(re.search(r"Pages:\s+(\d+)", info)).group(1))
    text = subprocess.run([_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = _words(text)
    report = Report.load(folder)
    missing = [s.number_title for s in report.template.walk() if _words(s.number_title) not in flat]
    assert missing == []
    # PAGE and NUMPAGES were computed by the client.
    assert f"Sida 1 av {pages}" in flat and f"Sida {pages} av {pages}" in flat and pages > 10
    assert report.head is not None and report.head.region in flat
    if name == "vastmanland-2019":
        assert "Namn på insats och kort beskrivning" in flat and "Kommentar:" in flat
    else:
        assert "Följande aktörer ingår: Arbetsförmedlingen" in flat  # a footnote, at its page's foot
