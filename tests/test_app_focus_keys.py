"""Keys typed faster than the app moves the focus reach the field they were typed for, in order:
the keys typed the instant a form or dialog opens (the row form, the details, search, a
question), and a letter typed right after Tab. The keys are posted to the real app all at once,
in the same tick as the key that opens the form, as a terminal delivers a fast typist's keys."""

from __future__ import annotations

from pathlib import Path

from app_helpers import as_a, key_event, open_app, wait_until
from textual import events
from textual.pilot import Pilot
from textual.widgets import Button, Input, Static, TextArea

from tui.app import positions
from tui.app.app import AterrapportApp
from tui.app.journal import read_journal
from tui.app.screens.details import DetailsScreen
from tui.app.screens.dialogs import ChoiceDialog
from tui.app.screens.editor import EditorScreen
from tui.app.screens.row_form import RowForm
from tui.app.screens.search import SearchScreen
from tui.app.widgets.answer_editor import AnswerEditor
from tui.app.widgets.insats_table import InsatsTable
from tui.app.widgets.outline import DETAILS_NODE, Outline
from tui.app.widgets.section_view import ChoiceSelect
from tui.core.report import Report

SIZE = (100, 30)
TAB = events.Key("tab", "\t")


def _type(app: object, *keys: str | events.Key) -> None:
    """Every key into the app's queue at once, before it handles the first."""
    from textual.app import App

    assert isinstance(app, App)
    for key in keys:
        # A fresh event each time: an event once forwarded is marked so (TAB, DOWN are reused).
        fresh = [events.Key(key.key, key.character)] if isinstance(key, events.Key) else [key_event(c) for c in key]
        for event in fresh:
            app.post_message(event)


def _form_values(app: AterrapportApp) -> dict[str, str]:
    """The open row form's values; none while it is not open or its fields are not composed yet
    (a busy machine lets the test look in between)."""
    screen = app.screen
    if not isinstance(screen, RowForm) or not screen.query("#row-fields TextArea"):
        return {}
    return screen.values()


async def test_the_row_form_gets_every_key_typed_as_it_opens_and_a_letter_after_tab(new_report: Path) -> None:
    positions.remember_section(new_report, "1.2.4")  # the section is only the table
    app = open_app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.focused, InsatsTable), "the table has the focus")
        # Tab around the form and back (Namn → Resultat → the buttons → the scroll area → Namn → Resultat).
        _type(app, "aNamn på insatsen", TAB, "R", TAB, TAB, TAB, TAB, TAB, "esultat")
        await wait_until(pilot, lambda: _form_values(app).get("resultat") == "Resultat", "every key in the form")
        form = as_a(RowForm, app.screen)
        assert form.values() == {"namn": "Namn på insatsen", "resultat": "Resultat"}
        _type(app, events.Key("ctrl+s", None), "a", "Andra", TAB, "x")  # a second row, typed at once
        await wait_until(pilot, lambda: app.screen is not form and _form_values(app).get("resultat") == "x",
                         "the second form")
        assert as_a(RowForm, app.screen).values()["namn"] == "Andra"
        _type(app, events.Key("escape", None), "\n")  # Esc asks; Enter at once takes the default: save
        await wait_until(pilot, lambda: isinstance(app.focused, InsatsTable), "back in the table")
        await pilot.press("ctrl+q")
    rows = Report.load(new_report).rows("1.2.4")
    assert [row["namn"] for row in rows] == ["Namn på insatsen", "Andra"]


async def test_search_and_details_get_the_keys_typed_as_they_open(new_report: Path) -> None:
    app = open_app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.focused, AnswerEditor), "the answer has the focus")
        _type(app, "Svar", events.Key("ctrl+f", None), "svar")
        await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen)
                         and app.screen.query_one(Input).value == "svar", "the query typed")
        _type(app, events.Key("escape", None), "!")
        await wait_until(pilot, lambda: isinstance(app.focused, AnswerEditor)
                         and as_a(TextArea, app.focused).text.endswith("!"), "back in the answer")
        assert as_a(TextArea, app.focused).text == "Svar!"

        outline = app.screen.query_one(Outline)
        outline.focus()
        outline.move_cursor(outline.root.children[0])
        assert outline.root.children[0].data == DETAILS_NODE
        await wait_until(pilot, lambda: isinstance(app.focused, Outline))
        _type(app, "\n", "2020-02-04", TAB, "RV190046")
        await wait_until(pilot, lambda: isinstance(app.screen, DetailsScreen)
                         and app.screen.query_one("#d-diarienr", Input).value == "RV190046", "the details typed")
        assert app.screen.query_one("#d-datum", Input).value == "2020-02-04"
        _type(app, events.Key("escape", None))
        await wait_until(pilot, lambda: not isinstance(app.screen, DetailsScreen))
        await pilot.press("ctrl+q")
    head = Report.load(new_report).head
    assert head is not None and head.diarienr == "RV190046" and str(head.datum) == "2020-02-04"


