"""The semantic diff of two reports (tui.core.diff) and its three renderings."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from git_helpers import (
    ECS_ISR,
    INNOVATION,
    INNOVATION_EDITED,
    KARTLAGGNING,
    MILJO,
    SYNERLEAP,
    UTMANINGAR,
    VAXTZON,
    new_report,
)
from present import present
from rich.console import Console

from tui.core.canonical import format_report
from tui.core.diff import (
    ReportDiff,
    Span,
    changed_paragraphs,
    diff_reports,
    proposed_message,
    word_diff,
)
from tui.core.diff_render import json_diff, markdown_diff, rich_diff, rich_section
from tui.core.report import Report


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """A report with 1.2.1 answered (text and three insatser) and 1.1.2 answered."""
    folder = tmp_path / "fore"
    report = new_report(folder)
    report.set_text("1.2.1", "svar", INNOVATION)
    for row in (KARTLAGGNING, ECS_ISR, VAXTZON):
        report.add_row("1.2.1", "insatser", row)
    report.set_text("1.1.2", "svar", UTMANINGAR)
    report.save()
    return folder


def edited(base: Path, tmp_path: Path) -> Report:
    folder = tmp_path / "efter"
    shutil.copytree(base, folder)
    return Report.load(folder)


def compare(base: Path, new: Report) -> ReportDiff:
    return diff_reports(Report.load(base), Report.load(new.folder), old_label="före", new_label="efter",
                        folder="vastmanland-2019")


def text(spans: tuple[Span, ...], kind: str) -> list[str]:
    return [s.text.strip() for s in spans if s.kind == kind]


def test_word_diff_marks_words_not_lines() -> None:
    spans = word_diff(INNOVATION, INNOVATION_EDITED)
    assert text(spans, "added") == ["och fördjupats"]
    assert text(spans, "removed") == []
    assert "".join(s.text for s in spans if s.kind != "removed") == INNOVATION_EDITED
    assert "".join(s.text for s in spans if s.kind != "added") == INNOVATION
    replaced = word_diff("Beslut i fullmäktige förväntas tas i april 2020.",
                         "Beslut i fullmäktige togs i juni 2020.")
    assert replaced == (Span("same", "Beslut i fullmäktige "), Span("removed", "förväntas tas"),
                        Span("added", "togs"), Span("same", " i "), Span("removed", "april"),
                        Span("added", "juni"), Span("same", " 2020."))
    # An insertion at the end of a sentence keeps the sentence's own full stop.
    spans = word_diff("finansiering finns.", "finansiering finns. En actionplan finns.")
    assert spans == (Span("same", "finansiering finns."), Span("added", " En actionplan finns."))


def test_changed_paragraphs_skip_unchanged_ones() -> None:
    spans = word_diff(INNOVATION, INNOVATION_EDITED)
    paragraphs = changed_paragraphs(spans, context_words=None)
    assert len(paragraphs) == 1
    assert "".join(s.text for s in paragraphs[0]).startswith("Samverkan kring riskvillig")
    short = changed_paragraphs(spans, context_words=3)
    assert "".join(s.text for s in short[0]).endswith("under året. Sedan …")


def test_unchanged_and_reformatted_reports_have_no_diff(base: Path, tmp_path: Path) -> None:
    new = edited(base, tmp_path)
    path = new.folder / "1.2.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("# 1.2.1 Innovation\n", ""), encoding="utf-8")
    format_report(Report.load(new.folder), write=True)  # comments and layout are no semantic change
    diff = compare(base, new)
    assert not diff.changed
    assert proposed_message(diff) == ""
    assert "Inga ändringar i rapporten." in markdown_diff(diff)


def test_text_edits_per_section_and_field(base: Path, tmp_path: Path) -> None:
    new = edited(base, tmp_path)
    new.set_text("1.2.1", "svar", INNOVATION_EDITED)
    new.set_text("1.2.3", "svar", MILJO)
    new.set_text("1.1.2", "svar", "")
    new.set_text("1.5", "ostersjostrategin", "Region Västmanland deltar i EU:s strategi för Östersjöregionen.")
    new.save()
    diff = compare(base, new)
    assert [s.id for s in diff.sections] == ["1.1.2", "1.2.1", "1.2.3", "1.5"]  # template order
    removed, innovation, miljo, ostersjo = diff.sections
    assert removed.fields[0].removed and removed.fields[0].old == UTMANINGAR
    assert text(innovation.fields[0].spans, "added") == ["och fördjupats"]
    assert miljo.fields[0].added and miljo.title == "Miljödriven näringslivsutveckling och energifrågor"
    assert ostersjo.fields[0].key == "ostersjostrategin"
    assert proposed_message(diff) == "1.1.2: borttaget svar; 1.2.1: uppdaterade svar; 1.2.3, 1.5: nya svar"


def test_insatser_added_removed_moved_and_changed(base: Path, tmp_path: Path) -> None:
    new = edited(base, tmp_path)
    new.delete_row("1.2.1", "insatser", 1)  # ECS-ISR
    new.move_row("1.2.1", "insatser", 0, 1)  # Växtzon 2 first, Kartläggning second
    new.update_row("1.2.1", "insatser", 1, {
        "resultat": KARTLAGGNING["resultat"].replace("En actionplan finns", "En handlingsplan finns")})
    new.add_row("1.2.1", "insatser", SYNERLEAP)
    new.save()
    diff = compare(base, new)
    (section,) = diff.sections
    (table,) = section.tables
    rows = {(r.kind, r.name): r for r in table.rows}
    assert set(rows) == {
        ("removed", "ECS-ISR, Nyps: 209206"),
        ("changed", "Kartläggning av riskvillig finansiering"),
        ("added", "Synerleap powered by ABB"),
    }
    changed = rows["changed", "Kartläggning av riskvillig finansiering"]
    assert (changed.old_index, changed.new_index, changed.moved) == (0, 1, True)
    (cell,) = changed.cells
    assert cell.key == "resultat" and cell.header == "Resultat"
    assert text(cell.spans, "removed") == ["actionplan"] and text(cell.spans, "added") == ["handlingsplan"]
    added = rows["added", "Synerleap powered by ABB"]
    assert added.new_index == 2 and [c.key for c in added.cells] == ["namn", "bidrag_till_mal", "resultat"]
    assert rows["removed", "ECS-ISR, Nyps: 209206"].old_index == 1
    assert proposed_message(diff) == (
        "1.2.1: ny insats, ändrad insats, borttagen insats, ny ordning på insatser")


def test_pure_reorder_is_a_move(base: Path, tmp_path: Path) -> None:
    new = edited(base, tmp_path)
    new.move_row("1.2.1", "insatser", 2, -1)  # Växtzon 2 before ECS-ISR
    new.save()
    (row,) = compare(base, new).sections[0].tables[0].rows
    assert (row.kind, row.old_index, row.new_index, row.cells) == ("moved", 1, 2, ())


def test_renamed_insats_is_matched_by_position(base: Path, tmp_path: Path) -> None:
    new = edited(base, tmp_path)
    new.update_row("1.2.1", "insatser", 1, {"namn": "ECS-ISR (Effektiv samverkan), Nyps: 209206"})
    new.save()
    (row,) = compare(base, new).sections[0].tables[0].rows
    assert row.kind == "changed" and not row.moved
    assert [c.key for c in row.cells] == ["namn"]
    assert text(row.cells[0].spans, "added") == ["(Effektiv samverkan)"]


def test_choices_done_and_metadata(base: Path, tmp_path: Path) -> None:
    new = edited(base, tmp_path)
    new.set_choice("1.1.4", "paverkat", "Ja")
    new.set_done("1.2.1", True)
    new.save()
    head = new.folder / "rapport.yaml"
    head.write_text(head.read_text(encoding="utf-8")
                    .replace("datum: ''", "datum: 2020-02-04", 1).replace("diarienr: ''", "diarienr: RV190046", 1),
                    encoding="utf-8")
    diff = compare(base, new)
    choice = present(diff.section("1.1.4")).fields[0]
    assert (choice.kind, choice.old, choice.new) == ("choice", "", "Ja")
    assert present(diff.section("1.2.1")).done == (False, True)
    assert [(m.key, m.label, m.old, m.new) for m in diff.meta] == [
        ("datum", "Datum", "", "2020-02-04"), ("diarienr", "Diarienr", "", "RV190046")]
    assert proposed_message(diff) == "1.1.4: ändrat val; 1.2.1: markerat klart; rapport.yaml: datum, diarienr"


def test_new_and_missing_section_files(base: Path, tmp_path: Path) -> None:
    old_folder = tmp_path / "utan-1.2"
    shutil.copytree(base, old_folder)
    (old_folder / "1.2.yaml").unlink()
    diff = diff_reports(Report.load(old_folder), Report.load(base))
    assert diff.files_added == ("1.2.yaml",)
    assert present(diff.section("1.2.1")).fields[0].added
    assert len(present(diff.section("1.2.1")).tables[0].rows) == 3
    back = diff_reports(Report.load(base), Report.load(old_folder))
    assert back.files_removed == ("1.2.yaml",)


def test_created_report(base: Path) -> None:
    diff = diff_reports(None, Report.load(base), old_label="(ingen version)", new_label="efter")
    assert diff.created and diff.changed
    assert proposed_message(diff) == "ny rapport fore; 1.1.2, 1.2.1: nya svar; 1.2.1: nya insatser"


def test_an_unreadable_file_is_reported_and_the_rest_compared(base: Path, tmp_path: Path) -> None:
    new = edited(base, tmp_path)
    new.set_text("1.1.2", "svar", UTMANINGAR + " Många av målen är formulerade i termer av öka eller minska.")
    new.save()
    (new.folder / "1.2.yaml").write_text("<<<<<<< HEAD\n1.2.1:\n=======\n>>>>>>> b\n", encoding="utf-8")
    diff = compare(base, new)
    assert [(u.file, u.side) for u in diff.unreadable] == [("1.2.yaml", "new")]
    assert "git-konflikt" in diff.unreadable[0].message
    assert [s.id for s in diff.sections] == ["1.1.2"]
    assert "kan inte läsas i efter" in markdown_diff(diff)


def _render_plain(diff: ReportDiff) -> str:
    console = Console(width=200, no_color=True, force_terminal=False)
    with console.capture() as captured:
        console.print(rich_diff(diff, markers=True), soft_wrap=True)
    return captured.get()


def test_renderings(base: Path, tmp_path: Path) -> None:
    new = edited(base, tmp_path)
    new.set_text("1.2.1", "svar", INNOVATION_EDITED)
    new.delete_row("1.2.1", "insatser", 1)
    new.add_row("1.2.1", "insatser", SYNERLEAP)
    new.set_done("1.2.1", True)
    new.save()
    diff = compare(base, new)

    plain = _render_plain(diff)
    assert plain.splitlines()[0] == "vastmanland-2019: före → efter"
    assert "1.2.1 Innovation" in plain
    assert "Samverkan kring riskvillig finansiering har fortsatt {+och fördjupats+} under året." in plain
    assert "− Borttagen insats, rad 2: ECS-ISR, Nyps: 209206" in plain
    assert "+ Ny insats, rad 3: Synerleap powered by ABB" in plain
    assert "Markerat klart" in plain
    styled = rich_section(diff.sections[0])
    assert any("green" in str(span.style) for span in styled.spans)

    markdown = markdown_diff(diff)
    assert markdown.startswith("## Återrapport `vastmanland-2019`: före → efter\n")
    assert "### 1.2.1 Innovation" in markdown
    assert "> Samverkan kring riskvillig finansiering har fortsatt **och fördjupats** under året." in markdown
    assert "- **Borttagen insats, rad 2**: ECS-ISR, Nyps: 209206" in markdown
    assert "  - *Resultat*:\n\n    > ~~Effekter på kort och längre sikt" in markdown
    assert "✅ Markerat klart" in markdown

    data = json.loads(json.dumps(json_diff(diff), ensure_ascii=False))
    assert list(data) == ["format", "rapport", "mall", "fran", "till", "andrad", "ny_rapport",
                          "borttagen_rapport", "nya_filer", "borttagna_filer", "olasbara_filer",
                          "uppgifter", "avsnitt"]
    (section,) = data["avsnitt"]
    assert list(section) == ["id", "rubrik", "falt", "tabeller", "klar"]
    assert section["klar"] == {"fran": False, "till": True}
    assert [r["andring"] for r in section["tabeller"][0]["rader"]] == ["borttagen", "ny"]
    assert [o["text"].strip() for o in section["falt"][0]["ord"] if o["typ"] == "ny"] == ["och fördjupats"]
