"""The template as data: parts, sections, fields, tables; loaded from ``templates/*.yaml``.

A template file is validated when it is loaded (unique ids, known field kinds, sane limits);
a broken one raises :class:`AterrapportError` with file, line and a Swedish message. The classes
are frozen dataclasses that pydantic validates (:mod:`tui.core.pydantic_meta`): a template read
from its validated JSON copy imports no pydantic.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import GenericAlias
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, NamedTuple

from tui.core.problems import AterrapportError, Problem
from tui.core.pydantic_errors import locate
from tui.core.pydantic_meta import Pydantic
from tui.core.template_files import TEMPLATE_ENV as TEMPLATE_ENV  # re-exported: where callers take them from
from tui.core.template_files import cache_file, file_key, find_templates
from tui.core.template_files import template_dirs as template_dirs
from tui.core.text import from_scalar, word_count
from tui.core.yamlio import atomic_write, load_file

if TYPE_CHECKING:
    from pydantic import BaseModel, TypeAdapter
    from pydantic_core import ErrorDetails
    from ruamel.yaml.comments import CommentedMap

    from tui.core.diff import FieldChange, TableChange
    from tui.core.report import Report

SectionId = Annotated[str, Pydantic(lambda p: p.StringConstraints(pattern=r"^\d+(\.\d+)*$"))]
Key = Annotated[str, Pydantic(lambda p: p.StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=40))]
Title = Annotated[str, Pydantic(lambda p: p.StringConstraints(min_length=1, max_length=300, strip_whitespace=True))]


@dataclass(frozen=True, kw_only=True)
class _Model:
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}


def _distinct_options(options: tuple[str, ...]) -> tuple[str, ...]:
    if len(set(options)) != len(options):
        raise ValueError("svarsalternativen måste vara olika")
    if any(not o.strip() for o in options):
        raise ValueError("ett svarsalternativ är tomt")
    return options


@dataclass(frozen=True, kw_only=True)
class Column(_Model):
    key: Key
    header: Title
    help: str = ""
    kind: Literal["text", "choice"] = "text"
    options: tuple[str, ...] = ()
    width: float = field(default=1.0, metadata={"gt": 0, "le": 10})

    def __post_init__(self) -> None:
        if self.kind == "choice":
            if not 2 <= len(self.options) <= 10:
                raise ValueError("en valkolumn behöver 2–10 svarsalternativ (options)")
            _distinct_options(self.options)
        elif self.options:
            raise ValueError("options hör bara till kolumner med kind: choice")

    def answer_type(self) -> Any:
        return choice_type(self.options) if self.kind == "choice" else str


def choice_type(options: tuple[str, ...]) -> Any:
    """The type of a chosen option in the answers model: one of ``options``, or "" (not yet)."""
    return Literal[(*options, "")]


class FieldText(NamedTuple):  # not a dataclass: 10× cheaper to define, and every command imports this
    """One text in a field's answer: the whole answer, or one cell of a table."""

    text: str
    label: str  # as the app names it: «Svar», «Insatser 2: Namn»
    written: bool  # typed by the writer (spell-checked, Markdown); False for a chosen option
    yaml_index: int | None = None  # a table row's place in the YAML list
    row: int | None = None  # … and among the rows that are mappings (what the app shows)
    column: str | None = None


# A field's whole value as the app's kill -9 journal holds it (JSON): the text of a text field or
# a choice, or a table's rows (column key -> text).
JournalValue = str | list[dict[str, str]]