async def test_a_question_gets_the_key_typed_as_it_opens(new_report: Path) -> None:
    positions.remember_section(new_report, "1.2.4")
    app = open_app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.focused, InsatsTable), "the table has the focus")
        report = as_a(Report, app.session and app.session.report)
        _type(app, "aEtt namn", events.Key("ctrl+s", None))
        await wait_until(pilot, lambda: [r["namn"] for r in report.rows("1.2.4")] == ["Ett namn"]
                         and isinstance(app.focused, InsatsTable), "the row saved")
        _type(app, events.Key("delete", None), TAB, "\n")
        # Delete asks "Ta bort raden?" (Avbryt first); Tab to "Ta bort", Enter: gone.
        await wait_until(pilot, lambda: not isinstance(app.screen, ChoiceDialog | RowForm)
                         and isinstance(app.focused, InsatsTable)
                         and not report.rows("1.2.4"), "the row deleted")


async def test_keys_typed_after_ctrl_n_and_ctrl_b_reach_the_new_sections_answer(new_report: Path) -> None:
    """Ctrl+N/Ctrl+B mount the new section's fields and focus the first a frame or more later:
    the keys typed at once after them go there, never into the answer of the section left."""
    app = open_app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.focused, AnswerEditor), "the answer has the focus")
        first = as_a(AnswerEditor, app.focused)
        old = (first.section_id, first.key)
        _type(app, "Gammalt", events.Key("ctrl+n", None), "Nytt")
        await wait_until(pilot, lambda: isinstance(app.focused, AnswerEditor)
                         and as_a(AnswerEditor, app.focused).section_id != old[0]
                         and as_a(TextArea, app.focused).text.endswith("Nytt"), "the text in the next section")
        new = as_a(AnswerEditor, app.focused)
        new_place, new_text = (new.section_id, new.key), new.text
        assert new_text == "Nytt"
        _type(app, events.Key("ctrl+b", None), "!", events.Key("ctrl+n", None), "?")
        await wait_until(pilot, lambda: isinstance(app.focused, AnswerEditor)
                         and as_a(AnswerEditor, app.focused).section_id == new_place[0]
                         and as_a(TextArea, app.focused).text == "Nytt?"
                         and as_a(Report, app.session and app.session.report).text(*new_place) == "Nytt?",
                         "back in the next section")
        await pilot.press("ctrl+q")
    report = Report.load(new_report)
    assert report.text(*old) == "Gammalt!"
    assert report.text(*new_place) == "Nytt?"




async def test_text_typed_in_the_same_read_as_ctrl_q_is_saved(new_report: Path) -> None:
    """The last words and Ctrl+Q arrive together (a fast typist, or keys typed while the app was
    busy): Ctrl+Q is the app's priority key, so it ran before the answer's Changed messages
    reached the editor, and the words were not saved (all of them, on a new report)."""
    for attempt in range(3):
        await _type_and_quit(new_report, f" sista orden {attempt}!")
        assert Report.load(new_report).text("1.1.1").endswith(f" sista orden {attempt}!"), f"attempt {attempt}"


async def _type_and_quit(folder: Path, words: str) -> None:
    app = open_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.focused, AnswerEditor), "the answer")
        await pilot.pause()
        _type(app, words, events.Key("ctrl+q", "\x11"))
        await wait_until(pilot, lambda: not app.is_running, "the app to quit")


async def test_text_typed_in_the_same_read_as_ctrl_s_is_in_that_save(new_report: Path) -> None:
    """Ctrl+S is a priority key too: the save it makes (before "Sparat" shows) holds the words
    typed with it, not only the autosave a second later."""
    app = open_app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.focused, AnswerEditor), "the answer")
        await pilot.pause()
        _type(app, "Sparat med Ctrl+S", events.Key("ctrl+s", "\x13"))
        await wait_until(pilot, lambda: any(n.message == "Sparat" for n in app._notifications), "Sparat")
        assert Report.load(new_report).text("1.1.1") == "Sparat med Ctrl+S"


