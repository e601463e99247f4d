"""Showing a :class:`~tui.core.diff.ReportDiff`: Rich (terminal, app), Markdown (pull request
comment, CI job summary) and JSON (tools; the keys are documented in the README).

All three show the same thing in the same order: the report's head fields, added or removed
files, then each changed section in template order with its changed fields (word-level),
its insatser and its ``klar`` mark. Long unchanged text is shortened to the changed
paragraphs with a few words of context.
"""

from __future__ import annotations

import re
from typing import Any

from rich.text import Text

from tui.core.diff import (
    FieldChange,
    ReportDiff,
    RowChange,
    SectionDiff,
    Span,
    SpanKind,
    TableChange,
    changed_paragraphs,
)
from tui.core.tablewords import diff_row_heading

ADDED_STYLE = "green underline"
REMOVED_STYLE = "red strike"
JSON_FORMAT_VERSION = 1
_INLINE_LIMIT = 80  # values this short and on one line are shown as "old → new"
_DETAILS_LIMIT = 1500  # Markdown: longer new/removed texts are folded in <details>
_EMPTY = "(tomt)"


# -- words shared by the renderers --------------------------------------------------------------

def row_heading(row: RowChange, table: TableChange) -> str:
    """"Ny insats, rad 3", "Ändrad insats, rad 2 (flyttad från rad 1)", "Flyttad insats, rad 1 → 2"."""
    return diff_row_heading(table.noun, row.kind, row.old_index, row.new_index, row.moved)


def field_state(change: FieldChange) -> str:
    if change.added:
        return "nytt"
    if change.removed:
        return "borttaget"
    return "ändrat"


def done_text(done: tuple[bool, bool]) -> str:
    return "Markerat klart" if done[1] else "Inte längre markerat klart"


def _short(*values: str) -> bool:
    return all("\n" not in v and len(v) <= _INLINE_LIMIT for v in values)


def _wrap_lines(text: str, opening: str, closing: str, escape: bool = False) -> str:
    """Put markers around each line's words, whitespace outside (Markdown emphasis needs it)."""
    out = []
    for line in text.split("\n"):
        core = line.strip()
        if not core:
            out.append(line)
            continue
        start = line.index(core)
        body = md_escape(core) if escape else core
        out.append(f"{line[:start]}{opening}{body}{closing}{line[start + len(core):]}")
    return "\n".join(out)


# -- Rich ---------------------------------------------------------------------------------------

class _Lines:
    """Rich text built line by line with explicit indentation: one :class:`Text`, so it is
    never cropped or padded (in a CI log) and wraps like any text in a terminal or the app."""

    def __init__(self) -> None:
        self.text = Text()
        self._empty = True

    def add(self, content: Text | str, indent: int = 0, style: str = "") -> None:
        if isinstance(content, str):
            content = Text(content, style=style)
        for line in content.split("\n", allow_blank=True):
            if not self._empty:
                self.text.append("\n")
            self._empty = False
            if line.plain:
                self.text.append(" " * indent)
            self.text.append_text(line)


def rich_spans(spans: tuple[Span, ...] | list[Span], *, markers: bool = False) -> Text:
    """Word-level diff as Rich text; ``markers`` adds ``[-…-]``/``{+…+}`` for plain output."""
    text = Text()
    for span in spans:
        if span.kind == "same":
            text.append(span.text)
        elif span.kind == "added":
            text.append(_wrap_lines(span.text, "{+", "+}") if markers else span.text, style=ADDED_STYLE)
        else:
            text.append(_wrap_lines(span.text, "[-", "-]") if markers else span.text, style=REMOVED_STYLE)
    return text


