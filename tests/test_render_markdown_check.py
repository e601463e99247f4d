"""`check` reports the Markdown the Word document cannot show as written, at its YAML line."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from conftest import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from render_support import tiny_png

from tui.core.problems import Severity
from tui.core.render.markdown_check import _may_matter, check_text
from tui.core.report import Report
from tui.core.scaffold import create_report
from tui.core.template import get_template
from tui.core.validation import check_report

# Region Västmanland's 1.1.2 and 1.2.1 answers (seed 002), with what a writer might paste in.
ANSWERS = """\
# 1.1.1 Den regionala utvecklingsstrategin
1.1.1:
  svar: |
    Under året har framtagandet av en ny regional utvecklingsstrategi (RUS) fortsatt.

    Nollmätningen resulterade i ett <b>PM</b> och dragningar med regionens politiker.

    Se [lärandeplanen](Lärandeplan.docx) och [RUS 2030](https://www.regionvastmanland.se/rus).

    ![Indikatorer](https://example.org/indikatorer.png)
# 1.1.2 Utmaningar
1.1.2:
  svar: |
    ### Rätt kompetens

    #### Matchningen på arbetsmarknaden

    ##### Integrationen

    ###### Flyktingar

    Matchningen på arbetsmarknaden är fortfarande en stor utmaning[^1][^2].

    [^2]: Uppföljningen 2019.

    [^3]: Används inte.
# 1.1.3 Inomregionala skillnader – hänsyn till olika förutsättningar
1.1.3:
  svar: |
    ![Strukturbild](strukturbild.png)

    ![Näringslivsanalys](../bisnode.png)

    ![Karta](karta.svg)

    ![Butiken i Valskog](valskog.png)
"""


def make(folder: Path) -> Report:
    create_report(folder, get_template("aterrapportering-2019"), "Region Västmanland", 2019)
    (folder / "1.1.yaml").write_text(ANSWERS, encoding="utf-8")
    (folder / "karta.svg").write_text("<svg/>", encoding="utf-8")
    (folder / "valskog.png").write_bytes(tiny_png())
    return Report.load(folder)


def found(folder: Path) -> list[tuple[int, str, Severity, str]]:
    problems = check_report(Report.load(folder))
    return [(p.line, p.section, p.severity, p.message) for p in problems
            if p.file.name == "1.1.yaml" and "obesvarat" not in p.message]


def test_unsupported_markdown_is_reported_at_its_line(tmp_path: Path) -> None:
    make(tmp_path / "r")
    problems = found(tmp_path / "r")
    lines = {(line, section): (severity, message) for line, section, severity, message in problems}
    html = lines[(6, "1.1.1")]
    assert html[0] is Severity.WARNING and "HTML («<b>»)" in html[1] and "vanlig text" in html[1]
    link = lines[(8, "1.1.1")]
    assert link[0] is Severity.WARNING and "«Lärandeplan.docx» är ingen webbadress" in link[1]
    web_image = lines[(10, "1.1.1")]
    assert "webbadress" in web_image[1] and "«Indikatorer»" in web_image[1]
    # Four heading levels under a level-3 section fit in Word's nine (issue 13: no more cap at
    # three answer levels), so there is nothing to warn about.
    assert not any("rubrikerna har fler nivåer" in m for _l, _s, _v, m in problems)
    assert "fotnoten [^1] saknar text" in lines[(22, "1.1.2")][1]
    assert "fotnoten [^3] används inte i texten" in lines[(26, "1.1.2")][1]
    assert all(sev is Severity.WARNING for line, s, sev, m in problems if s in ("1.1.1", "1.1.2"))


def test_image_files_must_exist_in_the_folder(tmp_path: Path) -> None:
    make(tmp_path / "r")
    problems = [(line, sev, m) for line, s, sev, m in found(tmp_path / "r") if s == "1.1.3"]
    assert (30, Severity.ERROR, "bilden «strukturbild.png» finns inte i rapportmappen") in problems
    assert (32, Severity.ERROR, "bilden «../bisnode.png» ligger utanför rapportmappen; lägg den i mappen") in problems
    assert any(line == 34 and sev is Severity.ERROR and "format" in m for line, sev, m in problems)
    assert not any(line == 36 for line, sev, m in problems)  # valskog.png is there


def test_check_command_lists_them(tmp_path: Path) -> None:
    make(tmp_path / "r")
    result = run_cli("check", tmp_path / "r", cwd=tmp_path)
    assert result.returncode == 1
    assert "r/1.1.yaml:30: 1.1.3: bilden «strukturbild.png» finns inte i rapportmappen" in result.stdout + result.stderr
    assert "r/1.1.yaml:6: 1.1.1: varning: HTML" in result.stdout + result.stderr


def test_samples_have_nothing_to_report() -> None:
    from conftest import SAMPLES

    for name in ("vastmanland-2024", "vastmanland-2019"):
        folder = SAMPLES / name
        if not folder.exists():
            continue
        # Issue 10.1: an empty datum, diarienr or signature in rapport.yaml is a warning of its own;
        # unanswered sections and (issue 9) unanswered Ja/Nej beside an answer are not Markdown's.
        problems = [p for p in check_report(Report.load(folder)) if "obesvara" not in p.message
                    and p.file.name != "rapport.yaml"]
        assert problems == [], (name, problems[:3])


def test_image_without_alt_text_is_a_warning_at_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    create_report(folder, get_template("aterrapportering-2019"), "Region Västmanland", 2019)
    (folder / "karta.png").write_bytes(tiny_png())
    (folder / "1.1.yaml").write_text(
        "# 1.1.1 Den regionala utvecklingsstrategin\n1.1.1:\n  svar: |\n    Inledning.\n\n"
        "    ![](karta.png)\n\n    ![Karta över länets kommuner](karta.png)\n", encoding="utf-8")
    result = run_cli("check", folder, cwd=tmp_path)
    out = result.stdout + result.stderr
    assert "r/1.1.yaml:6: 1.1.1: varning: bild utan alternativtext: «karta.png»" in out
    assert "1.1.yaml:8:" not in out  # the image with alt text is fine
    assert result.returncode == 0  # a warning, not an error


# Fragments a writer might type, with and without what the check looks for (`<`, `[`, `&`, lists).
FRAGMENTS = ["Text", " ", "\n", "\n\n", "- ", "* ", "+ ", "1. ", "10) ", "  ", "    ", "\t", "> ", ">", "`kod`",
             "**fet**", "_lutande_", "# ", "---", "|a|b|\n|-|-|\n", "```\n", "1.5", "år 2019. ", "x-y", "\\",
             "~~s~~", "[Figur: ett diagram]", "*[Figur]*", "[a]", "[a][]", "[a][b]", "[a] (b)", "[a]\n(b)", "]", "(",
             ":", "<b>", "<div>\n", "<https://a.se>", "a@b.se", "[^1]", "[^1]: not", "\\[^x]", "&#91;^e]",
             "&lbrack;^f]", "&amp;", "[länk](intern)", "[l](https://a.se)", "![a](b.png)", "![](https://a.se/b.png)",
             "[r]: lokal\n", "[b]:", "[r]", "[\nr](x)", "- - - - - - - - - - x", "1. 2. 3) - + * - 1. - - x",
             "> - > - > - > - > - ", "- > " * 10 + "x", "\t- \t- \t- ", "\r", "\r\n", "1-", "-\n",
             "\n" + "".join("  " * i + "- n\n" for i in range(11)),
             "\n" + "".join("   " * i + "1. n\n" for i in range(11)),
             "\n" + "".join("\t" * (i // 2) + "  " * (i % 2) + "- n\n" for i in range(11)),
             "\r" + "".join("  " * i + "* n\r" for i in range(11))]


@settings(max_examples=int(os.environ.get("MARKDOWN_CHECK_EXAMPLES", 150)), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join))
def test_texts_the_check_skips_have_nothing_to_report(text: str) -> None:
    """``check`` parses only texts that may hold something to report: skipping is never a miss."""
    report = _sample()
    doc = report.document_for("1.1.1")
    problems = check_text(report, text, doc.path, doc.data, ("1.1.1", "svar"), "1.1.1")
    assert not problems or _may_matter(text), (text, problems)


@functools.cache
def _sample() -> Report:
    from conftest import SAMPLES

    return Report.load(SAMPLES / "vastmanland-2019", read_only=True)
