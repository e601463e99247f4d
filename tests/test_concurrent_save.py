"""Two writers in separate processes save different sections of one file, over and over: every
save that succeeded stays on disk until its writer saves again (issue 12: before the folder
lock, 39 of 39 such saves were lost without a word)."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path
from typing import Any

import pytest

from tui.core.report import ExternalChangeError, Report

ROUNDS_SECONDS = 3.0  # both race for at least this long …
MIN_SAVES = 10  # … and until each has saved this often (a busy machine saves more slowly)
LIMIT_SECONDS = 90.0
PAD = "Fyllnadstext så att filen blir stor och skrivningen tar tid. " * 200  # ~12 KB per save


def _writer(folder: str, section: str, merge: bool, ready: Any, start: Any, results: Any) -> None:
    report = Report.load(Path(folder))
    ready.set()
    start.wait()
    started = time.monotonic()
    saved = refused = 0
    last = ""
    n = 0
    while (time.monotonic() - started < ROUNDS_SECONDS or saved < MIN_SAVES) \
            and time.monotonic() - started < LIMIT_SECONDS:
        n += 1
        text = f"{section} sparning {n}\n\n{PAD}"
        report.set_text(section, "svar", text)
        try:
            report.save(merge=merge)
        except ExternalChangeError:
            refused += 1  # a conflict is reported, never silent; re-read and go on
            report = Report.load(Path(folder))
            continue
        saved += 1
        last = report.text(section)  # as stored (normalised)
        # Between my saves, my last saved text must be on disk whatever the other writer does.
        on_disk = Report.load(Path(folder)).text(section)
        if on_disk != last:
            results.put((section, saved, refused, f"lost after save {n}: {on_disk[:30]!r}"))
            return
    results.put((section, saved, refused, last))


@pytest.mark.parametrize("merge", [True, False], ids=["merge", "refuse"])
def test_two_processes_never_lose_a_saved_edit(new_report: Path, merge: bool) -> None:
    """With ``merge`` (a headless writer) the other's sections are carried over and no save is
    refused; without (the app, which then asks the writer) a save may be refused, never lost."""
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    results = context.Queue()
    sections = ("1.1.1", "1.1.2")  # two sections of the same file, 1.1.yaml
    readies = [context.Event() for _ in sections]
    writers = [context.Process(target=_writer, args=(str(new_report), s, merge, ready, start, results))
               for s, ready in zip(sections, readies, strict=True)]
    for process in writers:
        process.start()
    for ready in readies:  # both loaded: then they race for the same seconds
        assert ready.wait(timeout=120)
    start.set()
    outcome = {}
    for _ in writers:
        section, saved, refused, last = results.get(timeout=110)
        outcome[section] = (saved, refused, last)
    for process in writers:
        process.join(timeout=30)
    final = Report.load(new_report)
    for section, (saved, refused, last) in outcome.items():
        assert not last.startswith("lost"), f"{section}: {last}"
        assert saved > 5, f"{section}: only {saved} saves ({refused} refused)"
        if merge:
            assert refused == 0, f"{section}: different sections must merge, not conflict ({refused})"
        assert final.text(section) == last, f"{section}: its last saved edit is not on disk"
