"""The app's first screen from plain data (first_view.py, screens/first.py): it shows what the
report's models show, the editor takes its place without anything moving, and anything out of
the ordinary opens the report the full way (keys typed meanwhile: test_app_start.py)."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path

import pytest
from app_helpers import open_app, settle, wait_until
from conftest import SAMPLES, snapshot_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import RenderableType
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from tui.app import positions
from tui.app.app import AterrapportApp
from tui.app.first_view import FirstView
from tui.app.screens.editor import EditorScreen
from tui.app.screens.first import FirstScreen
from tui.app.session import EditorSession
from tui.app.widgets.answer_editor import AnswerEditor
from tui.app.widgets.outline import Outline
from tui.core.problems import AterrapportError
from tui.core.report import Report
from tui.core.template import TextField, keep_cached

SIZE = (100, 30)


def sample(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    shutil.copytree(SAMPLES / name, folder)
    keep_cached(Report.load(folder).template)
    return folder


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.iterdir()))
def test_the_first_view_shows_what_the_models_show(tmp_path: Path, name: str) -> None:
    """Every section of text fields as the starting one: the same outline, head, guidance and
    answers as the report's models (the plain reading copies no rule wrongly)."""
    folder = sample(tmp_path, name)
    report = Report.load(folder)
    template = report.template
    started = 0
    for section in template.answerable():
        positions.remember_section(folder, section.id)
        view = FirstView.read(folder)
        if not all(isinstance(spec, TextField) for spec in section.fields):
            assert view is None  # choices and tables: the full way
            continue
        assert view is not None, section.id
        started += 1
        assert view.start.id == section.id and view.start.number_title == section.number_title
        assert report.head is not None
        assert (view.region, view.year, view.template_title) == (report.head.region, f"{report.head.ar}",
                                                                 template.title)
        part = template.part_of(section.id)
        assert view.part_title() == (None if part is section else part.number_title)
        assert view.intro() == (section.level, section.preamble, section.comment, section.guidance)
        assert [(f.key, f.label, f.prompt, f.max_words, f.text) for f in view.fields] == [
            (s.key, s.display_label, s.prompt, s.max_words, report.text(section.id, s.key))
            for s in section.fields if isinstance(s, TextField)]
        assert [(s.id, s.title, s.answerable, s.level) for part in view.parts for s in part.walk()] == [
            (s.id, s.title, s.answerable, s.level) for s in template.walk()]
        assert view.answerable_count == len(template.answerable())
    assert started or name == "blekinge-2023"  # its sections are all tables


def test_without_the_cached_template_the_report_opens_the_full_way(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    folder = sample(tmp_path, "vastmanland-2019")
    assert FirstView.read(folder) is not None
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "empty-state"))
    assert FirstView.read(folder) is None


# -- untrusted files: the full way, never an error from the plain reading ---------------------------

HEAD_LINES = ["mall: aterrapportering-2019", "region: Region Västmanland", "ar: '2019'"]
BREAKS = ["!!python/object:os.system x", "&a x", "*a", "[1, 2", "{a: 1}", "- x", "\t", "<<<<<<< HEAD", "\udcff",
          "\x00", "'", ": :", "? x", "%YAML 1.1\n---", "mall: annan", "ar: 2019", "region: [x]", "---\n---", "\ufeff"]


@settings(max_examples=int(os.environ.get("FIRST_VIEW_EXAMPLES", 60)), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(which=st.sampled_from(["rapport.yaml", "1.1.yaml"]), line=st.integers(0, 40),
       breaking=st.sampled_from(BREAKS), raw=st.binary(max_size=12))
def test_a_broken_file_gives_the_full_way_or_the_same_view(tmp_path: Path, which: str, line: int, breaking: str,
                                                           raw: bytes) -> None:
    """A line of the head or of the starting file replaced by something a plain reader must not
    decide (or by bytes): the first view is None, or exactly what the models show."""
    folder = Path(tempfile.mkdtemp(dir=tmp_path)) / "r"  # hypothesis may run an example twice
    shutil.copytree(SAMPLES / "vastmanland-2019", folder)
    keep_cached(Report.load(folder).template)
    path = folder / which
    lines = path.read_bytes().split(b"\n")
    lines[line % len(lines)] = breaking.encode("utf-8", "surrogateescape") + raw
    path.write_bytes(b"\n".join(lines))
    view = FirstView.read(folder)
    if view is None:
        return
    report = Report.load(folder)  # the plain reading took it: so does the round-trip reader
    # A head the model refuses (an unknown key …) is shown as "?" by the editor; the first screen
    # shows its region and year as written.
    assert report.head is None or (view.region, view.year) == (report.head.region, f"{report.head.ar}")
    assert report.editable(view.start.id)
    assert [f.text for f in view.fields] == [report.text(view.start.id, f.key) for f in view.fields]


def test_a_link_or_a_folder_in_place_of_a_file_gives_the_full_way(tmp_path: Path) -> None:
    folder = sample(tmp_path, "vastmanland-2019")
    outside = tmp_path / "outside.yaml"
    shutil.copy(folder / "1.1.yaml", outside)
    (folder / "1.1.yaml").unlink()
    (folder / "1.1.yaml").symlink_to(outside)
    assert FirstView.read(folder) is None
    (folder / "1.1.yaml").unlink()
    (folder / "1.1.yaml").mkdir()
    assert FirstView.read(folder) is None


async def test_a_report_the_full_reading_refuses_after_the_first_screen_goes_to_the_shell(tmp_path: Path) -> None:
    """rapport.yaml broken between the first screen and the full reading: the app ends with the
    messages the full reading gives (the command prints them, exit 2), nothing is written."""
    folder = sample(tmp_path, "vastmanland-2019")
    view = FirstView.read(folder)
    assert view is not None
    head = folder / "rapport.yaml"
    head.write_text("<<<<<<< HEAD\n" + head.read_text(encoding="utf-8"), encoding="utf-8")
    files = snapshot_files(folder)
    with pytest.raises(AterrapportError) as expected:
        EditorSession.open(folder, lazy=True)
    app = AterrapportApp(folder, first=view)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.open_error is not None, "the refusal")
        await pilot.press(*"text")
    assert app.return_code == 2 and app.open_error is not None
    assert app.open_error.problems == expected.value.problems
    assert snapshot_files(folder) == files