# What differs between the kinds of field is decided here, by each kind, and nowhere else:
# a new kind implements the abstract methods of _FieldBase and the answers model, scaffold,
# canonical form, content test, diff, text walk, backups and the journal follow. The methods take a field's
# value as read from YAML (anything: files are untrusted). They import their helpers when
# called: every command imports this module, and most need none of them.
@dataclass(frozen=True, kw_only=True)
class _FieldBase(_Model, ABC):
    key: Key
    label: str = ""
    prompt: str = ""

    @property
    def display_label(self) -> str:
        return self.label or self.key.replace("_", " ").capitalize()

    @abstractmethod
    def empty_value(self) -> Any:
        """What a new answer file holds for the field (a fresh YAML node)."""

    @abstractmethod
    def has_content(self, value: Any) -> bool:
        """Whether the field's value holds an answer (a section with none is unanswered)."""

    @abstractmethod
    def canonicalize(self, node: CommentedMap) -> None:
        """Put the field's value in ``node`` (its section's mapping) in canonical form; a value
        of the wrong type is kept as it is (``check`` reports it)."""

    @abstractmethod
    def answer_type(self, section_id: str) -> Any:
        """The type of the field's value in the answers model and so in the JSON Schema."""

    def answer_limits(self) -> dict[str, Any]:
        """Constraints of the value in the answers model (pydantic ``Field`` arguments)."""
        return {}

    @property
    def section_guidance(self) -> str:
        """What the field adds to its section's description in the schema (editors' hover)."""
        return self.prompt

    def answer_field(self, section_id: str) -> tuple[Any, Any]:
        """The field's definition in the answers model (``create_model``); empty is allowed."""
        from pydantic import Field

        return (self.answer_type(section_id) | None, Field(
            None, alias=self.key, title=self.display_label, description=self.prompt or None,
            **self.answer_limits()))

    @abstractmethod
    def diff(self, old: Any, new: Any) -> FieldChange | TableChange | None:
        """What changed between two values of the field, or None."""

    @abstractmethod
    def texts(self, value: Any) -> Iterator[FieldText]:
        """Every text in the value, in reading order (empty ones too)."""

    @abstractmethod
    def restore(self, report: Report, section_id: str, value: Any) -> None:
        """Make ``value`` (a plain value, e.g. from a backup) the field's answer in ``report``;
        what does not fit the field is left out."""

    # -- the journal (what the app has not yet written, kept through a kill -9) --------------------

    @abstractmethod
    def journal_value(self, report: Report, section_id: str) -> JournalValue:
        """What the field holds in ``report``, as the journal keeps it."""

    @abstractmethod
    def from_journal(self, value: object) -> JournalValue | None:
        """A journal's value if this field can take it (None: the journal is from another
        template or was tampered with; it is never taken back)."""

    @abstractmethod
    def take_back(self, report: Report, section_id: str, value: JournalValue) -> None:
        """Make the journal's ``value`` the field's answer (raises AterrapportError when the
        report refuses it)."""

    @abstractmethod
    def journal_summary(self, value: JournalValue) -> str:
        """What the value is, in a few Swedish words, for the offer to take it back."""


class _OneText:
    """What the fields whose value is one text (typed, or a chosen option) share; a plain mixin,
    not a model (every model class costs its schema at import)."""

    def empty_value(self) -> Any:
        return ""

    def has_content(self, value: Any) -> bool:
        return bool(from_scalar(value))


@dataclass(frozen=True, kw_only=True)
class TextField(_OneText, _FieldBase):
    kind: Literal["text"]
    max_words: int | None = field(default=None, metadata={"ge": 1, "le": 100_000})  # the template's word limit

    def canonicalize(self, node: CommentedMap) -> None:
        from tui.core.scalars import canonical_answer, set_value

        set_value(node, self.key, canonical_answer(node[self.key]))

    def answer_type(self, section_id: str) -> Any:
        return str

    def diff(self, old: Any, new: Any) -> FieldChange | None:
        from tui.core.diff import FieldChange, word_diff

        a, b = from_scalar(old), from_scalar(new)
        return None if a == b else FieldChange(self.key, self.display_label, "text", a, b, word_diff(a, b))

    def texts(self, value: Any) -> Iterator[FieldText]:
        yield FieldText(from_scalar(value), self.display_label, written=True)

    def restore(self, report: Report, section_id: str, value: Any) -> None:
        report.set_text(section_id, self.key, value if isinstance(value, str) else "")

    def journal_value(self, report: Report, section_id: str) -> JournalValue:
        return report.text(section_id, self.key)

    def from_journal(self, value: object) -> JournalValue | None:
        return value if isinstance(value, str) else None

    def take_back(self, report: Report, section_id: str, value: JournalValue) -> None:
        if isinstance(value, str):
            report.set_text(section_id, self.key, value)

    def journal_summary(self, value: JournalValue) -> str:
        return f"({word_count(str(value))} ord)"


