"""Issue 10.1: the report's details edited in the app (first outline entry), validated, saved."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tui.app.app import AterrapportApp
from tui.app.screens.details import DetailsScreen
from tui.app.session import EditorSession
from tui.app.widgets.outline import DETAILS_NODE, Outline
from tui.core.canonical import format_report
from tui.core.head_edit import head_value, set_head_value
from tui.core.report import Report

SIZE = (120, 40)


def test_set_head_value_validates_and_keeps_comments(new_report: Path) -> None:
    path = new_report / "rapport.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("diarienr: ''", "# granskaren: fyll i\ndiarienr: ''", 1),
                    encoding="utf-8")
    report = Report.load(new_report)
    assert set_head_value(report, "diarienr", "RV190046") == []
    assert set_head_value(report, "underskrift.namn", "Maria Linder") == []
    assert set_head_value(report, "kontakt", "Maria Linder\n\nmaria@regionvastmanland.se\n") == []
    problems = set_head_value(report, "datum", "2020-02-31")
    assert [p.message for p in problems] == ["«datum» ska vara ett datum som ÅÅÅÅ-MM-DD, inte «2020-02-31»"]
    assert head_value(report, "datum") == ""  # refused: unchanged
    report.save()
    again = Report.load(new_report)
    assert again.head is not None and again.head.diarienr == "RV190046"
    assert again.head.kontakt == ["Maria Linder", "maria@regionvastmanland.se"]
    assert again.head.underskrift is not None and again.head.underskrift.namn == "Maria Linder"
    assert "# granskaren: fyll i" in path.read_text(encoding="utf-8")
    assert format_report(again, write=False) == []


async def test_details_from_the_outline_saved_and_validated(new_report: Path) -> None:
    app = AterrapportApp(new_report, session=EditorSession.open(new_report))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        outline = app.screen.query_one(Outline)
        first = outline.root.children[0]
        assert first.data == DETAILS_NODE and "Rapportens uppgifter" in str(first.label)
        outline.focus()
        outline.move_cursor(first)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DetailsScreen)
        await pilot.press(*"2020-02-3")
        await pilot.pause()
        assert "ska vara ett datum" in str(screen.query_one("#d-datum-fel").render())
        await pilot.press("escape")  # not closed over an invalid date
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("ctrl+z")  # back to what it was
        await pilot.pause()
        assert screen.query_one("#d-datum", Input).value == ""
        await pilot.press(*"2020-02-04")
        screen.query_one("#d-diarienr", Input).focus()
        await pilot.press(*"RV190046")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause(0.5)
        assert not isinstance(app.screen, DetailsScreen)
    head = Report.load(new_report).head
    assert head is not None and head.diarienr == "RV190046" and str(head.datum) == "2020-02-04"
    assert not [p for p in app.session.recheck() if "diarienr saknas" in p.message]


async def test_search_hit_in_the_details_opens_them(sample_2019: Path) -> None:
    app = AterrapportApp(sample_2019, session=EditorSession.open(sample_2019))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press(*"RV190046", "enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DetailsScreen)
        assert app.focused is app.screen.query_one("#d-diarienr")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"underskrift")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailsScreen)


async def test_one_line_details_undo_step_by_step_and_save(new_report: Path) -> None:
    """Ctrl+Z in a one-line field goes back a word at a time (not straight to the value the form
    opened with), Ctrl+Y redoes; what is left after the undos is what is saved."""
    report = Report.load(new_report)
    assert set_head_value(report, "diarienr", "RV190046") == []
    report.save()
    app = AterrapportApp(new_report, session=EditorSession.open(new_report))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_details()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DetailsScreen)
        filled = screen.query_one("#d-diarienr", Input)
        filled.focus()
        await pilot.press("ctrl+z")  # nothing typed: the value the form opened with is no step
        assert filled.value == "RV190046"
        await pilot.press("end", *" B")
        await pilot.press("ctrl+z")
        assert filled.value == "RV190046 "
        await pilot.press("ctrl+z", "ctrl+z")  # the space, then nothing left to undo
        assert filled.value == "RV190046"
        field = screen.query_one("#d-underskrift-titel", Input)
        field.focus()
        await pilot.press(*"Regional utvecklingsdirektör", "space", *"vik")
        assert field.value == "Regional utvecklingsdirektör vik"
        await pilot.press("backspace", "backspace", "backspace")  # one step, as in the answers
        await pilot.press("ctrl+z")
        assert field.value == "Regional utvecklingsdirektör vik"
        await pilot.press("ctrl+z")
        assert field.value == "Regional utvecklingsdirektör "
        await pilot.press("ctrl+z")
        assert (field.value, field.cursor_position) == ("Regional ", len("Regional "))
        await pilot.press("ctrl+y")
        assert field.value == "Regional utvecklingsdirektör "
        await pilot.press("backspace")
        assert field.value == "Regional utvecklingsdirektör"
        await pilot.press("ctrl+y")  # the change dropped the redo: nothing happens
        assert field.value == "Regional utvecklingsdirektör"
        # The date: an invalid value typed, undone to the one the form opened with, then a valid one.
        date = screen.query_one("#d-datum", Input)
        date.focus()
        await pilot.press(*"2020-02-31")
        await pilot.pause()
        assert "ska vara ett datum" in str(screen.query_one("#d-datum-fel").render())
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert date.value == "" and str(screen.query_one("#d-datum-fel").render()) == ""
        await pilot.press(*"2020-02-04")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DetailsScreen)
    head = Report.load(new_report).head
    assert head is not None and str(head.datum) == "2020-02-04" and head.diarienr == "RV190046"
    assert head.underskrift is not None and head.underskrift.titel == "Regional utvecklingsdirektör"
