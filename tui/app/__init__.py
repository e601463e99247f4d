"""The Textual authoring app: a thin layer over tui.core."""
