"""Kill -9 the real app in a real terminal (tmux) while the writer types: at most the last
two seconds are lost and no file is ever left broken."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

from tui.core.report import Report


def _tmux(socket: str, *args: str) -> str:
    return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, check=True).stdout


def test_kill_minus_nine_loses_at_most_two_seconds(new_report: Path, tmp_path: Path) -> None:
    socket = f"aterrapport-test-{os.getpid()}"
    env = f"XDG_STATE_HOME={shlex.quote(str(tmp_path / 'state'))} TERM=xterm-256color"
    command = f"exec env {env} {shlex.quote(sys.executable)} -m tui edit {shlex.quote(str(new_report))}"
    _tmux(socket, "new-session", "-d", "-s", "w", "-x", "100", "-y", "30", command)
    try:
        pid = int(_tmux(socket, "display-message", "-p", "-t", "w", "#{pane_pid}").strip())
        deadline = time.monotonic() + 30
        while "Besvarade" not in _tmux(socket, "capture-pane", "-p", "-t", "w"):
            assert time.monotonic() < deadline, "the app did not start"
            time.sleep(0.2)

        words = [f"ord{n:03d}" for n in range(60)]
        typed_at: list[tuple[float, str]] = []
        typed = ""
        kill_after = 4.0
        start = time.monotonic()
        for word in words:
            _tmux(socket, "send-keys", "-t", "w", "-l", word + " ")
            typed += word + " "
            typed_at.append((time.monotonic(), typed))
            if time.monotonic() - start >= kill_after:
                break
            time.sleep(0.08)
        killed_at = time.monotonic()
        os.kill(pid, signal.SIGKILL)
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, check=False)

    report = Report.load(new_report)
    assert all(doc.readable for doc in report.documents()), "a file was left broken"
    saved = report.text("1.1.1")
    safe = [text for moment, text in typed_at if moment <= killed_at - 2.0]
    assert safe, "typing must have gone on for more than two seconds"
    assert saved.startswith(safe[-1].strip()), (saved, safe[-1])
    assert typed.strip().startswith(saved)
    assert not [p for p in new_report.iterdir() if p.name.endswith(".tmp")]
