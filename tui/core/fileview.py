"""A readable, line-oriented view of one report file, for git's ``textconv``.

git runs ``aterrapport textconv FILE`` on both sides of a diff and diffs the two views, so
the view must be stable and one-paragraph-per-line (never re-wrapped): then a changed
sentence shows as one changed line under its section title and field label, in ``git diff``,
``git log -p`` and ``git show``.

git hands over a temporary copy (``/tmp/git-blob-…/1.2.yaml``), so the template cannot be
found through ``rapport.yaml``: it is recognised from the file's own content (its section ids
and field keys, then its "# 1.2.1 Innovation" title comments, then the newest template).
The view never fails: a file that cannot be parsed is shown as it is, under a note.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tui.core.answers import DONE_KEY, DONE_VALUE
from tui.core.fastyaml import parse_fast
from tui.core.head import HEAD_ORDER, ReportHead, Signature, titles
from tui.core.problems import AterrapportError, Problem
from tui.core.safe_read import read_file
from tui.core.scalars import from_scalar
from tui.core.template import ChoiceField, Section, TableField, Template, find_templates, load_template
from tui.core.yamlio import MAX_FILE_BYTES

_TITLE_COMMENT = re.compile(r"^#\s*(\d+(?:\.\d+)*)\s+(.+?)\s*$", re.MULTILINE)
_EMPTY = "(tomt)"


def _indent(text: str, prefix: str) -> list[str]:
    return [f"{prefix}{line}".rstrip() for line in text.split("\n")]


def _value_lines(label: str, value: str, prefix: str, cont: str | None = None) -> list[str]:
    """``label: value`` on one line when the value is one line, else the value indented below
    (``cont`` is the indentation of the lines after the first)."""
    if not value:
        return [f"{prefix}{label}: {_EMPTY}"]
    if "\n" not in value:
        return [f"{prefix}{label}: {value}"]
    return [f"{prefix}{label}:", *_indent(value, (prefix if cont is None else cont) + "  ")]


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        return "\n".join(f"{k}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "\n".join(f"- {_plain(v)}" for v in value)
    return from_scalar(value)


# -- guessing the template ----------------------------------------------------------------------

def _templates() -> list[Template]:
    found = []
    for path in find_templates().values():
        try:
            found.append(load_template(path))
        except AterrapportError:
            continue
    return found


def guess_template(data: dict[str, Any], text: str) -> Template | None:
    """The template whose sections and fields fit the file best (None if nothing fits)."""
    titles = dict(_TITLE_COMMENT.findall(text))
    best: tuple[int, int, int] | None = None
    chosen: Template | None = None
    for template in _templates():
        fit = titled = 0
        for key, value in data.items():
            section = template.section(str(key))
            if section is None or not section.answerable:
                continue
            fit += 1
            if isinstance(value, dict):
                fit += sum(1 for k in value if section.field(str(k)) is not None)
            titled += titles.get(section.id) == section.title
        score = (fit, titled, template.year)
        if fit and (best is None or score > best):
            best, chosen = score, template
    return chosen


# -- the views ----------------------------------------------------------------------------------

def _section_lines(section: Section, value: Any) -> list[str]:
    done = isinstance(value, dict) and from_scalar(value.get(DONE_KEY)) == DONE_VALUE
    heading = section.number_title + ("  [klar]" if done else "")
    lines = [heading, "=" * min(len(heading), 72)]
    if not isinstance(value, dict):
        return [*lines, _EMPTY if value in (None, "") else _plain(value), ""]
    for spec in section.fields:
        raw = value.get(spec.key)
        if isinstance(spec, TableField):
            rows = [r for r in raw if isinstance(r, dict)] if isinstance(raw, list) else []
            limit = f", högst {spec.max_rows}" if spec.max_rows else ""
            lines += ["", f"{spec.display_label} ({len(rows)} st{limit}):"]
            for row in rows:
                for number, column in enumerate(spec.columns):
                    bullet = "  * " if number == 0 else "    "
                    lines += _value_lines(column.header, from_scalar(row.get(column.key)), bullet, "    ")
            continue
        label = spec.display_label
        if isinstance(spec, ChoiceField):
            lines.append(f"{label}: {from_scalar(raw) or _EMPTY}")
        else:
            lines += _value_lines(label, from_scalar(raw), "")
    known = {f.key for f in section.fields} | {DONE_KEY}
    for key, extra in value.items():
        if str(key) not in known:
            lines += _value_lines(f"okänd nyckel {key}", _plain(extra), "")
    return [*lines, ""]


def answers_view(data: dict[str, Any], template: Template | None) -> str:
    lines: list[str] = []
    for key, value in data.items():
        section = template.section(str(key)) if template else None
        if section is not None and section.answerable:
            lines += _section_lines(section, value)
        else:
            lines += [f"{key} (okänt avsnitt)", *_indent(_plain(value), "  "), ""]
    return "\n".join(lines)


def head_view(data: dict[str, Any]) -> str:
    labels = titles(ReportHead)
    signature = titles(Signature)
    order = {key: n for n, key in enumerate(HEAD_ORDER)}
    lines = ["Rapportuppgifter (rapport.yaml)", "=" * 31]
    for key in sorted(data, key=lambda k: order.get(str(k), len(order))):
        value = data[key]
        label = labels.get(str(key), f"okänd nyckel {key}")
        if isinstance(value, dict):
            lines.append(f"{label}:")
            for sub, sub_value in value.items():
                lines += _value_lines(signature.get(str(sub), str(sub)), from_scalar(sub_value), "  ")
        elif isinstance(value, list):
            lines.append(f"{label}:" if value else f"{label}: {_EMPTY}")
            lines += [f"  - {from_scalar(v)}" for v in value]
        else:
            lines += _value_lines(label, from_scalar(value), "")
    return "\n".join(lines) + "\n"


def readable_text(text: str, name: str = "fil.yaml") -> str:
    """The readable view of a report file's text (``name`` only labels errors)."""
    try:
        data = parse_fast(text, Path(name))
    except AterrapportError as exc:
        note = "; ".join(p.format() for p in exc.problems)
        return f"# aterrapport: filen kan inte läsas som rapport ({note}); visas som den är\n{text}"
    if not isinstance(data, dict) or not data:
        return text
    if "mall" in data and not any(re.fullmatch(r"\d+(\.\d+)*", str(k)) for k in data):
        return head_view(data)
    return answers_view(data, guess_template(data, text))


def readable_view(path: Path) -> str:
    """The readable view of one file (raises :class:`AterrapportError` if it cannot be read)."""
    try:
        raw = read_file(Path(path), limit=MAX_FILE_BYTES)
    except AterrapportError as exc:
        raise AterrapportError(Problem(Path(path), f"filen kan inte läsas ({exc.problems[0].message})")) from None
    return readable_text(raw.decode("utf-8", "replace").removeprefix("\ufeff"), Path(path).name)
