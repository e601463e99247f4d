"""Speed of the app, measured on the real program in a real terminal (tmux).

Run: python benchmarks/app.py

- launch: `aterrapport edit` on a copy of the full Västmanland 2019 sample, from starting the
  process until the first screen (the status line) is on the terminal. Target: under 1 s.
- keystroke: in a section whose answer has 10,000 words (84 paragraphs of 120 words), the time
  from sending one key to tmux until the character is on the terminal's screen (target ≤ 16 ms
  at p95 while typing). Each measurement starts a `tmux send-keys` process and polls
  `tmux capture-pane` (a few ms per poll), so the same keys are also sent to a trivial program
  (`cat`, the terminal echoing each key) in the same run: that is the floor of this method,
  and the app's figure is reported beside it and as a ratio to it.
- keystroke in the process (benchmarks/keystroke.py): the same answer, timed from the key event
  to the end of the screen update that shows it, beside a plain Textual TextArea with the same
  text, with the CPU time of the app's thread; this is the figure the target is checked on.
"""

from __future__ import annotations

import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_reports" / "vastmanland-2019"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _tmux(socket: str, *args: str) -> str:
    return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, check=True).stdout


def _start(socket: str, folder: Path, state: str, env: str = "") -> float:
    command = (f"exec env XDG_STATE_HOME={shlex.quote(state)} {env} {shlex.quote(sys.executable)} -m tui edit "
               f"{shlex.quote(str(folder))}")
    start = time.perf_counter()
    _tmux(socket, "new-session", "-d", "-s", "b", "-x", "120", "-y", "40", command)
    while "Besvarade" not in _tmux(socket, "capture-pane", "-p", "-t", "b"):
        if time.perf_counter() - start > 30:
            raise RuntimeError("the app did not start")
        time.sleep(0.003)
    return time.perf_counter() - start


def launch_times(runs: int = 11, *, warm: bool = True) -> list[float]:
    """Each run on a fresh copy of the sample. ``warm``: the user's state folder (template
    cache) survives between runs, as it does between a writer's sessions; otherwise every
    run is a first start on a new machine."""
    times: list[float] = []
    with tempfile.TemporaryDirectory() as state:
        for run in range(runs + (1 if warm else 0)):
            with tempfile.TemporaryDirectory() as tmp:
                folder = Path(tmp) / "vastmanland-2019"
                shutil.copytree(SAMPLE, folder)
                socket = f"bench-{os.getpid()}-{run}"
                try:
                    times.append(_start(socket, folder, state if warm else tmp))
                finally:
                    subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, check=False)
    return times[1:] if warm else times


def _type_and_wait(socket: str, presses: int) -> list[float]:
    """Send ``presses`` letters to the pane, each when the one before is on its screen; a new
    line every 40 letters. The seconds from sending each key until it shows (first 10 left out)."""
    times: list[float] = []
    typed = ""
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    for index in range(presses):
        if len(typed) >= 40:
            _tmux(socket, "send-keys", "-t", "b", "Enter")
            typed = ""
            time.sleep(0.2)
        char = alphabet[index % len(alphabet)]
        typed += char
        expected = typed[-10:]
        start = time.perf_counter()
        _tmux(socket, "send-keys", "-t", "b", "-l", char)
        while expected not in _tmux(socket, "capture-pane", "-p", "-t", "b"):
            if time.perf_counter() - start > 5:
                raise RuntimeError("the key never reached the screen")
        times.append(time.perf_counter() - start)
        time.sleep(0.05)
    return times[10:]


def floor_times(presses: int = 150) -> list[float]:
    """The same keys to `cat` in the same kind of tmux pane: what send-keys and capture-pane
    polling cost by themselves."""
    socket = f"bench-floor-{os.getpid()}"
    try:
        _tmux(socket, "new-session", "-d", "-s", "b", "-x", "120", "-y", "40", "exec cat")
        time.sleep(0.3)
        return _type_and_wait(socket, presses)
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, check=False)


def keystroke_times(presses: int = 150, *, spelling: bool = True) -> list[float]:
    """``spelling``: with the spell check on (the default when a dictionary is installed),
    every finished word is checked in a worker and marked; off: ATERRAPPORT_STAVNING=av."""
    from tui.core.report import Report

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "vastmanland-2019"
        shutil.copytree(SAMPLE, folder)
        report = Report.load(folder)
        words = report.text("1.1.1").split()
        paragraphs = [" ".join((words * 200)[i * 120:(i + 1) * 120]) for i in range(84)]
        report.set_text("1.1.1", "svar", "\n\n".join(paragraphs))
        report.save()
        assert 9_900 <= len(Report.load(folder).text("1.1.1").split()) <= 10_100
        socket = f"bench-keys-{os.getpid()}"
        try:
            # Opens on 1.1.1 with the cursor at the end of the answer.
            _start(socket, folder, tmp, "" if spelling else "ATERRAPPORT_STAVNING=av")
            _tmux(socket, "send-keys", "-t", "b", "Enter", "Enter")
            time.sleep(1.0)
            return _type_and_wait(socket, presses)
        finally:
            subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, check=False)


def main() -> None:
    for warm, label in ((True, "vanlig start"), (False, "första start, tom cache")):
        launch = launch_times(warm=warm)
        print(f"start till första skärmen, {label} (hela processen, {len(launch)} körningar): "
              f"median {statistics.median(launch) * 1000:.0f} ms, min {min(launch) * 1000:.0f} ms, "
              f"max {max(launch) * 1000:.0f} ms  (mål < 1000 ms)")
    floor = sorted(floor_times())
    floor95 = floor[int(len(floor) * 0.95) - 1]
    print(f"tmux: tangenttryck till skärmen för `cat` (mätmetodens golv, {len(floor)} tryck): median "
          f"{statistics.median(floor) * 1000:.1f} ms, p95 {floor95 * 1000:.1f} ms")
    p95s = {}
    for spelling, label in ((True, "stavningskontroll på"), (False, "stavningskontroll av")):
        keys = sorted(keystroke_times(spelling=spelling))
        p95s[spelling] = p95 = keys[int(len(keys) * 0.95) - 1]
        print(f"tmux: tangenttryck till skärmen i ett svar på 10 000 ord, {label} ({len(keys)} tryck): median "
              f"{statistics.median(keys) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms "
              f"(p95 / golvets p95 = {p95 / floor95:.2f}; över golvet {max(0.0, p95 - floor95) * 1000:.1f} ms)")
    print(f"stavningskontrollens kostnad: p95 på / p95 av = {p95s[True] / p95s[False]:.2f}")
    import keystroke

    keystroke.report(keystroke.run())  # in the process, beside Textual's TextArea (the target's figure)
    from search import main as search_main

    search_main()  # search time per keystroke (Ctrl+F), see benchmarks/search.py


if __name__ == "__main__":
    main()
