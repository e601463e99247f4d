"""Keystroke to screen, measured inside the process on the real app.

Run: python benchmarks/keystroke.py [--presses N] [--rounds N] [--profile FILE]
(benchmarks/app.py runs it too.)

A key event is handed to the app the way the terminal driver hands it over (``send_message``
from the input side). The clock stops at the end of the first screen update after the text
area has applied the key: Textual's ``App._display`` is wrapped, and each compositor update is
rendered to the terminal sequence the real driver would write (the same ``render_segments``
call). Left out is only the terminal itself (the write to the tty, the emulator's drawing),
which ``app.py`` measures end to end in tmux. Where the typed text stays on one screen row
(typing at the end), the benchmark also checks that the update really shows it.

Measured in the same run, with the same keys, on the same 10,000 words (84 paragraphs of 120
words, as in ``app.py``) at the same terminal size:

- reference: a plain Textual ``TextArea`` (soft wrap, as the answer editor) in an app of its
  own, with Rich as it comes: what any Textual editor of this text costs;
- the app with spell check on (the default when a dictionary is installed) and off
  (``ATERRAPPORT_STAVNING=av``), on a report folder in git (as reports are).

Two places: at the end of the answer, in new paragraphs (Enter twice every 40 characters),
and inside the last long paragraph (a 120-word paragraph that grows and re-wraps). The
"writer" types words of five letters and a space, one key every ``GAP`` seconds (a quick
typist), so the autosave, the journal, the spell check worker and the status bar run while
typing, as they do for a writer. Each figure is given with the CPU time of the app's thread
over the same span, which the load of a shared machine disturbs far less than the clock, and
(on Linux) with the time the app's thread was ready to run but waited for a core
(``/proc/.../schedstat``): the other processes' share of the wall-clock figure. What is left
(wall minus that wait, minus CPU) is the app waiting for itself: its other threads holding
Python's lock, or a screen update waiting for Textual's next frame.

``--json FILE`` writes every key's figures, for comparing runs (``keystroke_ab.py``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_reports" / "vastmanland-2019"
sys.path.insert(0, str(ROOT))

from textual import events  # noqa: E402
from textual._compositor import CompositorUpdate  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.pilot import Pilot  # noqa: E402
from textual.widgets import TextArea  # noqa: E402
from textual.widgets.text_area import Edit, EditResult  # noqa: E402

SIZE = (120, 40)
GAP = 0.08  # seconds between two keys
LINE = 40  # characters typed at the end before Enter starts a new paragraph
WORDS = "abcde fghij klmno pqrst uvwxy zåäöa "  # typed over and over
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def ten_thousand_words(folder: Path) -> str:
    """84 paragraphs of 120 words, from the sample's own answer (as in ``app.py``)."""
    from tui.core.report import Report

    words = Report.load(folder).text("1.1.1").split()
    paragraphs = [" ".join((words * 200)[i * 120:(i + 1) * 120]) for i in range(84)]
    return "\n\n".join(paragraphs)


@contextmanager
def sample_with_long_answer() -> Iterator[tuple[Path, str]]:
    """A copy of the sample whose 1.1.1 answer has 10,000 words, committed in a new git repo."""
    from tui.core.report import Report

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "vastmanland-2019"
        shutil.copytree(SAMPLE, folder)
        text = ten_thousand_words(folder)
        report = Report.load(folder)
        report.set_text("1.1.1", "svar", text)
        report.save()
        git = ["git", "-C", str(folder), "-c", "user.name=Bänk", "-c", "user.email=bank@example.se"]
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "Rapporten"]):
            subprocess.run([*git, *args], check=True, capture_output=True)
        yield folder, text


Sample = tuple[float, float, float]  # (wall-clock, CPU of the app's thread, waiting for a core) s, one key


