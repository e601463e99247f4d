"""The command palette, in Swedish: jump to any section, check, preview, render, versions."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class ReportCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        from tui.app.app import AterrapportApp  # not at the top: tui.app.app imports this module

        app = self.app
        if not isinstance(app, AterrapportApp) or app.editor is None:
            return []
        editor = app.editor
        commands: list[tuple[str, str, Callable[[], object]]] = [
            # run_action: an action that does not apply here (SkipAction) is then simply not run.
            ("Hjälp: tangenter och Markdown", "Alla tangenter som gäller här (F1)",
             partial(app.run_action, "help")),
            ("Sök i rapporten", "Ord i alla svar, tabeller och uppgifter (Ctrl+F)",
             partial(app.run_action, "search")),
            ("Rapportens uppgifter: datum, diarienr, kontakt, förord, underskrift",
             "Uppgifterna i rapport.yaml", app.open_details),
            ("Stavning", "Avsnittets okända ord och förslag (F7)", partial(app.run_action, "spelling")),
            ("Öppna svaret i egen redigerare", "$VISUAL/$EDITOR (Ctrl+E)",
             partial(app.run_action, "external_editor")),
            ("Ångra borttagen rad", "Lägg tillbaka den senast borttagna insatsen (Ctrl+Z i tabellen)",
             app.undo_deleted_row),
            ("Kontrollera rapporten", "Lista alla problem; välj ett för att gå dit (F5)", editor.action_problems),
            ("Förhandsgranska avsnittet", "Visa avsnittet som läsaren ser det (F4)", editor.action_preview),
            ("Markera avsnittet som klart", "Eller ta bort markeringen (Ctrl+T)", editor.action_toggle_done),
            ("Nästa avsnitt", "Ctrl+N", editor.action_next_section),
            ("Föregående avsnitt", "Ctrl+B", editor.action_previous_section),
            ("Spara nu", "Appen sparar annars själv inom två sekunder", editor.action_save),
            ("Spara version", "Spara rapportens ändringar som en version i git (F2)", editor.action_save_version),
            ("Historik för avsnittet", "Versionerna som ändrat avsnittet (F3)", editor.action_history),
            ("Skapa Word-dokument (DOCX)", "Samma dokument som `aterrapport render` (F6)",
             editor.action_render_docx),
        ]
        for section in editor.report.template.walk():
            commands.append((f"Gå till {section.number_title}", "Avsnitt", partial(editor.go_to, section.id)))
        return commands

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            if not title.startswith("Gå till"):
                yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            # "1.2.1" should find "Gå till 1.2.1 Innovation" as readily as "innovation" does.
            score = max(matcher.match(title), matcher.match(title.removeprefix("Gå till ")))
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