def _rich_value_change(out: _Lines, indent: int, label: str, old: str, new: str, spans: tuple[Span, ...], *,
                       markers: bool, state: str = "") -> None:
    """One changed value: inline "label: old → new" when short, else a block of paragraphs."""
    head = Text(f"{label}:", style="bold")
    if _short(old, new):
        line = head + Text(" ")
        if old:
            line.append_text(rich_spans([Span("removed", old)], markers=markers))
        else:
            line.append(_EMPTY, style="dim")
        line.append(" → ")
        if new:
            line.append_text(rich_spans([Span("added", new)], markers=markers))
        else:
            line.append(_EMPTY, style="dim")
        out.add(line, indent)
        return
    if state:
        head.append(f" {state}", style="italic")
    out.add(head, indent)
    if not old or not new:
        out.add(rich_spans([Span("added", new)] if new else [Span("removed", old)], markers=markers), indent + 4)
        return
    for number, paragraph in enumerate(changed_paragraphs(spans)):
        if number:
            out.add("")
        out.add(rich_spans(paragraph, markers=markers), indent + 4)


def _rich_table(out: _Lines, indent: int, table: TableChange, *, markers: bool) -> None:
    symbols = {"added": ("+", "green"), "removed": ("−", "red"), "changed": ("~", "yellow"),
               "moved": ("↕", "cyan")}
    out.add(Text(f"{table.label}:", style="bold"), indent)
    for row in table.rows:
        symbol, colour = symbols[row.kind]
        line = Text(f"{symbol} ", style=f"bold {colour}")
        line.append(row_heading(row, table), style=colour)
        if row.name:
            line.append(f": {row.name}")
        out.add(line, indent + 2)
        if row.kind == "moved":
            continue
        for cell in row.cells:
            if row.kind == "changed":
                _rich_value_change(out, indent + 6, cell.header, cell.old, cell.new, cell.spans, markers=markers)
                continue
            kind: SpanKind = "added" if row.kind == "added" else "removed"
            value = rich_spans([Span(kind, cell.new or cell.old)], markers=markers)
            if _short(cell.new or cell.old):
                out.add(Text(f"{cell.header}: ", style="bold") + value, indent + 6)
            else:
                out.add(Text(f"{cell.header}:", style="bold"), indent + 6)
                out.add(value, indent + 10)


def _rich_section_body(out: _Lines, indent: int, section: SectionDiff, *, markers: bool) -> None:
    for change in section.fields:
        state = f"({field_state(change)})" if change.kind == "text" else ""
        spans = change.spans if change.kind == "text" else ()
        _rich_value_change(out, indent, change.label, change.old, change.new, spans, markers=markers, state=state)
    for table in section.tables:
        _rich_table(out, indent, table, markers=markers)
    if section.done is not None:
        out.add(done_text(section.done), indent, style="green" if section.done[1] else "yellow")


def rich_section(section: SectionDiff, *, markers: bool = False, heading: bool = True) -> Text:
    """One section's changes (the app's history view shows this for each version)."""
    out = _Lines()
    if heading:
        out.add(section.number_title, style="bold underline")
    _rich_section_body(out, 2 if heading else 0, section, markers=markers)
    return out.text


def rich_diff(diff: ReportDiff, *, markers: bool = False) -> Text:
    """The whole diff for the terminal; ``markers`` for output that is not a terminal."""
    out = _Lines()
    title = Text(f"{diff.folder}: ", style="bold")
    title.append(f"{diff.old_label} → {diff.new_label}")
    out.add(title)
    if diff.created:
        out.add("Ny rapport (finns inte i den äldre versionen).", style="green")
    if diff.deleted:
        out.add("Rapporten är borttagen i den nyare versionen.", style="red")
    if not diff.changed:
        out.add("Inga ändringar.", style="dim")
        return out.text
    for unreadable in diff.unreadable:
        side = diff.old_label if unreadable.side == "old" else diff.new_label
        out.add(f"{unreadable.file} kan inte läsas i {side} och jämförs inte: {unreadable.message}", style="red")
    if diff.meta:
        out.add("")
        out.add("Rapportuppgifter (rapport.yaml)", style="bold underline")
        for change in diff.meta:
            _rich_value_change(out, 2, change.label, change.old, change.new, change.spans, markers=markers,
                               state=f"({field_state(change)})")
    files = [f"ny fil {name}" for name in diff.files_added] + [f"borttagen fil {name}" for name in diff.files_removed]
    if files:
        out.add("")
        out.add("Filer: " + "; ".join(files))
    for section in diff.sections:
        out.add("")
        out.add(section.number_title, style="bold underline")
        _rich_section_body(out, 2, section, markers=markers)
    return out.text