class ScreenWatch:
    """Wraps ``app._display`` and the text area's ``edit``: the first compositor update after
    the key's edit ends the measurement (rendered as the terminal driver would render it)."""

    def __init__(self, app: App[Any], area: TextArea) -> None:
        self.app = app
        self.waiting = False
        self.edited = False
        self.expected: str | None = None
        self.missed = 0  # updates that should have shown the typed text and did not
        self.started = self.started_cpu = self.elapsed = self.cpu = self.queued = 0.0
        self.shown = asyncio.Event()
        display, edit = app._display, area.edit

        def watched_edit(change: Edit) -> EditResult:
            result = edit(change)
            self.edited = True
            return result

        def watched_display(screen: Any, renderable: Any) -> None:
            display(screen, renderable)  # headless: does nothing, but Textual's own path runs
            if not isinstance(renderable, CompositorUpdate):
                return
            output = renderable.render_segments(app.console)  # what the driver would write
            if self.waiting and self.edited:
                self.elapsed = time.perf_counter() - self.started
                self.cpu = time.thread_time() - self.started_cpu
                if self.expected is not None and self.expected not in _ESCAPES.sub("", output):
                    self.missed += 1
                self.waiting = False
                self.shown.set()

        app._display = watched_display  # type: ignore[method-assign]  # the measuring hook, on this app only
        area.edit = watched_edit  # type: ignore[method-assign,assignment]  # the same, on this widget only

    async def press(self, char: str, expected: str | None) -> Sample:
        """(wall-clock, CPU of the app's thread, waiting for a core) seconds from the key to the
        screen."""
        driver = self.app._driver
        assert driver is not None
        self.shown.clear()
        key = "space" if char == " " else char
        event = events.Key(key, char)
        event.set_sender(self.app)
        self.expected, self.edited, self.waiting = expected, False, True
        queued = run_queue_wait()
        self.started, self.started_cpu = time.perf_counter(), time.thread_time()
        driver.send_message(event)
        await asyncio.wait_for(self.shown.wait(), timeout=10)
        return self.elapsed, self.cpu, max(0.0, run_queue_wait() - queued)


