"""The app shows report-derived text literally: a folder name, a typed value or git's output that
holds Textual markup (``[bold]``, ``[/]``, ``[@click=app.quit]`` …) is shown as written in
notifications, dialogs and fields' errors — never restyled, never a clickable action, never a
MarkupError (tui/app/app.py: ``notify``; ``Static(..., markup=False)`` / ``Text`` elsewhere)."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from app_helpers import settle, wait_until
from conftest import SAMPLE_2019
from git_helpers import commit_all, init_repo, isolate_git
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Static

from tui.app.app import AterrapportApp
from tui.app.screens.details import DetailsScreen
from tui.app.screens.dialogs import ChoiceDialog, message_box
from tui.app.screens.versions import SaveVersionDialog
from tui.app.session import EditorSession
from tui.app.widgets.outline import DETAILS_NODE, Outline

SIZE = (120, 40)
# What a pull request may put in a report: an action link, a closing tag with nothing to close
# (a MarkupError when read as markup), a style, a link and a stray bracket.
HOSTILE = "[@click=app.quit]stäng[/] [/] [bold]fet [link=https://example.org]l[/link] ["
FOLDER = "rapport-[@click=app.quit]x-[bold]"  # a folder name holds no "/"


def shown(widget: Widget) -> Content:
    visual = widget.render()
    assert isinstance(visual, Content), type(visual)
    return visual


def assert_literal(content: Content, text: str) -> None:
    assert text in content.plain, content.plain
    actions = [span for span in content.spans if "@click" in str(span.style) or "link" in str(span.style)]
    assert actions == [], actions


def toasts(app: AterrapportApp) -> list[Content]:
    return [shown(toast) for toast in app.screen.query("Toast")]


def _report_in_git(tmp_path: Path) -> tuple[Path, Path]:
    repo = init_repo(tmp_path / "repo")
    folder = repo / FOLDER
    shutil.copytree(SAMPLE_2019, folder)
    commit_all(repo, "Rapporten")
    return repo, folder


async def test_gits_message_and_a_backup_path_are_shown_literally(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A pre-commit hook's output in F2's dialog, and the backup path (named after the folder)
    in the notification after F9, show every bracket; the app keeps running."""
    isolate_git(monkeypatch, tmp_path / "home")
    repo, folder = _report_in_git(tmp_path)
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text(f"#!/bin/sh\nprintf '%s\\n' '{HOSTILE}' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    app = AterrapportApp(folder, session=EditorSession.open(folder))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        editor = app.editor
        assert editor is not None
        await pilot.press(*"Nytt svar")
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveVersionDialog), "the version dialog")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "git's message")
        assert_literal(shown(app.screen.query_one(".dialog-message", Static)), HOSTILE)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is editor, "back to the editor")

        # An outside change under unsaved text; F9 keeps mine and names the backup of theirs.
        await pilot.press(*" till")
        path = folder / "1.1.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "# kollegans rad\n", encoding="utf-8")
        await wait_until(pilot, lambda: editor.changes.pending, "the poll to notice")
        await pilot.press("f9")
        await wait_until(pilot, lambda: any("sparades i" in c.plain for c in toasts(app)),
                         f"the backup's toast ({[n.message for n in app._notifications]})")
        toast = next(c for c in toasts(app) if "sparades i" in c.plain)
        assert_literal(toast, f"/{FOLDER}/")
        assert app.is_running and app.screen is editor
        await pilot.press("ctrl+q")


async def test_a_typed_value_quoted_in_a_fields_error(tmp_path: Path) -> None:
    """The details form quotes a wrong value in red under its field: shown as typed."""
    folder = tmp_path / "r"
    shutil.copytree(SAMPLE_2019, folder)
    app = AterrapportApp(folder, session=EditorSession.open(folder))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        outline = app.screen.query_one(Outline)
        first = outline.root.children[0]
        assert first.data == DETAILS_NODE
        outline.focus()
        outline.move_cursor(first)
        await pilot.pause()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, DetailsScreen), "the details")
        field = app.screen.query_one("#d-datum", Input)
        field.focus()
        field.value = ""
        await pilot.press(*HOSTILE)
        await pilot.pause()
        assert field.value == HOSTILE
        error = shown(app.screen.query_one("#d-datum-fel", Static))
        assert_literal(error, f"inte «{HOSTILE}»")
        assert app.is_running
        await pilot.press("ctrl+z")
        await settle(pilot)


FRAGMENTS = ["[", "]", "/", "@click=app.quit", "bold", "link=https://x.se", "[/]", "[b]", "\\", "=", " ", "a", "å"]


# No shrinking: each example runs the app, and a failure already names its two texts.
@settings(max_examples=4, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=8).map("".join),
                min_size=2, max_size=2))
@example(texts=["[@click=app.quit]x[/]", "[b]fet[/b] ["])
def test_any_markup_in_notifications_and_dialogs_is_literal(sample_2019: Path, texts: list[str]) -> None:
    """Notifications (from the app and from a screen: Textual's Widget.notify asks for markup)
    and a dialog's title and message show any mix of markup fragments as written."""
    message, title = texts

    async def run() -> None:
        app = AterrapportApp(sample_2019, session=EditorSession.open(sample_2019))
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.pause()
            editor = app.editor
            assert editor is not None
            app.notify(f"1 {message}", title=title)  # distinct: Textual shows a repeated notification once
            editor.notify(f"2 {title}", title=message)
            await wait_until(pilot, lambda: len(toasts(app)) == 2, "two toasts")
            plains = sorted(c.plain for c in toasts(app))
            assert plains == sorted([f"{title}\n1 {message}", f"{message}\n2 {title}"])
            for content in toasts(app):
                assert_literal(content, "")
            app.push_screen(message_box(title, message))
            await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog)
                             and app.screen.query(".dialog-message"), "the dialog")
            assert shown(app.screen.query_one(".dialog-title", Static)).plain == title
            assert_literal(shown(app.screen.query_one(".dialog-message", Static)), message)
            assert app.is_running

    asyncio.run(run())
