"""Editing the report's details (``rapport.yaml``) the way answers are edited: in place in the
round-trip document (comments and order survive), validated by the same model as ``check``,
refused with a Swedish message when the value is not valid (the file is left as it was)."""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from tui.core.head import SIGNATURE_ORDER
from tui.core.problems import Problem
from tui.core.report import Report, parse_head
from tui.core.scalars import from_scalar, set_value, to_scalar

# The details a writer edits, in the order the app shows them: (key, label, multi-line).
EDITABLE: tuple[tuple[str, str, bool], ...] = (
    ("datum", "Datum (ÅÅÅÅ-MM-DD)", False),
    ("diarienr", "Diarienr", False),
    ("ert_diarienr", "Ert diarienr", False),
    ("kontakt", "Kontakt (en rad per uppgift)", True),
    ("forord", "Förord (Markdown)", True),
    ("underskrift.ort", "Underskrift: ort", False),
    ("underskrift.datum", "Underskrift: datum (ÅÅÅÅ-MM-DD)", False),
    ("underskrift.namn", "Underskrift: namn", False),
    ("underskrift.titel", "Underskrift: titel", False),
    ("underskrift.enhet", "Underskrift: enhet", False),
)


def head_value(report: Report, key: str) -> str:
    """The detail as text (``kontakt``: one line per entry)."""
    data = report.head_doc.data
    if not isinstance(data, dict):
        return ""
    if key.startswith("underskrift."):
        signature = data.get("underskrift")
        return from_scalar(signature.get(key.split(".", 1)[1])) if isinstance(signature, dict) else ""
    value = data.get(key)
    if key == "kontakt":
        return "\n".join(from_scalar(v) for v in value) if isinstance(value, list) else ""
    return from_scalar(value)


def set_head_value(report: Report, key: str, text: str) -> list[Problem]:
    """Set one detail; returns the problems (and changes nothing) when the result is not valid."""
    with report.lock:
        data = report.head_doc.data
        if not isinstance(data, CommentedMap):
            return [Problem(report.head_doc.path, "rapport.yaml kan inte redigeras (ingen mappning)")]
        if head_value(report, key) == text.strip("\n"):
            return []
        if key.startswith("underskrift."):
            node = data.get("underskrift")
            if not isinstance(node, CommentedMap):
                node = CommentedMap((k, "") for k in SIGNATURE_ORDER)
                data["underskrift"] = node
            target, name = node, key.split(".", 1)[1]
        else:
            target, name = data, key
        had = name in target
        old: Any = target.get(name)
        if key == "kontakt":
            lines = [line.strip() for line in text.split("\n") if line.strip()]
            value: Any = CommentedSeq(to_scalar(line) for line in lines)
            if not lines:
                value.fa.set_flow_style()
        else:
            value = to_scalar(text.strip() if "\n" not in text.strip() else text)
        if had:
            set_value(target, name, value)
        else:
            target[name] = value
        head, problems = parse_head(report.head_doc)
        if problems or head is None:
            if had:
                set_value(target, name, old)
            else:
                del target[name]
            return problems or [Problem(report.head_doc.path, "rapport.yaml är inte giltig")]
        report.head = head
        report.head_problems = []
        report.head_doc.dirty = True
        return []
