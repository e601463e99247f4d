"""Kill -9 the real app in a real terminal (tmux) while the writer types: at most the last
two seconds are lost, whatever the size of the files, and no file is ever left broken. What
was typed but not yet written to the answer file is in the journal, which the next start
offers back. An unexpected error exits non-zero and keeps the text."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tui.app.journal import read_journal
from tui.core.report import Report

BIG_PARAGRAPH = ("Under året har regionen arbetat med kompetensförsörjning i länets alla kommuner "
                 "och följt upp insatserna tillsammans med kommunerna och näringslivet. ") * 5


def _tmux(socket: str, *args: str) -> str:
    return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, check=True).stdout


@contextmanager
def _terminal(name: str) -> Iterator[str]:
    socket = f"aterrapport-test-{name}-{os.getpid()}"
    try:
        yield socket
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, check=False)


def _start(socket: str, command: str, tmp_path: Path) -> int:
    env = f"XDG_STATE_HOME={shlex.quote(str(tmp_path / 'state'))} TERM=xterm-256color"
    _tmux(socket, "new-session", "-d", "-s", "w", "-x", "100", "-y", "30", f"exec env {env} {command}")
    return int(_tmux(socket, "display-message", "-p", "-t", "w", "#{pane_pid}").strip())


def _screen(socket: str) -> str:
    """The pane's text; empty once the program in it has ended (its session ends with it, which a
    quick exit does between two looks)."""
    result = subprocess.run(["tmux", "-L", socket, "capture-pane", "-p", "-t", "w"],
                            capture_output=True, text=True, check=False)
    return result.stdout if result.returncode == 0 else ""


def _wait_for(socket: str, condition: Callable[[str], bool], what: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while True:
        screen = _screen(socket)
        if condition(screen):
            return screen
        assert time.monotonic() < deadline, f"{what}:\n{screen}"
        time.sleep(0.2)


def _edit_command(folder: Path) -> str:
    return f"{shlex.quote(sys.executable)} -m tui edit {shlex.quote(str(folder))}"


def _type_then_kill(socket: str, pid: int) -> tuple[list[tuple[float, str]], float, str]:
    """Type words for four seconds, then kill -9: (text typed at each moment, kill time, all)."""
    typed_at: list[tuple[float, str]] = []
    typed = ""
    start = time.monotonic()
    for word in (f"ord{n:03d}" for n in range(200)):
        _tmux(socket, "send-keys", "-t", "w", "-l", word + " ")
        typed += word + " "
        typed_at.append((time.monotonic(), typed))
        if time.monotonic() - start >= 4.0:
            break
        time.sleep(0.08)
    killed_at = time.monotonic()
    os.kill(pid, signal.SIGKILL)
    return typed_at, killed_at, typed


def _kept(folder: Path) -> str:
    """What survives the kill: the journal's text where there is one, else the file's."""
    report = Report.load(folder)
    assert all(doc.readable for doc in report.documents()), "a file was left broken"
    kept = read_journal(folder).get(("1.1.1", "svar"), report.text("1.1.1"))
    assert isinstance(kept, str)
    return kept


def _assert_at_most_two_seconds_lost(kept: str, typed_at: list[tuple[float, str]], killed_at: float,
                                     typed: str) -> None:
    safe = [text for moment, text in typed_at if moment <= killed_at - 2.0]
    assert safe, "typing must have gone on for more than two seconds"
    assert kept.startswith(safe[-1].strip()), (kept, safe[-1])
    assert typed.strip().startswith(kept)


def test_kill_minus_nine_loses_at_most_two_seconds(new_report: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    with _terminal("small") as socket:
        pid = _start(socket, _edit_command(new_report), tmp_path)
        _wait_for(socket, lambda s: "Besvarade" in s, "the app did not start")
        typed_at, killed_at, typed = _type_then_kill(socket, pid)
    _assert_at_most_two_seconds_lost(_kept(new_report), typed_at, killed_at, typed)
    assert not [p for p in new_report.iterdir() if p.name.endswith(".tmp")]


def test_kill_minus_nine_with_a_large_file_and_the_text_comes_back(new_report: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A 2.7 MB answer file takes seconds to write; the journal keeps the promise anyway, and
    the next start offers the text back and saves it."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    report = Report.load(new_report)
    report.set_text("1.1.2", "svar", "\n\n".join([BIG_PARAGRAPH] * (2_700_000 // len(BIG_PARAGRAPH))))
    report.save()
    assert (new_report / "1.1.yaml").stat().st_size > 2_700_000
    with _terminal("large") as socket:
        pid = _start(socket, _edit_command(new_report), tmp_path)
        _wait_for(socket, lambda s: "Besvarade 1 av" in s, "the app did not start")
        typed_at, killed_at, typed = _type_then_kill(socket, pid)
    kept = _kept(new_report)
    _assert_at_most_two_seconds_lost(kept, typed_at, killed_at, typed)

    with _terminal("again") as socket:
        _start(socket, _edit_command(new_report), tmp_path)
        _wait_for(socket, lambda s: "Osparad text från förra gången" in s, "the text was not offered back")
        _tmux(socket, "send-keys", "-t", "w", "Enter")  # "Ta tillbaka texten" is the default
        _wait_for(socket, lambda s: "Osparad text" not in s, "the offer did not close")
        _tmux(socket, "send-keys", "-t", "w", "C-q")
        _wait_for(socket, lambda s: "Besvarade" not in s, "the app did not quit")
    assert Report.load(new_report).text("1.1.1") == kept.rstrip()  # spaces at line ends are dropped
    assert not read_journal(new_report)


CRASHING = """
import sys
from tui.app.screens.editor import EditorScreen
def broken(self):
    raise RuntimeError("ett fel som ingen har förutsett")
