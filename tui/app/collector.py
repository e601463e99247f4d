"""Python's full garbage collections in the writer's pauses, not between two keystrokes.

A full collection walks every object the app holds that is not frozen: with a 10,000-word
answer open, 20–40 ms every 2–3 seconds of typing, each one a keystroke that waits as long
(benchmarks/keystroke.py). While the editor runs, what it read at the start is frozen (never
walked again), the collector's automatic full pass is off, and :meth:`PausedCollections.tick`
makes it when the writer has not typed for a moment, or after a long stretch without one, so
garbage never waits long. The young generations are collected as usual. Plain Python (no
Textual): the editor screen calls it from its tick.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

PAUSE_SECONDS = 1.0  # no keystroke for this long: a full collection disturbs nobody
LONGEST_SECONDS = 30.0  # typing without such a pause: collect all the same after this long
YOUNG_PASSES = 10  # as Python's own: a full collection after 10 passes of the second generation
_NEVER = 1 << 30  # a threshold the count of second-generation passes never reaches


class PausedCollections:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.full_passes = 0  # made by tick (for tests)
        self._full_threshold: int | None = None  # Python's own, while ours is in force
        self._last_full = clock()

    @property
    def running(self) -> bool:
        return self._full_threshold is not None

    def start(self) -> None:
        """Freeze what is there now and take the full passes over (only the threshold of the
        full passes is ours: tui/startup.py sets the young generation's)."""
        if self._full_threshold is None:
            young, middle, self._full_threshold = gc.get_threshold()
            gc.set_threshold(young, middle, _NEVER)
        gc.freeze()
        self._last_full = self.clock()

    def stop(self) -> None:
        """Give everything back to the collector as it was (a second report, tests)."""
        if self._full_threshold is not None:
            young, middle, _never = gc.get_threshold()
            gc.set_threshold(young, middle, self._full_threshold)
            self._full_threshold = None
        gc.unfreeze()

    def tick(self, last_key: float | None) -> bool:
        """A full collection if one is due and the writer pauses (``last_key``: when the last
        key was typed, None if never); True if it was made."""
        if self._full_threshold is None or gc.get_count()[2] < YOUNG_PASSES:
            return False
        now = self.clock()
        pausing = last_key is None or now - last_key >= PAUSE_SECONDS
        if not pausing and now - self._last_full < LONGEST_SECONDS:
            return False
        gc.collect()
        self._last_full = now
        self.full_passes += 1
        return True
