"""`aterrapport stava` suggestions (tui/core/suggestions.py): each distinct word asked once,
remembered between runs for the dictionary they came from, and shared among processes with
exactly the suggestions one process asking word by word gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

from tui.core import suggestions
from tui.core.spelling import Speller, open_dictionary
from tui.core.suggestions import cache_path, suggest_all

TYPOS = ["hallbart", "felstavadd", "kompetensforsorjning", "Jämställhet", "regionalt-utveckling", "tilväxt",
         "samhalle", "miljoarbete", "Vastmanland", "projektt"]


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller(open_dictionary("sv_SE"), language="sv_SE")


def test_processes_give_what_one_process_gives(speller: Speller) -> None:
    """Hunspell cuts its search after an amount of the process's CPU time: workers in processes
    of their own get the same suggestions as asking here, word by word."""
    one_by_one = {word: tuple(speller.suggest(word)) for word in TYPOS}
    shared = suggest_all(TYPOS, identity=None, language="sv_SE", suggest=speller.suggest, processes=2)
    assert shared == one_by_one
    assert "hållbart" in shared["hallbart"] and "tillväxt" in shared["tilväxt"]


def test_remembered_for_the_same_dictionary_only(speller: Speller) -> None:
    asked: list[str] = []

    def suggest(word: str) -> list[str]:
        asked.append(word)
        return speller.suggest(word)

    first = suggest_all(TYPOS[:3] + TYPOS[:1], identity="ordbok A", language=None, suggest=suggest)
    assert asked == TYPOS[:3] and list(first) == TYPOS[:3]  # each distinct word once, in order
    again = suggest_all(TYPOS[:4], identity="ordbok A", language=None, suggest=suggest)
    assert asked == TYPOS[:4]  # only the word not seen before
    assert {w: again[w] for w in TYPOS[:3]} == first
    suggest_all(TYPOS[:1], identity="ordbok B", language=None, suggest=suggest)
    assert asked == [*TYPOS[:4], TYPOS[0]]  # another dictionary: asked anew
    suggest_all(TYPOS[:1], identity=None, language=None, suggest=suggest)
    assert asked[-1] == TYPOS[0] and len(asked) == 6  # no identity: nothing remembered


@pytest.mark.parametrize("content", ["", "{", "[]", '{"version": 1, "ordbok": "A", "forslag": {"hallbart": 3}}',
                                     '{"version": 99, "ordbok": "A", "forslag": {"hallbart": ["x"]}}'])
def test_a_broken_cache_is_asked_anew(content: str) -> None:
    cache_path().parent.mkdir(parents=True, exist_ok=True)
    cache_path().write_text(content, encoding="utf-8")
    found = suggest_all(["hallbart"], identity="A", language=None, suggest=lambda w: ["hållbart"])
    assert found == {"hallbart": ("hållbart",)}
    assert json.loads(cache_path().read_text(encoding="utf-8"))["forslag"] == {"hallbart": ["hållbart"]}


def test_the_cache_keeps_the_newest_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(suggestions, "CACHE_WORDS", 3)
    suggest_all(["a1", "a2", "a3"], identity="A", language=None, suggest=lambda w: [w.upper()])
    suggest_all(["a4"], identity="A", language=None, suggest=lambda w: [w.upper()])
    assert list(json.loads(cache_path().read_text(encoding="utf-8"))["forslag"]) == ["a2", "a3", "a4"]


def test_cli_stava_same_output_from_the_cache(new_report: Path) -> None:
    from test_spelling import _report_with_typos

    _report_with_typos(new_report)
    first = run_cli("stava", new_report, "--format", "json")
    assert first.returncode == 1, first.stderr
    assert cache_path().is_file()
    second = run_cli("stava", new_report, "--format", "json")
    assert second.stdout == first.stdout
    hints = {m["ord"]: m["forslag"] for m in json.loads(first.stdout)["ord"]}
    assert "hållbart" in hints["hallbart"] and hints["ERUF"] == []  # an acronym gets none