# -- Markdown -----------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_spans(spans: tuple[Span, ...] | list[Span]) -> str:
    """``~~removed~~ **added**``; unchanged text stays as the writer's own Markdown."""
    out: list[str] = []
    previous = "same"
    for span in spans:
        if span.kind == "same":
            out.append(span.text)
        else:
            if previous == "removed" and span.kind == "added" and out and not out[-1][-1:].isspace():
                out.append(" ")  # "~~old~~**new**" would not render as two marks
            marker = "**" if span.kind == "added" else "~~"
            out.append(_wrap_lines(span.text, marker, marker, escape=True))
        previous = span.kind
    return "".join(out)


def _quote(text: str, indent: str = "") -> str:
    return "\n".join(f"{indent}> {line}".rstrip() for line in text.split("\n"))


def _md_value_change(label: str, old: str, new: str, spans: tuple[Span, ...], *, state: str = "") -> list[str]:
    """Lines of Markdown for one changed value (inline when short, else quoted paragraphs)."""
    name = f"**{md_escape(label)}**"
    if _short(old, new):
        before = f"~~{md_escape(old)}~~" if old else _EMPTY
        after = f"**{md_escape(new)}**" if new else _EMPTY
        return [f"{name}: {before} → {after}"]
    lines = [name + (f" ({state})" if state else "") + ":", ""]
    if not old or not new:
        body = md_spans([Span("added", new)] if new else [Span("removed", old)])
        if len(body) > _DETAILS_LIMIT:
            summary = f"Visa {'den nya' if new else 'den borttagna'} texten ({len((new or old).split())} ord)"
            return [*lines, "<details>", f"<summary>{summary}</summary>", "", _quote(body), "", "</details>"]
        return [*lines, _quote(body)]
    return [*lines, "\n>\n".join(_quote(md_spans(p)) for p in changed_paragraphs(spans))]


def _md_cell(header: str, old: str, new: str, spans: tuple[Span, ...], row_kind: str) -> list[str]:
    """One cell as a nested list item: inline when short, else a quote under the item."""
    name = f"  - *{md_escape(header)}*:"
    if row_kind in ("added", "removed"):
        value = new or old
        mark = "**" if row_kind == "added" else "~~"
        if _short(value):
            return [f"{name} {mark}{md_escape(value)}{mark}"]
        return [name, "", _quote(md_spans([Span("added" if new else "removed", value)]), "    "), ""]
    if _short(old, new):
        before = f"~~{md_escape(old)}~~" if old else _EMPTY
        after = f"**{md_escape(new)}**" if new else _EMPTY
        return [f"{name} {before} → {after}"]
    if not old or not new:
        body = md_spans([Span("added", new)] if new else [Span("removed", old)])
    else:
        body = "\n>\n".join(md_spans(p) for p in changed_paragraphs(spans))
    return [name, "", _quote(body, "    "), ""]


def _md_table(table: TableChange) -> list[str]:
    lines = [f"**{md_escape(table.label)}**", ""]
    for row in table.rows:
        lines.append(f"- **{row_heading(row, table)}**" + (f": {md_escape(row.name)}" if row.name else ""))
        if row.kind != "moved":
            for cell in row.cells:
                lines += _md_cell(cell.header, cell.old, cell.new, cell.spans, row.kind)
    return [*lines, ""]


