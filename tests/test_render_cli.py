"""`aterrapport render` and `aterrapport export` as a user runs them."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import SAMPLES, run_cli
from render_support import build_2019_report, template_headings

from tui.core.render.parser import parse
from tui.core.report import Report


@pytest.fixture
def sample_2024(tmp_path: Path) -> Path:
    target = tmp_path / "vastmanland-2024"
    shutil.copytree(SAMPLES / "vastmanland-2024", target)
    return target


def test_render_writes_region_year_docx_in_the_folder(sample_2024: Path) -> None:
    result = run_cli("render", sample_2024)
    assert result.returncode == 0, result.stderr
    output = sample_2024 / "region-vastmanland-2024.docx"
    assert "skrev" in result.stdout and "region-vastmanland-2024.docx" in result.stdout
    with zipfile.ZipFile(output) as package:
        names = set(package.namelist())
        assert {"word/document.xml", "word/footnotes.xml", "word/numbering.xml", "word/styles.xml"} <= names
        assert "docProps/thumbnail.jpeg" not in names
        assert package.testzip() is None
    # Written atomically: nothing but the document is left behind.
    assert not [p for p in sample_2024.iterdir() if p.name.endswith(".tmp")]
    template = Report.load(sample_2024).template
    assert template_headings(docx.Document(str(output))) == [s.number_title for s in template.walk()]
    # The folder is still a clean report: the .docx is not an answer file.
    assert run_cli("check", sample_2024).returncode == 0


def test_render_replaces_an_existing_document(sample_2024: Path, tmp_path: Path) -> None:
    output = tmp_path / "ut" / "rapport.docx"
    assert run_cli("render", sample_2024, "-o", output, "--draft").returncode == 0
    first = output.read_bytes()
    assert run_cli("render", sample_2024, "-o", output).returncode == 0
    assert output.read_bytes() != first  # the draft marks are gone
    assert b"[Obesvarat]" not in zipfile.ZipFile(output).read("word/document.xml")
    assert b"[Obesvarat]" in zipfile.ZipFile(__import__("io").BytesIO(first)).read("word/document.xml")


def test_render_refuses_a_report_with_errors(sample_2024: Path, tmp_path: Path) -> None:
    path = sample_2024 / "5.1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("rus: Ja", "rus: Kanske"), encoding="utf-8")
    output = tmp_path / "ut.docx"
    refused = run_cli("render", sample_2024, "-o", output)
    assert refused.returncode == 1
    assert "5.1.yaml" in refused.stderr and "«Kanske» är inget giltigt svar" in refused.stderr
    assert "inget" in refused.stderr.lower() or "ingen" in refused.stderr.lower()
    assert not output.exists()
    forced = run_cli("render", sample_2024, "-o", output, "--force")
    assert forced.returncode == 0 and output.exists()


def test_render_of_a_folder_that_is_no_report(tmp_path: Path) -> None:
    result = run_cli("render", tmp_path)
    assert result.returncode == 2 and "rapport.yaml saknas" in result.stderr


def test_help_is_swedish() -> None:
    result = run_cli("render", "--help")
    assert result.returncode == 0
    for words in ("Word-dokument", "--reference-doc", "--draft", "--force", "atomärt"):
        assert words in result.stdout
    assert "exportera" in run_cli("--help").stdout.lower() or "export" in run_cli("--help").stdout


def test_export_markdown_to_stdout(tmp_path: Path) -> None:
    folder = build_2019_report(tmp_path / "r")
    result = run_cli("export", folder, "--format", "markdown", "-o", "-")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith('---\ntitle: "Återrapportering 2019"\nlang: "sv-SE"\nauthor: "Region Västmanland"\n')
    tokens, _env = parse(text.split("\n---\n", 1)[1])  # after the metadata block (pandoc reads it)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens)
                if t.type == "heading_open" and t.tag in ("h1", "h2", "h3")]
    template = Report.load(folder).template
    assert headings == ["Förord", *[s.number_title for s in template.walk()]]
    assert "*Beskriv kortfattat hur arbetet med den regionala utvecklingsstrategin" in text
    assert "> **Kommentar:** Återrapportering 1 avser" in text
    assert "| Namn på insats och kort beskrivning<br>*(ange eventuellt ärende id i NYPS)* |" in text
    assert "| Kartläggning av riskvillig finansiering |" in text
    assert "☒ **Ja**    ☐ Nej" in text
    assert "#### Riskvillig finansiering" in text
    assert text.rstrip().endswith("Maria Linder\\\nFörvaltningsdirektör\\\nRegionala utvecklingsförvaltningen")
    assert any(t.type == "table_open" for t in tokens)


def test_export_renumbers_footnotes_across_the_file(sample_2024: Path) -> None:
    result = run_cli("export", sample_2024)
    assert result.returncode == 0, result.stderr
    text = (sample_2024 / "region-vastmanland-2024.md").read_text(encoding="utf-8")
    _tokens, env = parse(text)
    notes = env["footnotes"]
    # 17 notes, each label once, each referenced once: nothing unresolved or unused.
    assert len(notes["list"]) == 17
    assert all(item["count"] == 1 for item in notes["list"].values())
    assert all(ident != -1 for ident in notes["refs"].values())
    # One level below its level-2 section "1.1", never skipping (issue 13; was #### before).
    assert "\n### Strategiskt arbete inom tillgänglighet genom Transportsystemet\n" in text


def test_render_to_a_path_that_cannot_be_written(sample_2024: Path, tmp_path: Path) -> None:
    (tmp_path / "en-mapp.docx").mkdir()
    result = run_cli("render", sample_2024, "-o", tmp_path / "en-mapp.docx")
    assert result.returncode == 2 and "filen kan inte skrivas: det är en mapp" in result.stderr
