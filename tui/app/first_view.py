"""The app's first screen from plain data: what the writer sees before the report's models exist.

Loading pydantic, the round-trip YAML reader, the models and the editor's modules takes longer
than Textual's own start. The first screen needs none of them: the outline comes from the
template's validated copy (JSON, see :mod:`tui.core.template_files`), the head and the starting
section's answers from the fast reader (libyaml). The app paints that, then loads the report as
before and puts the editor in its place (keys typed meanwhile wait, see ``early_keys.py``).

Anything out of the ordinary — no cached template, a file the fast reader does not decide alone,
a starting section with a choice or a table — gives None, and the app opens the report the
full way first, with the messages that way gives. Every file is read through the reading edge.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.app import positions
from tui.app.widgets.section_view import TextAnswer
from tui.core.folder import HEAD_FILE
from tui.core.plain_memo import PlainMemo
from tui.core.problems import AterrapportError
from tui.core.template_files import cache_file, file_key, find_templates
from tui.core.text import from_scalar
from tui.core.yamltext import Undecided


@dataclass(frozen=True)
class PlainSection:
    """A section of the cached template, as the outline and the first section view need it."""

    id: str
    title: str
    answerable: bool
    sections: Sequence[PlainSection]
    data: dict[str, Any]

    @property
    def number_title(self) -> str:
        return f"{self.id} {self.title}"

    @property
    def level(self) -> int:
        return self.id.count(".") + 1

    def walk(self) -> list[PlainSection]:
        return [self, *(s for child in self.sections for s in child.walk())]


@dataclass(frozen=True)
class FirstView:
    folder: Path
    region: str
    year: str
    template_title: str
    parts: Sequence[PlainSection]
    start: PlainSection
    fields: Sequence[TextAnswer]
    memo: PlainMemo | None = field(default=None, compare=False, repr=False)

    @property
    def answerable_count(self) -> int:
        return sum(1 for part in self.parts for s in part.walk() if s.answerable)

    def part_title(self) -> str | None:
        part = next(p for p in self.parts if p.id == self.start.id.split(".")[0])
        return None if part is self.start else part.number_title

    def intro(self) -> tuple[int, str, str, str]:
        data = self.start.data
        return self.start.level, _text(data, "preamble"), _text(data, "comment"), _text(data, "guidance")

    @classmethod
    def read(cls, folder: Path) -> FirstView | None:
        """The first screen of the report in ``folder``, or None to open it the full way."""
        folder = Path(folder)
        try:
            return _read(folder, PlainMemo(folder))
        except _NOT_PLAIN:
            return None

    def keep_read(self) -> None:
        """Keep the files read afresh for the next start (after the first frame: it writes)."""
        if self.memo is not None and self.memo.missed:
            with contextlib.suppress(OSError):
                self.memo.save()

    @staticmethod
    def remember(folder: Path) -> None:
        """After the app: keep what the next start's first screen reads (see plain_memo.py)."""
        folder = Path(folder)
        memo = PlainMemo(folder)
        with contextlib.suppress(*_NOT_PLAIN):
            _read(folder, memo)
        with contextlib.suppress(OSError):
            memo.save()


_NOT_PLAIN = (AterrapportError, OSError, Undecided, ValueError, KeyError, TypeError, AttributeError,
              RecursionError)


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise TypeError(key)
    return value


def _section(data: Any) -> PlainSection:
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        raise TypeError("section")
    fields = data.get("fields")
    if not isinstance(fields, list):
        raise TypeError("fields")
    return PlainSection(_text(data, "id"), _text(data, "title"), bool(fields),
                        [_section(child) for child in data["sections"]], data)


def _read(folder: Path, memo: PlainMemo) -> FirstView | None:
    head = memo.parse(folder / HEAD_FILE, folder)
    if not isinstance(head, dict):
        return None
    template_id, region, year = head.get("mall"), head.get("region"), head.get("ar")
    if not (isinstance(template_id, str) and isinstance(region, str) and isinstance(year, str)):
        return None
    source = find_templates().get(template_id)
    cache = None if source is None else cache_file(source)
    if cache is None or not cache.is_file():
        return None  # the template is read (and cached) the full way
    template = json.loads(cache.read_bytes())
    parts = [_section(part) for part in template["parts"]]
    sections = {s.id: s for part in parts for s in part.walk()}
    remembered = positions.last_section(folder)
    start = sections.get(remembered or "") or next((s for s in sections.values() if s.answerable), None)
    if start is None or not start.answerable:
        return None
    specs = start.data["fields"]
    if not all(isinstance(spec, dict) and spec.get("kind") == "text" for spec in specs):
        return None  # choices and tables are shown the full way
    path = folder / f"{file_key(start.id)}.yaml"
    answers = memo.parse(path, folder) if path.exists() else None
    if answers is None:
        return None
    section = answers.get(start.id) if isinstance(answers, dict) else None
    if not isinstance(answers, dict) or not isinstance(section, dict | None):
        return None
    values = section or {}
    fields = [TextAnswer(key=_text(spec, "key"), label=_label(spec), prompt=_text(spec, "prompt"),
                         max_words=_max_words(spec), text=from_scalar(values.get(spec["key"])))
              for spec in specs]
    return FirstView(folder=folder, region=region, year=year, template_title=_text(template, "title"),
                     parts=parts, start=start, fields=fields, memo=memo)


def _label(spec: dict[str, Any]) -> str:
    """As ``template.TextField.display_label``."""
    label = _text(spec, "label")
    return label or _text(spec, "key").replace("_", " ").capitalize()


def _max_words(spec: dict[str, Any]) -> int | None:
    value = spec.get("max_words")
    if value is not None and not isinstance(value, int):
        raise TypeError("max_words")
    return value
