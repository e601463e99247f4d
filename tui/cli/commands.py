"""The sub-commands as the parser knows them: name, help, description, arguments, and where the
code that runs them lives.

Nothing here imports a command's implementation (nor Rich, nor the core): the module named by
``Command.handler`` is imported when its command runs, so `aterrapport edit` loads the app and
no other command, and `check` loads no document writer.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from tui import __version__
from tui.cli.swedish_argparse import SwedishParser, folder_path


class Command(NamedTuple):
    name: str
    help: str
    description: str
    handler: str  # "module.function" in tui.cli, imported when the command runs
    arguments: Callable[[SwedishParser], None]
    usage: str | None = None
    stays_open: bool = False  # not a one-shot command (tui/startup.py)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{value}» är inget datum (ÅÅÅÅ-MM-DD)") from None


# -- new, check, fmt (report_commands) -----------------------------------------------------------

def _new(new: SwedishParser) -> None:
    new.add_argument("mapp", type=folder_path, metavar="MAPP", help="mappen som skapas")
    new.add_argument("--mall", help="mallens id (se `aterrapport mallar`); standard: mallen för året "
                     "(annars den senaste före året)")
    new.add_argument("--region", required=True, help='regionens namn, t.ex. "Region Västmanland"')
    new.add_argument("--ar", type=int, required=True, help="året som rapporteras, t.ex. 2019")
    new.add_argument("--datum", type=_date, help="rapportens datum, ÅÅÅÅ-MM-DD")
    new.add_argument("--diarienr", default="", help="regionens diarienummer")
    new.add_argument("--ert-diarienr", default="", help="departementets diarienummer")


def _check(check: SwedishParser) -> None:
    check.add_argument("mapp", type=folder_path, nargs="?", default=Path("."), metavar="MAPP")
    check.add_argument("--strict", action="store_true", help="varningar räknas som fel")
    check.add_argument("--format", choices=["text", "json"], default="text", help="utdataformat")


def _fmt(fmt: SwedishParser) -> None:
    fmt.add_argument("mapp", type=folder_path, nargs="?", default=Path("."), metavar="MAPP")
    fmt.add_argument("--check", action="store_true", help="ändra inget, lista bara")


# -- mallar, schema (template_commands) ----------------------------------------------------------

def _mallar(_mallar: SwedishParser) -> None:
    pass


def _schema(schema: SwedishParser) -> None:
    which = schema.add_mutually_exclusive_group(required=True)
    which.add_argument("--mall", metavar="ID", help="schema för svarsfilerna enligt mallen ID")
    which.add_argument("--rapport", action="store_true", help="schema för rapport.yaml")
    which.add_argument("--skriv", action="store_true",
                       help="skriv schemafilerna för alla rapporter i förrådet och peka filerna dit")
    schema.add_argument("--fil", metavar="NAMN",
                        help="med --mall: schemat för en svarsfil, t.ex. 1.2 (bara dess avsnitt)")
    schema.add_argument("mapp", type=Path, nargs="?", default=Path("."), metavar="MAPP",
                        help="med --skriv: en mapp i förrådet (standard: den här)")


# -- edit (app_commands) -------------------------------------------------------------------------

def _edit(edit: SwedishParser) -> None:
    edit.add_argument("mapp", type=folder_path, nargs="?", metavar="MAPP")


# -- render, export (render_commands) ------------------------------------------------------------

def _render(render: SwedishParser) -> None:
    render.add_argument("mapp", type=folder_path, metavar="MAPP", help="rapportmappen")
    render.add_argument("-o", "--output", type=Path, metavar="FIL", action="append",
                        help="filen som skrivs; filändelsen (.docx eller .pdf) avgör formatet. Ange -o två "
                        "gånger (en .docx och en .pdf) för båda från samma körning "
                        "(standard: MAPP/<region>-<år>.docx)")
    render.add_argument("--format", choices=["docx", "pdf"], help="utdataformat när filändelsen inte avgör")
    render.add_argument("--reference-doc", type=Path, metavar="DOCX",
                        help="regionens egen Word-mall: dess formatmallar, sidhuvud och sidfot gäller "
                        "(som pandocs --reference-doc)")
    render.add_argument("--draft", action="store_true",
                        help="utkast: obesvarade fält markeras synligt med [Obesvarat]")
    render.add_argument("--utan-innehall", action="store_true", dest="no_toc",
                        help="ingen innehållsförteckning efter dokumenthuvudet")
    render.add_argument("--force", action="store_true", help="skapa dokumentet även om rapporten har fel")


def _export(export: SwedishParser) -> None:
    export.add_argument("mapp", type=folder_path, metavar="MAPP", help="rapportmappen")
    export.add_argument("--format", choices=["markdown"], default="markdown", help="utdataformat")
    export.add_argument("-o", "--output", type=Path, metavar="FIL",
                        help="filen som skrivs; - skriver till standard ut "
                        "(standard: MAPP/<region>-<år>.md)")
    export.add_argument("--draft", action="store_true", help="obesvarade fält markeras med [Obesvarat]")
    export.add_argument("--force", action="store_true", help="skriv även om rapporten har fel")


# -- diff, textconv (diff_commands), hook (hook_commands) ----------------------------------------

DIFF_USAGE = "aterrapport diff [-h] [--format {text,markdown,json,docx}] [-o FIL.docx] [REV1 [REV2]] [MAPP]"

DIFF_DESCRIPTION = """\
Jämför två versioner av en rapport avsnitt för avsnitt: vilka svar som ändrats (ord för ord),
vilka insatser som lagts till, tagits bort, flyttats eller ändrats (rad och kolumn), vad som
markerats klart och vad som ändrats i rapport.yaml.

  aterrapport diff                       arbetskopian mot senaste versionen (HEAD): rapporten
                                         här, eller var och en som ändrats i förrådet
  aterrapport diff MAPP                  samma för rapporten i MAPP
  aterrapport diff REV MAPP              arbetskopian mot versionen REV
  aterrapport diff REV1 REV2 MAPP        två versioner, t.ex. origin/main HEAD
  aterrapport diff main...HEAD MAPP      det grenen har ändrat sedan den skapades från main
  aterrapport diff A B MAPP --format docx -o andringar.docx
                                         den senare versionen som Word-dokument, med varje
                                         ändring som spårad ändring (för granskning i Word)

