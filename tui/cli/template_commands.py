"""`mallar` and `schema`: the templates and the JSON Schemas editors use."""

from __future__ import annotations

import argparse

from tui.cli.output import out, print_json
from tui.cli.swedish_argparse import SubCommands


def register(commands: SubCommands) -> None:
    mallar = commands.add_parser("mallar", help="lista mallarna",
                                 description="Listar mallarna som finns (templates/*.yaml).")
    mallar.set_defaults(handler=cmd_mallar)

    schema = commands.add_parser(
        "schema", help="skriv ut JSON Schema för svarsfiler eller rapport.yaml",
        description="JSON Schema (draft 2020-12) som redigerare, t.ex. VS Code med "
        "YAML-tillägget, använder för att kontrollera och förklara filerna.")
    which = schema.add_mutually_exclusive_group(required=True)
    which.add_argument("--mall", metavar="ID", help="schema för svarsfilerna enligt mallen ID")
    which.add_argument("--rapport", action="store_true", help="schema för rapport.yaml")
    schema.set_defaults(handler=cmd_schema)


def cmd_mallar(args: argparse.Namespace) -> int:
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
    out.print(table)
    out.print(f"Mallarna finns i: {', '.join(sorted({str(p.parent) for p in templates.values()}))}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from tui.core.answers import answers_json_schema
    from tui.core.schema import head_json_schema
    from tui.core.template import get_template

    if args.rapport:
        print_json(head_json_schema())
    else:
        print_json(answers_json_schema(get_template(args.mall)))
    return 0