@dataclass(frozen=True, kw_only=True)
class ChoiceField(_OneText, _FieldBase):
    kind: Literal["choice"]
    options: Annotated[tuple[str, ...], Pydantic(lambda p: (
        p.Field(min_length=2, max_length=10), p.AfterValidator(_distinct_options)))]

    def canonicalize(self, node: CommentedMap) -> None:
        from tui.core.scalars import canonical_scalar, set_value

        set_value(node, self.key, canonical_scalar(node[self.key]))

    def answer_type(self, section_id: str) -> Any:
        return choice_type(self.options)

    def diff(self, old: Any, new: Any) -> FieldChange | None:
        from tui.core.diff import FieldChange

        a, b = from_scalar(old), from_scalar(new)
        return None if a == b else FieldChange(self.key, self.display_label, "choice", a, b)

    def texts(self, value: Any) -> Iterator[FieldText]:
        yield FieldText(from_scalar(value), self.display_label, written=False)

    def restore(self, report: Report, section_id: str, value: Any) -> None:
        report.set_choice(section_id, self.key, value if isinstance(value, str) and value in self.options else "")

    def journal_value(self, report: Report, section_id: str) -> JournalValue:
        return report.choice(section_id, self.key)

    def from_journal(self, value: object) -> JournalValue | None:
        return value if isinstance(value, str) and (not value or value in self.options) else None

    def take_back(self, report: Report, section_id: str, value: JournalValue) -> None:
        if isinstance(value, str):
            report.set_choice(section_id, self.key, value)

    def journal_summary(self, value: JournalValue) -> str:
        return f"{self.display_label}: {value or '(inget val)'}"


Noun = Annotated[str, Pydantic(lambda p: p.StringConstraints(min_length=1, max_length=40, strip_whitespace=True))]


@dataclass(frozen=True, kw_only=True)
class RowNoun(_Model):
    """What a table's rows are called, e.g. «en insats» / «insatser» (messages, diff, app)."""

    singular: Noun = "rad"
    plural: Noun = "rader"
    article: Literal["en", "ett"] = "en"  # decides «ny/nytt», «ändrad/ändrat» …