def markdown_section(section: SectionDiff, *, level: int = 3) -> str:
    lines = [f"{'#' * level} {md_escape(section.number_title)}", ""]
    for change in section.fields:
        spans = change.spans if change.kind == "text" else ()
        state = field_state(change) if change.kind == "text" else ""
        lines += [*_md_value_change(change.label, change.old, change.new, spans, state=state), ""]
    for table in section.tables:
        lines += _md_table(table)
    if section.done is not None:
        lines += [("✅ " if section.done[1] else "↩️ ") + done_text(section.done), ""]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def markdown_diff(diff: ReportDiff, *, level: int = 2) -> str:
    """The diff as GitHub/GitLab Markdown: one heading per report, one per changed section."""
    versions = f"{md_escape(diff.old_label)} → {md_escape(diff.new_label)}"
    lines = [f"{'#' * level} Återrapport `{diff.folder}`: {versions}", ""]
    if diff.created:
        lines += ["Ny rapport (finns inte i den äldre versionen).", ""]
    if diff.deleted:
        lines += ["Rapporten är borttagen i den nyare versionen.", ""]
    if not diff.changed:
        return "\n".join([*lines, "Inga ändringar i rapporten.", ""])
    for unreadable in diff.unreadable:
        side = diff.old_label if unreadable.side == "old" else diff.new_label
        lines += [f"> [!WARNING]\n> `{unreadable.file}` kan inte läsas i {md_escape(side)} och jämförs inte: "
                  f"{md_escape(unreadable.message)}", ""]
    summary = [s.id for s in diff.sections]
    if summary:
        lines += [f"Ändrade avsnitt: {', '.join(summary)}", ""]
    if diff.meta:
        lines += [f"{'#' * (level + 1)} Rapportuppgifter (rapport.yaml)", ""]
        for change in diff.meta:
            lines += [*_md_value_change(change.label, change.old, change.new, change.spans,
                                        state=field_state(change)), ""]
    files = [f"ny fil `{name}`" for name in diff.files_added]
    files += [f"borttagen fil `{name}`" for name in diff.files_removed]
    if files:
        lines += ["**Filer:** " + "; ".join(files), ""]
    for section in diff.sections:
        lines.append(markdown_section(section, level=level + 1))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).rstrip("\n") + "\n"


# -- JSON ---------------------------------------------------------------------------------------

def _json_spans(spans: tuple[Span, ...]) -> list[dict[str, str]]:
    names = {"same": "lika", "added": "ny", "removed": "borttagen"}
    return [{"typ": names[s.kind], "text": s.text} for s in spans]


def _json_field(change: FieldChange) -> dict[str, Any]:
    return {"nyckel": change.key, "namn": change.label, "typ": change.kind, "fran": change.old,
            "till": change.new, "ord": _json_spans(change.spans)}


def _json_row(row: RowChange) -> dict[str, Any]:
    names = {"added": "ny", "removed": "borttagen", "changed": "andrad", "moved": "flyttad"}
    return {
        "andring": names[row.kind], "namn": row.name,
        "fran_rad": None if row.old_index is None else row.old_index + 1,
        "till_rad": None if row.new_index is None else row.new_index + 1,
        "flyttad": row.moved or row.kind == "moved",
        "celler": [{"kolumn": c.key, "rubrik": c.header, "fran": c.old, "till": c.new, "ord": _json_spans(c.spans)}
                   for c in row.cells],
    }


def json_section(section: SectionDiff) -> dict[str, Any]:
    return {
        "id": section.id, "rubrik": section.title,
        "falt": [_json_field(f) for f in section.fields],
        "tabeller": [{"nyckel": t.key, "namn": t.label, "rader": [_json_row(r) for r in t.rows]}
                     for t in section.tables],
        "klar": None if section.done is None else {"fran": section.done[0], "till": section.done[1]},
    }


def json_diff(diff: ReportDiff) -> dict[str, Any]:
    """A stable, documented structure (see the README, "aterrapport diff --format json")."""
    return {
        "format": JSON_FORMAT_VERSION,
        "rapport": diff.folder,
        "mall": diff.template,
        "fran": diff.old_label,
        "till": diff.new_label,
        "andrad": diff.changed,
        "ny_rapport": diff.created,
        "borttagen_rapport": diff.deleted,
        "nya_filer": list(diff.files_added),
        "borttagna_filer": list(diff.files_removed),
        "olasbara_filer": [{"fil": u.file, "sida": "fran" if u.side == "old" else "till", "meddelande": u.message}
                           for u in diff.unreadable],
        "uppgifter": [_json_field(m) for m in diff.meta],
        "avsnitt": [json_section(s) for s in diff.sections],
    }