def run_queue_wait() -> float:
    """Seconds this thread has spent ready to run but waiting for a core (Linux; 0 elsewhere)."""
    try:
        with open(f"/proc/self/task/{threading.get_native_id()}/schedstat") as handle:
            return int(handle.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return 0.0




async def type_into(pilot: Pilot[Any], watch: ScreenWatch, presses: int, *, inside: bool) -> list[Sample]:
    """Type ``presses`` keys where the cursor is; the first 10 are a warm-up, not kept."""
    samples: list[Sample] = []
    typed = ""
    for index in range(presses + 10):
        if not inside and len(typed) >= LINE:
            await pilot.press("enter", "enter")
            typed = ""
            await asyncio.sleep(GAP)
        char = WORDS[index % len(WORDS)]
        typed += char
        expected = None if inside or len(typed) < 10 else typed[-10:]
        samples.append(await watch.press(char, expected))
        await asyncio.sleep(GAP)
    return samples[10:]


async def _place_cursor(pilot: Pilot[Any], area: TextArea, *, inside: bool) -> None:
    area.focus()
    area.move_cursor(area.document.end)
    if inside:  # the middle of the last 120-word paragraph, on the screen
        row = area.document.line_count - 1
        area.move_cursor((row, len(area.document.get_line(row)) // 2))
    else:
        await pilot.press("enter", "enter")
    await pilot.pause(0.3)


async def measure_app(folder: Path, presses: int, *, spelling: bool, inside: bool) -> tuple[list[Sample], int]:
    from tui.app.app import AterrapportApp
    from tui.app.session import EditorSession
    from tui.app.widgets.answer_editor import AnswerEditor

    previous = os.environ.get("ATERRAPPORT_STAVNING")
    os.environ["ATERRAPPORT_STAVNING"] = "på" if spelling else "av"
    try:
        app = AterrapportApp(folder, session=EditorSession.open(folder))
        async with app.run_test(size=SIZE) as pilot:
            for _ in range(400):
                if isinstance(app.focused, AnswerEditor) and (not spelling or app.speller is not None):
                    break
                await pilot.pause(0.05)
            area = app.focused
            assert isinstance(area, AnswerEditor), "the answer editor never had the focus"
            if spelling:
                assert app.speller is not None, "no dictionary: install hunspell-sv"
            await _place_cursor(pilot, area, inside=inside)
            await app.workers.wait_for_complete()
            watch = ScreenWatch(app, area)
            samples = await type_into(pilot, watch, presses, inside=inside)
            await app.workers.wait_for_complete()  # an autosave in flight finishes before the app goes
            await pilot.press("ctrl+q")
            return samples, watch.missed
    finally:
        if previous is None:
            os.environ.pop("ATERRAPPORT_STAVNING", None)
        else:
            os.environ["ATERRAPPORT_STAVNING"] = previous


class PlainTextArea(App[None]):
    """The reference: Textual's own TextArea with the same text, nothing of ours."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield TextArea(self.text, soft_wrap=True, show_line_numbers=False, tab_behavior="focus")


@contextmanager
def plain_rich() -> Iterator[None]:
    """Rich as it comes: the app, once imported, makes Rich's Text faster (tui/app/rich_text.py)."""
    import rich.control
    import rich.text

    installed = rich.text.strip_control_codes
    rich.text.strip_control_codes = rich.control.strip_control_codes
    try:
        yield
    finally:
        rich.text.strip_control_codes = installed


async def measure_reference(text: str, presses: int, *, inside: bool) -> tuple[list[Sample], int]:
    app = PlainTextArea(text)
    with plain_rich():
        async with app.run_test(size=SIZE) as pilot:
            area = app.query_one(TextArea)
            await _place_cursor(pilot, area, inside=inside)
            watch = ScreenWatch(app, area)
            return await type_into(pilot, watch, presses, inside=inside), watch.missed


@dataclass
class Figures:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    queued: list[float] = field(default_factory=list)
    missed: int = 0

    @staticmethod
    def p95(values: list[float]) -> float:
        ordered = sorted(values)
        return ordered[max(0, int(len(ordered) * 0.95) - 1)]

    def line(self, label: str, reference: Figures) -> str:
        wall95, cpu95 = self.p95(self.wall), self.p95(self.cpu)
        missed = f"; {self.missed} uppdateringar utan tecknet!" if self.missed else ""
        own = [wall - queued for wall, queued in zip(self.wall, self.queued, strict=True)]
        return (f"  {label}: median {statistics.median(self.wall) * 1000:.1f} ms, p95 {wall95 * 1000:.1f} ms "
                f"(/ referens {wall95 / self.p95(reference.wall):.2f}); CPU i appens tråd: median "
                f"{statistics.median(self.cpu) * 1000:.1f} ms, p95 {cpu95 * 1000:.1f} ms "
                f"(/ referens {cpu95 / self.p95(reference.cpu):.2f}); väntan på en kärna p95 "
                f"{self.p95(self.queued) * 1000:.1f} ms, utan den p95 {self.p95(own) * 1000:.1f} ms{missed}")


END, INSIDE = "i slutet", "mitt i ett stycke"
REFERENCE = "referens: Textuals TextArea"
SPELL_ON = "appen, stavningskontroll på"
SPELL_OFF = "appen, stavningskontroll av"
PLACES = {END: False, INSIDE: True}
LABELS = (REFERENCE, SPELL_ON, SPELL_OFF)


async def measure(label: str, folder: Path, text: str, presses: int, *, inside: bool) -> tuple[list[Sample], int]:
    if label == REFERENCE:
        return await measure_reference(text, presses, inside=inside)
    return await measure_app(folder, presses, spelling=label == SPELL_ON, inside=inside)


def run(presses: int = 50, rounds: int = 3, *, profile: Path | None = None) -> dict[str, dict[str, Figures]]:
    """The cases take turns (``rounds`` times ``presses`` keys each), so that the load of a
    shared machine falls on all of them alike; each turn on a fresh copy of the sample and a
    fresh state folder (journal, positions)."""
    results = {place: {label: Figures() for label in LABELS} for place in PLACES}
    for _round in range(rounds):
        for place, inside in PLACES.items():
            for label in LABELS:
                with sample_with_long_answer() as (folder, text), tempfile.TemporaryDirectory() as state:
                    os.environ["XDG_STATE_HOME"] = state  # the journal and positions, not the user's
                    case = measure(label, folder, text, presses, inside=inside)
                    if profile is not None and label == SPELL_ON and place == INSIDE:
                        import cProfile

                        with cProfile.Profile() as profiler:
                            samples, missed = asyncio.run(case)
                        profiler.dump_stats(profile)
                    else:
                        samples, missed = asyncio.run(case)
                figures = results[place][label]
                figures.wall.extend(wall for wall, _cpu, _queued in samples)
                figures.cpu.extend(cpu for _wall, cpu, _queued in samples)
                figures.queued.extend(queued for _wall, _cpu, queued in samples)
                figures.missed += missed
    return results


def write_json(results: dict[str, dict[str, Figures]], path: Path) -> None:
    import json

    path.write_text(json.dumps({place: {label: {"wall": f.wall, "cpu": f.cpu, "queued": f.queued, "missed": f.missed}
                                        for label, f in by_label.items()} for place, by_label in results.items()}),
                    encoding="utf-8")


def report(results: dict[str, dict[str, Figures]]) -> None:
    for place, by_label in results.items():
        reference = by_label[REFERENCE]
        print(f"tangenttryck till skärmen i processen, {place} (10 000 ord, {SIZE[0]}x{SIZE[1]}, "
              f"{len(reference.wall)} tryck per fall, ett var {GAP * 1000:.0f}:e ms; mål ≤ 16 ms p95):")
        for label, figures in by_label.items():
            print(figures.line(label, reference))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--presses", type=int, default=50, help="keys per case and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", type=Path, help="cProfile statistics of the (last) spell-on run inside")
    parser.add_argument("--json", type=Path, help="every key's figures (seconds) as JSON")
    args = parser.parse_args()
    results = run(args.presses, args.rounds, profile=args.profile)
    report(results)
    if args.json is not None:
        write_json(results, args.json)


if __name__ == "__main__":
    main()
