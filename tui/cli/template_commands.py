"""`mallar` and `schema`: the templates and the JSON Schemas editors use."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.output import console, ok, print_json, say

if TYPE_CHECKING:
    from tui.cli.main import Arguments


def cmd_mallar(args: Arguments) -> int:
    from rich.table import Table

    from tui.core.problems import AterrapportError
    from tui.core.template import find_templates, load_template

    templates = find_templates()
    if not templates:
        raise AterrapportError("inga mallar hittades")
    table = Table(title="Mallar", title_justify="left")
    table.add_column("id", no_wrap=True)
    for header in ("namn", "år", "avsnitt", "tabeller"):
        table.add_column(header)
    for template_id, path in sorted(templates.items()):
        template = load_template(path)
        answerable = template.answerable()
        tables = sum(len(s.tables()) for s in answerable)
        table.add_row(template_id, template.title, str(template.year), str(len(answerable)),
                      str(tables))
    console().print(table)
    say(f"Mallarna finns i: {', '.join(sorted({str(p.parent) for p in templates.values()}))}")
    return 0


def cmd_schema(args: Arguments) -> int:
    from tui.core.answers import answers_json_schema
    from tui.core.problems import AterrapportError
    from tui.core.schema import head_json_schema
    from tui.core.template import get_template

    if args.skriv:
        return _write_schemas(args.mapp)
    if args.rapport:
        print_json(head_json_schema())
        return 0
    template = get_template(args.mall)
    if args.fil is not None:
        key = args.fil.removesuffix(".yaml")
        if key not in template.file_keys():
            raise AterrapportError(f"mallen {template.id} har ingen svarsfil {key}.yaml; "
                             f"filerna är {', '.join(template.file_keys())}")
        print_json(answers_json_schema(template, key))
    else:
        print_json(answers_json_schema(template))
    return 0


def _write_schemas(start: Path) -> int:
    from tui.core.editor_schemas import repository_root, write_repository_schemas

    root = repository_root(start)
    schemas, files = write_repository_schemas(root)
    for path in [*schemas, *files]:
        say(f"skrev: {path.relative_to(root) if path.is_relative_to(root) else path}")
    ok(f"schemafilerna i {root / '.aterrapport' / 'schemas'} är aktuella "
       f"({len(schemas)} skrivna, {len(files)} rapportfiler fick ny första rad)")
    return 0