def _unique_columns(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    keys = [c.key for c in columns]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise ValueError(f"kolumnnyckeln {', '.join(duplicates)} förekommer flera gånger")
    return columns


@dataclass(frozen=True, kw_only=True)
class TableField(_FieldBase):
    kind: Literal["table"]
    note: str = ""
    max_rows: int | None = field(default=None, metadata={"ge": 1, "le": 100})
    columns: Annotated[tuple[Column, ...], Pydantic(lambda p: (
        p.Field(min_length=1, max_length=10), p.AfterValidator(_unique_columns)))]
    row_noun: RowNoun = RowNoun()
    name_column: Key | None = None  # the column that names a row (default: the first)
    limit_text: str = ""  # the template's own wording of max_rows, quoted when the table is full

    def __post_init__(self) -> None:
        if self.name_column is not None and self.column(self.name_column) is None:
            raise ValueError(f"name_column «{self.name_column}» är ingen av tabellens kolumner")
        if self.limit_text and self.max_rows is None:
            raise ValueError("limit_text hör bara till tabeller med max_rows")

    @property
    def name_key(self) -> str:
        return self.name_column or self.columns[0].key

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)

    @property
    def column_keys(self) -> list[str]:
        return [c.key for c in self.columns]

    def rows(self, value: Any) -> list[dict[str, str]]:
        """The rows (the entries that are mappings) as text, keyed by the template's columns."""
        from tui.core.scalars import text_rows

        return text_rows(value, self.column_keys)

    def empty_value(self) -> Any:
        from ruamel.yaml.comments import CommentedSeq

        return CommentedSeq()

    def has_content(self, value: Any) -> bool:
        return any(any(cell for cell in row.values()) for row in self.rows(value))

    def canonicalize(self, node: CommentedMap) -> None:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        from tui.core.scalars import canonical_answer, reorder, set_value

        value = node[self.key]
        if value is None or value == "":
            set_value(node, self.key, CommentedSeq())
        elif isinstance(value, CommentedSeq):
            columns = self.column_keys
            for row in value:
                if isinstance(row, CommentedMap):
                    for column in columns:
                        if column not in row:
                            row[column] = ""
                    reorder(row, columns)
                    for cell_key in row:
                        set_value(row, cell_key, canonical_answer(row[cell_key]))
            if not value:
                value.fa.set_flow_style()
            else:
                value.fa.set_block_style()

    def row_model(self, section_id: str) -> type[BaseModel]:
        from pydantic import ConfigDict, Field, create_model

        fields: dict[str, Any] = {}
        for column in self.columns:
            fields["f_" + column.key] = (column.answer_type() | None, Field(
                None, alias=column.key, title=column.header, description=column.help or None))
        return create_model(
            f"Rad_{section_id.replace('.', '_')}_{self.key}",
            __config__=ConfigDict(extra="forbid", title=f"{section_id} {self.display_label}: rad", defer_build=True),
            **fields,
        )

    def answer_type(self, section_id: str) -> Any:
        # list[Model] for a model built at run time: spelled as the alias it is, for mypy.
        return GenericAlias(list, self.row_model(section_id))

    def answer_limits(self) -> dict[str, Any]:
        return {} if self.max_rows is None else {"max_length": self.max_rows}

    @property
    def section_guidance(self) -> str:
        return ""  # a table's prompt describes its rows: it stays on the table's key

    def diff(self, old: Any, new: Any) -> TableChange | None:
        from tui.core.diff import diff_table

        return diff_table(self, self.rows(old), self.rows(new))

    def texts(self, value: Any) -> Iterator[FieldText]:
        if not isinstance(value, list):
            return
        rows = (item for item in enumerate(value) if isinstance(item[1], dict))
        for number, (index, row) in enumerate(rows):
            for column in self.columns:
                yield FieldText(from_scalar(row.get(column.key)), f"{self.display_label} {number + 1}: {column.header}",
                                column.kind == "text", index, number, column.key)

    def restore(self, report: Report, section_id: str, value: Any) -> None:
        while report.rows(section_id, self.key):
            report.delete_row(section_id, self.key, 0)
        for row in value if isinstance(value, list) else []:
            if isinstance(row, dict):
                report.add_row(section_id, self.key, {str(k): str(v) for k, v in row.items() if v is not None})

    def journal_value(self, report: Report, section_id: str) -> JournalValue:
        return report.rows(section_id, self.key)

    def from_journal(self, value: object) -> JournalValue | None:
        if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
            return None
        return [{str(k): str(v) for k, v in row.items()} for row in value]

    def take_back(self, report: Report, section_id: str, value: JournalValue) -> None:
        """The table holds ``value``'s rows: rows in place are updated (their comments stay),
        the rest added or removed at the end."""
        if not isinstance(value, list):
            return
        current = len(report.rows(section_id, self.key))
        for index, row in enumerate(value):
            if index < current:
                report.update_row(section_id, self.key, index, row)
            else:
                report.add_row(section_id, self.key, row)
        for index in range(current - 1, len(value) - 1, -1):
            report.delete_row(section_id, self.key, index)

    def journal_summary(self, value: JournalValue) -> str:
        from tui.core.tablewords import count_rows

        return f"{self.display_label}: {count_rows(self.row_noun, len(value))}"


FieldSpec = Annotated[TextField | ChoiceField | TableField, Pydantic(lambda p: p.Discriminator("kind"))]
_KINDS: dict[str, type[TextField | ChoiceField | TableField]] = {
    "text": TextField, "choice": ChoiceField, "table": TableField}


@dataclass(frozen=True, kw_only=True)
class Section(_Model):
    """A part (level 1) or a numbered section; answerable when it has fields."""

    id: SectionId
    title: Title
    guidance: str = ""
    preamble: str = ""
    comment: str = ""
    fields: tuple[FieldSpec, ...] = ()
    sections: tuple[Section, ...] = ()

    def __post_init__(self) -> None:
        keys = [f.key for f in self.fields]
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        if duplicates:
            raise ValueError(f"fältnyckeln {', '.join(duplicates)} förekommer flera gånger i {self.id}")
        for child in self.sections:
            if not child.id.startswith(self.id + ".") or child.level != self.level + 1:
                raise ValueError(
                    f"underavsnittet {child.id} passar inte under {self.id} "
                    f"(id:t ska börja med {self.id}. och ha en nivå till)")

    @property
    def level(self) -> int:
        return self.id.count(".") + 1

    @property
    def answerable(self) -> bool:
        return bool(self.fields)

    @property
    def number_title(self) -> str:
        return f"{self.id} {self.title}"

    def field(self, key: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.key == key), None)

    def tables(self) -> list[TableField]:
        return [f for f in self.fields if isinstance(f, TableField)]

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.sections:
            yield from child.walk()


