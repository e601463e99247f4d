"""Ctrl+E: the answer in the writer's own editor ($VISUAL, else $EDITOR), read back on return.

The text goes to a temporary Markdown file; the app suspends (Textual's ``App.suspend``) while
the editor runs; on return the file is read, normalised like everything that is saved, put in
the answer (one undo step) and saved at once.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.core.text import normalize_text

NO_EDITOR = ("Ingen egen redigerare är inställd. Ange den i skalet, t.ex. `export EDITOR=nano` "
             "(eller VISUAL=\"code --wait\"), och starta appen igen.")


def editor_command() -> list[str] | None:
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            try:
                return shlex.split(value)
            except ValueError:
                return None
    return None


@dataclass(frozen=True)
class EditResult:
    text: str | None  # the new text (normalised), None when nothing changed or it failed
    message: str | None  # what to tell the writer when it failed


Runner = Callable[..., "subprocess.CompletedProcess[Any]"]  # subprocess.run's shape


def edit_file(command: list[str], text: str, name: str, run: Runner = subprocess.run) -> EditResult:
    """Write ``text`` to a temp file, run ``command FILE``, read it back. ``run`` runs the editor
    (the app passes one that suspends the screen)."""
    handle, raw = tempfile.mkstemp(prefix=f"aterrapport-{name}-", suffix=".md")
    path = Path(raw)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text + "\n" if text else "")
        try:
            result = run([*command, str(path)], check=False)
        except OSError as exc:
            return EditResult(None, f"Redigeraren «{command[0]}» kunde inte startas: {exc.strerror or exc}")
        if getattr(result, "returncode", 0) != 0:
            return EditResult(None, f"Redigeraren avslutades med kod {result.returncode}; "
                                    "texten i appen är oförändrad.")
        try:
            edited = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            return EditResult(None, "Filen är inte UTF-8; texten i appen är oförändrad.")
        except OSError as exc:
            return EditResult(None, f"Filen kunde inte läsas: {exc.strerror or exc}")
        new = normalize_text(edited)
        return EditResult(new if new != normalize_text(text) else None, None)
    finally:
        path.unlink(missing_ok=True)
