"""The app's keys in one place: what the editor binds, and keys kept free for screens to come.

Every key here is an *app key*: it must work whatever has focus, so it is bound with
``priority=True`` and no widget binding may shadow it (tests/test_keys.py checks this against
the real widget classes' bindings).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

QUIT = Binding("ctrl+q", "quit", "Avsluta", id="app.avsluta", priority=True)
PALETTE = Binding("ctrl+p", "command_palette", "Kommandon", id="app.kommandon", priority=True)

EDITOR: list[BindingType] = [
    Binding("ctrl+n", "next_section", "Nästa", id="avsnitt.nasta", priority=True, show=False),
    Binding("ctrl+b", "previous_section", "Förra", id="avsnitt.foregaende", priority=True, show=False),
    Binding("f2", "save_version", "Version", id="git.spara_version", priority=True),
    Binding("f3", "history", "Historik", id="git.historik", priority=True),
    Binding("f4", "preview", "Visa", id="visa.forhand", priority=True),
    Binding("f5", "problems", "Kontroll", id="visa.kontroll", priority=True),
    Binding("f6", "render_docx", "DOCX", id="visa.docx", priority=True),
    Binding("ctrl+t", "toggle_done", "Klart", id="avsnitt.klart", priority=True),
    Binding("f8", "take_theirs", "Läs in", id="andrad.las_in", priority=True),
    Binding("f9", "keep_mine", "Behåll min", id="andrad.behall", priority=True),
    Binding("ctrl+s", "save", "Spara", id="spara", priority=True, show=False),
    Binding("ctrl+o", "focus_outline", "Avsnitten", id="fokus.avsnitt", priority=True, show=False),
]

# The writer's tools (issue 10, tui/app/writer_tools.py): help, search, spelling, own editor.
# F3/Shift+F3 step through search hits; without a search they pass the key on (F3: history).
WRITER: list[BindingType] = [
    Binding("f1", "help", "Hjälp", id="app.hjalp", priority=True),
    Binding("ctrl+f", "search", "Sök", id="app.sok", tooltip="Sök i hela rapporten", priority=True,
            show=False),
    Binding("f3", "next_hit", "Nästa träff", id="sok.nasta", tooltip="Nästa träff (efter Ctrl+F)",
            priority=True, show=False),
    Binding("shift+f3", "previous_hit", "Förra träffen", id="sok.forra",
            tooltip="Förra träffen (efter Ctrl+F)", priority=True, show=False),
    Binding("f7", "spelling", "Stavning", id="app.stavning",
            tooltip="Avsnittets okända ord, förslag, lägg till i ordlistan", priority=True, show=False),
    Binding("ctrl+e", "external_editor", "Egen redigerare", id="app.redigerare",
            tooltip="Öppna svaret i din egen redigerare ($VISUAL/$EDITOR)", priority=True, show=False),
]

# Keys kept free for screens to come (none left: issue 10's are bound in WRITER).
RESERVED: dict[str, str] = {}


def app_keys() -> dict[str, Binding]:
    """Every key the app binds at app or editor level, by key."""
    keys: dict[str, Binding] = {}
    for binding in [QUIT, PALETTE, *EDITOR, *WRITER]:
        assert isinstance(binding, Binding)
        for key in binding.key.split(","):
            keys[key.strip()] = binding
    return keys
