"""Issue 10.5: Ctrl+E opens the answer in $VISUAL/$EDITOR and reads it back normalised and saved."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from app_helpers import as_a

from tui.app.app import AterrapportApp
from tui.app.session import EditorSession
from tui.app.widgets.answer_editor import AnswerEditor
from tui.core.report import Report

SIZE = (120, 40)


def _editor_script(tmp_path: Path, body: str) -> str:
    script = tmp_path / "redigerare.py"
    script.write_text("import sys\npath = sys.argv[1]\n" + body, encoding="utf-8")
    return f"{sys.executable} {script}"


def _app(folder: Path) -> AterrapportApp:
    report = Report.load(folder)
    report.set_text("1.1.1", "svar", "Första stycket.")
    report.save()
    return AterrapportApp(folder, session=EditorSession.open(folder))


async def test_ctrl_e_round_trip_normalised_and_saved(new_report: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # An editor that appends a paragraph with Windows line ends, trailing blanks and a Word soft break.
    monkeypatch.setenv("VISUAL", _editor_script(tmp_path, (
        "text = open(path, encoding='utf-8').read()\n"
        "added = '\\r\\nAndra stycket.  \\r\\nrad\\x0btvå\\r\\n\\r\\n'\n"
        "open(path, 'w', encoding='utf-8', newline='').write(text + added)\n")))
    app = _app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        area = app.focused
        assert isinstance(area, AnswerEditor)
        await pilot.press("ctrl+e")
        await pilot.pause()
        expected = "Första stycket.\n\nAndra stycket.\nrad\ntvå"
        assert area.text == expected
        assert Report.load(new_report).text("1.1.1") == expected  # saved at once
        await pilot.press("ctrl+z")  # one undo step brings the old text back
        await pilot.pause()
        assert area.text == "Första stycket."


async def test_ctrl_e_without_editor_says_how(new_report: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app = _app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert any("export EDITOR=nano" in n.message for n in app._notifications)
        assert isinstance(app.focused, AnswerEditor) and app.focused.text == "Första stycket."


@pytest.mark.parametrize(("command", "message"), [
    ("finns-inte-redigerare-xyz", "kunde inte startas"),
    (None, "avslutades med kod 3"),
])
async def test_ctrl_e_failing_editor_keeps_the_text(new_report: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   command: str | None, message: str) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", command or _editor_script(
        tmp_path, "open(path, 'w').write('förstört')\nsys.exit(3)\n"))
    app = _app(new_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert any(message in n.message for n in app._notifications)
        assert as_a(AnswerEditor, app.focused).text == "Första stycket."
    assert Report.load(new_report).text("1.1.1") == "Första stycket."