DOWN = events.Key("down", None)


async def test_keys_typed_with_enter_in_the_outline_reach_the_chosen_sections_answer(new_report: Path) -> None:
    """Enter on an outline entry puts the focus in that section's first field a frame or more
    later: the keys typed at once after it go there (they went to the outline, and were lost)."""
    app = open_app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.focused, AnswerEditor), "the answer has the focus")
        report = as_a(Report, app.session and app.session.report)
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(app.focused, Outline), "the outline has the focus")
        _type(app, DOWN, "\n", "Valt")  # 1.1.1 → 1.1.2, chosen, typed into
        await wait_until(pilot, lambda: report.text("1.1.2") == "Valt", "the text in the chosen section")
        # Ctrl+O moves the focus through the app's queue: the Enter right after it is the outline's
        # (on the section shown), not a new line in the answer.
        _type(app, events.Key("ctrl+o", None), "\n", "!")
        await wait_until(pilot, lambda: report.text("1.1.2") == "Valt!", "the outline's Enter, then the answer")
        _type(app, events.Key("ctrl+o", None), DOWN, DOWN, "\n")  # 1.1.4: a choice first
        await wait_until(pilot, lambda: isinstance(app.focused, ChoiceSelect)
                         and as_a(EditorScreen, app.screen).current.id == "1.1.4"
                         and not app.early_keys.held_back, "in 1.1.4's choice")
        _type(app, events.Key("ctrl+o", None), events.Key("up", None), events.Key("up", None), "\n", "?")
        await wait_until(pilot, lambda: report.text("1.1.2") == "Valt!?", "back in 1.1.2")
        await pilot.press("ctrl+q")
    report = Report.load(new_report)
    assert report.text("1.1.1") == "" and report.text("1.1.2") == "Valt!?" and report.text("1.1.3") == ""
    assert report.text("1.1.4") == "" and report.choice("1.1.4", "paverkat") == ""


async def test_keys_typed_with_a_search_hit_replace_the_hit_as_shown(new_report: Path) -> None:
    """A hit is shown selected, as a selection made by hand: what is typed right after Enter
    on it replaces it, in its own section or another, whether typed at once or later."""
    report = Report.load(new_report)
    report.set_text("1.1.1", "svar", "Här står ettord i början.")
    report.set_text("1.1.3", "svar", "Första raden.\nDär står tvåord mitt i.")
    report.save()
    app = open_app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.focused, AnswerEditor), "the answer has the focus")
        live = as_a(Report, app.session and app.session.report)
        _type(app, events.Key("ctrl+f", None), "tvåord", "\n", "TVÅ")  # in 1.1.3
        await wait_until(pilot, lambda: live.text("1.1.3") == "Första raden.\nDär står TVÅ mitt i.",
                         "the hit in 1.1.3 replaced")
        _type(app, events.Key("ctrl+f", None), "ettord", "\n", "ETT")  # 1.1.1
        await wait_until(pilot, lambda: live.text("1.1.1") == "Här står ETT i början.", "the hit in 1.1.1 replaced")
        _type(app, events.Key("ctrl+f", None), "ETT", "\n", "ett")  # the same section
        await wait_until(pilot, lambda: live.text("1.1.1") == "Här står ett i början.", "the hit replaced again")
        await pilot.press("ctrl+q")
    report = Report.load(new_report)
    assert report.text("1.1.1") == "Här står ett i början."
    assert report.text("1.1.3") == "Första raden.\nDär står TVÅ mitt i."


async def test_words_typed_with_a_key_that_leaves_or_saves_are_kept(new_report: Path) -> None:
    """The last words and a key that saves or leaves the field arrive together: every save
    takes the words already in the answers first (EditorScreen.flush), not only Ctrl+S/Ctrl+Q/F2.
    Ctrl+N saved the section left without them, and the old answer, removed, never told the
    editor (lost); Ctrl+T found the section empty and refused to mark it done."""
    app = open_app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.focused, AnswerEditor), "the answer has the focus")
        report = as_a(Report, app.session and app.session.report)
        editor = as_a(EditorScreen, app.screen)
        await pilot.pause()
        _type(app, "Lämnat", events.Key("ctrl+n", None))
        await wait_until(pilot, lambda: editor.current.id == "1.1.2" and editor.focus_placed
                         and not app.early_keys.held_back, "in 1.1.2")
        await pilot.pause()
        _type(app, "Klart", events.Key("ctrl+t", None))
        await wait_until(pilot, lambda: report.is_done("1.1.2"), "1.1.2 marked done")
        await pilot.press("ctrl+q")
    report = Report.load(new_report)
    assert report.text("1.1.1") == "Lämnat"
    assert report.text("1.1.2") == "Klart" and report.is_done("1.1.2")


