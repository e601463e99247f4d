"""Undo and redo for a one-line field (Textual's Input keeps no history), step by step as in the
answers: typing is one step until a space or until the cursor goes elsewhere (a change that does
not start where the last one ended), a run of Backspace or Delete is one step, anything else (a
paste, a cut, a replaced selection) is a step of its own.

Plain Python: the field reports each change of its value as (old, new); steps are found from the
change itself, never from the clock, so the same keys always give the same steps.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LIMIT = 200  # steps kept per field


def changed_part(old: str, new: str) -> tuple[int, str, str]:
    """(where, removed, inserted): the one stretch that differs between ``old`` and ``new``."""
    start = 0
    shortest = min(len(old), len(new))
    while start < shortest and old[start] == new[start]:
        start += 1
    end = 0
    while end < shortest - start and old[len(old) - 1 - end] == new[len(new) - 1 - end]:
        end += 1
    return start, old[start:len(old) - end], new[start:len(new) - end]


@dataclass
class Step:
    before: str
    after: str
    kind: str  # "type" (one character typed), "erase" (one removed: Backspace/Delete) or "other"
    cursor: int  # where the cursor stood after the step's last change


@dataclass
class LineHistory:
    undo_steps: list[Step] = field(default_factory=list)
    redo_steps: list[Step] = field(default_factory=list)
    _open: bool = False  # the last step may still grow

    def record(self, old: str, new: str) -> None:
        if old == new:
            return
        where, removed, inserted = changed_part(old, new)
        one = len(removed) + len(inserted) == 1
        kind = ("type" if inserted else "erase") if one else "other"
        cursor = where + len(inserted)
        last = self.undo_steps[-1] if self.undo_steps else None
        if (self._open and last is not None and last.after == old and last.kind == kind
                and (where == last.cursor if kind == "type" else last.cursor in (where, where + 1))):
            last.after, last.cursor = new, cursor
        else:
            self.undo_steps.append(Step(old, new, kind, cursor))
            del self.undo_steps[:-LIMIT]
        self._open = kind != "other" and not inserted.isspace()  # a typed space ends the word's step
        self.redo_steps.clear()

    def undo(self) -> tuple[str, int] | None:
        """The value before the last step and where the cursor goes, or None."""
        if not self.undo_steps:
            return None
        step = self.undo_steps.pop()
        self.redo_steps.append(step)
        self._open = False
        where, _removed, inserted = changed_part(step.after, step.before)
        return step.before, where + len(inserted)

    def redo(self) -> tuple[str, int] | None:
        if not self.redo_steps:
            return None
        step = self.redo_steps.pop()
        self.undo_steps.append(step)
        self._open = False
        return step.after, step.cursor
