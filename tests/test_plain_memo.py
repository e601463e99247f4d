"""The first screen's memo of the fast reader (tui/core/plain_memo.py): the same files give the
same first view without loading a YAML library, any changed byte is read afresh, a broken memo
is ignored, and the real app leaves the memo of the files as the writer left them."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from app_helpers import open_app, settle, wait_until
from conftest import SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.app import positions
from tui.app.first_view import FirstView
from tui.core import plain_memo
from tui.core.plain_memo import PlainMemo, memo_file
from tui.core.report import Report
from tui.core.template import keep_cached

ROOT = Path(__file__).resolve().parent.parent


def sample(tmp_path: Path) -> Path:
    folder = Path(tempfile.mkdtemp(dir=tmp_path)) / "vastmanland-2019"  # hypothesis may run an example twice
    shutil.copytree(SAMPLES / "vastmanland-2019", folder)
    keep_cached(Report.load(folder).template)
    return folder


def shown(view: FirstView | None) -> object:
    if view is None:
        return None
    return (view.region, view.year, view.template_title, view.start.id,
            [(f.key, f.label, f.prompt, f.max_words, f.text) for f in view.fields])


def read_in_a_new_process(folder: Path) -> tuple[Any, bool]:
    """The first view as a fresh `aterrapport edit` reads it, and whether it loaded a YAML library."""
    script = ("import json, sys; from pathlib import Path; from tui.app.first_view import FirstView\n"
              "v = FirstView.read(Path(sys.argv[1]))\n"
              "print(json.dumps([None if v is None else [v.region, v.year, v.start.id, [f.text for f in v.fields]],"
              " any(m == 'yaml' or m.startswith(('yaml.', 'ruamel')) for m in sys.modules)]))")
    done = subprocess.run([sys.executable, "-c", script, str(folder)], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    view, loaded = json.loads(done.stdout)
    return view, loaded


def test_the_same_files_are_read_without_a_yaml_library(tmp_path: Path) -> None:
    folder = sample(tmp_path)
    view, loaded = read_in_a_new_process(folder)
    assert view is not None and loaded  # no memo yet: the fast reader
    FirstView.remember(folder)
    again, loaded = read_in_a_new_process(folder)
    assert again == view and not loaded
    assert shown(FirstView.read(folder)) == shown(_without_memo(folder, tmp_path))


def _without_memo(folder: Path, tmp_path: Path) -> FirstView | None:
    memo = memo_file()
    moved = tmp_path / "memo-aside.json"
    if memo.exists():
        memo.rename(moved)
    try:
        return FirstView.read(folder)
    finally:
        if moved.exists():
            moved.rename(memo)


def test_a_changed_file_is_read_afresh_and_kept_for_the_next_start(tmp_path: Path) -> None:
    folder = sample(tmp_path)
    FirstView.remember(folder)
    path = folder / "1.1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Under året", "Under det året", 1), encoding="utf-8")
    view = FirstView.read(folder)
    assert view is not None and view.fields[0].text.startswith("Under det året")
    assert read_in_a_new_process(folder)[1]  # not kept yet: read with the fast reader
    FirstView.remember(folder)
    assert read_in_a_new_process(folder) == ([view.region, view.year, view.start.id, [f.text for f in view.fields]],
                                             False)


def test_a_long_file_is_read_but_not_kept(tmp_path: Path) -> None:
    """Every start parses the whole memo: a file longer than TEXT_KEPT_MAX is read afresh each
    time (the same view), never kept, and asks for no write."""
    folder = sample(tmp_path)
    path = folder / "1.1.yaml"
    text = path.read_text(encoding="utf-8")
    long = text.replace("Under året", "Under året " + "ord " * (plain_memo.TEXT_KEPT_MAX // 4), 1)
    path.write_text(long, encoding="utf-8")
    FirstView.remember(folder)
    kept = json.loads(memo_file().read_bytes())["folders"][str(folder.resolve())]
    assert set(kept) == {"rapport.yaml"}
    view = FirstView.read(folder)
    assert view is not None and view.fields[0].text.startswith("Under året ord ord")
    assert view.memo is not None and not view.memo.missed
    assert read_in_a_new_process(folder)[1]  # read with the fast reader, as without a memo
    path.write_text(text, encoding="utf-8")  # short again: kept as any other
    FirstView.remember(folder)
    assert set(json.loads(memo_file().read_bytes())["folders"][str(folder.resolve())]) == {"rapport.yaml", "1.1.yaml"}


def test_another_starting_section_reads_its_own_file(tmp_path: Path) -> None:
    folder = sample(tmp_path)
    FirstView.remember(folder)
    positions.remember_section(folder, "3.5")
    view = FirstView.read(folder)
    assert view is not None and view.start.id == "3.5"
    assert shown(view) == shown(_without_memo(folder, tmp_path))


BREAKS = ["!!python/object:os.system x", "&a x", "*a", "[1, 2", "- x", "\t", "<<<<<<< HEAD", "\x00", "'",
          "ar: 2019", "region: [x]", "---\n---", "1.1.1:\n  svar: annat", "  svar: |\n    nytt"]


@settings(max_examples=int(os.environ.get("FIRST_VIEW_EXAMPLES", 30)), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(which=st.sampled_from(["rapport.yaml", "1.1.yaml"]), line=st.integers(0, 40),
       breaking=st.sampled_from(BREAKS), raw=st.binary(max_size=8))
def test_with_a_memo_of_other_texts_the_view_is_the_one_without(tmp_path: Path, which: str, line: int,
                                                                breaking: str, raw: bytes) -> None:
    """The memo was made of the files before a line changed: the first view is the one read
    without any memo (None included), and never the memo's."""
    folder = sample(tmp_path)
    FirstView.remember(folder)
    path = folder / which
    lines = path.read_bytes().split(b"\n")
    lines[line % len(lines)] = breaking.encode("utf-8") + raw
    path.write_bytes(b"\n".join(lines))
    assert shown(FirstView.read(folder)) == shown(_without_memo(folder, tmp_path))


