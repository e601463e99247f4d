"""`diff A B MAPP --format docx`: the later version with every change as a Word revision.

Checked the way a reviewer uses it: accepting every revision gives the later version's
document, rejecting every revision gives the earlier one's (word for word); authors and dates
come from git; the file passes Word's validator and LibreOffice shows the changes. Seeded random
edits (text, paragraphs, insats rows, cells, choices) keep both invariants."""

from __future__ import annotations

import copy
import datetime as dt
import io
import random
import shutil
from pathlib import Path

import docx
import pytest
from conftest import SAMPLES, run_cli
from git_helpers import commit_all, git, init_repo, isolate_git
from lxml import etree
from ooxml_validator import describe, validate
from render_support import W

from tui.core.render.document import RenderOptions, render_bytes
from tui.core.render.tracked import Revision, render_tracked
from tui.core.report import Report
from tui.core.template import ChoiceField, TableField, TextField

pytestmark = pytest.mark.xdist_group("validator")
WHEN = dt.datetime(2020, 2, 4, 9, 30, tzinfo=dt.UTC)


def _words(body: etree._Element) -> list[str]:
    """The body's words, without the table of contents (a field Word regenerates, not tracked)."""
    body = copy.deepcopy(body)
    for toc in body.findall(f"{W}sdt"):
        body.remove(toc)
    return [word for p in body.iter(f"{W}p") for word in "".join(
        t.text or "" for t in p.iter(f"{W}t")).split()]


def accepted(data: bytes) -> list[str]:
    """The body's words after Word's "Godkänn alla ändringar"."""
    body = copy.deepcopy(docx.Document(io.BytesIO(data)).element.body)
    for tr in [tr for tr in body.iter(f"{W}tr") if tr.find(f"{W}trPr/{W}del") is not None]:
        tr.getparent().remove(tr)
    for deleted in list(body.iter(f"{W}del")):
        if deleted.getparent().tag != f"{W}rPr" and deleted.getparent().tag != f"{W}trPr":
            deleted.getparent().remove(deleted)
    return _words(body)


def rejected(data: bytes) -> list[str]:
    """The body's words after "Avvisa alla ändringar"."""
    body = copy.deepcopy(docx.Document(io.BytesIO(data)).element.body)
    for tr in [tr for tr in body.iter(f"{W}tr") if tr.find(f"{W}trPr/{W}ins") is not None]:
        tr.getparent().remove(tr)
    for inserted in list(body.iter(f"{W}ins")):
        if inserted.getparent().tag not in (f"{W}rPr", f"{W}trPr"):
            inserted.getparent().remove(inserted)
    for text in body.iter(f"{W}delText"):
        text.tag = f"{W}t"
    return _words(body)


def plain_words(report: Report) -> list[str]:
    data = render_bytes(report, RenderOptions(now=WHEN))
    return _words(docx.Document(io.BytesIO(data)).element.body)


def edit(report: Report, rng: random.Random) -> None:
    """A writer's session: words replaced, paragraphs added and removed, rows added, removed and
    changed, a choice flipped."""
    sections = [s for s in report.template.answerable()]
    for section in rng.sample(sections, 6):
        for spec in section.fields:
            if isinstance(spec, TextField):
                paragraphs = [p for p in report.text(section.id, spec.key).split("\n\n") if p]
                action = rng.choice(["replace", "add", "remove", "clear", "new"])
                if action == "replace" and paragraphs:
                    k = rng.randrange(len(paragraphs))
                    words = paragraphs[k].split(" ")
                    i = rng.randrange(len(words))
                    words[i:i + rng.randint(0, 3)] = rng.choice([["nytt"], ["helt", "nya", "ord"], []])
                    paragraphs[k] = " ".join(words) or "Tomt."
                elif action == "add":
                    paragraphs.insert(rng.randint(0, len(paragraphs)), "Ett nytt stycke med **fetstil**.")
                elif action == "remove" and paragraphs:
                    paragraphs.pop(rng.randrange(len(paragraphs)))
                elif action == "clear":
                    paragraphs = []
                elif action == "new":
                    paragraphs = ["Ett svar som inte fanns.", "- med en punkt\n- och en till"]
                report.set_text(section.id, spec.key, "\n\n".join(paragraphs))
            elif isinstance(spec, ChoiceField):
                report.set_choice(section.id, spec.key, rng.choice(spec.options))
            elif isinstance(spec, TableField):
                rows = report.rows(section.id, spec.key)
                if rows and rng.random() < 0.5:
                    report.delete_row(section.id, spec.key, rng.randrange(len(rows)))
                rows = report.rows(section.id, spec.key)
                if rows and rng.random() < 0.7:
                    index = rng.randrange(len(rows))
                    row = dict(rows[index])
                    column = rng.choice([c for c in spec.columns if c.kind == "text"])
                    row[column.key] = (row.get(column.key, "") + " Tillägg i cellen.").strip()
                    report.update_row(section.id, spec.key, index, row)
                if spec.max_rows is None or len(report.rows(section.id, spec.key)) < spec.max_rows:
                    report.add_row(section.id, spec.key, {spec.columns[0].key: f"Ny rad {rng.randint(1, 99)}"})
    report.save()


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_accept_gives_the_new_version_and_reject_the_old(seed: int, tmp_path: Path) -> None:
    old_folder, new_folder = tmp_path / "fore", tmp_path / "efter"
    shutil.copytree(SAMPLES / "vastmanland-2019", old_folder)
    shutil.copytree(SAMPLES / "vastmanland-2019", new_folder)
    edit(Report.load(new_folder), random.Random(seed))
    old, new = Report.load(old_folder), Report.load(new_folder)
    data = render_tracked(old, new, Revision("Maria Linder", WHEN), RenderOptions(now=WHEN))
    assert accepted(data) == plain_words(new), f"seed {seed}"
    assert rejected(data) == plain_words(old), f"seed {seed}"
    body = docx.Document(io.BytesIO(data)).element.body
    assert body.find(f".//{W}ins") is not None and body.find(f".//{W}del") is not None


