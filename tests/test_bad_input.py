"""Bad input: a clear Swedish error naming file, line and column, and nothing on disk changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import snapshot_files

from tui.core.problems import AterrapportError
from tui.core.report import ExternalChangeError, Report
from tui.core.validation import check_report

ROW = {"namn": "Kartläggning av riskvillig finansiering", "resultat": "Prestation: kunskap"}


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _errors(folder: Path) -> list[str]:
    return [p.format(folder) for p in check_report(Report.load(folder)) if p.is_error]


@pytest.mark.parametrize(("text", "expected"), [
    ("1.1.1:\n  svar: a: b\n", "1.1.yaml:2:10: kolon på fel ställe"),
    ("1.1.1:\n  svar: 'ej avslutad\n", "1.1.yaml:3:1: filen tar slut mitt i ett värde"),
    ("1.1.1:\n<<<<<<< HEAD\n  svar: a\n=======\n  svar: b\n>>>>>>> gren\n",
     "1.1.yaml:2:1: filen innehåller en olöst git-konflikt"),
    ("1.1.1:\n  svar: !!python/object:os.system x\n", "1.1.yaml:2:9: YAML-taggen"),
    ("1.1.1: &a\n  svar: x\n1.1.2: *a\n", "1.1.yaml:1:8: ankare och alias"),
    ("1.1.1:\n  svar: x\n  svar: y\n", "1.1.yaml:3:3: nyckeln «svar» förekommer två gånger"),
    ("1.1.1:\n\tsvar: x\n", "1.1.yaml:2:1: tabb får inte användas för indrag"),
])
def test_unreadable_yaml_is_located_and_file_untouched(new_report: Path, text: str, expected: str) -> None:
    _write(new_report, "1.1.yaml", text)
    before = snapshot_files(new_report)
    report = Report.load(new_report)
    problems = check_report(report)
    assert any(p.format(new_report).startswith(expected) for p in problems), [
        p.format(new_report) for p in problems]
    # The other sections stay usable, and the broken file is never overwritten.
    report.set_text("1.2.1", "svar", "Fortfarande redigerbart.")
    with pytest.raises(AterrapportError):
        report.set_text("1.1.1", "svar", "skulle skriva över")
    report.save()
    after = snapshot_files(new_report)
    assert after["1.1.yaml"] == before["1.1.yaml"]
    assert after["1.2.yaml"] != before["1.2.yaml"]


def test_file_over_5_mb(new_report: Path) -> None:
    _write(new_report, "1.1.yaml", "1.1.1:\n  svar: |\n" + ("    " + "x" * 1000 + "\n") * 5300)
    assert any("högst 5 MB" in e for e in _errors(new_report))


def test_not_utf8(new_report: Path) -> None:
    (new_report / "1.1.yaml").write_bytes("1.1.1:\n  svar: f\xf6retag\n".encode("latin-1"))
    assert any(e.startswith("1.1.yaml:2: filen är inte sparad som UTF-8") for e in _errors(new_report))


def test_wrong_types(new_report: Path) -> None:
    _write(new_report, "1.2.yaml",
           "1.2.1:\n  svar:\n    - en lista\n  insatser: text\n1.2.2: text\n"
           "1.2.3:\n  insatser:\n    - namn: [a]\n      pris: 3\n1.1.4:\n  svar: fel fil\n")
    errors = _errors(new_report)
    assert "1.2.yaml:3:5: 1.2.1: «Svar» ska vara text, inte en lista" in errors
    assert "1.2.yaml:4:13: 1.2.1: «Insatser» ska vara en lista med rader (- namn: …), inte «text»" in errors
    assert "1.2.yaml:5:8: 1.2.2: avsnittet ska innehålla fält (t.ex. svar: …), inte «text»" in errors
    assert "1.2.yaml:8:13: 1.2.3: «Namn på insats och kort beskrivning» ska vara text, inte en lista" in errors
    assert "1.2.yaml:9:7: 1.2.3: okänd kolumn «pris»; kolumnerna är: namn, bidrag_till_mal, resultat" in errors
    assert "1.2.yaml:10:1: 1.1.4: avsnitt 1.1.4 hör hemma i 1.1.yaml" in errors


def test_unknown_section_and_field(new_report: Path) -> None:
    _write(new_report, "1.2.yaml", "1.2.9:\n  svar: x\n1.2:\n  svar: y\n1.2.1:\n  svaret: z\n")
    errors = _errors(new_report)
    assert "1.2.yaml:1:1: 1.2.9: okänt avsnitt «1.2.9»: mallen aterrapportering-2019 har inget sådant avsnitt" in errors
    assert any(e.startswith("1.2.yaml:3:1: 1.2: avsnittet 1.2 har inga egna svar") for e in errors)
    assert any(e.startswith("1.2.yaml:6:3: 1.2.1: okänt fält «svaret»; avsnittet har: svar, insatser") for e in errors)


def test_too_many_insatser_in_file(new_report: Path) -> None:
    rows = "".join(f"    - namn: Insats {i}\n" for i in range(1, 8))
    _write(new_report, "1.2.yaml", f"1.2.1:\n  svar: x\n  insatser:\n{rows}")
    assert "1.2.yaml:4:5: 1.2.1: 1.2.1 har 7 insatser; mallen tillåter högst 5" in _errors(new_report)


def test_row_limit_when_adding(new_report: Path) -> None:
    report = Report.load(new_report)
    for index in range(5):
        report.add_row("1.2.1", "insatser", {**ROW, "namn": f"Insats {index + 1}"})
    with pytest.raises(AterrapportError, match="mallen tillåter högst 5"):
        report.add_row("1.2.1", "insatser", ROW)
    assert len(report.rows("1.2.1", "insatser")) == 5
    # Tables without a limit ("lägg vid behov till fler rader") take more.
    for index in range(8):
        report.add_row("1.4.3", "insatser", {"namn": f"Insats {index}"})
    assert len(report.rows("1.4.3", "insatser")) == 8


def test_invalid_choice_and_head(new_report: Path) -> None:
    _write(new_report, "1.1.yaml", "1.1.4:\n  paverkat: Kanske\n  svar: ''\n")
    head = (new_report / "rapport.yaml").read_text(encoding="utf-8")  # Issue 11: the year is quoted
    _write(new_report, "rapport.yaml", head.replace("region: Region Västmanland", "region: Region Atlantis")
           .replace("ar: '2019'", "ar: tjugo"))
    errors = _errors(new_report)
    expected = "1.1.yaml:2:13: 1.1.4: «Kanske» är inget giltigt svar på «Påverkat fördelningen?»; välj Ja eller Nej"
    assert expected in errors
    assert any(e.startswith("rapport.yaml:3:9: okänd region «Region Atlantis»") for e in errors)
    assert any(e.startswith("rapport.yaml:4:5: «ar» ska vara ett årtal") for e in errors)


def test_control_characters_are_cleaned_at_the_edge(new_report: Path) -> None:
    _write(new_report, "1.1.yaml", '1.1.1:\n  svar: "rad\\x0bny\\x01 rad\\x07"\n')
    report = Report.load(new_report)
    assert report.text("1.1.1") == "rad\nny rad"
    report.set_text("1.1.2", "svar", "klistrat\x00 från\x0bWord\ufffe")
    report.save()
    assert Report.load(new_report).text("1.1.2") == "klistrat från\nWord"


def test_external_change_is_not_overwritten(new_report: Path) -> None:
    report = Report.load(new_report)
    report.set_text("1.1.1", "svar", "Mitt svar")
    _write(new_report, "1.1.yaml", "1.1.1:\n  svar: Någon annans svar\n")
    with pytest.raises(ExternalChangeError):
        report.save()
    assert "Någon annans svar" in (new_report / "1.1.yaml").read_text(encoding="utf-8")


def test_atomic_save_leaves_no_temp_files(new_report: Path) -> None:
    report = Report.load(new_report)
    report.set_text("1.1.1", "svar", "x")
    report.save()
    # (`new` writes a .gitignore since issue 9; temp files are dotfiles too)
    assert not [p for p in new_report.iterdir() if p.name.startswith(".") and p.name != ".gitignore"]


def test_missing_head_or_folder(tmp_path: Path) -> None:
    with pytest.raises(AterrapportError, match="mappen finns inte"):
        Report.load(tmp_path / "saknas")
    with pytest.raises(AterrapportError, match=r"rapport\.yaml saknas"):
        Report.load(tmp_path)
    _write(tmp_path, "rapport.yaml", "mall: aterrapportering-1999\n")
    with pytest.raises(AterrapportError, match="mallen «aterrapportering-1999» finns inte"):
        Report.load(tmp_path)