@dataclass(frozen=True, kw_only=True)
class Template(_Model):
    id: Annotated[str, Pydantic(lambda p: p.StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=80))]
    title: Title
    year: int = field(metadata={"ge": 2000, "le": 2100})
    source: str = ""
    notes: str = ""
    parts: tuple[Section, ...] = field(metadata={"min_length": 1})

    # Not fields: set after validation (the index) and by whoever read the template (its file).
    _index: dict[str, Section] = field(init=False, repr=False, compare=False)
    _path: Path | None = field(init=False, repr=False, compare=False)
    _content: str | None = field(init=False, repr=False, compare=False)  # content_json, once made

    def __post_init__(self) -> None:
        index: dict[str, Section] = {}
        for section in self.walk():
            if section.id in index:
                raise ValueError(f"avsnittet {section.id} förekommer flera gånger")
            index[section.id] = section
        for part in self.parts:
            if part.level != 1:
                raise ValueError(f"delen {part.id} ska ha ett id utan punkt (t.ex. 1, 2, 3)")
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_path", None)
        object.__setattr__(self, "_content", None)

    @property
    def path(self) -> Path | None:
        return self._path

    def walk(self) -> Iterator[Section]:
        for part in self.parts:
            yield from part.walk()

    def section(self, section_id: str) -> Section | None:
        return self._index.get(section_id)

    def answerable(self) -> list[Section]:
        return [s for s in self.walk() if s.answerable]

    def part_of(self, section_id: str) -> Section:
        return self._index[section_id.split(".")[0]]

    def file_keys(self) -> list[str]:
        """Answer files in template order, e.g. ``["1.1", "1.2", …, "2", "3.1", …]``."""
        keys: list[str] = []
        for section in self.answerable():
            key = file_key(section.id)
            if key not in keys:
                keys.append(key)
        return keys

    def sections_in_file(self, key: str) -> list[Section]:
        return [s for s in self.answerable() if file_key(s.id) == key]


def _plain(value: Any) -> Any:
    """Round-trip YAML objects to plain dicts/lists/strs for pydantic."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def load_template(path: Path) -> Template:
    path = Path(path)
    stat = path.stat() if path.exists() else None
    return _load_template_cached(path.resolve(), stat.st_mtime_ns if stat else 0)


@functools.lru_cache(maxsize=16)
def _load_template_cached(path: Path, _mtime: int) -> Template:
    cached = _from_json_cache(path)
    if cached is not None:
        return cached
    template = _parse_template(path)
    _to_json_cache(path, template)
    return template


def as_data(value: Any) -> Any:
    """A validated template (or a part of it) as JSON data: its fields, in their order."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: as_data(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
    if isinstance(value, tuple):
        return [as_data(v) for v in value]
    return value


def _from_data(data: dict[str, Any]) -> Template:
    """The template ``as_data`` gave, built again without validating (it was validated when it
    was written; the checks across fields in ``__post_init__`` run again). Raises KeyError,
    TypeError or ValueError on data of another shape."""
    def column(d: dict[str, Any]) -> Column:
        return Column(**{**d, "options": tuple(d["options"])})

    def field_spec(d: dict[str, Any]) -> TextField | ChoiceField | TableField:
        if d["kind"] == "choice":
            return ChoiceField(**{**d, "options": tuple(d["options"])})
        if d["kind"] == "table":
            return TableField(**{**d, "columns": tuple(map(column, d["columns"])),
                                 "row_noun": RowNoun(**d["row_noun"])})
        return TextField(**d)

    def section(d: dict[str, Any]) -> Section:
        return Section(**{**d, "fields": tuple(map(field_spec, d["fields"])),
                              "sections": tuple(map(section, d["sections"]))})

    return Template(**{**data, "parts": tuple(map(section, data["parts"]))})


def content_json(template: Template) -> str:
    """The template's whole content as JSON (its validated copy; a key of what depends on it)."""
    content = template._content
    if content is None:
        content = json.dumps(as_data(template), ensure_ascii=False, separators=(",", ":"))
        object.__setattr__(template, "_content", content)
    return content