def test_diff_command_writes_tracked_changes_from_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(monkeypatch, tmp_path / "home")
    repo = init_repo(tmp_path / "repo")
    folder = repo / "vastmanland-2019"
    shutil.copytree(SAMPLES / "vastmanland-2019", folder)
    commit_all(repo, "rapporten")
    report = Report.load(folder)
    text = report.text("1.1.1", "svar")
    report.set_text("1.1.1", "svar", text.replace("fortsatt", "pågått hela året", 1))
    rows = report.rows("1.2.1", "insatser")
    removed_name = rows[1]["namn"].split("\n")[0]
    report.delete_row("1.2.1", "insatser", 1)
    report.add_row("1.2.1", "insatser", {"namn": "Ny insats i granskningen", "resultat": "- ett\n- två"})
    report.save()
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Maria Linder")
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2020-02-04T10:15:00+01:00")
    commit_all(repo, "1.1.1 och 1.2.1 ändrade")
    output = tmp_path / "andringar.docx"
    done = run_cli("diff", "HEAD~1", "HEAD", folder, "--format", "docx", "-o", output, cwd=repo)
    assert done.returncode == 0, done.stdout + done.stderr
    body = docx.Document(str(output)).element.body
    revisions = [e for e in body.iter(f"{W}ins", f"{W}del")]
    assert revisions and {e.get(f"{W}author") for e in revisions} == {"Maria Linder"}
    assert {e.get(f"{W}date") for e in revisions} == {"2020-02-04T09:15:00Z"}
    deleted = " ".join(t.text or "" for t in body.iter(f"{W}delText"))
    inserted = " ".join(t.text or "" for i in body.iter(f"{W}ins") for t in i.iter(f"{W}t"))
    assert "fortsatt" in deleted and "pågått hela året" in inserted
    new_rows = [tr for tr in body.iter(f"{W}tr") if tr.find(f"{W}trPr/{W}ins") is not None]
    old_rows = [tr for tr in body.iter(f"{W}tr") if tr.find(f"{W}trPr/{W}del") is not None]
    assert len(new_rows) == 1 and "Ny insats i granskningen" in "".join(new_rows[0].itertext())
    assert len(old_rows) == 1 and removed_name in "".join(t.text or "" for t in old_rows[0].iter(f"{W}delText"))
    # Word's validator, and LibreOffice shows both the struck and the inserted words.
    assert describe(validate([output])[output]) == ""
    pdf = tmp_path / "andringar.pdf"
    profile = tmp_path / "lo"
    converted = __import__("subprocess").run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(output)], capture_output=True, text=True, timeout=600, check=False)
    assert converted.returncode == 0 and pdf.exists(), converted.stderr
    shown = __import__("subprocess").run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                         check=True).stdout
    assert "fortsattpågått hela" in shown.replace("\n", " ")  # LibreOffice shows both, deleted first
    assert "Ny insats i granskningen" in shown and removed_name in shown


def test_docx_format_needs_an_output_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(monkeypatch, tmp_path / "home")
    repo = init_repo(tmp_path / "repo")
    shutil.copytree(SAMPLES / "vastmanland-2019", repo / "r")
    commit_all(repo, "start")
    done = run_cli("diff", "HEAD", repo / "r", "--format", "docx", cwd=repo)
    assert done.returncode == 2 and "ange -o FIL.docx" in done.stderr
    assert git(repo, "status", "--porcelain").stdout == ""
