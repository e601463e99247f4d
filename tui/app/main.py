"""Starting the app from the command line."""

from __future__ import annotations

from pathlib import Path

from tui.core.problems import AterrapportError


def run_app(folder: Path | None) -> int:
    from tui import startup

    # No collections until the first frame is on the terminal (the app resumes them there).
    startup.pause()
    try:
        from tui.app.app import AterrapportApp
        from tui.app.first_view import FirstView

        # The first screen from plain data (the models load behind it); without one, load
        # before the terminal switches to the app: a folder that is no report fails in the shell.
        first = FirstView.read(folder) if folder is not None else None
        if first is not None:
            app = AterrapportApp(folder, first=first)
        else:
            startup.resume()  # the report's reading makes garbage: collected as it comes
            from tui.app.session import EditorSession

            session = EditorSession.open(folder, lazy=True) if folder is not None else None
            app = AterrapportApp(folder, session=session)
        app.run()
    finally:
        startup.resume()  # (the app ended before its first frame)
    if app.open_error is not None:
        raise app.open_error  # the full reading refused the report: the shell shows why
    if app.folder is not None and app.session is not None:
        FirstView.remember(app.folder)  # for the next start's first screen (the terminal is the shell's again)
    # Textual shows an unexpected error and sets the code; the shell (and CI) must see it.
    return app.return_code or 0


__all__ = ["AterrapportError", "run_app"]
