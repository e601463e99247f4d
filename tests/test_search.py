"""Issue 10.4 (core): case- and accent-insensitive search over answers, table cells and the
report's details, with section, line and position of every hit."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from conftest import SAMPLE_2019
from hypothesis import given, settings
from hypothesis import strategies as st
from present import present

from tui.core.report import Report
from tui.core.search import DETAILS, Place, SearchIndex, _entry, fold


def test_accents_and_case_are_ignored() -> None:
    index = SearchIndex([_entry(Place("1.1.1", "svar", "Svar"), "En Hållbar region.\nHÅLLBARHET och ERUF")])
    hits = index.search("hallbar")
    assert [(h.line, h.column, h.length, h.line_text) for h in hits] == [
        (0, 3, 7, "En Hållbar region."), (1, 0, 7, "HÅLLBARHET och ERUF")]
    assert [h.offset for h in index.search("eruf")] == [34]
    assert index.search("  ") == [] and index.search("saknas") == []


def test_expanding_characters_map_back_to_the_original() -> None:
    text = "Gießen ﬁnns och Straße"
    index = SearchIndex([_entry(Place("1", "svar", "Svar"), text)])
    (hit,) = index.search("finns")
    assert text[hit.offset:hit.offset + hit.length] == "ﬁnns"
    (hit,) = index.search("strasse")
    assert text[hit.offset:hit.offset + hit.length] == "Straße"


_text = st.text(alphabet="abcåäöÅÄÖéß ﬁ\nxyz.", max_size=60)


@settings(max_examples=300, deadline=None)
@given(_text, st.data())
def test_every_substring_is_found_where_it_is(text: str, data: st.DataObject) -> None:
    index = SearchIndex([_entry(Place("1", "svar", "Svar"), text)])
    if not text.strip():
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    query = text[start:end]
    if not query.strip() or query != query.strip():
        return
    hits = index.search(query)
    # Hits do not overlap (leftmost first), so an occurrence at `start` lies inside one.
    assert any(h.offset <= start < h.offset + h.length for h in hits), (text, query)
    lines = text.split("\n")
    for h in hits:
        assert fold(text[h.offset:h.offset + h.length]) == fold(query)
        assert lines[h.line][h.column:].startswith(text[h.offset:h.offset + h.length].split("\n")[0])


def test_sample_answers_cells_and_details(sample_2019: Path) -> None:
    report = Report.load(sample_2019)
    index = SearchIndex.build(report)
    hits = index.search("hallbar")
    assert hits and all("hållbar" in fold(h.line_text) or "hallbar" in fold(h.line_text) for h in hits)
    sections = [h.place.section for h in hits]
    assert sections == sorted(sections, key=[s.id for s in report.template.answerable()].index)
    cells = index.search("Kartläggning av riskvillig")
    assert any(h.place.row is not None and h.place.column == "namn" for h in cells)
    details = [h.place for h in index.search("RV190046")]
    assert Place(DETAILS, "diarienr", "Diarienr") in details
    assert any(p.key == "underskrift.namn" for p in [h.place for h in index.search(
        present(present(report.head).underskrift).namn)])


def test_unsaved_text_wins(sample_2019: Path) -> None:
    report = Report.load(sample_2019)
    index = SearchIndex.build(report, {("1.1.1", "svar"): "Helt ny text om solceller"})
    (hit,) = index.search("solceller")
    assert hit.place.section == "1.1.1"
    assert not [h for h in index.search("RUS 2030") if h.place.section == "1.1.1"]


def test_step_goes_on_from_where_the_writer_is(sample_2019: Path) -> None:
    """F3/Shift+F3: the next hit after the cursor (or the last hit's place) in the texts as they
    are now, round the report's end with a word of it."""
    report = Report.load(sample_2019)
    index = SearchIndex.build(report, {("1.1.1", "svar"): "a qzx b qzx"})
    spot = ("1.1.1", "svar", None, None)
    steps = [(0, 1), (2, 1), (8, 1), (2, -1), (8, -1)]
    found = [index.step("qzx", spot, offset, delta) for offset, delta in steps]
    assert [(f[0][f[1]].offset, f[2]) for f in found if f is not None] == [
        (2, False), (8, False), (2, True), (8, True), (2, False)]
    # From a place before the field (the details) forward, after it (a later section) back.
    first = index.step("qzx", ("", "datum", None, None), 0, 1)
    last = index.step("qzx", ("1.2.1", "svar", None, None), 0, -1)
    assert first is not None and first[0][first[1]].offset == 2 and not first[2]
    assert last is not None and last[0][last[1]].offset == 8 and not last[2]
    assert index.step("zzqqxx", spot, 0, 1) is None


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["qzx", "QZX", "a", " ", "\n", "qz", "x"]), max_size=12), st.data())
def test_step_selects_the_word_itself(pieces: list[str], data: st.DataObject) -> None:
    """Whatever the text became since, the hit F3 selects is the word at its place, and no hit
    lies between the cursor and it."""
    text = "".join(pieces)
    place = Place("1.1.1", "svar", "Svar")
    index = SearchIndex([_entry(place, text)], {place.spot: 0})
    offset = data.draw(st.integers(0, len(text)))
    delta = data.draw(st.sampled_from([1, -1]))
    found = index.step("qzx", place.spot, offset, delta)
    starts = [i for i in range(len(text)) if text[i:i + 3].casefold() == "qzx"]
    if not starts:
        assert found is None
        return
    assert found is not None
    hits, number, went_round = found
    hit = hits[number]
    assert text[hit.offset:hit.offset + hit.length].casefold() == "qzx"
    ahead = [s for s in starts if (s > offset if delta > 0 else s < offset)]
    assert went_round == (not ahead)
    assert hit.offset == (ahead[0] if delta > 0 else ahead[-1]) if ahead else hit.offset == (
        starts[0] if delta > 0 else starts[-1])


def test_unreadable_file_is_skipped(sample_2019: Path) -> None:
    (sample_2019 / "1.1.yaml").write_text("1.1.1: [\n", encoding="utf-8")
    index = SearchIndex.build(Report.load(sample_2019))
    assert index.search("innovation")
    assert not [h for h in index.search("e") if h.place.section.startswith("1.1.")]


def test_no_head_is_fine() -> None:
    report = Report.load(SAMPLE_2019)
    fake = SimpleNamespace(head=None, template=report.template, document_for=report.document_for,
                           raw=report.raw, text=report.text, choice=report.choice, rows=report.rows)
    assert SearchIndex.build(fake).search("innovation")