Det sista argumentet är MAPP om det är en mapp som finns. Utan MAPP utanför en rapportmapp
jämförs varje rapportmapp med en ändrad fil, en i taget med en rubrik per rapport (json: en
lista). Avslutningskod 0 (även när det finns skillnader), 2 om en version är okänd eller
något inte kan läsas."""


def _diff(diff: SwedishParser) -> None:
    diff.add_argument("argument", nargs="*", metavar="REV/MAPP",
                      help="upp till två versioner (gren, tagg, commit) och sist rapportmappen")
    diff.add_argument("--format", choices=["text", "markdown", "json", "docx"], default="text",
                      help="text (terminalen), markdown (pull request, CI), json (verktyg) eller docx "
                      "(Word-dokument med spårade ändringar, kräver -o)")
    diff.add_argument("-o", "--output", type=Path, metavar="FIL", help="Word-filen för --format docx")


def _textconv(textconv: SwedishParser) -> None:
    textconv.add_argument("fil", type=Path, metavar="FIL")


def _hook(hook: SwedishParser) -> None:
    hook.add_argument("kontroll", choices=["fmt", "check"], help="vad som körs")
    hook.add_argument("filer", nargs="*", type=Path, metavar="FIL")


# -- stava (spell_commands) ----------------------------------------------------------------------

def _stava(stava: SwedishParser) -> None:
    stava.add_argument("mapp", type=Path, nargs="?", default=Path("."), metavar="MAPP")
    stava.add_argument("--format", choices=["text", "json"], default="text", help="utdataformat")
    stava.add_argument("--utan-forslag", action="store_true",
                       help="visa inga förslag (snabbare första gången: förslagen tar ~0,1 s per nytt ord, "
                       "delat på datorns kärnor och sparat till nästa körning)")


# In the order `aterrapport --help` lists them.
COMMANDS: tuple[Command, ...] = (
    Command("new", "skapa en ny rapportmapp",
            "Skapar mappen med rapport.yaml och en svarsfil per avsnitt, där varje "
            "avsnitt står med sin rubrik som kommentar.",
            "report_commands.cmd_new", _new),
    Command("check", "kontrollera en rapport mot mallen",
            "Listar varje problem som fil:rad: avsnitt: meddelande. Avslutningskod 0 "
            "utan fel (varningar tillåts), 1 vid fel, 2 om indata inte kan läsas.",
            "report_commands.cmd_check", _check),
    Command("fmt", "skriv om filerna i kanonisk form",
            "Ordnar avsnitt och fält som i mallen, skriver flerradig text som block (|) "
            "och tar bort blanksteg i radslut. Med --check ändras inget; koden blir 1 och filerna "
            "som inte är kanoniska listas.",
            "report_commands.cmd_fmt", _fmt),
    Command("mallar", "lista mallarna", "Listar mallarna som finns (templates/*.yaml).",
            "template_commands.cmd_mallar", _mallar),
    Command("schema", "JSON Schema för svarsfiler och rapport.yaml (för redigerare)",
            "JSON Schema (draft 2020-12) som redigerare, t.ex. VS Code med "
            "YAML-tillägget, använder för att kontrollera och förklara filerna. `--skriv` skriver "
            "om schemafilerna i förrådets .aterrapport/schemas/ och första raden i varje "
            "rapportfil, som pekar på filens schema.",
            "template_commands.cmd_schema", _schema),
    Command("edit", "öppna rapporten i appen",
            "Öppnar rapporten i skrivappen. Utan MAPP visas "
            "startskärmen där en ny rapport kan skapas.",
            "app_commands.cmd_edit", _edit, stays_open=True),
    Command("render", "skapa Word-dokumentet (eller PDF) i den officiella layouten",
            "Skapar rapportens Word-dokument (DOCX) i mallens layout: innehållsförteckning, "
            "rubriker, vägledning, svar, tabeller, fotnoter och underskrift; med -o FIL.pdf (eller --format pdf) "
            "en taggad, tillgänglig PDF (PDF/UA) som LibreOffice gör av dokumentet. Rapporten kontrolleras "
            "först; har den fel skapas inget dokument (avslutningskod 1) om inte --force anges. Filerna skrivs "
            "atomärt.",
            "render_commands.cmd_render", _render),
    Command("export", "skriv rapporten som en Markdown-fil",
            "Skriver samma dokument som render, med rubriker, vägledning, svar och tabeller, "
            "som en enda Markdown-fil: för publicering på webben och för jämförelse med pandoc.",
            "render_commands.cmd_export", _export),
    Command("diff", "jämför två versioner av en rapport avsnitt för avsnitt", DIFF_DESCRIPTION,
            "diff_commands.cmd_diff", _diff, usage=DIFF_USAGE),
    Command("textconv", "läsbar vy av en rapportfil (för git diff och git log -p)",
            "Skriver ut en rapportfil (svarsfil eller rapport.yaml) som läsbar text: "
            "avsnittets rubrik, fältens namn och svaren. Används av git som textconv, se README:\n"
            '  git config diff.aterrapport.textconv "aterrapport textconv"',
            "diff_commands.cmd_textconv", _textconv),
    Command("hook", "fmt --check eller check för rapportmapparna som filerna hör till (pre-commit)",
            "Hittar rapportmappen (närmaste mapp uppåt med rapport.yaml) för varje fil och "
            "kör `fmt --check` eller `check` en gång per mapp. Utan filer: alla rapportmappar här "
            "under. Filer utanför rapportmappar hoppas över. Avslutningskoden är den högsta.",
            "hook_commands.cmd_hook", _hook),
    Command("stava", "stavningskontroll av svaren (svensk ordbok + rapportens ordlista)",
            "Listar varje okänt ord som fil:rad:kolumn: avsnitt: «ord» → förslag. Ord i "
            "rapportens ordlista (ordlista.txt i rapportmappen, ett ord per rad) godtas. "
            "Avslutningskod 0 utan okända ord, 1 med okända ord, 2 om rapporten inte kan läsas "
            "eller ordboken saknas.",
            "spell_commands.cmd_stava", _stava),
)


# -- the command -------------------------------------------------------------------------------

DESCRIPTION = """\
Skriv regionens återrapportering avsnitt för avsnitt, spara svaren som YAML i git
och skapa Word-dokumentet i den officiella layouten.

