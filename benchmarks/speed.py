"""Issue 14's speed targets, as ratios against references measured alternately in the same run.

    python benchmarks/speed.py [--runs N] [--app-runs N] [--no-app] [--json] [--against DIR]

- ``render``: a whole ``aterrapport render`` process on the full 2019 sample, against pandoc
  (``pypandoc-binary``, the ``bench`` extra) turning the same content, exported with
  ``aterrapport export``, from Markdown into DOCX. Target: ≤ 0.5×.
- ``check``: a whole ``aterrapport check`` process. Target: ≤ 0.2 s (an absolute figure, so it
  is only meaningful on an idle machine; the load average is printed beside it).
- ``hook check`` on one changed answer file, against ``check`` of its folder. Target: ≤ 1×.
- ``check`` of a copy with one broken file (a Ja/Nej cell written ``ja`` in 5.1.yaml), against
  ``check`` of the sample: only the broken file is read again round-trip to locate its problem.
- the app's first screen (tmux, 120×40) against a minimal Textual app showing a ``Tree`` with
  the template's outline and a ``TextArea`` with the same first answer; both are done when the
  answer's first words are on the terminal. Target: ≤ 1.25×. The report is copied afresh to the
  same folder each round, as a writer opens the same report again after a session that ended
  with Ctrl+Q (run once before the rounds: it leaves the template cache and the first screen's
  memo, as any earlier session does).
- the libraries' floor: a process that only imports what ``render`` cannot do without
  (pydantic, python-docx, markdown-it, PyYAML) and does the least with each (one model
  validated, one Markdown parse, one YAML load, python-docx's default document with one paragraph
  saved), against pandoc; and the same floor without pydantic. No render of ours can be faster
  than the floor of the libraries it uses, so ``floor_vs_pandoc`` bounds ``render_vs_pandoc``.
- ``check_report`` alone (in-process CPU time) on both: the round-trip re-read and re-check of
  the files with problems, without the process's start.
- the breakdown of one ``render`` (fresh processes): imports, reading (files and template),
  parsing, the answer model (only built when check has not seen the answers accepted before:
  tui/core/accepted_answers.py; after the first round it is not), check, the DOCX, writing.

The commands of each round run in turn (pandoc, render, check, hook, …; every other round in
reverse), so a busy machine slows all of them alike.

``--against DIR``: DIR is another checkout (e.g. ``git worktree add /tmp/before main``); its
``render``, ``check``, ``hook`` and app run in the same rounds, and ``*_vs_before`` gives the
ratios. Every tree's modules are byte-compiled first, as an installed package's are (with
``PYTHONDONTWRITEBYTECODE`` set, each start would otherwise compile ours from source).
A measurement, not a test: it prints figures and never fails on them.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_reports" / "vastmanland-2019"
PYTHON = [sys.executable, "-m", "tui"]


def _timed(command: list[str], env: dict[str, str] | None = None, expect: int = 0) -> float:
    started = time.perf_counter()
    # Not in a checkout: `python -m` puts the working directory first on sys.path.
    done = subprocess.run(command, capture_output=True, env=env, cwd=tempfile.gettempdir(), check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != expect:
        raise subprocess.CalledProcessError(done.returncode, command, done.stdout, done.stderr)
    return elapsed


def _with_tree(env: dict[str, str], tree: Path | None) -> dict[str, str]:
    """``env`` running the ``tui`` of checkout ``tree`` (None: this one)."""
    return env if tree is None else {**env, "PYTHONPATH": str(tree)}


def compile_tree(tree: Path) -> None:
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "tui")], check=True, capture_output=True)


def _alternate(commands: dict[str, Callable[[], float]], runs: int) -> dict[str, list[float]]:
    """Each round runs every command once; every other round in reverse order, so that no
    command always follows the same one (a position in the round biases by tens of ms)."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    names = list(commands)
    for round_number in range(runs):
        for name in names if round_number % 2 == 0 else reversed(names):
            times[name].append(commands[name]())
    return times


def pandoc_path() -> str | None:
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        return None


# -- the commands -------------------------------------------------------------------------------

