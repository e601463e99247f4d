"""Editors find the schema by themselves: schema files kept in the repository, and a
``# yaml-language-server: $schema=…`` first line in every report file pointing to its own.

The schemas live in ``.aterrapport/schemas/`` at the repository root (the nearest folder up
from the report with ``.git`` or ``.aterrapport``). A report outside any repository gets no
line and no schema files: nothing is ever written outside the report folder and its repository
(``fmt`` adds the line once the folder is in git).
``rapport.json`` for every ``rapport.yaml`` and ``<mall>/<fil>.json`` for each answer file, so
a repository holding reports of several templates maps each file to exactly its schema, with
no editor settings at all. The first line is written by ``new`` and added by ``fmt`` when
missing; a line already there is kept as it is (it is the writer's editor set-up), and
``aterrapport schema --skriv`` rewrites the schema files and points every line right again.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tui.core.folder import HEAD_FILE
from tui.core.template import Template
from tui.core.yamlio import atomic_write

SCHEMA_DIR = Path(".aterrapport") / "schemas"
MODELINE_PREFIX = "# yaml-language-server:"


def schema_root(folder: Path) -> Path | None:
    """Where ``.aterrapport/schemas`` lives for the report in ``folder``: the repository root,
    or None outside a repository."""
    folder = Path(folder).resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".aterrapport").is_dir() or (candidate / ".git").exists():
            return candidate
    return None


def schema_path(root: Path, template: Template, file_name: str) -> Path:
    """The schema of the report file ``file_name`` (``rapport.yaml`` or ``1.2.yaml``)."""
    if file_name == HEAD_FILE:
        return root / SCHEMA_DIR / "rapport.json"
    return root / SCHEMA_DIR / template.id / f"{Path(file_name).stem}.json"


def schemas(template: Template) -> dict[str, dict[str, Any]]:
    """Every schema a report of ``template`` uses, by file name of the report file."""
    from tui.core.answers import answers_json_schema
    from tui.core.schema import head_json_schema

    found = {HEAD_FILE: head_json_schema()}
    for key in template.file_keys():
        found[f"{key}.yaml"] = answers_json_schema(template, key)
    return found


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_schemas(root: Path, template: Template) -> list[Path]:
    """Write (or refresh) the schema files of ``template`` under ``root``; returns those changed."""
    written: list[Path] = []
    for file_name, schema in schemas(template).items():
        path = schema_path(root, template, file_name)
        text = schema_text(schema)
        try:
            if path.read_text(encoding="utf-8") == text:
                continue
        except OSError:
            pass
        atomic_write(path, text)
        written.append(path)
    return written


def modeline(report_file: Path, root: Path, template: Template) -> str:
    """The first line that tells yaml-language-server (VS Code's YAML) which schema applies."""
    target = schema_path(root, template, report_file.name)
    relative = Path(os.path.relpath(target.resolve(), report_file.parent.resolve())).as_posix()
    return f"{MODELINE_PREFIX} $schema={relative}"


def has_modeline(text: str) -> bool:
    return text.startswith(MODELINE_PREFIX)


def with_modeline(text: str, line: str, *, replace: bool = False) -> str:
    """``text`` starting with ``line``: added when the file has none, and an existing one is
    only replaced when asked (``schema --skriv``)."""
    if has_modeline(text):
        if not replace:
            return text
        text = text.split("\n", 1)[1] if "\n" in text else ""
    return f"{line}\n{text}"


def repository_root(start: Path) -> Path:
    """The repository whose ``.aterrapport/schemas`` serves the reports around ``start``."""
    from tui.core.problems import AterrapportError, Problem

    root = schema_root(start)
    if root is None:
        raise AterrapportError(Problem(
            Path(start), "mappen ligger inte i ett git-förråd; schemafilerna hör till förrådet "
            "(skapa det med `git init`)"))
    return root


def write_repository_schemas(root: Path) -> tuple[list[Path], list[Path]]:
    """``schema --skriv``: the schema files of every report under ``root`` (and of reports
    directly inside it), and every report file's first line pointing at its schema. Only the
    first line of a report file is touched. Returns (schema files written, report files changed)."""
    from tui.core.locate import find_report_folders
    from tui.core.problems import AterrapportError
    from tui.core.template import get_template
    from tui.core.yamlio import load_file, read_text

    schemas_written: list[Path] = []
    files_changed: list[Path] = []
    done: set[str] = set()
    for folder in find_report_folders(root):
        try:
            head, _ = load_file(folder / HEAD_FILE)
            template = get_template(str(head["mall"]))
        except (AterrapportError, KeyError, TypeError):
            continue  # `check` explains an unreadable report; nothing to point at here
        if template.id not in done:
            schemas_written += write_schemas(root, template)
            done.add(template.id)
        for path in [folder / HEAD_FILE, *(folder / f"{k}.yaml" for k in template.file_keys())]:
            if not path.is_file():
                continue
            try:
                text = read_text(path)
            except AterrapportError:
                continue
            new = with_modeline(text, modeline(path, root, template), replace=True)
            if new != text:
                atomic_write(path, new)
                files_changed.append(path)
    return schemas_written, files_changed
