"""Issue 10.9 (core and CLI): Swedish spell check with the Hunspell dictionary and the report's
word list; `aterrapport stava` headless."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.report import Report
from tui.core.spelling import (
    WORDLIST_FILE,
    Speller,
    add_to_wordlist,
    check_report_spelling,
    open_dictionary,
    read_wordlist,
    words,
)


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller(open_dictionary("sv_SE"))


def test_words_keep_swedish_letters_compounds_and_abbreviations() -> None:
    text = "Hållbar tillväxt i EU-projekt, t.ex. RUS:s mål och hållbarhets- och miljöarbete."
    assert [w.text for w in words(text)] == [
        "Hållbar", "tillväxt", "EU-projekt", "t.ex.", "RUS:s", "mål", "och", "hållbarhets-", "och",
        "miljöarbete"]


def test_words_skip_markdown_urls_code_numbers_and_notes() -> None:
    text = ("Se [länken](https://exempel.se/sida) och https://www.tillvaxtverket.se, "
            "`kodord`, <b>fet</b>, info@region.se, verksamt.se, 2019-års 1:1 anslag[^note].\n\n"
            "[^note]: Fotnot här.\n\n```\nfelstavat ord\n```\n")
    assert [w.text for w in words(text)] == ["Se", "länken", "och", "fet", "anslag", "Fotnot", "här"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcåäöÅÄÖ -.:'\n`[]()^1*_#", max_size=80))
def test_word_positions_point_at_the_word(text: str) -> None:
    lines = text.split("\n")
    for word in words(text):
        assert text[word.offset:word.end] == word.text
        assert lines[word.line][word.column:word.column + len(word.text)] == word.text


def test_speller_knows_swedish_and_suggests(speller: Speller) -> None:
    assert speller.known("hållbar") and speller.known("Hållbar")
    assert speller.known("kompetensförsörjningen")
    assert not speller.known("hallbar")
    assert "hållbar" in speller.suggest("hallbar")
    assert [w.text for w in speller.misspelled("Ett hallbart och hållbart samhälle")] == ["hallbart"]


def test_wordlist_accepts_its_words_and_capitalised_forms(tmp_path: Path) -> None:
    speller = Speller(open_dictionary("sv_SE"), ["ERUF", "robotdalen"])
    assert speller.known("ERUF") and speller.known("ERUF-projekt") and speller.known("ERUF:s")
    assert speller.known("Robotdalen") and speller.known("robotdalen")
    assert not speller.known("eruf")  # a listed acronym does not accept other spellings
    assert not speller.known("Robotdalens")


def test_add_to_wordlist_sorted_unique_atomic(tmp_path: Path) -> None:
    add_to_wordlist(tmp_path, "NYPS")
    add_to_wordlist(tmp_path, "ERUF")
    add_to_wordlist(tmp_path, "åtgärdsplan")
    assert add_to_wordlist(tmp_path, "ERUF") == ["ERUF", "NYPS", "åtgärdsplan"]
    assert (tmp_path / WORDLIST_FILE).read_text(encoding="utf-8") == "ERUF\nNYPS\nåtgärdsplan\n"
    assert read_wordlist(tmp_path) == ["ERUF", "NYPS", "åtgärdsplan"]
    assert not list(tmp_path.glob(".*tmp*"))


def _report_with_typos(folder: Path) -> None:
    report = Report.load(folder)
    report.set_text("1.1.1", "svar", "Ett hallbart samhälle.\n\nERUF och NYPS i Robotdalen.")
    report.set_text("1.1.2", "svar", "En rad med felstavadd ord")
    report.add_row("1.2.1", "insatser", {"namn": "Projekt Synerleap", "bidrag_till_mal": "", "resultat": ""})
    report.save()


def test_misspellings_are_located_in_the_file(new_report: Path, speller: Speller) -> None:
    _report_with_typos(new_report)
    found = check_report_spelling(Report.load(new_report), speller, suggest=False)
    assert {m.word for m in found} == {"hallbart", "ERUF", "Robotdalen", "felstavadd", "Synerleap"}
    for m in found:
        line = m.file.read_text(encoding="utf-8").split("\n")[m.line - 1]
        assert line[m.column - 1:m.column - 1 + len(m.word)] == m.word, m
    assert {m.field for m in found if m.word == "Synerleap"} == {"insatser[1].namn"}


def test_cli_stava(new_report: Path) -> None:
    _report_with_typos(new_report)
    result = run_cli("stava", new_report)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.strip().split("\n")
    assert any(line.endswith("1.1.1: «hallbart» → " + line.split(" → ")[-1]) for line in lines)
    assert any("«hallbart» → " in line and "hållbart" in line for line in lines)
    assert "okända ord" in result.stderr and "Traceback" not in result.stderr

    as_json = run_cli("stava", new_report, "--format", "json", "--utan-forslag")
    assert as_json.returncode == 1
    data = json.loads(as_json.stdout)
    assert data["okanda"] == len(data["ord"]) == 5
    assert {"fil", "rad", "kolumn", "avsnitt", "falt", "ord", "forslag"} <= set(data["ord"][0])

    (new_report / WORDLIST_FILE).write_text("ERUF\nRobotdalen\nSynerleap\nfelstavadd\nhallbart\n", encoding="utf-8")
    clean = run_cli("stava", new_report)
    assert clean.returncode == 0, clean.stdout
    assert "inga okända ord" in clean.stdout


def test_cli_stava_without_dictionary_says_how_to_install(new_report: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATERRAPPORT_ORDBOK", "xx_XX")
    result = run_cli("stava", new_report)
    assert result.returncode == 2
    assert "Svensk ordbok saknas" in result.stderr and "hunspell-sv" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_stava_unreadable_folder(tmp_path: Path) -> None:
    result = run_cli("stava", tmp_path / "finns-inte")
    assert result.returncode == 2 and "mappen finns inte" in result.stderr
