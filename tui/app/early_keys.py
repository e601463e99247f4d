"""Keys typed while the app opens a report: held until the editor has put the focus in the
answer, then replayed in order, so a writer who starts typing at once loses nothing.

Without this the first keys go wherever the focus happens to be while the report opens:
nowhere before the editor screen exists, and then the outline (Textual focuses the first
focusable widget when a screen appears; the editor moves the focus to the answer only after
its first paint).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events
from textual.app import App


class EarlyKeys:
    def __init__(self, app: App[Any], *, holding: bool) -> None:
        self.app = app
        self.holding = holding
        self._held: list[events.Key | events.Paste] = []
        self._after: list[Callable[[], object]] = []

    def hold(self) -> None:
        self.holding = True

    def keep(self, event: events.Event) -> bool:
        """Hold a key or a paste that arrives before the focus is in place (True: held)."""
        if not self.holding or event.is_forwarded:
            return False
        if isinstance(event, events.Key):
            self._held.append(events.Key(event.key, event.character))
        elif isinstance(event, events.Paste):
            self._held.append(events.Paste(event.text))
        else:
            return False
        return True

    async def release(self) -> None:
        """The focus is in place: hand on what was held at once (keys still in the app's queue
        come after them), then run what waited for it (a dialog pushed before the held keys
        were handed on would take them)."""
        self.holding = False
        held, self._held = self._held, []
        for event in held:
            await self.app.on_event(event)
        after, self._after = self._after, []
        for callback in after:
            self.app.call_later(callback)

    def after_release(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once the held keys have been handed on (at once if none are held)."""
        if self.holding:
            self._after.append(callback)
        else:
            self.app.call_later(callback)