def command_figures(folder: Path, runs: int, out: Path, against: Path | None = None) -> dict[str, object]:
    state = out / "state"
    env = {**os.environ, "XDG_STATE_HOME": str(state)}
    markdown = out / "rapport.md"
    subprocess.run([*PYTHON, "export", str(folder), "-o", str(markdown)], check=True, capture_output=True, env=env,
                   cwd=out)
    broken = out / "trasig" / folder.name
    shutil.copytree(folder, broken)
    cell = broken / "5.1.yaml"
    text = cell.read_text(encoding="utf-8")
    assert "anslag_1_1: Nej" in text, "the 2019 sample's 5.1.yaml changed: pick another broken cell"
    cell.write_text(text.replace("anslag_1_1: Nej", "anslag_1_1: ja", 1), encoding="utf-8")
    changed = folder / "1.2.yaml"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Region", "Regionen", 1), encoding="utf-8")
    commands: dict[str, Callable[[], float]] = {}
    pandoc = pandoc_path()
    if pandoc:
        command = [pandoc, "--from", "markdown", "--to", "docx", str(markdown), "-o", str(out / "pandoc.docx")]
        commands["pandoc"] = lambda: _timed(command)
        commands.update(floor_commands(out))
    trees = {"": None} if against is None else {"": None, "_before": against}
    for suffix, tree in trees.items():
        tree_env = _with_tree(env, tree)
        commands["render" + suffix] = functools.partial(
            _timed, [*PYTHON, "render", str(folder), "-o", str(out / "r.docx")], tree_env)
        commands["check" + suffix] = functools.partial(_timed, [*PYTHON, "check", str(folder)], tree_env)
        commands["hook_check_one_file" + suffix] = functools.partial(
            _timed, [*PYTHON, "hook", "check", str(changed)], tree_env)
        commands["check_one_broken_file" + suffix] = functools.partial(
            _timed, [*PYTHON, "check", str(broken)], tree_env, expect=1)
    _alternate(commands, 1)  # warm-up: template cache, file cache, pandoc's first start
    times = _alternate(commands, runs)
    medians = {name: statistics.median(values) for name, values in times.items()}
    result: dict[str, object] = {f"{name}_s": round(value, 4) for name, value in medians.items()}
    if pandoc:
        result["render_vs_pandoc"] = round(medians["render"] / medians["pandoc"], 3)
        for kind in ("pydantic", "no_pydantic"):
            result[f"floor_{kind}_vs_pandoc"] = round(medians[f"floor_{kind}"] / medians["pandoc"], 3)
    result["hook_vs_check"] = round(medians["hook_check_one_file"] / medians["check"], 3)
    result["broken_vs_check"] = round(medians["check_one_broken_file"] / medians["check"], 3)
    if against is not None:
        for name in ("render", "check", "hook_check_one_file", "check_one_broken_file"):
            result[f"{name}_vs_before"] = round(medians[name] / medians[name + "_before"], 3)
    return result


# -- the libraries' floor -----------------------------------------------------------------------

FLOOR = r"""
import os, sys
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"  # as tui.cli.main sets it: no entry-point scan
import docx, markdown_it, yaml
if sys.argv[1] == "pydantic":
    import pydantic
    class Model(pydantic.BaseModel):
        text: str = ""
    Model.model_validate({"text": "svar"})
markdown_it.MarkdownIt("commonmark").parse("*svar*")
yaml.load("svar: text", Loader=yaml.CSafeLoader)
document = docx.Document()
document.add_paragraph("svar")
document.save(sys.argv[2])
"""


def floor_commands(out: Path) -> dict[str, Callable[[], float]]:
    return {f"floor_{kind}": functools.partial(_timed, [sys.executable, "-c", FLOOR, kind, str(out / f"{kind}.docx")])
            for kind in ("pydantic", "no_pydantic")}


# -- the breakdown ------------------------------------------------------------------------------

BREAKDOWN = r"""
import sys, time, json
from pathlib import Path
T = time.perf_counter
marks = {}
t = T()
def mark(name):
    global t
    now = T(); marks[name] = now - t; t = now
import tui.cli.main, tui.core.report, tui.core.validation, tui.core.render.document, tui.core.fastyaml
from tui import startup
startup.one_shot()  # as the command's process does (tui.cli.main.run)
mark("imports")
from tui.core.report import Report, FolderFiles
folder = Path(sys.argv[1])
files = FolderFiles(folder)
texts = {n: files[n] for n in files}
from tui.core.template import get_template
get_template("aterrapportering-2019")
mark("read files and template")
report = Report.from_texts(folder, texts, read_only=True)
mark("parse")
from tui.core.accepted_answers import accepted_answers
from tui.core.answers import answers_model
from tui.core.validation import check_report
store = accepted_answers(report.template).path
if store is None or not store.exists():
    answers_model(report.template)  # a first run: check builds the model (later runs need it only for new data)
mark("answer model")
check_report(report, locate_warnings=False, remember=True)  # as render does
mark("check")
from tui.core.render.document import RenderOptions, render_bytes
data = render_bytes(report, RenderOptions())
mark("docx")
from tui.core.yamlio import atomic_write_bytes
atomic_write_bytes(Path(sys.argv[2]), data)
mark("write")
print(json.dumps(marks))
"""


