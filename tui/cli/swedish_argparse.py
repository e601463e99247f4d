"""argparse in Swedish: its own messages ("usage:", "options", errors) translated.

argparse looks its strings up through the module-level ``_`` at call time, so replacing it
translates every message it prints without touching its internals.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tui.core.printable import printable

_SV = {
    "usage: ": "användning: ",
    "positional arguments": "argument",
    "options": "flaggor",
    "optional arguments": "flaggor",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "show program's version number and exit": "visa versionen och avsluta",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fel: %(message)s\n",
    "the following arguments are required: %s": "följande argument krävs: %s",
    "unrecognized arguments: %s": "okända argument: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ogiltigt val: %(value)r (välj bland %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argumentet %(argument_name)s: %(message)s",
    "expected one argument": "förväntade ett värde",
    "expected at most one argument": "förväntade högst ett värde",
    "expected at least one argument": "förväntade minst ett värde",
    "invalid %(type)s value: %(value)r": "ogiltigt värde: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "tvetydig flagga: %(option)s kan vara %(matches)s",
    "not allowed with argument %s": "får inte användas tillsammans med %s",
    "one of the arguments %s is required": "ett av argumenten %s krävs",
    "ignored explicit argument %r": "ignorerade värdet %r",
    "subcommands": "kommandon",
}


def _translate(message: str) -> str:
    return _SV.get(message, message)


def install() -> None:
    argparse._ = _translate  # type: ignore[attr-defined]  # argparse has no public hook for its messages; typeshed omits its gettext alias


class SwedishParser(argparse.ArgumentParser):
    # Keyword-only: argparse builds sub-command parsers with keywords too.
    def __init__(self, *,
                 formatter_class: type[argparse.HelpFormatter] = argparse.RawDescriptionHelpFormatter,
                 **kwargs: Any) -> None:
        install()
        super().__init__(formatter_class=formatter_class, **kwargs)


def folder_path(value: str) -> Path:
    """A MAPP argument. A name that looks like a flag is refused: in a script, `check -h`
    would print the help and succeed instead of checking the folder `-h`."""
    if value.startswith("-"):
        raise argparse.ArgumentTypeError(
            f"mappnamnet «{printable(value)}» börjar med '-' och kan förväxlas med en flagga; "
            f"skriv ./{printable(value)} om det verkligen är en mapp")
    return Path(value)