@pytest.mark.parametrize("memo", [b"", b"\xff\xfe", b"[]", b'{"version": 1}', b'{"version": [], "folders": []}',
                                  "SAME_VERSION_BROKEN_ENTRIES"])
def test_a_broken_memo_is_ignored(tmp_path: Path, memo: bytes | str) -> None:
    folder = sample(tmp_path)
    expected = shown(FirstView.read(folder))
    memo_file().parent.mkdir(parents=True, exist_ok=True)
    if memo == "SAME_VERSION_BROKEN_ENTRIES":
        key = str(folder.resolve())
        broken = {"rapport.yaml": ["not the text", {"region": "Fel"}], "1.1.yaml": [1, 2, 3]}
        memo = json.dumps({"version": plain_memo._reader_version(), "folders": {key: broken}}).encode()
    assert isinstance(memo, bytes)
    memo_file().write_bytes(memo)
    assert shown(FirstView.read(folder)) == expected
    FirstView.remember(folder)  # and it is made afresh
    assert read_in_a_new_process(folder)[1] is False


def test_a_memo_of_another_reader_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = sample(tmp_path)
    FirstView.remember(folder)
    assert PlainMemo(folder).kept
    monkeypatch.setattr(plain_memo, "_reader_version", lambda: [0, 0, 0, 0])  # as after an update
    assert not PlainMemo(folder).kept


def test_only_the_most_recent_folders_are_kept(tmp_path: Path) -> None:
    folders = []
    for _ in range(plain_memo.FOLDERS_KEPT + 3):
        folder = Path(tempfile.mkdtemp(dir=tmp_path)) / "r"
        shutil.copytree(SAMPLES / "vastmanland-2019", folder)
        folders.append(folder)
    keep_cached(Report.load(folders[0]).template)
    for folder in folders:
        FirstView.remember(folder)
    kept = json.loads(memo_file().read_bytes())["folders"]
    assert list(kept) == [str(f.resolve()) for f in reversed(folders)][:plain_memo.FOLDERS_KEPT]
    assert set(kept[str(folders[-1].resolve())]) == {"rapport.yaml", "1.1.yaml"}


async def test_the_app_keeps_what_its_first_screen_read_afresh(tmp_path: Path) -> None:
    """Read afresh (no memo yet), the files are kept once the first screen is up: a start after
    a killed app is as quick."""
    folder = sample(tmp_path)
    expected, loaded = read_in_a_new_process(folder)
    assert loaded
    app = open_app(folder, how="first")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.editor is not None, "the editor")
        await settle(pilot)
    assert read_in_a_new_process(folder) == (expected, False)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is needed")
def test_the_app_keeps_the_files_as_the_writer_left_them(tmp_path: Path) -> None:
    """The real `aterrapport edit`: type, quit; the next start's first screen reads what was
    typed without loading a YAML library."""
    folder = sample(tmp_path)
    socket = f"aterrapport-test-memo-{os.getpid()}"
    state = os.environ["XDG_STATE_HOME"]
    command = (f"cd {shlex.quote(str(tmp_path))} && exec env XDG_STATE_HOME={shlex.quote(state)} "
               f"PYTHONPATH={shlex.quote(str(ROOT))} TERM=xterm-256color "
               f"{shlex.quote(sys.executable)} -m tui edit {shlex.quote(str(folder))}")

    def tmux(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, check=False)

    try:
        tmux("new-session", "-d", "-s", "w", "-x", "100", "-y", "30", command)
        deadline = time.monotonic() + 60
        while not re.search(r"Besvarade \d", tmux("capture-pane", "-p", "-t", "w").stdout):  # the editor
            assert time.monotonic() < deadline, "the app did not start"
            time.sleep(0.1)
        tmux("send-keys", "-t", "w", "-l", " Sista orden.")
        tmux("send-keys", "-t", "w", "C-q")
        while tmux("has-session", "-t", "w").returncode == 0:  # the process ends with its session
            assert time.monotonic() < deadline, "the app did not end"
            time.sleep(0.1)
    finally:
        tmux("kill-server")
    view, loaded = read_in_a_new_process(folder)
    assert view is not None and view[3][0].endswith("Sista orden.") and not loaded
    assert Report.load(folder).text("1.1.1").endswith("Sista orden.")