def breakdown(folder: Path, runs: int, out: Path) -> dict[str, float]:
    env = {**os.environ, "XDG_STATE_HOME": str(out / "state")}
    samples: list[dict[str, float]] = []
    for _ in range(runs + 1):
        result = subprocess.run([sys.executable, "-c", BREAKDOWN, str(folder), str(out / "b.docx")],
                                check=True, capture_output=True, text=True, env=env, cwd=ROOT)
        samples.append(json.loads(result.stdout))
    samples = samples[1:]
    return {name: round(statistics.median(s[name] for s in samples), 4) for name in samples[0]}


CHECK_ONLY = r"""
import json, sys, time
from pathlib import Path
from tui.core.report import Report
from tui.core.validation import check_report
times = []
for folder in sys.argv[2:]:
    best = float("inf")
    for _ in range(int(sys.argv[1])):
        report = Report.load(Path(folder), read_only=True)  # fresh: check re-reads files into it
        started = time.process_time()
        check_report(report)
        best = min(best, time.process_time() - started)
    times.append(best)
print(json.dumps(times))
"""


def check_only(folders: dict[str, Path], runs: int, trees: dict[str, Path]) -> dict[str, float]:
    """``check_report`` alone, in-process (CPU time, best of ``runs``): the whole command's
    start hides a few milliseconds, and a busy machine more."""
    result: dict[str, float] = {}
    for suffix, tree in trees.items():
        env = {**os.environ, "PYTHONPATH": str(tree)}
        done = subprocess.run([sys.executable, "-c", CHECK_ONLY, str(runs * 3), *map(str, folders.values())],
                              check=True, capture_output=True, text=True, env=env, cwd=tempfile.gettempdir())
        for name, value in zip(folders, json.loads(done.stdout), strict=True):
            result[f"check_report_{name}{suffix}_ms"] = round(value * 1000, 2)
    return result


# -- the app's first screen ---------------------------------------------------------------------

MINIMAL_APP = r"""
import json, sys
from textual.app import App
from textual.containers import Horizontal
from textual.widgets import TextArea, Tree

outline, answer = json.load(open(sys.argv[1], encoding="utf-8"))

class Minimal(App):
    def compose(self):
        tree = Tree("Rapport")
        for title in outline:
            tree.root.add_leaf(title)
        tree.root.expand()
        with Horizontal():
            yield tree
            yield TextArea(answer)

Minimal().run()
"""


def _tmux(socket: str, *args: str) -> str:
    return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, check=True).stdout


_SOCKETS = itertools.count()


def _first_screen(command: str, marker: str, name: str, *, quit_after: str | None = None) -> float:
    """Seconds until ``marker`` is on the terminal; then the program is killed, or, with
    ``quit_after``, sent those keys once ``quit_after`` shows and waited for until it ends."""
    socket = f"{name}-{next(_SOCKETS)}"  # a fresh tmux server each time: a killed one may linger
    started = time.perf_counter()
    _tmux(socket, "new-session", "-d", "-s", "b", "-x", "120", "-y", "40", command)
    try:
        while marker not in _tmux(socket, "capture-pane", "-p", "-t", "b"):
            if time.perf_counter() - started > 60:
                raise RuntimeError(f"{marker!r} never reached the screen")
            time.sleep(0.003)
        seconds = time.perf_counter() - started
        if quit_after is not None:
            while quit_after not in _tmux(socket, "capture-pane", "-p", "-t", "b"):
                if time.perf_counter() - started > 60:
                    raise RuntimeError(f"{quit_after!r} never reached the screen")
                time.sleep(0.05)
            _tmux(socket, "send-keys", "-t", "b", "C-q")
            while subprocess.run(["tmux", "-L", socket, "has-session", "-t", "b"], capture_output=True,
                                 check=False).returncode == 0:  # the session ends with the program
                if time.perf_counter() - started > 60:
                    raise RuntimeError("the app did not quit")
                time.sleep(0.05)
        return seconds
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, check=False)
        tmux_dir = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}"
        (tmux_dir / socket).unlink(missing_ok=True)


