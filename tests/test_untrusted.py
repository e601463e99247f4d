"""Issue 12: a report folder from a pull request is untrusted. Every reproduction of the issue
is a test here: no traceback (a located Swedish error and exit 2), nothing read from outside
the folder, nothing printed raw to the terminal, nothing lost by `fmt`."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest
from app_helpers import go_to_section, wait_until
from conftest import run_cli, snapshot_files
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from present import present

from tui.cli.main import main
from tui.core.problems import AterrapportError
from tui.core.report import Report
from tui.core.validation import check_report

SECRET = "HEMLIGT-UTANFÖR-RAPPORTEN"


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    """The command in-process; returns (exit code, stdout + stderr)."""
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def png(width: int = 2, height: int = 2) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\0" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _answer_with_image(folder: Path, src: str) -> None:
    (folder / "1.1.yaml").write_text(f"1.1.1:\n  svar: |\n    Se bilden.\n\n    ![Karta]({src})\n",
                                     encoding="utf-8")


# -- parser errors become located problems ------------------------------------------------------

HOSTILE_YAML = {
    "NUL": ('1.1.1:\n  svar: "a\x00b"\n', "1.1.yaml:2:11: otillåtet tecken U+0000"),
    "ESC": ("1.1.1:\n  svar: a\x1b[31mb\n", "1.1.yaml:2:10: otillåtet tecken U+001B"),
    "DEL": ("1.1.1:\n  svar: a\x7fb\n", "1.1.yaml:2:10: otillåtet tecken U+007F"),
    "C1": ("1.1.1:\n  svar: ab\x9bc\n", "1.1.yaml:2:11: otillåtet tecken U+009B"),
    "%YAML": ("%YAML 1.2\n---\n1.1.1:\n  svar: a\n", "1.1.yaml:1:1: YAML-direktiv"),
    "%TAG": ("%TAG !e! tag:example.com,2000:\n---\n1.1.1:\n  svar: a\n", "1.1.yaml:1:1: YAML-direktiv"),
    "nesting 300 flow": ("1.1.1: " + "[" * 300 + "]" * 300 + "\n", "1.1.yaml:1:57: värdena är inbäddade"),
    "nesting 300 block": ("".join("  " * i + f"k{i}:\n" for i in range(300)), "1.1.yaml:50:"),
    "surrogate value": ('1.1.1:\n  svar: "\\ud800"\n', "1.1.yaml:2:9: texten innehåller ett ensamt surrogattecken"),
    "surrogate key": ('"\\udfff": a\n', "1.1.yaml:1:1: texten innehåller ett ensamt surrogattecken"),
    "null key": ("~: a\nNone: b\n", "1.1.yaml:1:1: en nyckel saknas eller är ~/null"),
    "complex key": ("? [a, b]\n: c\n", "1.1.yaml:1:3: en nyckel måste vara text"),
}


@pytest.mark.parametrize("case", list(HOSTILE_YAML))
def test_hostile_yaml_is_a_located_problem_in_every_command(
        new_report: Path, case: str, capsys: pytest.CaptureFixture[str]) -> None:
    text, expected = HOSTILE_YAML[case]
    path = new_report / "1.1.yaml"
    path.write_text(text, encoding="utf-8")
    before = snapshot_files(new_report)
    os.chdir(new_report)
    for command in (["check"], ["fmt"], ["fmt", "--check"], ["render", "--force"],
                    ["export", "--force", "-o", "-"]):
        code, output = cli(capsys, *command, new_report)
        assert code == 2, (command, output)
        assert expected in output, (command, output)
        assert "Traceback" not in output and "\x1b" not in output
    for name, data in snapshot_files(new_report).items():
        if name.endswith(".yaml"):
            assert data == before[name], f"{name} changed although 1.1.yaml is unreadable"
    code, output = cli(capsys, "textconv", path)
    assert code == 0 and "filen kan inte läsas som rapport" in output and "\x1b" not in output


def test_hostile_region_in_rapport_yaml(new_report: Path, capsys: pytest.CaptureFixture[str]) -> None:
    head = new_report / "rapport.yaml"
    head.write_text(head.read_text(encoding="utf-8").replace(
        "region: Region Västmanland", 'region: "Region \\ud800"'), encoding="utf-8")
    for command in ("check", "fmt", "render", "export", "edit"):
        code, output = cli(capsys, command, new_report)
        assert code == 2 and "rapport.yaml:" in output and "surrogattecken" in output, (command, output)


def test_fmt_refuses_keys_that_would_collide_or_change(new_report: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = new_report / "1.1.yaml"
    for text in ("1.1.1:\n  svar: a\n~: b\nNone: c\n", "1.1.1:\n  svar: a\n? [a, b]\n: c\n"):
        path.write_text(text, encoding="utf-8")
        code, output = cli(capsys, "fmt", new_report)
        assert code == 2 and "1.1.yaml:3:" in output
        assert path.read_text(encoding="utf-8") == text


async def test_app_starts_on_a_file_with_a_control_character(new_report: Path) -> None:
    from tui.app.app import AterrapportApp
    from tui.app.session import EditorSession
    from tui.app.widgets.answer_editor import AnswerEditor

    broken = '1.1.1:\n  svar: "a\x00b"\n'
    (new_report / "1.1.yaml").write_text(broken, encoding="utf-8")
    app = AterrapportApp(new_report, session=EditorSession.open(new_report, lazy=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        # Named in a bar above the section (not a dialog that would take the first keys).
        editor = present(app.editor)
        await wait_until(pilot, lambda: editor.unreadable_bar.display, "the bar of unreadable files")
        assert app.screen is editor and "otillåtet tecken U+0000" in str(editor.unreadable_bar.render())
        await go_to_section(pilot, "1.2.1")
        app.screen.query_one(AnswerEditor).focus()
        await pilot.press(*"Går att skriva")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code in (0, None)
    assert (new_report / "1.1.yaml").read_text(encoding="utf-8") == broken
    assert Report.load(new_report).text("1.2.1") == "Går att skriva"


# -- images ---------------------------------------------------------------------------------------

def test_truncated_png_fails_check_and_render_alike(new_report: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (new_report / "karta.png").write_bytes(png()[:20])
    _answer_with_image(new_report, "karta.png")
    os.chdir(new_report)
    code, output = cli(capsys, "check", new_report)
    assert code == 1 and "1.1.yaml:" in output and "bilden «karta.png»: bilden kan inte läsas" in output
    code, output = cli(capsys, "render", "--force", new_report, "-o", new_report / "ut.docx")
    assert code == 2 and "bilden karta.png: bilden kan inte läsas" in output
    assert not (new_report / "ut.docx").exists()
    (new_report / "karta.png").write_bytes(png())  # the same image whole: accepted by both
    assert not [p for p in check_report(Report.load(new_report)) if "karta" in p.message]
    code, output = cli(capsys, "render", "--force", new_report, "-o", new_report / "ut.docx")
    assert code == 0, output
    assert len(Document(str(new_report / "ut.docx")).inline_shapes) == 1


def test_image_over_the_size_limit(new_report: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tui.core.render.image_file import MAX_IMAGE_BYTES

    (new_report / "stor.png").write_bytes(png() + b"\0" * MAX_IMAGE_BYTES)
    _answer_with_image(new_report, "stor.png")
    code, output = cli(capsys, "check", new_report)
    assert code == 1 and "bilden «stor.png»: bilden är för stor: högst 10 MB" in output
    code, output = cli(capsys, "render", "--force", new_report, "-o", new_report / "ut.docx")
    assert code == 2 and "för stor" in output


# -- nothing is read from outside the folder -------------------------------------------------------

@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "utanfor"
    folder.mkdir()
    (folder / "6.yaml").write_text(f"6.1.1:\n  svar: {SECRET}\n", encoding="utf-8")
    (folder / "rapport.yaml").write_text(
        f"mall: aterrapportering-2019\nregion: {SECRET}\nar: 2019\n", encoding="utf-8")
    (folder / "bild.png").write_bytes(png())
    return folder


def _nothing_leaks(folder: Path, capsys: pytest.CaptureFixture[str], expected: str) -> None:
    os.chdir(folder)
    code, output = cli(capsys, "check", folder)
    assert code in (1, 2) and expected in output, output
    assert SECRET not in output
    cli(capsys, "render", "--force", folder, "-o", folder / "ut.docx")
    if (folder / "ut.docx").exists():
        text = "\n".join(p.text for p in Document(str(folder / "ut.docx")).paragraphs)
        assert SECRET not in text
        assert not Document(str(folder / "ut.docx")).inline_shapes
    code, output = cli(capsys, "export", "--force", "-o", "-", folder)
    assert SECRET not in output


def test_answer_file_symlinked_outside(new_report: Path, outside: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (new_report / "6.yaml").unlink()
    (new_report / "6.yaml").symlink_to(outside / "6.yaml")
    _nothing_leaks(new_report, capsys, "6.yaml: symboliska länkar är inte tillåtna")


def test_rapport_yaml_symlinked_outside(new_report: Path, outside: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (new_report / "rapport.yaml").unlink()
    (new_report / "rapport.yaml").symlink_to(outside / "rapport.yaml")
    _nothing_leaks(new_report, capsys, "rapport.yaml: symboliska länkar är inte tillåtna")


def test_symlink_inside_the_folder_is_refused_too(new_report: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (new_report / "bild.png").write_bytes(png())
    (new_report / "lank.png").symlink_to(new_report / "bild.png")
    _answer_with_image(new_report, "lank.png")
    code, output = cli(capsys, "check", new_report)
    assert code == 1 and "bilden «lank.png»: symboliska länkar är inte tillåtna" in output


def test_image_and_image_folder_symlinked_outside(
        new_report: Path, outside: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (new_report / "bilder").symlink_to(outside)
    (new_report / "bild.png").symlink_to(outside / "bild.png")
    for src in ("bild.png", "bilder/bild.png"):
        _answer_with_image(new_report, src)
        _nothing_leaks(new_report, capsys, f"bilden «{src}»: symboliska länkar är inte tillåtna")


def test_device_and_fifo_are_refused_without_hanging(new_report: Path) -> None:
    (new_report / "6.yaml").unlink()
    (new_report / "6.yaml").symlink_to("/dev/zero")
    result = run_cli("check", new_report)
    assert result.returncode == 2 and "6.yaml: symboliska länkar är inte tillåtna" in result.stderr + result.stdout
    (new_report / "6.yaml").unlink()
    os.mkfifo(new_report / "6.yaml")
    for command in (["check"], ["fmt"], ["render", "--force", "-o", str(new_report / "ut.docx")]):
        try:
            result = run_cli(*command, new_report)
        except subprocess.TimeoutExpired:
            pytest.fail(f"{command} hangs on a FIFO")
        assert result.returncode == 2, result.stdout + result.stderr
        assert "6.yaml: filen är ingen vanlig fil" in result.stdout + result.stderr
    # textconv is handed the device itself by a caller: refused, with no end-less read.
    result = run_cli("textconv", "/dev/zero")
    assert result.returncode == 2 and "ingen vanlig fil" in result.stderr


def test_directory_in_place_of_a_file(new_report: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (new_report / "6.yaml").unlink()
    (new_report / "6.yaml").mkdir()
    code, output = cli(capsys, "check", new_report)
    assert code == 2 and "6.yaml: filen är en mapp" in output


def _reference_with_secret(path: Path) -> Path:
    document = Document()
    document.sections[0].header.paragraphs[0].text = SECRET  # a letterhead: kept from a reference
    document.save(str(path))
    return path


def test_reference_doc_in_the_report_folder_goes_through_the_reading_edge(
        new_report: Path, outside: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`render --reference-doc` with a document that came with the report (inside its folder)
    refuses a link, as for the report's other files: exit 2 and a Swedish message naming it,
    and nothing of the file it leads to in the output. A document named outside the folder
    is the user's own, and is read as named."""
    secret = _reference_with_secret(outside / "mall.docx")
    (new_report / "mall.docx").symlink_to(secret)
    (new_report / "mallar").symlink_to(outside)
    (new_report / "noll.docx").symlink_to("/dev/zero")
    output_file = tmp_path / "ut.docx"
    for reference, shown in (
            (new_report / "mall.docx", "ny-rapport/mall.docx: symboliska länkar är inte tillåtna"),
            (new_report / "mallar" / "mall.docx", "ny-rapport/mallar/mall.docx: symboliska länkar är inte tillåtna "
                                                  "i en rapportmapp (mallar är en länk)"),
            (new_report / ".." / new_report.name / "noll.docx", "ny-rapport/noll.docx: symboliska länkar"),
            (new_report / "saknas.docx", "ny-rapport/saknas.docx: referensdokumentet finns inte")):
        code, output = cli(capsys, "render", "--force", new_report, "--reference-doc", reference, "-o", output_file)
        assert code == 2 and shown in output and not output_file.exists(), (reference, output)
    os.chdir(new_report)  # the same, named from inside the folder
    code, output = cli(capsys, "render", "--force", ".", "--reference-doc", "mall.docx", "-o", output_file)
    assert code == 2 and "mall.docx: symboliska länkar är inte tillåtna" in output, output
    # Outside the folder, the user's own document (through their own link too) is used.
    (tmp_path / "min-mall.docx").symlink_to(secret)
    code, output = cli(capsys, "render", "--force", new_report, "--reference-doc", tmp_path / "min-mall.docx",
                       "-o", output_file)
    assert code == 0, output
    assert SECRET in Document(str(output_file)).sections[0].header.paragraphs[0].text


