"""Issue 10.8: text pasted from Word with typed bullets becomes real Markdown lists, in the
app's paste and in `fmt`, keeping the words exactly."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st
from textual import events

from tui.app.app import AterrapportApp
from tui.app.session import EditorSession
from tui.app.widgets.answer_editor import AnswerEditor
from tui.core.paste import word_lists
from tui.core.render.parser import parse
from tui.core.report import Report

PASTED = ("Under året har vi:\n•\tarbetat med RUS\no\tdelmål 1\n•\tstartat ERUF-projekt\n"
          "Därefter:\n1)\tEtt\n2)\tTvå\n–\tTankstreck\nSlut.")
EXPECTED = ("Under året har vi:\n\n- arbetat med RUS\n  - delmål 1\n- startat ERUF-projekt\n\n"
            "Därefter:\n\n1) Ett\n2) Två\n- Tankstreck\n\nSlut.")


def _items(text: str) -> int:
    return sum(1 for t in parse(text)[0] if t.type == "list_item_open")


def test_word_bullets_become_lists() -> None:
    assert word_lists(PASTED) == EXPECTED
    assert _items(PASTED) == 2 and _items(EXPECTED) == 6  # only "1)" was a list before
    assert word_lists("ingen\ttabb som lista\n\tindrag") == "ingen\ttabb som lista\n\tindrag"


_GLYPHS = ["•", "o", "–", "-", "·", "\uf0b7", "1)", "2.", "12)"]
_words = st.lists(st.text(alphabet="abcåäöÅÄÖ.,:", min_size=1, max_size=8), min_size=1, max_size=5)
_line = st.one_of(
    _words.map(" ".join),
    st.tuples(st.sampled_from(_GLYPHS), _words).map(lambda g: f"{g[0]}\t{' '.join(g[1])}"),
    st.just(""))


@settings(max_examples=300, deadline=None)
@given(st.lists(_line, max_size=10))
def test_words_kept_exactly_and_idempotent(lines: list[str]) -> None:
    """Only blank lines are added; each pasted item keeps its text after a Markdown marker,
    every other line is unchanged; converting again changes nothing."""
    text = "\n".join(lines)
    result = word_lists(text)
    before = [line for line in text.split("\n") if line.strip()]
    after = [line for line in result.split("\n") if line.strip()]
    assert len(before) == len(after), (text, result)
    for old, new in zip(before, after, strict=True):
        glyph, tab, rest = old.partition("\t")
        if tab and glyph in _GLYPHS:
            marker = glyph if glyph[:-1].isdigit() else "-"
            assert new.lstrip(" ") == f"{marker} {rest}", (old, new)
        else:
            assert new == old
    assert word_lists(result) == result


def test_fmt_turns_pasted_bullets_into_lists(new_report: Path) -> None:
    report = Report.load(new_report)
    report.set_text("1.1.1", "svar", PASTED)
    report.save()
    check = run_cli("fmt", "--check", new_report)
    assert check.returncode == 1 and "1.1.yaml" in check.stdout
    assert run_cli("fmt", new_report).returncode == 0
    assert Report.load(new_report).text("1.1.1") == EXPECTED
    assert run_cli("fmt", "--check", new_report).returncode == 0


async def test_app_paste_makes_lists(new_report: Path) -> None:
    app = AterrapportApp(new_report, session=EditorSession.open(new_report))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        editor = app.focused
        assert isinstance(editor, AnswerEditor)
        app.post_message(events.Paste(  # as the terminal delivers it: to the app, then the focus
            PASTED.replace("\n", "\r\n")))
        await pilot.pause()
        assert editor.text == EXPECTED
        await pilot.press("ctrl+q")
    assert Report.load(new_report).text("1.1.1") == EXPECTED
