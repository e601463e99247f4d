"""`check`: every problem in a report, located by file and line, in Swedish."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.accepted_answers import AcceptedAnswers, accepted_answers
from tui.core.answers import DONE_KEY, answers_model
from tui.core.problems import Problem, Severity
from tui.core.pydantic_errors import locate, problems_from_validation_error
from tui.core.render.markdown_check import check_markdown
from tui.core.report import Report, YamlDocument
from tui.core.scalars import unquoted_non_text
from tui.core.tablewords import list_example, too_many_rows
from tui.core.template import ChoiceField, TableField, Template, TextField, _plain, file_key
from tui.core.text import word_count
from tui.core.years import year_mismatch

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails


def check_report(report: Report, *, locate_warnings: bool = True, remember: bool = False) -> list[Problem]:
    """Every problem of ``report``, located. ``locate_warnings=False`` is for commands that
    print only the errors and count the warnings (render, export): a file whose problems are
    all warnings is not read again, so those warnings keep the fast read's places (the same
    problems and the same count; their lines and order within their file are not exact).
    ``remember``: for a process that checks once (the commands): the answer data accepted
    before is not validated again, so the answers model is built only for new data
    (:mod:`tui.core.accepted_answers`; the same problems). The app keeps its model instead."""
    accepted = accepted_answers(report.template) if remember else AcceptedAnswers(None)
    problems = _check_report(report, accepted)
    # A fast-read file has no positions: the files with problems are read round-trip and
    # checked again, so their messages are located exactly as before (the data is the same).
    # Every check looks at one file at a time, so the other files' problems stand as found.
    located = report.locate({p.file for p in problems if locate_warnings or p.is_error})
    if located:
        kept = [p for p in problems if p.file not in located]
        problems = _in_order(report, kept + _check_report(report, accepted, only=located))
    accepted.save()
    return problems


def _check_report(report: Report, accepted: AcceptedAnswers, only: set[Path] | None = None) -> list[Problem]:
    """Every problem; with ``only``, the problems of the files at those paths (the same ones,
    in the same order, as without)."""

    def wanted(doc: YamlDocument) -> bool:
        return only is None or doc.path in only

    problems: list[Problem] = [p for p in report.head_problems if only is None or p.file in only]
    for path in report.extra_files() if only is None else ():
        problems.append(Problem(
            path, "okänd fil: svarsfilerna heter som avsnitten (t.ex. "
            f"{', '.join(k + '.yaml' for k in report.template.file_keys()[:3])} …)"))
    for key, doc in report.files.items():
        if wanted(doc):
            problems.extend(check_document(report.template, key, doc, accepted))
    for doc in report.documents():
        if wanted(doc):
            problems.extend(_unquoted(doc))
    problems.extend(_unanswered(report, wanted))
    problems.extend(_word_limits(report, wanted))
    if wanted(report.head_doc):
        problems.extend(_head_gaps(report))
    problems.extend(check_markdown(report, only))
    if only is not None:  # every check above keeps to its file; this says so
        problems = [p for p in problems if p.file in only]
    return _in_order(report, problems)


def _in_order(report: Report, problems: list[Problem]) -> list[Problem]:
    """By file (as the report lists them), line and column; a stable sort, so one place's
    problems keep the order the checks found them in."""
    order = {doc.path: index for index, doc in enumerate(report.documents())}
    return sorted(problems, key=lambda p: (order.get(p.file, len(order)), str(p.file), p.line, p.column))


def check_document(template: Template, key: str, doc: YamlDocument,
                   accepted: AcceptedAnswers | None = None) -> list[Problem]:
    """The problems of one answer file. ``accepted``: data the answers model accepted before
    (then the model is not built for it; what it accepts now is added)."""
    if doc.error is not None:
        return [doc.error]
    if doc.data is None:
        return []
    data = doc.data
    if not isinstance(data, dict):
        return [Problem(doc.path, "filen ska vara en mappning av avsnitt (1.2.1: …)", line=1)]
    problems: list[Problem] = []
    plain: dict[str, Any] = {}
    for section_id, value in data.items():
        sid = str(section_id)
        line, column = locate(data, (section_id,), at_key=True)
        section = template.section(sid)
        if section is None or not section.answerable:
            if section is not None:
                message = f"avsnittet {sid} har inga egna svar; skriv svaren under dess underavsnitt"
            else:
                message = f"okänt avsnitt «{sid}»: mallen {template.id} har inget sådant avsnitt"
            problems.append(Problem(doc.path, message, line, column, sid))
            continue
        if file_key(sid) != key:
            problems.append(Problem(
                doc.path, f"avsnitt {sid} hör hemma i {file_key(sid)}.yaml", line, column, sid))
            continue
        plain[sid] = _plain(value)
    if accepted is not None and accepted.accepted(plain):
        return problems
    from pydantic import ValidationError

    try:
        answers_model(template).model_validate(plain)
    except ValidationError as exc:
        problems.extend(problems_from_validation_error(
            exc, data, doc.path, lambda e: answer_message(template, e),
            section_of=lambda loc: str(loc[0]) if loc else ""))
    else:
        if accepted is not None:
            accepted.add(plain)
    return problems


def _unquoted(doc: YamlDocument) -> list[Problem]:
    """A warning when the file on disk has text that other YAML readers take for a number,
    date, yes/no or nothing (`1.5:`, `ar: 2019`): aterrapport reads it as text, but an editor
    shows an error and a script gets a number. Files written by aterrapport never have it."""
    if doc.error is not None or doc.dirty or not doc.disk_text:
        return []
    found = unquoted_non_text(doc.disk_text)
    if not found:
        return []
    line, column, value = found[0]
    more = f" (och {len(found) - 1} till)" if len(found) > 1 else ""
    return [Problem(doc.path, f"«{value}» utan citattecken{more} läses som tal, datum, ja/nej eller "
                    "tomt av andra YAML-läsare (redigerare, skript); `aterrapport fmt` sätter citattecken",
                    line, column, severity=Severity.WARNING)]


def _describe(value: Any) -> str:
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, dict):
        return "en mappning"
    if value is None:
        return "tomt"
    return f"«{value}»"


def answer_message(template: Template, error: ErrorDetails) -> str:
    loc = error["loc"]
    kind = error["type"]
    section = template.section(str(loc[0]))
    spec = section.field(str(loc[1])) if section is not None and len(loc) > 1 else None
    given = _describe(error.get("input"))
    if isinstance(spec, TableField):  # the table's own errors: its rows, its cells, their number
        message = _table_message(str(loc[0]), spec, loc[2:], kind, error)
        if message is not None:
            return message
    label = spec.display_label if spec is not None else str(loc[-1])
    if kind == "extra_forbidden":
        if len(loc) == 2 and section is not None:
            known = ", ".join([f.key for f in section.fields] + [DONE_KEY])
            return f"okänt fält «{loc[1]}»; avsnittet har: {known}"
        return f"okänd nyckel «{loc[-1]}»"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if len(loc) == 1:
            return f"avsnittet ska innehålla fält (t.ex. svar: …), inte {given}"
        return f"varje rad ska ha kolumner, inte {given}"
    if kind == "string_type":
        return f"«{label}» ska vara text, inte {given}"
    if kind == "list_type":
        return f"«{label}» ska vara en lista med rader, inte {given}"
    if kind == "literal_error":
        if loc[-1] == DONE_KEY:
            return f"klar: ska vara ja eller tomt, inte {given}"
        return _not_an_option(given, label, getattr(spec, "options", ()))
    return f"{label}: {error['msg']}"


def _table_message(section_id: str, table: TableField, inside: tuple[Any, ...], kind: str,
                   error: ErrorDetails) -> str | None:
    """The message for an error in a table's value (``inside``: the row and column under the
    field), or None when the error is one any field can have."""
    given = _describe(error.get("input"))
    cell = len(inside) == 2
    column = table.column(str(inside[1])) if cell else None
    if kind == "extra_forbidden" and cell:
        return f"okänd kolumn «{inside[1]}»; kolumnerna är: {', '.join(table.column_keys)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"varje rad ska ha kolumner ({table.name_key}: …), inte {given}"
    if kind == "string_type" and cell:
        return f"«{column.header if column else inside[1]}» ska vara text, inte {given}"
    if kind == "list_type":
        return f"«{table.display_label}» ska vara en lista med rader ({list_example(table)}), inte {given}"
    if kind == "too_long":
        return too_many_rows(section_id, table, error["ctx"]["actual_length"])
    if kind == "literal_error" and cell and inside[1] != DONE_KEY:
        return _not_an_option(given, table.display_label, column.options if column else ())
    return None


def _not_an_option(given: str, label: str, options: tuple[str, ...]) -> str:
    expected = [o for o in options if o]
    shown = ", ".join(expected[:-1]) + f" eller {expected[-1]}" if len(expected) > 1 else "".join(expected)
    return f"{given} är inget giltigt svar på «{label}»; välj {shown}"


def _unanswered(report: Report, wanted: Callable[[YamlDocument], bool]) -> list[Problem]:
    problems: list[Problem] = []
    for section in report.template.answerable():
        doc = report.document_for(section.id)
        if (not wanted(doc) or doc.loading or doc.error is not None
                or (doc.data is not None and not isinstance(doc.data, dict))):
            continue

        def where(*loc: str, doc: YamlDocument = doc) -> tuple[int, int]:
            # A section missing from its file has no line: the problem is the file's.
            present = isinstance(doc.data, dict) and loc[0] in doc.data
            return locate(doc.data, loc, at_key=True) if present else (0, 0)

        if not report.has_content(section.id):
            line = where(section.id)[0]
            message = "avsnittet är obesvarat"
            if report.is_done(section.id):
                message = "avsnittet är markerat som klart men är obesvarat; skriv svaret eller ta bort klar: ja"
            problems.append(Problem(doc.path, message, line, 1 if line else 0, section.id, Severity.WARNING))
            continue
        # A filled answer beside an unanswered Ja/Nej question: the question was overlooked.
        for spec in section.fields:
            if isinstance(spec, ChoiceField) and not report.choice(section.id, spec.key):
                line, column = where(section.id, spec.key)
                problems.append(Problem(
                    doc.path, f"«{spec.display_label}» är obesvarad; välj {' eller '.join(spec.options)}",
                    line, column, section.id, Severity.WARNING))
    return problems


def _word_limits(report: Report, wanted: Callable[[YamlDocument], bool]) -> list[Problem]:
    """Answers longer than the template's ``max_words`` (a warning: the writer decides)."""
    problems: list[Problem] = []
    for section in report.template.answerable():
        doc = report.document_for(section.id)
        if not wanted(doc) or doc.loading or doc.error is not None or not isinstance(doc.data, dict):
            continue
        for spec in section.fields:
            if not isinstance(spec, TextField) or spec.max_words is None:
                continue
            words = word_count(report.text(section.id, spec.key))
            if words > spec.max_words:
                line, column = locate(doc.data, (section.id, spec.key), at_key=True)
                problems.append(Problem(
                    doc.path, f"«{spec.display_label}» har {words} ord; mallen anger högst {spec.max_words} "
                    f"({words - spec.max_words} för många)", line, column, section.id, Severity.WARNING))
    return problems