# -- size limits -----------------------------------------------------------------------------------

def test_textconv_size_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "stor.yaml"
    path.write_text("1.1.1:\n  svar: |\n" + ("    " + "x" * 1000 + "\n") * 5300, encoding="utf-8")
    code, output = cli(capsys, "textconv", path)
    assert code == 2 and "högst 5 MB" in output


def _zip_bomb(path: Path, unpacked: int) -> None:
    template = io.BytesIO()
    Document().save(template)
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            bomb.writestr(item, source.read(item))
        with bomb.open("word/media/fyllnad.bin", "w") as handle:
            block = b"\0" * (1 << 20)
            for _ in range(unpacked >> 20):
                handle.write(block)


def test_zip_bomb_reference_docx_is_refused_before_unpacking(
        new_report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tui.core.render.styles import MAX_REFERENCE_UNPACKED

    bomb = tmp_path / "mall.docx"
    _zip_bomb(bomb, MAX_REFERENCE_UNPACKED + (1 << 20))
    assert bomb.stat().st_size < 1 << 20
    code, output = cli(capsys, "render", new_report, "--reference-doc", bomb, "-o", tmp_path / "ut.docx")
    assert code == 2 and "mall.docx: referensdokumentet packas upp till 101 MB; högst 100 MB" in output


# -- printed text is safe --------------------------------------------------------------------------

def test_escape_sequences_in_keys_and_values_are_shown_escaped(
        new_report: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (new_report / "1.1.yaml").write_text(
        '1.1.1:\n  svar: a\n  "\\e[2J\\e]0;titel\\a": x\n"1.1.9\\e[31m": {}\n', encoding="utf-8")
    code, output = cli(capsys, "check", new_report)
    assert code == 1
    assert "\x1b" not in output and "\x07" not in output
    assert "\\x1b[2J" in output


def test_a_file_name_with_a_newline_cannot_forge_a_line(new_report: Path, capsys: pytest.CaptureFixture[str]) -> None:
    forged = "0 fel, 0 varningar i allt"
    (new_report / f"x.yaml\n{forged}\n.yaml").write_text("a: b\n", encoding="utf-8")
    code, output = cli(capsys, "check", new_report)
    assert code == 1
    assert forged not in output.splitlines()
    assert f"x.yaml\\n{forged}\\n.yaml: okänd fil" in output


def test_option_looking_folder_name_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("check", "fmt", "render", "export"):
        with pytest.raises(SystemExit) as stopped:
            main([command, "--", "-h"])
        assert stopped.value.code == 2
        assert "mappnamnet «-h» börjar med '-'" in capsys.readouterr().err
    with pytest.raises(AterrapportError, match="börjar med '-'"):
        from tui.cli.diff_commands import parse_diff_arguments

        parse_diff_arguments(["main...HEAD", "-h"])


# -- CI: hostile folder names in a pull request ----------------------------------------------------

def test_pipeline_fails_for_broken_reports_in_hostile_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shlex
    import sys

    from git_helpers import git, init_repo, isolate_git, new_report

    from tui.core.printable import printable

    isolate_git(monkeypatch, tmp_path / "home")
    repo = init_repo(tmp_path / "repo")
    (repo / "README.md").write_text("Rapporter\n", encoding="utf-8")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "start")
    git(repo, "checkout", "--quiet", "-b", "pr")
    for name in ("-h", "ok\nok"):
        new_report(repo / name)
        (repo / name / "1.1.yaml").write_text("1.1.1:\n  svar: [trasig\n", encoding="utf-8")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "trasiga rapporter i fientliga mappar")
    env = {**os.environ, "ATERRAPPORT": f"{shlex.quote(sys.executable)} -m tui", "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    result = subprocess.run(["bash", str(Path(__file__).parent.parent / "ci" / "report-pipeline.sh"), "main",
                             str(tmp_path / "out")], cwd=repo, env=env, capture_output=True, text=True,
                            timeout=600, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    summary = (tmp_path / "out" / "sammanfattning.md").read_text(encoding="utf-8")
    rows = [line for line in summary.splitlines() if line.startswith("| `")]
    # check, fmt --check, render, pdf (the PDF column is issue 13's)
    assert rows == ["| `-h` | ❌ | ❌ | ❌ | ❌ |", "| `ok?ok` | ❌ | ❌ | ❌ | ❌ |"], summary
    assert "mappnamnet «-h» börjar med '-'" in result.stderr
    assert printable("ok\nok/1.1.yaml:3:1:") in result.stderr  # the broken file, named on one line
    assert "✅" not in summary