EditorScreen.action_preview = broken
from tui.cli.main import main
sys.exit(main())
"""


def test_an_unexpected_error_exits_non_zero_and_keeps_the_text(new_report: Path, tmp_path: Path) -> None:
    script = tmp_path / "crash.py"
    script.write_text(CRASHING, encoding="utf-8")
    with _terminal("crash") as socket:
        # Textual draws on stderr: the shell prints the exit status after the app's own words.
        command = (f"{shlex.quote(sys.executable)} {shlex.quote(str(script))} edit {shlex.quote(str(new_report))};"
                   " echo AVSLUTAD=$?; sleep 60")
        _start(socket, f"sh -c {shlex.quote(command)}", tmp_path)
        _wait_for(socket, lambda s: "Besvarade" in s, "the app did not start")
        _tmux(socket, "send-keys", "-t", "w", "-l", "Text som inte får gå förlorad")
        _wait_for(socket, lambda s: "Text som inte får gå förlorad" in s, "the text is not on screen")
        _tmux(socket, "send-keys", "-t", "w", "F4")
        screen = _wait_for(socket, lambda s: "AVSLUTAD=" in s, "the app did not exit")
    assert "AVSLUTAD=" in screen and "AVSLUTAD=0" not in screen  # a crash never looks like success
    assert "oväntat fel" in screen, screen
    assert Report.load(new_report).text("1.1.1") == "Text som inte får gå förlorad", screen


def test_kill_minus_nine_before_a_slow_save_keeps_a_new_row(new_report: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A row added in the form goes into the report at once, but writing its 2.7 MB file takes
    seconds: kill -9 then, and the row is in the journal; the next start offers it back and
    saves it once."""
    from tui.app import positions

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    report = Report.load(new_report)
    report.set_text("1.2.2", "svar", "\n\n".join([BIG_PARAGRAPH] * (2_700_000 // len(BIG_PARAGRAPH))))
    report.save()
    positions.remember_section(new_report, "1.2.4")  # the app opens in a section that is only a table
    name = "Insats som inte får gå förlorad"

    def journaled() -> bool:
        rows = read_journal(new_report).get(("1.2.4", "insatser"))
        return isinstance(rows, list) and any(row.get("namn") == name for row in rows)

    with _terminal("row") as socket:
        pid = _start(socket, _edit_command(new_report), tmp_path)
        _wait_for(socket, lambda s: "Besvarade" in s and "Lägg till" in s, "the app did not start in the table")
        # The key that opens the form and the row's name in one go: the name waits for the form's
        # field (tui/app/early_keys.py), none of it is lost.
        _tmux(socket, "send-keys", "-t", "w", "-l", "a" + name)
        _wait_for(socket, lambda s: "Ny insats 1" in s and name in s, "the form or the name in it")
        _tmux(socket, "send-keys", "-t", "w", "C-s")
        deadline = time.monotonic() + 30
        while not journaled():
            assert time.monotonic() < deadline, (
                f"the row never reached the journal: {read_journal(new_report)!r}\n"
                + _tmux(socket, "capture-pane", "-p", "-t", "w"))
            time.sleep(0.05)
        os.kill(pid, signal.SIGKILL)
    killed = Report.load(new_report)
    assert all(doc.readable for doc in killed.documents()), "a file was left broken"
    saved = [row["namn"] for row in killed.rows("1.2.4")] == [name]  # (the save may have just finished)

    with _terminal("row-again") as socket:
        _start(socket, _edit_command(new_report), tmp_path)
        if saved:
            _wait_for(socket, lambda s: "Besvarade" in s, "the app did not start again")
        else:
            screen = _wait_for(socket, lambda s: "Osparad text från förra gången" in s, "the row was not offered back")
            assert "1.2.4 Tidigare insatser: 1 insats" in screen, screen
            _tmux(socket, "send-keys", "-t", "w", "Enter")  # "Ta tillbaka" is the default
            _wait_for(socket, lambda s: "Osparad text" not in s, "the offer did not close")
        _tmux(socket, "send-keys", "-t", "w", "C-q")
        _wait_for(socket, lambda s: "Besvarade" not in s, "the app did not quit")
    assert [row["namn"] for row in Report.load(new_report).rows("1.2.4")] == [name]
    assert not read_journal(new_report)


def test_kill_minus_nine_before_the_details_are_saved_keeps_them(new_report: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The report's details (rapport.yaml) go into the journal as they are typed, like answers:
    kill -9 before rapport.yaml is written (a long foreword makes writing it slow), and the next
    start offers the diarienr back and saves it."""
    from tui.app.journal import DETAILS
    from tui.core.head_edit import set_head_value

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    report = Report.load(new_report)
    assert not set_head_value(report, "forord", "\n\n".join([BIG_PARAGRAPH] * (2_700_000 // len(BIG_PARAGRAPH))))
    report.save()
    number = "RV190046"

    with _terminal("details") as socket:
        pid = _start(socket, _edit_command(new_report), tmp_path)
        _wait_for(socket, lambda s: "Besvarade" in s, "the app did not start")
        # To the outline, up to its first entry (the details), open them, Tab to the diarienr.
        _tmux(socket, "send-keys", "-t", "w", "C-o", *["Up"] * 40, "Enter", "Tab", number)
        _wait_for(socket, lambda s: "Rapportens uppgifter (sparas" in s and number in s, "the diarienr in the form")
        deadline = time.monotonic() + 30
        while read_journal(new_report).get((DETAILS, "diarienr")) != number:
            assert time.monotonic() < deadline, (
                f"the diarienr never reached the journal: {read_journal(new_report)!r}\n" + _screen(socket))
            time.sleep(0.05)
        os.kill(pid, signal.SIGKILL)
    killed = Report.load(new_report)
    assert all(doc.readable for doc in killed.documents()) and killed.head is not None, "a file was left broken"
    saved = killed.head.diarienr == number  # (the save may have just finished)

    with _terminal("details-again") as socket:
        _start(socket, _edit_command(new_report), tmp_path)
        if saved:
            _wait_for(socket, lambda s: "Besvarade" in s, "the app did not start again")
        else:
            screen = _wait_for(socket, lambda s: "Osparad text från förra gången" in s,
                               "the details were not offered back")
            assert "Rapportens uppgifter: Diarienr" in screen, screen
            _tmux(socket, "send-keys", "-t", "w", "Enter")  # "Ta tillbaka" is the default
            _wait_for(socket, lambda s: "Osparad text" not in s, "the offer did not close")
        _tmux(socket, "send-keys", "-t", "w", "C-q")
        _wait_for(socket, lambda s: "Besvarade" not in s, "the app did not quit")
    head = Report.load(new_report).head
    assert head is not None and head.diarienr == number
    assert not read_journal(new_report)
