"""`mallar` and `schema`: the templates and the JSON Schemas editors use."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.cli.output import ok, out, print_json, say
from tui.cli.swedish_argparse import SubCommands


def register(commands: SubCommands) -> None:
    mallar = commands.add_parser("mallar", help="lista mallarna",
                                 description="Listar mallarna som finns (templates/*.yaml).")
    mallar.set_defaults(handler=cmd_mallar)

    schema = commands.add_parser(
        "schema", help="JSON Schema för svarsfiler och rapport.yaml (för redigerare)",
        description="JSON Schema (draft 2020-12) som redigerare, t.ex. VS Code med "
        "YAML-tillägget, använder för att kontrollera och förklara filerna. `--skriv` skriver "
        "om schemafilerna i förrådets .aterrapport/schemas/ och första raden i varje "
        "rapportfil, som pekar på filens schema.")
    which = schema.add_mutually_exclusive_group(required=True)
    which.add_argument("--mall", metavar="ID", help="schema för svarsfilerna enligt mallen ID")
    which.add_argument("--rapport", action="store_true", help="schema för rapport.yaml")
    which.add_argument("--skriv", action="store_true",
                       help="skriv schemafilerna för alla rapporter i förrådet och peka filerna dit")
    schema.add_argument("--fil", metavar="NAMN",
                        help="med --mall: schemat för en svarsfil, t.ex. 1.2 (bara dess avsnitt)")
    schema.add_argument("mapp", type=Path, nargs="?", default=Path("."), metavar="MAPP",
                        help="med --skriv: en mapp i förrådet (standard: den här)")
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
    say(f"Mallarna finns i: {', '.join(sorted({str(p.parent) for p in templates.values()}))}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
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
