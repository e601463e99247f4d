"""Creating reports and answer files: every section listed, with its title as a comment."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from tui.core.editor_schemas import modeline, schema_root, with_modeline, write_schemas
from tui.core.generated import ensure_gitignore
from tui.core.head import HEAD_FILE
from tui.core.problems import AterrapportError, Problem
from tui.core.regions import match_region
from tui.core.scalars import insert_value
from tui.core.template import Section, Template, file_key
from tui.core.yamlcomments import raw_comment_lines_before, set_comment_lines_before
from tui.core.yamlio import atomic_write, dump


def title_comment(section: Section) -> str:
    return f"{section.id} {section.title}"


def empty_section(section: Section) -> CommentedMap:
    node = CommentedMap()
    for spec in section.fields:
        node[spec.key] = spec.empty_value()
    return node


def empty_document(template: Template, key: str) -> CommentedMap:
    doc = CommentedMap()
    for section in template.sections_in_file(key):
        doc[section.id] = empty_section(section)
    refresh_title_comments(template, doc)
    return doc


def refresh_title_comments(template: Template, doc: CommentedMap) -> None:
    """Put "# <id> <title>" above every section key, exactly once, keeping other comments."""
    titles = {f"# {title_comment(s)}" for s in template.answerable()}
    for key in list(doc.keys()):
        lines = raw_comment_lines_before(doc, key)
        keep = [line for line in lines if line not in titles]
        while keep and keep[-1] == "":
            keep.pop()
        section = template.section(str(key))
        add = [title_comment(section)] if section is not None and section.answerable else []
        if keep == lines and add and lines and lines[-1] == f"# {add[0]}":
            continue  # already right: leave the tokens untouched
        set_comment_lines_before(doc, key, keep=keep, add=add)


def insert_section(template: Template, doc: CommentedMap, section: Section) -> None:
    """Add an empty section to a file at its place in template order."""
    order = [s.id for s in template.answerable()]
    position = sum(1 for k in doc if str(k) in order and order.index(str(k)) < order.index(section.id))
    insert_value(doc, position, section.id, empty_section(section))
    refresh_title_comments(template, doc)


def head_document(template: Template, region: str, year: int, datum: dt.date | None = None,
                  diarienr: str = "", ert_diarienr: str = "") -> CommentedMap:
    doc = CommentedMap()
    doc["mall"] = template.id
    doc["region"] = region
    doc["ar"] = str(year)
    doc["datum"] = datum.isoformat() if datum else ""
    doc["diarienr"] = diarienr
    doc["ert_diarienr"] = ert_diarienr
    doc["kontakt"] = CommentedSeq()
    doc["forord"] = ""
    signature = CommentedMap()
    for key in ("ort", "datum", "namn", "titel", "enhet"):
        signature[key] = ""
    doc["underskrift"] = signature
    doc.yaml_set_start_comment(
        f"{template.title}: {region} {year}. Svaren står i en fil per avsnitt (1.1.yaml …).")
    return doc


def create_report(folder: Path, template: Template, region: str, year: int, *,
                  datum: dt.date | None = None, diarienr: str = "", ert_diarienr: str = "") -> list[Path]:
    """Create a new report folder; refuses to touch a folder that already holds a report."""
    official = match_region(region)
    if official is None:
        raise AterrapportError(f"okänd region «{region}»; skriv t.ex. ”Region Västmanland”")
    if not 2000 <= year <= 2100:
        raise AterrapportError(f"året {year} är orimligt; ange året som rapporteras, t.ex. 2019")
    if (folder / HEAD_FILE).exists():
        raise AterrapportError(Problem(folder / HEAD_FILE, "det finns redan en rapport i mappen; inget skrevs"))
    existing = [folder / f"{k}.yaml" for k in template.file_keys() if (folder / f"{k}.yaml").exists()]
    if existing:
        raise AterrapportError([Problem(p, "filen finns redan; inget skrevs") for p in existing])
    folder.mkdir(parents=True, exist_ok=True)
    root = schema_root(folder)
    if root is not None:
        write_schemas(root, template)

    def text(path: Path, data: CommentedMap) -> str:
        return dump(data) if root is None else with_modeline(dump(data), modeline(path, root, template))

    written: list[Path] = []
    head = folder / HEAD_FILE
    atomic_write(head, text(head, head_document(template, official, year, datum, diarienr, ert_diarienr)))
    written.append(head)
    for key in template.file_keys():
        path = folder / f"{key}.yaml"
        atomic_write(path, text(path, empty_document(template, key)))
        written.append(path)
    ignore = ensure_gitignore(folder)
    if ignore is not None:
        written.append(ignore)
    return written


__all__ = ["create_report", "empty_document", "empty_section", "file_key", "insert_section",
           "refresh_title_comments", "title_comment"]
