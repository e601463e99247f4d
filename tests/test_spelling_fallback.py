"""The spell check without Enchant: spylls (Hunspell in pure Python) reads the same sv_SE
.dic/.aff, and knows the same Swedish words; without any dictionary the app and `stava` say how
to install one (tests/test_spelling.py, tests/test_app_spelling.py)."""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli

from tui.core.spelling import DictionaryMissing, Speller, SpyllsDictionary, dictionary_files, open_dictionary

SWEDISH = ["hållbar", "Hållbar", "kompetensförsörjningen", "miljöarbete", "tillväxt", "Västmanland",
           "regionförbundet", "näringslivet", "åtgärder", "EU-projekt", "hållbarhets-", "miljö-", "t.ex.", "bl.a."]
TYPOS = ["hallbar", "felstavadd", "miljoarbete", "tilväxt", "EU-projketet", "ERUF"]


@pytest.fixture(scope="module")
def spylls() -> Speller:
    return Speller(open_dictionary("sv_SE", engine="spylls"), language="sv_SE")


@pytest.fixture(scope="module")
def enchant_speller() -> Speller:
    return Speller(open_dictionary("sv_SE", engine="enchant"), language="sv_SE")


def test_spylls_is_the_fallback_and_knows_swedish(spylls: Speller) -> None:
    assert isinstance(spylls.dictionary, SpyllsDictionary)
    for word in SWEDISH:
        assert spylls.known(word), word
    for word in TYPOS:
        assert not spylls.known(word), word
    assert [w.text for w in spylls.misspelled("Ett hallbart och hållbart EU-projekt i Västmanland")] == ["hallbart"]
    assert "hållbar" in spylls.suggest("hallbar")


def test_spylls_and_enchant_agree(spylls: Speller, enchant_speller: Speller) -> None:
    text = ("Region Västmanland arbetar för hållbar tillväxt, kompetensförsörjning och EU-projekt "
            "(t.ex. ERUF) med kommunerna; hållbarhets- och miljöarbetet följs upp årligen. "
            "Felstavadd ord som hallbar och tilväxt ska hittas.")
    assert [w.text for w in spylls.misspelled(text)] == [w.text for w in enchant_speller.misspelled(text)]


def test_without_enchant_spylls_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_enchant(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "enchant":
            raise ImportError("The 'enchant' C library was not found")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_enchant)
    assert isinstance(open_dictionary("sv_SE"), SpyllsDictionary)


def test_no_files_no_fallback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert dictionary_files("xx_XX") is None
    with pytest.raises(DictionaryMissing, match="hunspell-sv"):
        open_dictionary("xx_XX", engine="spylls")
    # $DICPATH is searched first, as Hunspell does
    for suffix in (".dic", ".aff"):
        (tmp_path / f"xx_XX{suffix}").write_bytes(Path(f"{dictionary_files('sv_SE')}{suffix}").read_bytes())
    monkeypatch.setenv("DICPATH", str(tmp_path))
    assert dictionary_files("xx_XX") == tmp_path / "xx_XX"


def test_cli_stava_with_spylls(new_report: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from test_spelling import _report_with_typos

    _report_with_typos(new_report)
    monkeypatch.setenv("ATERRAPPORT_STAVARE", "spylls")
    result = run_cli("stava", new_report, "--utan-forslag")
    assert result.returncode == 1, result.stderr
    assert {line.split("«")[1].split("»")[0] for line in result.stdout.strip().split("\n")} == {
        "hallbart", "ERUF", "Robotdalen", "felstavadd", "Synerleap"}
