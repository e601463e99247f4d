"""Starting the app from the command line."""

from __future__ import annotations

from pathlib import Path

from tui.core.problems import AterrapportError


def run_app(folder: Path | None) -> int:
    from tui.app.app import AterrapportApp
    from tui.app.session import EditorSession

    # Load before the terminal switches to the app: a folder that is no report fails in the shell.
    session = EditorSession.open(folder, lazy=True) if folder is not None else None
    app = AterrapportApp(folder, session=session)
    app.run()
    # Textual shows an unexpected error and sets the code; the shell (and CI) must see it.
    return app.return_code or 0


__all__ = ["AterrapportError", "run_app"]
