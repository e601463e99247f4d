"""Every message about a table's rows, worded from the template's own noun for them.

The template says what a table's rows are called (``row_noun``: «insats»/«insatser», or
«aktivitet»/«aktiviteter», default «rad»/«rader»), which column names a row and how it words
its row limit; nothing here knows a table by its key.
"""

from __future__ import annotations

from typing import Literal

from tui.core.template import RowNoun, TableField

RowKind = Literal["added", "removed", "changed", "moved"]

# Participles agree with the noun: «ny insats», «nytt projekt», «nya insatser».
_FORMS: dict[str, tuple[str, str, str]] = {
    "added": ("ny", "nytt", "nya"),
    "changed": ("ändrad", "ändrat", "ändrade"),
    "removed": ("borttagen", "borttaget", "borttagna"),
    "moved": ("flyttad", "flyttat", "flyttade"),
}


def _adjective(noun: RowNoun, kind: str) -> str:
    common, neuter, _plural = _FORMS[kind]
    return neuter if noun.article == "ett" else common


def count_rows(noun: RowNoun, count: int) -> str:
    """«1 insats», «7 insatser»."""
    return f"{count} {noun.singular if count == 1 else noun.plural}"


def too_many_rows(section_id: str, table: TableField, count: int) -> str:
    """The check's error for a table with more rows than the template allows."""
    return f"{section_id} har {count_rows(table.row_noun, count)}; mallen tillåter högst {table.max_rows}"


def table_full(section_id: str, table: TableField, count: int) -> str:
    """Refusing to add a row to a full table, quoting the template's own wording of the limit."""
    quote = f" (”{table.limit_text}”)" if table.limit_text else ""
    return (f"{section_id} har redan {count_rows(table.row_noun, count)}; "
            f"mallen tillåter högst {table.max_rows}{quote}")


def remove_one_first(table: TableField) -> str:
    return f"Ta bort {table.row_noun.article} {table.row_noun.singular} först."


def no_rows_yet(table: TableField) -> str:
    return f"Inga {table.row_noun.plural} än. Tryck a för att lägga till."


def row_form_title(table: TableField, *, editing: bool, number: int) -> str:
    """«Ny insats 3», «Ändra insats 2», «Nytt projekt 1»."""
    verb = "Ändra" if editing else _adjective(table.row_noun, "added").capitalize()
    return f"{verb} {table.row_noun.singular} {number}"


def list_example(table: TableField) -> str:
    """How a row starts in YAML, for messages about a malformed table: ``- namn: …``."""
    return f"- {table.name_key}: …"


def diff_row_heading(noun: RowNoun, kind: RowKind, old_index: int | None, new_index: int | None,
                     moved: bool) -> str:
    """«Ny insats, rad 3», «Ändrad insats, rad 2 (flyttad från rad 1)», «Flyttad insats, rad 1 → 2»."""
    title = f"{_adjective(noun, kind).capitalize()} {noun.singular}"
    if kind == "added":
        return f"{title}, rad {new_index + 1 if new_index is not None else '?'}"
    if kind == "removed":
        return f"{title}, rad {old_index + 1 if old_index is not None else '?'}"
    old, new = (old_index or 0) + 1, (new_index or 0) + 1
    if kind == "moved":
        return f"{title}, rad {old} → {new}"
    return f"{title}, rad {new}" + (f" (flyttad från rad {old})" if moved else "")


def diff_phrases(noun: RowNoun, kind: RowKind) -> tuple[str, str]:
    """The commit-message phrase for one kind of row change, singular and plural."""
    if kind == "moved":
        return f"ny ordning på {noun.plural}", f"ny ordning på {noun.plural}"
    return f"{_adjective(noun, kind)} {noun.singular}", f"{_FORMS[kind][2]} {noun.plural}"
