"""Report.insert_row (issue 10.6's core): a row back at its place, within the template's limit."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.canonical import format_report
from tui.core.problems import AterrapportError
from tui.core.report import Report


def test_insert_row_at_its_place_and_canonical(new_report: Path) -> None:
    report = Report.load(new_report)
    for name in ("A", "C"):
        report.add_row("1.2.1", "insatser", {"namn": name})
    assert report.insert_row("1.2.1", "insatser", 1, {"namn": "B", "resultat": "rad ett\nrad två"}) == 1
    assert report.insert_row("1.2.1", "insatser", 99, {"namn": "D"}) == 3
    report.save()
    again = Report.load(new_report)
    assert [r["namn"] for r in again.rows("1.2.1")] == ["A", "B", "C", "D"]
    assert again.rows("1.2.1")[1]["resultat"] == "rad ett\nrad två"
    assert format_report(again, write=False) == []


def test_insert_row_respects_the_limit(new_report: Path) -> None:
    report = Report.load(new_report)
    for number in range(5):
        report.add_row("1.2.1", "insatser", {"namn": str(number)})
    with pytest.raises(AterrapportError) as raised:
        report.insert_row("1.2.1", "insatser", 0, {"namn": "sjätte"})
    assert "mallen tillåter högst 5" in raised.value.problems[0].message
