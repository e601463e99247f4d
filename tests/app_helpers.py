"""Waiting in Pilot tests for a condition or for the app's workers, never for a fixed time."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

# Generous: a loaded 2-core CI machine is slow, and a condition that holds returns at once.
LIMIT_STEPS = 1200  # x 0.05 s of app time


async def wait_until(pilot: Pilot, condition: Callable[[], object], what: str = "") -> None:
    """Let the app run until ``condition()`` is true (fails only after a long time)."""
    for _ in range(LIMIT_STEPS):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never happened: {what or condition}")


async def settle(pilot: Pilot) -> None:
    """Wait for every worker (saves, renders, git) and the messages they post."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
