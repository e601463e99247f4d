"""The YAML contract: canonical, byte-stable, comment-preserving, minimal diffs."""

from __future__ import annotations

import difflib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.canonical import format_report
from tui.core.report import Report
from tui.core.text import normalize_text

# Real text and rows from Region Västmanland's report for 2019 (seed 002, section 1.2.1).
SVAR_121 = (
    "Höjd innovationskraft och koppling till forskning är ett av insatsområdena i "
    "näringslivsstrategin Affärsplan Västmanland. Syftet är att utveckla en stark innovations- "
    "och entreprenörskapsmiljö dels ett mångfacetterat näringsliv med tillväxtföretag och "
    "företag med stark konkurrenskraft.\n\n- innovationsutveckling och affärsutveckling")
ROW_121 = {
    "namn": "Kartläggning av riskvillig finansiering",
    "bidrag_till_mal": "Insatsen kopplar till mål: Utveckla och attrahera tillväxtföretag – öka "
    "konkurrenskraften för SMF, (små och medelstora företag). Direkt kopplat till indikatorn: "
    "ökad andel riskkapital i länet",
    "resultat": "Prestation: En utökad kunskap om länets riskvilliga finansiering finns. En "
    "actionplan finns och insatser initierade.\n\nFörväntade effekter på kort sikt är att "
    "finansieringen till olika företag i olika faser är synkad och tydliggjord.",
}


