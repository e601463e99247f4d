"""`check` on a report edited in memory (the app checks before it saves): rows and text that
have no line in any file yet never make the check raise, and the problems still name the file.
Also the check's gaps from issue 9: empty sections marked klar, unanswered Ja/Nej beside an
answer, and `check --strict`'s summary."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from conftest import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.problems import Severity
from tui.core.report import Report
from tui.core.scaffold import create_report
from tui.core.template import TableField, TextField, get_template
from tui.core.validation import check_report

TEMPLATE = get_template("aterrapportering-2019")
TABLE_SECTIONS = [s.id for s in TEMPLATE.answerable() if s.tables()]
TEXT_SECTIONS = [s.id for s in TEMPLATE.answerable() if any(isinstance(f, TextField) for f in s.fields)]
# Markdown that check warns about (a link that is no web address, HTML, a missing footnote),
# so the check has to place a problem inside text that has no line yet.
MARKDOWN = st.sampled_from(["", "Vanlig text om länet.", "[länk](inte-en-adress)", "<b>fet</b>",
                            "Se fotnot[^1].", "Rad ett\n\n- punkt [a](b)\n- två", "![bild](saknas.png)"])

EDITS = st.lists(st.one_of(
    st.tuples(st.just("row"), st.sampled_from(TABLE_SECTIONS), MARKDOWN, MARKDOWN),
    st.tuples(st.just("text"), st.sampled_from(TEXT_SECTIONS), MARKDOWN, st.just("")),
    st.tuples(st.just("delete"), st.sampled_from(TABLE_SECTIONS), st.just(""), st.just("")),
    st.tuples(st.just("move"), st.sampled_from(TABLE_SECTIONS), st.just(""), st.just("")),
    st.tuples(st.just("save"), st.just(""), st.just(""), st.just("")),
), max_size=8)


def _apply(report: Report, edit: tuple[str, str, str, str]) -> None:
    kind, sid, first, second = edit
    if kind == "save":
        report.save()
        return
    section = TEMPLATE.section(sid)
    assert section is not None
    if kind == "text":
        key = next(f.key for f in section.fields if isinstance(f, TextField))
        report.set_text(sid, key, first)
        return
    table = section.tables()[0]
    assert isinstance(table, TableField)
    rows = report.rows(sid, table.key)
    if kind == "row" and (table.max_rows is None or len(rows) < table.max_rows):
        values = {c.key: "" for c in table.columns}
        values[table.columns[0].key] = first or "Insats"
        values[table.columns[-1].key] = second
        report.add_row(sid, table.key, values)
    elif kind == "delete" and rows:
        report.delete_row(sid, table.key, 0)
    elif kind == "move" and len(rows) > 1:
        report.move_row(sid, table.key, 0, 1)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=EDITS, reload=st.booleans())
def test_checking_an_unsaved_report_never_raises(tmp_path: Path, edits: list[tuple[str, str, str, str]],
                                                  reload: bool) -> None:
    with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
        _check_after_each(Path(folder) / "r", edits, reload)


def _check_after_each(folder: Path, edits: list[tuple[str, str, str, str]], reload: bool) -> None:
    create_report(folder, TEMPLATE, "Region Västmanland", 2019)
    report = Report.load(folder)
    for edit in edits:
        _apply(report, edit)
        if reload and edit[0] == "save":
            report = Report.load(folder)
        problems = check_report(report)  # the crash of issue 9 defect 1: never raises
        for problem in problems:
            assert problem.file.name.endswith(".yaml")
            assert problem.line >= 0 and problem.column >= 0


def test_rows_added_in_memory_are_checked_at_their_section(new_report: Path) -> None:
    """The exact flow of the crash: rows present on disk, one more added in memory with a
    link that is no web address."""
    report = Report.load(new_report)
    report.add_row("1.2.1", "insatser", {"namn": "Kartläggning", "bidrag_till_mal": "Mål 1"})
    report.save()
    report = Report.load(new_report)
    report.add_row("1.2.1", "insatser", {"namn": "Ny", "resultat": "Se [rapporten](rapport.pdf)"})
    found = [p for p in check_report(report) if "rapport.pdf" in p.message]
    assert len(found) == 1
    assert found[0].file == new_report / "1.2.yaml" and found[0].section == "1.2.1"
    assert found[0].line >= 1  # the enclosing section's line: there is none for the new row yet


def test_empty_section_marked_klar_is_named(new_report: Path) -> None:
    (new_report / "2.yaml").write_text("2:\n  svar: ''\n  klar: ja\n", encoding="utf-8")
    problems = [p for p in check_report(Report.load(new_report)) if p.section == "2"]
    assert [p.message for p in problems] == [
        "avsnittet är markerat som klart men är obesvarat; skriv svaret eller ta bort klar: ja"]
    assert problems[0].severity is Severity.WARNING and problems[0].line == 1


def test_unanswered_yes_no_beside_an_answer_warns(new_report: Path) -> None:
    path = new_report / "1.1.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("1.1.4:\n  paverkat: ''\n  svar: ''",
                                 "1.1.4:\n  paverkat: ''\n  svar: Fördelningen är jämn."), encoding="utf-8")
    problems = [p for p in check_report(Report.load(new_report)) if p.section == "1.1.4"]
    assert [p.message for p in problems] == ["«Påverkat fördelningen?» är obesvarad; välj Ja eller Nej"]
    assert problems[0].file == path and problems[0].line == text.splitlines().index("  paverkat: ''") + 1
    path.write_text(text.replace("1.1.4:\n  paverkat: ''\n  svar: ''",
                                 "1.1.4:\n  paverkat: Nej\n  svar: Fördelningen är jämn."), encoding="utf-8")
    assert not [p for p in check_report(Report.load(new_report)) if p.section == "1.1.4"]


def test_strict_counts_warnings_as_errors(new_report: Path) -> None:
    plain = run_cli("check", new_report)
    found = re.search(r"^0 fel, (\d+) varningar", plain.stdout, re.MULTILINE)
    assert plain.returncode == 0 and found and int(found.group(1)) >= 34  # 34 unanswered sections, at least
    strict = run_cli("check", "--strict", new_report)
    assert strict.returncode == 1
    assert f"{found.group(1)} fel, 0 varningar" in strict.stderr
    assert "varning:" not in strict.stdout + strict.stderr
