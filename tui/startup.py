"""Starting a process quickly: how often CPython's cycle collector runs while modules load.

Loading the modules a command or the app needs (pydantic, ruamel, Rich, Textual and ours) creates
a few hundred thousand objects that live as long as the process; with the default thresholds the
collector walks them all in a dozen collections on the way (about 10 ms of ``check``, 30 ms of
the app's start). While starting it runs rarely (memory stays bounded); the app returns to the
defaults after its first screen (the editor freezes what it keeps once the report is read).
The app collects nothing at all until its first frame is on the terminal (:func:`pause`).
The process's entry freezes everything before it exits (see :func:`exiting`).

Importing this module starts the fast start: the command imports it before anything else.
"""

from __future__ import annotations

import gc

_DEFAULT = gc.get_threshold()
_STARTING = 50_000  # allocations between young collections while starting (default 700)
# A command that reads its input, writes and exits (check, render …) makes a few hundred
# thousand objects, nearly all freed by their reference counts or kept to the end: at the
# starting threshold its young collections still cost ~10 ms. Memory stays bounded (a young
# collection after this many allocations); the 2019 sample's render peaks at the same size.
_ONE_SHOT = 250_000


def starting() -> None:
    gc.set_threshold(_STARTING, *gc.get_threshold()[1:])


def one_shot() -> None:
    """The process runs one command and exits (not the app: it returns to the defaults)."""
    gc.set_threshold(_ONE_SHOT, *gc.get_threshold()[1:])


_paused = False


def pause() -> None:
    """No collections at all until :func:`resume` (the app, until its first frame is on the
    terminal). With the threshold above, the app's start still met two collections of the young
    generation (~50,000 objects each, 15–35 ms together) before its first frame; what its imports
    and first screen create lives as long as the process anyway."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Collect again after :func:`pause`; what was made meanwhile is frozen (never walked: it
    is the modules and the first screen; the few cycles of garbage among it stay)."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def started() -> None:
    # Only the young generation's: the editor may have taken the full passes over already
    # (tui/app/collector.py).
    gc.set_threshold(_DEFAULT[0], *gc.get_threshold()[1:])


def exiting() -> None:
    """The process ends now: spare the collector's last full pass over every object at exit
    (~25 ms). Objects are freed as usual; the operating system takes back the rest (Python does
    not promise finalizers in reference cycles at exit either)."""
    gc.freeze()


starting()
