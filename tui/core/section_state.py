"""The state of a section in the outline (no models: the app's first screen shows the outline)."""

from __future__ import annotations

from enum import StrEnum


class SectionState(StrEnum):
    UNANSWERED = "obesvarat"
    BEGUN = "påbörjat"
    DONE = "klart"
