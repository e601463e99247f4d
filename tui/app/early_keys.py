"""Keys typed before the focus is where they are meant to go: held, then handed on in the order
typed, so a writer who types at once loses nothing and nothing lands in the wrong field.

One queue, three reasons to hold it:

- **the start**: while the app opens a report, until the editor has put the focus in the answer
  (before that the keys went nowhere, then to the outline Textual focuses first);
- **a screen that takes the focus** (:class:`TakesFocus`: the row form, the details, search,
  dialogs): from the moment it is the active screen until its field has the focus (a screen
  focuses after it is mounted, and the keys in between went to the screen, i.e. nowhere);
- **a key on its way**: Textual forwards a key to the focused widget's own queue, and the
  widget's bindings (the table's ``a``, ``Tab``) run only when the key has bubbled back up to
  the app, so the keys typed right after it were already forwarded to the old focus (the row's
  name lost, a letter after Tab in the field left). Any key other than text typed into a text
  field holds the keys after it until a :class:`KeyHandled` marker, posted to the same widget
  right after it, has come back to the app twice: once for the key itself, once more for what
  the key posted to the widget (the table answers ``a`` with a message its screen handles).
  A priority key the app handles itself (Ctrl+O moves the focus through the app's queue) sends
  its marker through the app's queue instead: the key after it went to the field still focused.
  Text typed into a text field goes on at once (typing is never held), but a key of the app or
  the screen that comes after it (Ctrl+S in the row form) waits until the field has the text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events
from textual.app import App
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, TextArea

# Keys a text field handles itself: they never move the focus or open a screen.
_TEXT_KEYS = frozenset({"backspace", "delete"})
MARKER_ROUNDS = 2
WATCH_EVERY = 0.05  # seconds: how often a key's widget is checked for having gone (its marker with it)


class KeyHandled(events.Event, bubble=True, verbose=True):
    """Follows a key through the widget it was forwarded to and back up to the app."""

    def __init__(self, target: MessagePump, rounds_left: int) -> None:
        super().__init__()
        self.target = target
        self.rounds_left = rounds_left


def _gone(pump: MessagePump) -> bool:
    return not pump.is_attached or pump._closing or pump._closed


def _types_text(event: events.Key, target: MessagePump | None) -> bool:
    if isinstance(target, TextArea) and not target.read_only:
        return event.is_printable or event.key in _TEXT_KEYS or event.key == "enter"
    if isinstance(target, Input):
        return event.is_printable or event.key in _TEXT_KEYS
    return False


class EarlyKeys:
    def __init__(self, app: App[Any], *, holding: bool) -> None:
        self.app = app
        self.holding = holding  # the start's hold
        self._held: list[events.Key | events.Paste] = []
        self._after: list[Callable[[], object]] = []
        self._in_flight: MessagePump | None = None
        self._typing: dict[MessagePump, int] = {}  # text keys forwarded to a field, not yet in it
        self._watch: Timer | None = None
        self._replaying: events.Event | None = None

    def hold(self) -> None:
        self.holding = True

    @property
    def held_back(self) -> bool:
        """Must a key typed now wait (any key)?"""
        return self.holding or self._in_flight is not None or self._screen_waiting()

    def _waits(self, event: events.Key | events.Paste) -> bool:
        """Must ``event`` wait: held back, or not text while text typed is on its way to a field."""
        if self.held_back:
            return True
        return bool(self._typing) and not (isinstance(event, events.Paste) or _types_text(event, self._focus()))

    def _focus(self) -> MessagePump | None:
        return (self.app.focused or self.app.screen) if self.app.screen_stack else None

    def _screen_waiting(self) -> bool:
        stack = self.app.screen_stack
        return bool(stack) and isinstance(stack[-1], TakesFocus) and not stack[-1].focus_placed

    def keep(self, event: events.Event) -> bool:
        """Hold a key or a paste that arrives before the focus is in place (True: held)."""
        if event.is_forwarded or event is self._replaying or not isinstance(event, events.Key | events.Paste):
            return False
        if not (self._held or self._waits(event)):
            return False
        if isinstance(event, events.Key):
            self._held.append(events.Key(event.key, event.character))
        else:
            self._held.append(events.Paste(event.text))
        self._watch_targets()
        if not self._waits(self._held[0]):
            self.app.call_later(self._drain)
        return True

    def delivered(self, event: events.Event, target: MessagePump | None, *, was_forwarded: bool) -> None:
        """The app has handled a key typed (``target`` had the focus): if it went on to a widget
        and may move the focus there, hold the next keys until it has been handled."""
        if was_forwarded or not isinstance(event, events.Key | events.Paste) or target is None:
            return
        if not event.is_forwarded:
            # A priority key the app handled itself (Ctrl+O): what it did (a focus moved) goes
            # through the app's own queue; the keys after it wait until the marker has been there.
            if isinstance(event, events.Key):
                self._follow(self.app, MARKER_ROUNDS)
            return
        if isinstance(event, events.Paste) or _types_text(event, target):
            if target.call_later(self._typed, target):  # runs in the field's queue, after the key
                self._typing[target] = self._typing.get(target, 0) + 1
            return
        self._follow(target, MARKER_ROUNDS)

    def _typed(self, target: MessagePump) -> None:
        left = self._typing.get(target, 0) - 1
        if left > 0:
            self._typing[target] = left
            return
        self._typing.pop(target, None)
        if not self._typing and self._held:
            self.app.call_later(self._drain)  # in the app's task, as every key is handed on

    def _watch_targets(self) -> None:
        """While keys are held: look for a widget that went with its marker (or text) unhandled."""
        if self._watch is None:
            self._watch = self.app.set_interval(WATCH_EVERY, self._check_target)

    def _follow(self, target: MessagePump, rounds: int) -> None:
        if not target.post_message(KeyHandled(target, rounds)):
            self._in_flight = None
            return
        self._in_flight = target

    async def handled(self, marker: KeyHandled) -> None:
        """A marker came back to the app: the key (and what it posted) has been handled."""
        if marker.target is not self._in_flight:
            return
        if marker.rounds_left > 1 and marker.target.is_attached:
            self._follow(marker.target, marker.rounds_left - 1)
            return
        self._settled()
        await self._drain()

    async def _check_target(self) -> None:
        """A widget removed with the marker still in its queue never sends it on (a dialog's
        button that closes the dialog): its key is done."""
        for field in [f for f in self._typing if _gone(f)]:
            del self._typing[field]
        if self._in_flight is not None and _gone(self._in_flight):
            self._settled()
        await self._drain()
        if not self._held and self._watch is not None:
            self._watch.stop()
            self._watch = None

    def _settled(self) -> None:
        self._in_flight = None

    async def release(self) -> None:
        """The start's focus is in place: hand on what was held at once (keys still in the app's
        queue come after them), then run what waited for it (a dialog pushed before the held
        keys were handed on would take them)."""
        self.holding = False
        await self._drain()

    async def resume(self) -> None:
        """A reason to hold has gone (a screen's field has the focus): hand on what may go."""
        await self._drain()

    async def _drain(self) -> None:
        # One at a time: a key handed on may itself hold the ones after it (a Tab, the table's a).
        while self._held and not self._waits(self._held[0]):
            event = self._held.pop(0)
            self._replaying = event
            try:
                await self.app.on_event(event)
            finally:
                self._replaying = None
        if not self._held and not self.holding:
            after, self._after = self._after, []
            for callback in after:
                self.app.call_later(callback)

    def after_release(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once the held keys have been handed on (at once if none are held)."""
        if self.holding or self._held:
            self._after.append(callback)
        else:
            self.app.call_later(callback)


class TakesFocus:
    """A screen that puts the focus in a field of its own when it opens (mixed into a Screen
    before it: ``class RowForm(TakesFocus, ModalScreen[...])``). Keys typed from the moment it is
    the active screen until that field has the focus are held for the field."""

    focus_placed = False

    def focus_target(self) -> Widget | None:
        """The field that takes the focus."""
        raise NotImplementedError

    def on_mount(self) -> None:
        # Textual calls each class's on_mount: the screen's own has run (its fields are filled).
        screen = self if isinstance(self, Screen) else None
        assert screen is not None, "TakesFocus is mixed into a Screen"
        target = self.focus_target()
        if target is not None:
            target.focus()
        # Widget.focus goes through the app's queue: the held keys come after it.
        screen.app.call_later(self._focus_placed)

    async def _focus_placed(self) -> None:
        self.focus_placed = True
        await self._resume()

    def on_unmount(self) -> None:
        self.focus_placed = True  # closed before its field had the focus: the keys go on
        app = self.app if isinstance(self, Screen) else None
        if app is not None:
            app.call_later(self._resume)  # in the app's task, as every key is handed on

    async def _resume(self) -> None:
        app = self.app if isinstance(self, Screen) else None
        hold = getattr(app, "early_keys", None)
        if isinstance(hold, EarlyKeys):
            await hold.resume()
