"""`fmt`: rewrite report files into the canonical, diff-friendly form.

Canonical means: sections, fields and columns in template order, every section and field of
the file present, text normalised (see :mod:`tui.core.text`), Word's pasted bullets as Markdown lists
(:mod:`tui.core.paste`), multi-line text as literal
blocks, one-line text plain, the section titles as comments. Nothing is dropped: unknown keys
and values of the wrong type are kept as they are (``check`` reports them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from tui.core.answers import DONE_KEY
from tui.core.editor_schemas import modeline, schema_root, with_modeline, write_schemas
from tui.core.head import HEAD_ORDER, SIGNATURE_ORDER
from tui.core.report import ExternalChangeError, Report, YamlDocument, folder_lock
from tui.core.scaffold import empty_section, refresh_title_comments
from tui.core.scalars import canonical_scalar, reorder, set_value, to_scalar
from tui.core.template import Section, Template
from tui.core.yamlcomments import hoist_comments
from tui.core.yamlio import dump, parse_text


def canonicalize_answers(template: Template, key: str, data: Any) -> Any:
    if data is None:
        data = CommentedMap()
    if not isinstance(data, CommentedMap):
        return data
    # Keys typed without quotes as numbers elsewhere are still text here; make them plain str.
    for k in list(data.keys()):
        if type(k) is not str:
            value = data[k]
            position = list(data.keys()).index(k)
            del data[k]
            data.insert(position, str(k), value)
    sections = template.sections_in_file(key)
    for section in sections:
        if section.id not in data:
            data[section.id] = empty_section(section)
    reorder(data, [s.id for s in template.answerable()])
    for section in sections:
        value = data[section.id]
        if value is None or value == "":
            set_value(data, section.id, empty_section(section))
        elif isinstance(value, CommentedMap):
            _canonical_section(section, value)
    refresh_title_comments(template, data)
    return data


def _canonical_section(section: Section, node: CommentedMap) -> None:
    for spec in section.fields:
        if spec.key not in node:
            node[spec.key] = spec.empty_value()
    reorder(node, [f.key for f in section.fields] + [DONE_KEY])
    for spec in section.fields:
        spec.canonicalize(node)
    if DONE_KEY in node and node[DONE_KEY] in (None, ""):
        del node[DONE_KEY]
    elif DONE_KEY in node:
        set_value(node, DONE_KEY, canonical_scalar(node[DONE_KEY]))


def canonicalize_head(data: Any) -> Any:
    if not isinstance(data, CommentedMap):
        return data
    reorder(data, HEAD_ORDER)
    for key in list(data.keys()):
        value = data[key]
        if key == "underskrift" and isinstance(value, CommentedMap):
            reorder(value, SIGNATURE_ORDER)
            for sub in value:
                set_value(value, sub, canonical_scalar(value[sub]))
        elif key == "kontakt" and isinstance(value, CommentedSeq):
            for index, line in enumerate(value):
                if isinstance(line, str):
                    value[index] = to_scalar(line.replace("\n", " "))
        elif value is None or isinstance(value, str):
            set_value(data, key, canonical_scalar(value))
    return data


def canonical_text(report: Report, doc: YamlDocument, root: Path | None = None,
                   *, repoint: bool = False) -> str | None:
    """Canonicalise one file in place (under the report's lock, by the report) and return its
    text, or None when the file cannot be read. See :func:`canonical_form`."""
    return report.canonicalize(doc, root, repoint=repoint)


def canonical_form(report: Report, doc: YamlDocument, root: Path | None = None,
                   *, repoint: bool = False) -> tuple[Any, str] | None:
    """The canonical data and text of one file, or None when the file cannot be read. The
    document's data may be rearranged in place; :meth:`Report.canonicalize` calls this under
    the report's lock and puts the returned data into the document.

    With ``root`` (the repository's, see :mod:`tui.core.editor_schemas`) the form includes the
    first line naming the file's schema for editors: added when missing, an existing one kept
    unless ``repoint``."""
    if doc.error is not None:
        return None
    if doc is not report.head_doc and doc.data is None and not doc.path.exists():
        return None
    head = doc is report.head_doc
    data = _canonicalize(report.template, doc.path.stem, doc.data, head=head)
    text = dump(data)
    # Comments hang on ruamel's tokens, and moving a key (an unknown key before a section)
    # can move a comment again on the next pass. Settle on the fixed point, so that `fmt`
    # after `fmt` changes nothing; only files that change pay for it.
    for _ in range(3):
        if text == doc.disk_text:
            break
        again = parse_text(text, doc.path)
        hoist_comments(again)
        again = _canonicalize(report.template, doc.path.stem, again, head=head)
        settled = dump(again)
        if settled == text:
            break
        data, text = again, settled
    if root is None:
        return data, text  # outside a repository: no schema files, no line pointing to one
    with_line = with_modeline(text, modeline(doc.path, root, report.template), replace=repoint)
    if with_line != text:
        # Keep the data in step with the text, so the line is written (and kept by later saves).
        data = parse_text(with_line, doc.path)
        hoist_comments(data)
        text = dump(data)
    return data, text


def _canonicalize(template: Template, key: str, data: Any, *, head: bool) -> Any:
    return canonicalize_head(data) if head else canonicalize_answers(template, key, data)


def format_report(report: Report, *, write: bool, repoint: bool = False) -> list[YamlDocument]:
    """Canonicalise every readable file; returns those whose text changes (written if ``write``,
    together with the schema files the files point to)."""
    changed: list[YamlDocument] = []
    root = schema_root(report.folder)
    if write and root is not None:
        write_schemas(root, report.template)
    for doc in report.documents():
        text = canonical_text(report, doc, root, repoint=repoint)
        if text is None or text == doc.disk_text:
            continue
        changed.append(doc)
    if write and changed:
        # As a save: under the folder's lock, and never over a file someone saved since we read it.
        with folder_lock(report.folder):
            moved = [doc.path for doc in changed if doc.changed_on_disk()]
            if moved:
                raise ExternalChangeError(moved)
            for doc in changed:
                doc.write()
    return changed
