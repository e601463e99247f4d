"""Issue 10.10 and 10.1 (core): the template's optional word limit (`max_words`) and check's
warnings for an empty date, diarienr or signature."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from tui.app.widgets.answer_editor import words_caption
from tui.core.problems import AterrapportError, Severity
from tui.core.report import Report
from tui.core.scaffold import create_report
from tui.core.template import TextField, get_template, load_template
from tui.core.validation import check_report


def _limited_template(folder: Path, limit: str = "5") -> Path:
    """The 2019 template with a word limit on 1.1.1's answer, as a template author would add it."""
    text = (ROOT / "templates" / "aterrapportering-2019.yaml").read_text(encoding="utf-8")
    text = text.replace("id: aterrapportering-2019", "id: ordgrans-test", 1)
    field = "              - key: svar\n                kind: text\n"
    text = text.replace(field, f"{field}                max_words: {limit}\n", 1)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "ordgrans-test.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_max_words_is_read_and_validated(tmp_path: Path) -> None:
    template = load_template(_limited_template(tmp_path / "mallar"))
    section = template.section("1.1.1")
    assert section is not None
    field = section.field("svar")
    assert isinstance(field, TextField) and field.max_words == 5
    with pytest.raises(AterrapportError) as raised:
        load_template(_limited_template(tmp_path / "fel", "0"))
    problem = raised.value.problems[0]
    assert (problem.message, problem.line) == ("«max_words» är för litet (minst 1)", 46)


def test_check_warns_over_the_word_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _limited_template(tmp_path / "mallar")
    monkeypatch.setenv("ATERRAPPORT_MALLAR", str(tmp_path / "mallar"))
    folder = tmp_path / "r"
    create_report(folder, get_template("ordgrans-test"), "Region Västmanland", 2019)
    report = Report.load(folder)
    report.set_text("1.1.1", "svar", "ett två tre fyra fem")
    report.save()
    assert not [p for p in check_report(Report.load(folder)) if "ord;" in p.message]
    report.set_text("1.1.1", "svar", "ett två tre fyra fem\n\nsex sju")
    report.save()
    over = [p for p in check_report(Report.load(folder)) if "ord;" in p.message]
    assert [(p.message, p.section, p.severity, p.file.name, p.line) for p in over] == [
        ("«Svar» har 7 ord; mallen anger högst 5 (2 för många)", "1.1.1", Severity.WARNING, "1.1.yaml", 3)]
    result = run_cli("check", folder, "--strict")
    assert result.returncode == 1 and "har 7 ord; mallen anger högst 5" in result.stdout


def test_word_caption() -> None:
    assert words_caption(12, None) == "12 ord"
    assert words_caption(5, 5) == "5/5 ord"
    assert "6/5 ord – 1 för många" in words_caption(6, 5)


def test_check_warns_on_empty_head(new_report: Path) -> None:
    problems = [p for p in check_report(Report.load(new_report)) if p.file.name == "rapport.yaml"]
    assert [p.message for p in problems] == [
        "datum saknas (rapportens datum, ÅÅÅÅ-MM-DD)", "diarienr saknas (regionens diarienummer)",
        "underskriften saknar ort, datum, namn, titel"]
    assert all(p.severity is Severity.WARNING and p.line > 0 for p in problems)
    text = (new_report / "rapport.yaml").read_text(encoding="utf-8")
    text = text.replace("datum: ''", "datum: '2020-02-04'", 1).replace("diarienr: ''", "diarienr: RV190046", 1)
    text = text.replace("  ort: ''", "  ort: Västerås").replace("  namn: ''", "  namn: Maria Linder")
    (new_report / "rapport.yaml").write_text(text, encoding="utf-8")
    problems = [p for p in check_report(Report.load(new_report)) if p.file.name == "rapport.yaml"]
    assert [p.message for p in problems] == ["underskriften saknar datum, titel"]