async def test_words_typed_with_f6_are_in_the_document(new_report: Path) -> None:
    """F6 saves, then renders the files: the words typed in the same read as F6 are in them."""
    import docx

    from tui.core.render.output import default_output

    app = open_app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.focused, AnswerEditor), "the answer has the focus")
        report = as_a(Report, app.session and app.session.report)
        output = default_output(report)
        await pilot.pause()
        _type(app, "Sistaordet", events.Key("f6", None))
        await wait_until(pilot, lambda: output.exists() or app.screen.query("#skapa"), "the document or the question")
        if app.screen.query("#skapa"):  # a new report has errors: create it anyway
            app.screen.query_one("#skapa", Button).press()
        await wait_until(pilot, output.exists, "the document")
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+q")
    assert "Sistaordet" in "\n".join(p.text for p in docx.Document(str(output)).paragraphs)


async def _open_details(pilot: Pilot[None], app: AterrapportApp, typed: str) -> DetailsScreen:
    """Enter on the outline's first entry and ``typed`` into the date, in one tick."""
    outline = app.screen.query_one(Outline)
    outline.focus()
    outline.move_cursor(outline.root.children[0])
    await wait_until(pilot, lambda: isinstance(app.focused, Outline) and not app.early_keys.held_back)
    for event in [key_event(c) for c in "\n" + typed]:
        app.post_message(event)
    await wait_until(pilot, lambda: isinstance(app.screen, DetailsScreen) and app.screen.focus_placed
                     and not app.early_keys.held_back
                     and app.screen.query_one("#d-datum", Input).value.endswith(typed), "the date typed")
    return as_a(DetailsScreen, app.screen)


async def test_a_detail_not_valid_yet_is_journaled_offered_back_and_never_written(new_report: Path) -> None:
    """A half-typed date is not in the model (rapport.yaml must not get it), yet it is what the
    writer typed: the journal keeps it (what kill -9 leaves, and what Ctrl+Q leaves while it is
    not valid), the next start offers it with its value, taking it back writes nothing invalid,
    and the details form shows it again, with why, for the writer to finish."""
    from tui.app.journal import DETAILS

    before = Report.load(new_report).head
    assert before is not None and before.datum is None
    app = open_app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.focused, AnswerEditor), "the answer")
        form = await _open_details(pilot, app, "2020-0")
        await wait_until(pilot, lambda: "datum" in form.invalid, "the date not valid")
        await wait_until(pilot, lambda: read_journal(new_report).get((DETAILS, "datum")) == "2020-0",
                         "the half-typed date in the journal")
        await pilot.press("ctrl+q")
    head = Report.load(new_report).head
    assert head is not None and head.datum is None  # nothing invalid written
    assert read_journal(new_report).get((DETAILS, "datum")) == "2020-0"

    app = open_app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.query("#ta_tillbaka"), "the offer")
        assert "Rapportens uppgifter: Datum (ÅÅÅÅ-MM-DD) «2020-0»" in as_a(ChoiceDialog, app.screen).message
        app.screen.query_one("#ta_tillbaka", Button).press()
        await wait_until(pilot, lambda: not isinstance(app.screen, ChoiceDialog)
                         and isinstance(app.focused, AnswerEditor), "the answer")
        form = await _open_details(pilot, app, "")  # the form opens with "2020-0" and says why
        await wait_until(pilot, lambda: "datum" in form.invalid, "the date shown as not valid")
        assert form.query_one("#d-datum", Input).value == "2020-0"
        assert "ÅÅÅÅ-MM-DD" in str(form.query_one("#d-datum-fel", Static).render())
        _type(app, events.Key("end", None), "2-04")  # finished now
        await wait_until(pilot, lambda: form.query_one("#d-datum", Input).value == "2020-02-04", "the date finished")
        assert not form.invalid
        _type(app, events.Key("escape", None))
        await wait_until(pilot, lambda: not isinstance(app.screen, DetailsScreen), "the form closed")
        await pilot.press("ctrl+q")
    head = Report.load(new_report).head
    assert head is not None and str(head.datum) == "2020-02-04"
    assert not read_journal(new_report)