def _diff(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_new_report_is_canonical_and_byte_stable(new_report: Path) -> None:
    report = Report.load(new_report)
    for doc in report.documents():
        assert doc.render() == doc.disk_text, doc.path
    assert format_report(report, write=False) == []


def test_sample_round_trip_is_byte_identical(sample_2019: Path) -> None:
    report = Report.load(sample_2019)
    docs = [d for d in report.documents() if d.disk_text is not None]
    assert len(docs) >= 3
    for doc in docs:
        assert doc.render() == doc.disk_text, doc.path
        doc.dirty = True
    report.save()
    for doc in docs:
        assert doc.path.read_text(encoding="utf-8") == doc.disk_text


def test_editing_one_answer_changes_only_its_lines(new_report: Path) -> None:
    report = Report.load(new_report)
    report.set_text("1.2.1", "svar", SVAR_121)
    report.add_row("1.2.1", "insatser", ROW_121)
    report.save()
    before = (new_report / "1.2.yaml").read_text(encoding="utf-8")

    report = Report.load(new_report)
    report.set_text("1.2.2", "svar", "Företagande och entreprenörskap är prioriterat.")
    report.save()
    after = (new_report / "1.2.yaml").read_text(encoding="utf-8")
    assert _diff(before, after) == [
        "-  svar: ''", "+  svar: Företagande och entreprenörskap är prioriterat."]


def test_literal_blocks_and_letters(new_report: Path) -> None:
    report = Report.load(new_report)
    report.set_text("1.2.1", "svar", SVAR_121)
    report.add_row("1.2.1", "insatser", ROW_121)
    report.save()
    text = (new_report / "1.2.yaml").read_text(encoding="utf-8")
    assert "  svar: |\n    Höjd innovationskraft" in text
    assert "\n    - namn: Kartläggning av riskvillig finansiering\n" in text
    assert "      resultat: |\n        Prestation: En utökad kunskap" in text
    assert "\\u" not in text and '"' not in text
    assert max(len(line) for line in text.splitlines()) > 150  # never folded


def test_reviewer_comments_survive_edits(new_report: Path) -> None:
    path = new_report / "1.2.yaml"
    report = Report.load(new_report)
    report.set_text("1.2.1", "svar", SVAR_121)
    report.add_row("1.2.1", "insatser", ROW_121)
    report.save()
    text = path.read_text(encoding="utf-8")
    text = text.replace("# 1.2.2 Företagande", "# Granskare: korta ned 1.2.1\n# 1.2.2 Företagande")
    text = text.replace("    - namn: Kartläggning", "    # Granskare: finns NYPS-nummer?\n    - namn: Kartläggning")
    path.write_text(text, encoding="utf-8")

    report = Report.load(new_report)
    report.add_row("1.2.1", "insatser", {"namn": "Smart4U", "resultat": "Prestation: nätverk"})
    report.set_text("1.2.1", "svar", SVAR_121 + "\n\nNytt stycke.")
    report.set_text("1.2.3", "svar", "Miljödriven näringslivsutveckling.")
    report.save()
    after = path.read_text(encoding="utf-8")
    lines = after.splitlines()
    assert lines[lines.index("    - namn: Kartläggning av riskvillig finansiering") - 1] == (
        "    # Granskare: finns NYPS-nummer?")
    reviewer = lines.index("# Granskare: korta ned 1.2.1")
    assert lines[reviewer + 1] == "# 1.2.2 Företagande och entreprenörskap"
    assert lines[reviewer + 2] == "1.2.2:"
    smart = lines.index("    - namn: Smart4U")
    assert smart < reviewer, "the new row belongs to 1.2.1's table, above 1.2.2's comments"
    assert _diff(text, after) == [
        "+",
        "+    Nytt stycke.",
        "+    - namn: Smart4U",
        "+      bidrag_till_mal: ''",
        "+      resultat: 'Prestation: nätverk'",
        "-  svar: ''",
        "+  svar: Miljödriven näringslivsutveckling.",
    ]


def test_delete_and_move_rows_keep_following_comments(new_report: Path) -> None:
    report = Report.load(new_report)
    for name in ("A", "B", "C"):
        report.add_row("1.2.3", "insatser", {"namn": name})
    report.save()
    report = Report.load(new_report)
    report.move_row("1.2.3", "insatser", 2, -1)
    report.delete_row("1.2.3", "insatser", 0)
    report.save()
    report = Report.load(new_report)
    assert [r["namn"] for r in report.rows("1.2.3", "insatser")] == ["C", "B"]
    report.delete_row("1.2.3", "insatser", 1)
    report.delete_row("1.2.3", "insatser", 0)
    report.save()
    text = (new_report / "1.2.yaml").read_text(encoding="utf-8")
    assert "  insatser: []\n# 1.2.4 Tidigare insatser" in text


def test_crlf_and_trailing_spaces_are_normalised(new_report: Path) -> None:
    report = Report.load(new_report)
    report.set_text("1.1.1", "svar", "Rad ett  \r\nRad två\t\r\n\r\n\r\n")
    report.save()
    assert Report.load(new_report).text("1.1.1") == "Rad ett\nRad två"
    assert b"\r" not in (new_report / "1.1.yaml").read_bytes()


def test_fmt_canonicalises_hand_edited_file(new_report: Path) -> None:
    path = new_report / "1.1.yaml"
    path.write_text(
        "# min kommentar\n1.1.2:\n  svar: \"Två\\nrader  \"\n"
        "1.1.1:\n  svar: 'En rad'\n", encoding="utf-8")
    report = Report.load(new_report)
    changed = format_report(report, write=True)
    assert [d.path.name for d in changed] == ["1.1.yaml"]
    text = path.read_text(encoding="utf-8")
    assert text.index("1.1.1:") < text.index("1.1.2:") < text.index("1.1.3:")
    assert "# min kommentar" in text
    assert "  svar: |\n    Två\n    rader\n" in text
    assert "  svar: En rad\n" in text
    assert text.count("# 1.1.2 Utmaningar") == 1
    assert format_report(Report.load(new_report), write=False) == []


# Text a writer may type or paste: Swedish letters, YAML syntax, blank lines, indentation.
_alphabet = st.sampled_from([
    *"abcåäöÅÄÖ é—–“”«»€§ \t\n#:-|'\"&*!%@`>{}[],?0123456789", "---", ": ", " #", "\r\n", "\x0b"])
texts = st.lists(_alphabet, max_size=60).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, cell=texts)
def test_any_text_survives_save_and_load(new_report: Path, text: str, cell: str) -> None:
    report = Report.load(new_report)
    report.set_text("1.2.1", "svar", text)
    report.set_text("1.2.2", "svar", "x")
    if report.rows("1.2.1", "insatser"):
        report.update_row("1.2.1", "insatser", 0, {"namn": cell, "resultat": text})
    else:
        report.add_row("1.2.1", "insatser", {"namn": cell, "resultat": text})
    report.save()
    again = Report.load(new_report)
    assert again.text("1.2.1") == normalize_text(text)
    assert again.rows("1.2.1", "insatser")[0]["namn"] == normalize_text(cell)
    assert again.rows("1.2.1", "insatser")[0]["resultat"] == normalize_text(text)
    assert again.text("1.2.2") == "x"
    for doc in again.documents():
        assert doc.render() == doc.disk_text


def test_saving_in_a_thread_while_editing_loses_nothing(new_report: Path) -> None:
    """The app writes files in a worker thread while the writer edits: the report's lock keeps
    every edit, and every file stays parseable."""
    import threading

    report = Report.load(new_report)
    stop = threading.Event()

    def saver() -> None:
        while not stop.is_set():
            report.save()

    thread = threading.Thread(target=saver)
    thread.start()
    try:
        for number in range(40):
            report.add_row("1.4.3", "insatser", {"namn": f"Insats {number}"})
            report.set_text("1.4.3", "svar", f"Svar version {number}\n\nmed två stycken")
    finally:
        stop.set()
        thread.join()
    report.save()
    again = Report.load(new_report)
    assert [r["namn"] for r in again.rows("1.4.3")] == [f"Insats {n}" for n in range(40)]
    assert again.text("1.4.3") == "Svar version 39\n\nmed två stycken"
