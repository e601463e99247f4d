"""The collector while the app starts (tui/startup.py): off until the first frame, then the
objects made meanwhile are frozen and collections go on as before."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tui import startup


@pytest.fixture
def collector() -> Iterator[None]:
    frozen = gc.get_freeze_count()
    yield
    gc.enable()
    if gc.get_freeze_count() > frozen:
        gc.unfreeze()  # (only this test's: nothing else froze meanwhile)


def test_pause_until_resume_freezes_what_was_made(collector: None) -> None:
    assert gc.isenabled()
    startup.pause()
    assert not gc.isenabled()
    kept = [[index] for index in range(1000)]
    frozen = gc.get_freeze_count()
    startup.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen + len(kept)
    startup.resume()  # a second time: nothing more
    assert gc.isenabled()


def test_resume_without_pause_changes_nothing(collector: None) -> None:
    frozen = gc.get_freeze_count()
    startup.resume()
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_pause_leaves_a_collector_switched_off_as_it_was(collector: None) -> None:
    gc.disable()
    startup.pause()
    startup.resume()
    assert not gc.isenabled()
