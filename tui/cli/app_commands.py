"""`edit`: open a report in the app (Textual is imported only here, when it is needed)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.cli.main import Arguments



def cmd_edit(args: Arguments) -> int:
    from tui.app.main import run_app

    return run_app(args.mapp)