# -- the word diff: near-linear, still exact ---------------------------------------------------------

_PIECES = ["ord", "annat", "Region", "2019", ".", ",", " ", " ", "\n", "\n\n", "!", "mål:", "å"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=200), st.lists(st.sampled_from(_PIECES), max_size=200),
       st.integers(min_value=0, max_value=3))
def test_word_diff_reproduces_both_sides(old_pieces: list[str], new_pieces: list[str], shared: int) -> None:
    from tui.core.diff import word_diff

    common = "".join(old_pieces[: shared * 20])
    old = common + "".join(old_pieces) + common
    new = common + "".join(new_pieces) + common
    spans = word_diff(old, new)
    assert "".join(s.text for s in spans if s.kind != "added") == old
    assert "".join(s.text for s in spans if s.kind != "removed") == new


def test_word_diff_of_a_long_answer_changed_at_both_ends() -> None:
    """The issue's case (53 s before): exact spans, and a rewritten block too large to compare
    word by word is still shown whole and exactly."""
    from tui.core.diff import word_diff

    sentence = "Regionen har under året {} arbetat med insatser för kompetensförsörjning i länet. "
    old = "\n\n".join("".join(sentence.format(f"{p}.{s}") for s in range(8)) for p in range(220))  # 21,000 words
    new = "Nu" + old[len("Regionen"):-len("länet. ")] + "regionen. "
    spans = word_diff(old, new)
    changed = [(s.kind, s.text) for s in spans if s.kind != "same"]
    assert changed == [("removed", "Regionen"), ("added", "Nu"), ("removed", "länet"), ("added", "regionen")]
    rewritten = " ".join(f"ord{i}" for i in range(2000))
    spans = word_diff(rewritten, rewritten.replace("ord", "nytt"))
    assert "".join(s.text for s in spans if s.kind != "added") == rewritten


