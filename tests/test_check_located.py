"""`check` reads the files fast (no positions) and re-reads round-trip only the files with a
problem, checking those again for their lines: the problems are the same, in the same order,
as when every file is read round-trip, and no file without a problem is re-read.

``ATERRAPPORT_LOCATE_EXAMPLES`` sets the number of hypothesis examples (more for a hunt).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tui.core.report import Report
from tui.core.validation import check_report, count

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (ROOT / "sample_reports").iterdir() if p.is_dir())
EXAMPLES = int(os.environ.get("ATERRAPPORT_LOCATE_EXAMPLES", "12"))

# Fragments that make check speak: text other readers take for a boolean or number, an unknown
# key, a broken structure, Markdown check warns about, a flow list, a done mark.
FRAGMENTS = ["ja", "nej", "2019", "1.5", "~", "okänd: x", ": ", "- ", "  ", "\n", "\t", "klar: ja",
             "<b>", "[länk](fil.txt)", "![bild](saknas.png)", "[^1]", "&amp;", "[a, b]", "'", '"', "#"]


@st.composite
def broken_copy_plan(draw: st.DrawFn) -> tuple[Path, dict[str, str]]:
    """A sample and new texts for one to three of its files (one mutated line each, or more)."""
    sample = draw(st.sampled_from(SAMPLES))
    names = sorted(p.name for p in sample.glob("*.yaml"))
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))
    texts: dict[str, str] = {}
    for name in chosen:
        lines = (sample / name).read_text(encoding="utf-8").split("\n")
        for _ in range(draw(st.integers(1, 3))):
            i = draw(st.integers(0, len(lines) - 1))
            action = draw(st.integers(0, 3))
            if action == 0:  # a fragment at a place in the line
                at = draw(st.integers(0, len(lines[i])))
                lines[i] = lines[i][:at] + draw(st.sampled_from(FRAGMENTS)) + lines[i][at:]
            elif action == 1:  # a value replaced
                key, sep, _value = lines[i].partition(": ")
                lines[i] = key + (sep or ": ") + draw(st.sampled_from(FRAGMENTS))
            elif action == 2:
                lines.insert(draw(st.integers(0, len(lines))), lines[i])
            else:
                lines[i] = " " * draw(st.integers(0, 6)) + lines[i].lstrip()
        texts[name] = "\n".join(lines)
    return sample, texts


def write_broken_copy(plan: tuple[Path, dict[str, str]], tmp: Path) -> Path:
    """The copy ``broken_copy_plan`` describes, in ``tmp``: its folder."""
    sample, texts = plan
    folder = tmp / sample.name
    shutil.copytree(sample, folder)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken_copy_plan())
def test_check_re_reads_only_the_files_with_problems(plan: tuple[Path, dict[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_broken_copy(plan, Path(tmp))
        try:
            everything_located = check_report(Report.load(folder))
        except Exception as exc:  # rapport.yaml broken: both ways refuse alike
            try:
                Report.load(folder, read_only=True)
            except type(exc) as fast_exc:
                assert str(fast_exc) == str(exc)
                event("rapport.yaml refused")
                return
            raise
        # render and export print only the errors and count the warnings: files with only
        # warnings are not re-read for them, and the errors and the counts are the same.
        quick = check_report(Report.load(folder, read_only=True), locate_warnings=False)
        assert [p for p in quick if p.is_error] == [p for p in everything_located if p.is_error]
        assert count(quick) == count(everything_located)
        report = Report.load(folder, read_only=True)
        problems = check_report(report)
        assert problems == everything_located
        with_problems = {p.file for p in problems}
        event(f"{len(with_problems)} files with problems")
        for doc in report.documents():
            if doc.readable and doc.disk_text is not None:  # a file that was read, fast
                assert doc.located == (doc.path in with_problems), \
                    (doc.path.name, sorted(p.name for p in with_problems))


def test_render_and_export_re_read_only_the_files_with_errors() -> None:
    """The 2019 sample has warnings (in 1.1.yaml) and no errors: nothing is read again."""
    report = Report.load(SAMPLES[[s.name for s in SAMPLES].index("vastmanland-2019")], read_only=True)
    problems = check_report(report, locate_warnings=False)
    assert problems and not any(p.is_error for p in problems)
    assert not any(doc.located for doc in report.documents() if doc.disk_text is not None)