# Parsing a template's YAML takes ~0.1 s, validating the same data ~1 ms after pydantic's import
# and first schema (~0.1 s), and every command and the app's start need the template: keep the
# validated template as JSON and build it from there (template_files.cache_file: keyed by the
# file's bytes and this module's source), with no pydantic loaded.
def _from_json_cache(path: Path) -> Template | None:
    cache = cache_file(path)
    if cache is None:
        return None
    try:
        text = cache.read_text(encoding="utf-8")
        template = _from_data(json.loads(text))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # none yet, or damaged: read the template again
    object.__setattr__(template, "_path", path)
    # The copy is content_json's text (_to_json_cache), so its digest keys what depends on the
    # template without walking it again. A copy changed by hand and still readable only names
    # other stores: the text still determines the template.
    object.__setattr__(template, "_content", text)
    return template


def _to_json_cache(path: Path, template: Template) -> None:
    cache = cache_file(path)
    if cache is not None:
        with contextlib.suppress(OSError):
            atomic_write(cache, content_json(template))


def keep_cached(template: Template) -> None:
    """Write the template's validated copy again (e.g. into another state folder: a template
    already loaded in this process is not read, nor cached, again)."""
    if template._path is not None:
        _to_json_cache(template._path, template)


@functools.cache
def _adapter() -> TypeAdapter[Template]:
    from pydantic import TypeAdapter

    return TypeAdapter(Template)


def _parse_template(path: Path) -> Template:
    from pydantic import ValidationError

    from tui.core.pydantic_errors import problems_from_validation_error

    document, _text = load_file(path)
    if not isinstance(document, dict):
        raise AterrapportError(Problem(path, "en mallfil ska vara en mappning (id:, title:, parts: …)", line=1))
    duplicates = _duplicate_ids(document, path)
    if duplicates:
        raise AterrapportError(duplicates)
    try:
        template = _adapter().validate_python(_plain(document))
    except ValidationError as exc:
        raise AterrapportError(
            problems_from_validation_error(exc, document, path, _template_message)) from None
    if template.id != path.stem:
        raise AterrapportError(Problem(
            path, f"mallens id «{template.id}» ska vara samma som filnamnet ({path.stem})", line=1))
    object.__setattr__(template, "_path", path)
    return template


def _template_message(error: ErrorDetails) -> str:
    kind = error["type"]
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):  # a model's and a dataclass's word
        return f"okänd nyckel «{error['loc'][-1]}» i mallen"
    if kind == "missing":
        return f"nyckeln «{error['loc'][-1]}» saknas"
    if kind == "union_tag_invalid":
        return (f"okänd fälttyp «{error.get('input', {}).get('kind', '')}»; "
                "tillåtna är text, choice och table")
    if kind == "union_tag_not_found":
        return "fältet saknar kind: (text, choice eller table)"
    if kind == "string_pattern_mismatch":
        return f"ogiltigt värde «{error.get('input')}» (mönster {error['ctx']['pattern']})"
    if kind in ("too_short", "too_long"):
        return f"fel antal: {error['msg']}"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    if kind in ("greater_than_equal", "greater_than"):
        return f"«{error['loc'][-1]}» är för litet (minst {error['ctx'].get('ge', error['ctx'].get('gt'))})"
    if kind in ("less_than_equal", "less_than"):
        return f"«{error['loc'][-1]}» är för stort (högst {error['ctx'].get('le', error['ctx'].get('lt'))})"
    if kind.startswith("int") or kind.startswith("float"):
        return f"«{error['loc'][-1]}» ska vara ett tal, inte «{error.get('input')}»"
    if kind == "string_type":
        return f"«{error['loc'][-1]}» ska vara text"
    return f"{error['msg']}"


def _duplicate_ids(document: Any, path: Path) -> list[Problem]:
    """Duplicate section ids, located at the second occurrence (pydantic cannot point there)."""
    seen: set[str] = set()
    problems: list[Problem] = []

    def visit(items: Any) -> None:
        if not isinstance(items, list):
            return
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            sid = str(item.get("id", ""))
            if sid in seen:
                line, column = locate(items, (index, "id"))
                problems.append(Problem(path, f"avsnittet {sid} förekommer flera gånger", line, column))
            seen.add(sid)
            visit(item.get("sections"))

    visit(document.get("parts"))
    return problems


# -- finding templates -------------------------------------------------------------------------

def get_template(template_id: str) -> Template:
    templates = find_templates()
    if template_id not in templates:
        known = ", ".join(sorted(templates)) or "inga"
        raise AterrapportError(f"mallen «{template_id}» finns inte (kända mallar: {known})")
    return load_template(templates[template_id])
