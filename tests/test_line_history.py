"""Undo in one-line fields (issue 10.1, the report's details): the history alone, model-based."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.app.line_history import LineHistory, changed_part


def _typed(history: LineHistory, value: str, text: str, at: int) -> str:
    for char in text:
        new = value[:at] + char + value[at:]
        history.record(value, new)
        value, at = new, at + 1
    return value


def test_typing_is_undone_a_word_at_a_time_and_redone() -> None:
    history = LineHistory()
    value = _typed(history, "", "Region Västmanland", 0)
    assert history.undo() == ("Region ", 7)
    assert history.undo() == ("", 0)
    assert history.undo() is None
    assert history.redo() == ("Region ", 7)
    assert history.redo() == (value, len(value))
    assert history.redo() is None


def test_backspaces_are_one_step_and_a_jump_starts_a_new_one() -> None:
    history = LineHistory()
    value = "2020-02-31"
    for _ in range(2):  # Backspace twice
        history.record(value, value[:-1])
        value = value[:-1]
    value = _typed(history, value, "04", len(value))
    history.record(value, "X" + value)  # typed at the start: not the same step as "04"
    assert history.undo() == ("2020-02-04", 0)
    assert history.undo() == ("2020-02-", 8)
    assert history.undo() == ("2020-02-31", 10)


def test_a_new_change_after_undo_drops_the_redo() -> None:
    history = LineHistory()
    _typed(history, "", "abc", 0)
    history.undo()
    history.record("", "x")
    assert history.redo() is None
    assert history.undo() == ("", 0)


@st.composite
def _edits(draw: st.DrawFn) -> list[tuple[str, int, int, str]]:
    """Random edits: typing one character, Backspace, a paste, a replaced selection, undo, redo."""
    steps = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.sampled_from(["type", "type", "type", "erase", "paste", "undo", "redo"]))
        steps.append((kind, draw(st.integers(0, 50)), draw(st.integers(0, 3)),
                      draw(st.text("ab åÄ-", min_size=1, max_size=4))))
    return steps


@settings(max_examples=60, deadline=None)
@given(start=st.text("ab åÄ-", max_size=8), edits=_edits())
def test_undo_and_redo_only_ever_give_values_the_field_had(start: str, edits: list[tuple[str, int, int, str]]) -> None:
    """Model: every value the field held, in order. Undo walks back through them (never a value it
    did not have), all the way to the start; redo walks forward to the last change made."""
    history = LineHistory()
    value, seen, last = start, [start], start
    for kind, at, length, text in edits:
        at = at % (len(value) + 1)
        if kind in ("undo", "redo"):
            state = history.undo() if kind == "undo" else history.redo()
            if state is not None:
                assert state[0] in seen and 0 <= state[1] <= len(state[0])
                value = state[0]
            continue
        new = {"type": value[:at] + text[0] + value[at:], "erase": value[:max(at - 1, 0)] + value[at:],
               "paste": value[:at] + text + value[at + length:]}[kind]
        history.record(value, new)
        if new != value:  # a change that changes nothing keeps the redo, as in a text field
            value = last = new
            seen.append(value)
    while (state := history.undo()) is not None:
        value = state[0]
    assert value == start
    while (state := history.redo()) is not None:
        value = state[0]
    assert value == last


def test_changed_part_finds_the_one_stretch() -> None:
    rnd = random.Random(4)
    for _ in range(200):
        old = "".join(rnd.choices("aab-", k=rnd.randint(0, 8)))
        where = rnd.randint(0, len(old))
        cut = rnd.randint(where, len(old))
        new = old[:where] + "".join(rnd.choices("ab", k=rnd.randint(0, 3))) + old[cut:]
        at, removed, inserted = changed_part(old, new)
        assert old[:at] + inserted + old[at + len(removed):] == new