Utan kommando i en rapportmapp öppnas rapporten i appen (samma som `aterrapport edit .`)."""

EPILOG = """\
exempel:
  aterrapport new rapport-2019 --mall aterrapportering-2019 --region "Region Västmanland" --ar 2019
  aterrapport edit rapport-2019
  aterrapport check rapport-2019
  aterrapport fmt --check rapport-2019
  aterrapport render rapport-2019 -o rapport.docx

Avslutningskoder: 0 = ok, 1 = rapporten har fel, 2 = indata kan inte läsas eller fel användning."""


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The parser; for an ``argv`` that starts with a command's name, with only that command's
    sub-parser: argparse hands the rest of ``argv`` to it and never looks at the others, so the
    result and every message are the same (tests/test_cli_help.py), and a command's run does
    not build the twelve others' (~0.3 ms each)."""
    parser = SwedishParser(prog="aterrapport", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"aterrapport {__version__}",
                        help="visa versionen och avsluta")
    commands = parser.add_subparsers(dest="command", metavar="KOMMANDO", title="kommandon")
    named = [c for c in COMMANDS if argv and c.name == argv[0]]
    for command in named or COMMANDS:
        sub = commands.add_parser(command.name, help=command.help, description=command.description,
                                  usage=command.usage)
        command.arguments(sub)
        sub.set_defaults(handler=command.handler, stays_open=command.stays_open)
    return parser