# -- the editor takes the first screen's place: nothing moves ----------------------------------------

async def settle_screen(pilot: Pilot[None]) -> None:
    """Let the screen finish what it does after its refreshes (focus, the outline's scroll)."""
    for _ in range(3):
        await pilot.pause()

def layout(screen: Widget) -> dict[str, object]:
    """Where every part of the editor is, and what the writer sees of the answer and the outline."""
    outline = screen.query_one(Outline)
    answer = screen.query_one(AnswerEditor)
    places = {f"#{w.id}": w.region for w in screen.query("#topbar, #main, #outline, #right, #section-title, "
                                                         "#guidance, #status")}
    places.update({f".{i}": w.region for i, w in enumerate(screen.query(".prompt"))})
    title = screen.query_one("#section-title", Static)
    return {**places, "answer": (answer.region, answer.text, answer.selection, answer.scroll_offset, answer.has_focus,
                                 answer.border_title, answer.border_subtitle),
            "outline": (outline.scroll_offset, outline.cursor_line, str(outline.cursor_node.label)[2:]
                        if outline.cursor_node else None),
            "title": str(title.render())}


def _report_opens_when_set(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The report opens (in the app's thread) only once the returned event is set: the first
    screen stays until the test has looked at it."""
    looked = threading.Event()
    opening = EditorSession.open

    def open_after_the_look(folder: Path, *, lazy: bool = False) -> EditorSession:
        assert looked.wait(60)
        return opening(folder, lazy=lazy)

    monkeypatch.setattr(EditorSession, "open", open_after_the_look)
    return looked


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("start", ["1.1.1", "2", "3.5", "6"])  # a part with its preamble; the last
async def test_the_editor_takes_the_first_screens_place_without_moving_anything(
        tmp_path: Path, size: tuple[int, int], start: str, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = sample(tmp_path, "vastmanland-2019")
    positions.remember_section(folder, start)
    looked = _report_opens_when_set(monkeypatch)
    app = open_app(folder, how="first")
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: isinstance(app.focused, AnswerEditor), "the first screen's answer")
        await settle_screen(pilot)
        assert isinstance(app.screen, FirstScreen)
        first = layout(app.screen)
        looked.set()
        await wait_until(pilot, lambda: isinstance(app.screen, EditorScreen) and app.editor is not None
                         and app.editor.report.fully_loaded and isinstance(app.focused, AnswerEditor), "the editor")
        await settle(pilot)
        assert layout(app.screen) == first
        await pilot.press("ctrl+q")


# -- the first frame drawn is the settled first screen -------------------------------------------------

@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("start", ["1.1.1", "3.5", "6"])  # the part's first; deep in a long part; the last
async def test_the_first_frame_drawn_is_the_settled_first_screen(
        tmp_path: Path, size: tuple[int, int], start: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the first frame sent to the terminal shows (the answer's focus, cursor and scroll,
    the outline's cursor and scroll, where everything is) is what the first screen shows once
    every callback after its refreshes has run: no frame with the outline scrolled by the
    cursor's move or the answer at its top before the settled one."""
    folder = sample(tmp_path, "vastmanland-2019")
    positions.remember_section(folder, start)
    looked = _report_opens_when_set(monkeypatch)
    app = open_app(folder, how="first")
    drawn: list[dict[str, object]] = []
    display = app._display

    def first_frame(screen: Screen[object], renderable: RenderableType | None) -> None:
        # Textual skips a frame made during a batch; headless, it sends none at all (after this).
        if renderable is not None and not app._batch_count and not drawn:
            drawn.append(layout(screen))
        display(screen, renderable)

    monkeypatch.setattr(app, "_display", first_frame)
    try:
        async with app.run_test(size=size) as pilot:
            await wait_until(pilot, lambda: bool(drawn), "the first frame")
            await settle_screen(pilot)
            assert isinstance(app.screen, FirstScreen)
            assert drawn[0] == layout(app.screen)
            answer = app.screen.query_one(AnswerEditor)
            assert answer.has_focus and answer.selection.end == answer.document.end
            looked.set()
            await wait_until(pilot, lambda: app.editor is not None and app.screen is app.editor, "the editor")
            await settle(pilot)
            await pilot.press("ctrl+q")
    finally:
        looked.set()