def app_figures(runs: int, out: Path, against: Path | None = None) -> dict[str, object]:
    sys.path.insert(0, str(ROOT))
    from tui.core.report import Report

    report = Report.load(SAMPLE, read_only=True)
    first = report.template.answerable()[0]
    answer = report.text(first.id)
    outline = [s.number_title for s in report.template.walk()]
    data = out / "minimal.json"
    data.write_text(json.dumps([outline, answer], ensure_ascii=False), encoding="utf-8")
    script = out / "minimal_app.py"
    script.write_text(MINIMAL_APP, encoding="utf-8")
    marker = answer.split("\n", 1)[0][:30]
    python = shlex.quote(sys.executable)

    def real(tree: Path | None = None, quit_after: str | None = None) -> float:
        # A fresh copy each time, at the same place: the writer's report as an earlier session
        # left it (before the rounds: opened and quit with Ctrl+Q), with the template cache and
        # the first screen's memo (tui/core/plain_memo.py) that session left.
        work = out / ("app-report" if tree is None else "app-report-against")
        shutil.rmtree(work, ignore_errors=True)
        folder = work / SAMPLE.name
        shutil.copytree(SAMPLE, folder)
        path = f"PYTHONPATH={shlex.quote(str(tree))} " if tree is not None else ""
        # Each tree its own state folder: the memo is kept for one reader version (the size and
        # time of its source files), so two trees sharing one would undo each other's memo.
        state = out / ("app-state" if tree is None else "app-state-against")
        command = (f"cd {shlex.quote(str(work))} && exec env XDG_STATE_HOME={shlex.quote(str(state))} {path}"
                   f"{python} -m tui edit {shlex.quote(str(folder))}")
        return _first_screen(command, marker, f"bench-app-{os.getpid()}", quit_after=quit_after)

    def minimal() -> float:
        command = f"exec {python} {shlex.quote(str(script))} {shlex.quote(str(data))}"
        return _first_screen(command, marker, f"bench-min-{os.getpid()}")

    commands: dict[str, Callable[[], float]] = {"minimal_textual": minimal, "app": real}
    if against is not None:
        commands["app_before"] = lambda: real(against)
    answerable = report.template.answerable()
    counted = f"Besvarade {sum(1 for s in answerable if report.has_content(s.id))} av"  # the editor's status
    for tree in (None, against) if against is not None else (None,):
        real(tree, quit_after=counted)
    times = _alternate(commands, runs + 1)
    medians = {name: statistics.median(values[1:]) for name, values in times.items()}
    result: dict[str, object] = {
        "app_first_screen_s": round(medians["app"], 4),
        "minimal_textual_s": round(medians["minimal_textual"], 4),
        "app_vs_minimal": round(medians["app"] / medians["minimal_textual"], 3)}
    if against is not None:
        result["app_before_first_screen_s"] = round(medians["app_before"], 4)
        result["app_before_vs_minimal"] = round(medians["app_before"] / medians["minimal_textual"], 3)
        result["app_vs_before"] = round(medians["app"] / medians["app_before"], 3)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--app-runs", type=int, default=7)
    parser.add_argument("--no-app", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--against", type=Path, help="another checkout to measure in the same rounds")
    args = parser.parse_args()
    against = args.against.resolve() if args.against else None
    for tree in (ROOT, against):
        if tree is not None:
            compile_tree(tree)
    results: dict[str, object] = {"load_average_before": round(os.getloadavg()[0], 2)}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        folder = out / SAMPLE.name
        shutil.copytree(SAMPLE, folder)
        results["breakdown_s"] = breakdown(folder, args.runs, out)
        results.update(command_figures(folder, args.runs, out, against))
        trees = {"": ROOT} if against is None else {"": ROOT, "_before": against}
        results.update(check_only({"sample": folder, "one_broken_file": out / "trasig" / folder.name},
                                  args.runs, trees))
        if not args.no_app and shutil.which("tmux"):
            results.update(app_figures(args.app_runs, out, against))
    results["load_average_after"] = round(os.getloadavg()[0], 2)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return 0
    for key, value in results.items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
