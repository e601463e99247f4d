"""återrapport: write a Swedish region's återrapportering as YAML in git, render it as DOCX.

Layout: ``tui.core`` is the headless core (template, report model, storage, validation,
rendering, git); ``tui.app`` is the Textual app on top of it; ``tui.cli`` is the command.
"""

__version__ = "0.1.0"