def test_diff_of_a_branch_that_commits_a_link_and_a_huge_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from git_helpers import git, init_repo, isolate_git, new_report

    isolate_git(monkeypatch, tmp_path / "home")
    secret = tmp_path / "hemlig.yaml"
    secret.write_text(f"6.1.1:\n  svar: {SECRET}\n", encoding="utf-8")
    repo = init_repo(tmp_path / "repo")
    folder = repo / "rapport"
    new_report(folder)
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "start")
    git(repo, "checkout", "--quiet", "-b", "pr")
    (folder / "6.yaml").unlink()
    (folder / "6.yaml").symlink_to(secret)
    (folder / "1.1.yaml").write_text("1.1.1:\n  svar: |\n" + ("    " + "x" * 1000 + "\n") * 5300, encoding="utf-8")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "länk och stor fil")
    monkeypatch.chdir(repo)
    code, output = cli(capsys, "diff", "--format", "json", "main...HEAD", "rapport")
    assert code == 0, output
    assert SECRET not in output
    unreadable = {Path(f["fil"]).name: f["meddelande"] for f in json.loads(output)["olasbara_filer"]}
    assert "symboliska länkar" in unreadable["6.yaml"] and "högst 5 MB" in unreadable["1.1.yaml"]


def test_fmt_never_writes_over_a_save_made_after_it_read(new_report: Path) -> None:
    from tui.core.canonical import format_report
    from tui.core.report import ExternalChangeError

    path = new_report / "1.1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "1.1.2:\n  svar: ''", '1.1.2:\n  svar: "x"'), encoding="utf-8")  # not canonical
    report = Report.load(new_report)
    saved = path.read_text(encoding="utf-8").replace("1.1.1:\n  svar: ''", "1.1.1:\n  svar: Sparat nyss")
    path.write_text(saved, encoding="utf-8")  # another writer saves between fmt's read and write
    with pytest.raises(ExternalChangeError):
        format_report(report, write=True)
    assert path.read_text(encoding="utf-8") == saved


def test_the_first_refused_node_is_named() -> None:
    from tui.core.yamlio import parse_text

    with pytest.raises(AterrapportError) as raised:
        parse_text("a: &x 1\nb: [1, !!int 2]\nc: &y 3\n", Path("x.yaml"))
    assert raised.value.problems[0].format().startswith("x.yaml:1:4: ankare och alias")


def test_word_list_through_the_reading_edge(new_report: Path, tmp_path: Path) -> None:
    from tui.core.spelling import WORDLIST_FILE, read_wordlist

    (new_report / WORDLIST_FILE).write_text("Västmanland\nRUS\n", encoding="utf-8")
    assert read_wordlist(new_report) == ["RUS", "Västmanland"]
    outside = tmp_path / "hemlig.txt"
    outside.write_text(SECRET + "\n", encoding="utf-8")
    (new_report / WORDLIST_FILE).unlink()
    (new_report / WORDLIST_FILE).symlink_to(outside)
    assert read_wordlist(new_report) == []
    (new_report / WORDLIST_FILE).unlink()
    os.mkfifo(new_report / WORDLIST_FILE)  # would block a plain read forever
    assert read_wordlist(new_report) == []
