"""Names in a report folder (kept import-light: the command reads them before anything else)."""

HEAD_FILE = "rapport.yaml"