# What the document's head and signature need before the report is sent (warnings: a draft
# is checked long before it is signed).
_HEAD_NEEDED = (("datum", "datum saknas (rapportens datum, ÅÅÅÅ-MM-DD)"),
                ("diarienr", "diarienr saknas (regionens diarienummer)"))
_SIGNATURE_NEEDED = ("ort", "datum", "namn", "titel")


def _head_gaps(report: Report) -> list[Problem]:
    head, doc = report.head, report.head_doc
    if head is None or not isinstance(doc.data, dict):
        return []
    problems: list[Problem] = []
    mismatch = year_mismatch(report.template, head.ar)

    def at(key: str) -> tuple[int, int]:
        return locate(doc.data, (key,), at_key=True) if key in doc.data else (0, 0)

    if mismatch:
        line, column = at("ar")
        problems.append(Problem(doc.path, mismatch, line, column, "", Severity.WARNING))
    for key, message in _HEAD_NEEDED:
        if not getattr(head, key):
            line, column = at(key)
            problems.append(Problem(doc.path, message, line, column, "", Severity.WARNING))
    signature = head.underskrift
    missing = [k for k in _SIGNATURE_NEEDED if signature is None or not getattr(signature, k)]
    if missing:
        line, column = at("underskrift")
        names = ", ".join(missing)
        problems.append(Problem(doc.path, f"underskriften saknar {names}", line, column, "", Severity.WARNING))
    return problems


def as_strict(problems: list[Problem]) -> list[Problem]:
    """``check --strict``: every warning counts, and is shown, as an error."""
    return [replace(p, severity=Severity.ERROR) for p in problems]


def count(problems: list[Problem]) -> tuple[int, int]:
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    return errors, len(problems) - errors
