"""`hook` calls each folder's `check` / `fmt --check` through its handler (tui/cli/hook_commands.py),
not through the parser: the arguments it passes are the parser's, and every folder is checked
with the CLI's exit codes even when another folder cannot be read."""

from __future__ import annotations

import os
import re
from pathlib import Path

from conftest import run_cli
from git_helpers import new_report
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.cli.hook_commands import folder_arguments
from tui.cli.main import parse

_NAME = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), min_size=1, max_size=8)


@settings(max_examples=int(os.environ.get("ATERRAPPORT_ARGS_EXAMPLES", "100")), deadline=None)
@given(st.lists(_NAME, min_size=1, max_size=3).filter(lambda parts: not parts[0].startswith("-")))
def test_the_hook_passes_what_the_parser_gives(parts: list[str]) -> None:
    folder = Path(*parts)
    assert vars(folder_arguments("check", folder)) == vars(parse(["check", str(folder)]))
    assert vars(folder_arguments("fmt", folder)) == vars(parse(["fmt", "--check", str(folder)]))


def test_an_unreadable_folder_fails_the_hook_and_the_others_are_still_checked(tmp_path: Path) -> None:
    good, broken, dashed = tmp_path / "a", tmp_path / "b", tmp_path / "-c"
    for folder in (good, broken, dashed):
        new_report(folder)
    (broken / "rapport.yaml").write_text("mall: [\n", encoding="utf-8")
    files = ["a/1.2.yaml", "b/1.2.yaml", "-c/1.2.yaml"]
    checked = run_cli("hook", "check", "--", *files, cwd=tmp_path)
    assert checked.returncode == 2, checked.stdout + checked.stderr
    assert "b/rapport.yaml:2:1: " in checked.stderr
    # The folders after the unreadable one are checked too, the one named like a flag as well.
    assert re.search(r"^0 fel, \d+ varningar i a$", checked.stdout, re.M), checked.stdout
    assert re.search(r"^0 fel, \d+ varningar i -c$", checked.stdout, re.M), checked.stdout
    formatted = run_cli("hook", "fmt", "--", *files, cwd=tmp_path)
    assert formatted.returncode == 2 and "b/rapport.yaml:2:1: " in formatted.stderr
    assert (broken / "rapport.yaml").read_text(encoding="utf-8") == "mall: [\n"  # left as it was
