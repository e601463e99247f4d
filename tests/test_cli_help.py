"""Every help text, usage error and exit code of `aterrapport`, byte for byte as they were before
the sub-commands' definitions moved apart from their code (tui/cli/commands.py).

``tests/data/cli-help.json`` was written by the code before that change (run this file as a
script, ``python tests/test_cli_help.py --write``, with that code first on ``PYTHONPATH``); a
changed help text fails here until the data is written again on purpose.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parent / "data" / "cli-help.json"
COMMANDS = ["new", "check", "fmt", "mallar", "schema", "edit", "render", "export", "diff", "textconv",
            "hook", "stava"]
INVOCATIONS: list[list[str]] = [
    ["--help"],
    *[[command, "--help"] for command in COMMANDS],
    ["check", "-h"],
    ["nosuch"],
    ["Check"],
    ["check", "--format", "xml"],
    ["check", "a", "b"],
    ["check", "-x"],
    ["check", "--", "-x"],
    ["check", "--strict=1"],
    ["check", "finns-inte"],
    ["fmt", "--check", "finns-inte"],
    ["new", "x"],
    ["new", "x", "--region", "R", "--ar", "nio"],
    ["new", "x", "--region", "R", "--ar", "2019", "--datum", "2019-13-01"],
    ["new", "-x", "--region", "R", "--ar", "2019"],
    ["render"],
    ["render", "x", "--format", "odt"],
    ["render", "finns-inte"],
    ["export", "x", "--format", "docx"],
    ["schema"],
    ["schema", "--mall", "x", "--rapport"],
    ["schema", "--mall"],
    ["hook", "lint"],
    ["hook"],
    ["textconv"],
    ["diff", "--format", "pdf"],
    ["edit", "a", "b"],
    ["stava", "--format"],
    ["mallar", "extra"],
    ["--unknown"],
]


def run(argv: list[str], cwd: Path, pythonpath: str) -> dict[str, Any]:
    """One invocation in a fresh process, in an empty folder; what a user sees, as bytes."""
    env = {**os.environ, "COLUMNS": "80", "PYTHONUTF8": "1", "PYTHONPATH": pythonpath}
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR"):
        env.pop(name, None)
    done = subprocess.run([sys.executable, "-m", "tui", *argv], capture_output=True, cwd=cwd, env=env,
                          timeout=120, check=False)
    return {"argv": argv, "code": done.returncode, "stdout": done.stdout.decode("utf-8"),
            "stderr": done.stderr.decode("utf-8")}


def run_all(pythonpath: str) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(2) as pool:
        return list(pool.map(lambda argv: run(argv, Path(tmp), pythonpath), INVOCATIONS))


def test_help_errors_and_codes_are_unchanged(tmp_path: Path) -> None:
    expected = {tuple(case["argv"]): case for case in json.loads(DATA.read_text(encoding="utf-8"))}
    assert set(expected) == {tuple(argv) for argv in INVOCATIONS}
    root = str(Path(__file__).resolve().parent.parent)
    for case in run_all(root):
        assert case == expected[tuple(case["argv"])], case["argv"]


def test_each_command_has_its_help_case() -> None:
    from tui.cli.commands import COMMANDS as DEFINED

    assert [command.name for command in DEFINED] == COMMANDS


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    cases = run_all(os.environ.get("PYTHONPATH", ""))
    DATA.write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {DATA}: {len(cases)} cases")
elif __name__ == "__main__":
    pytest.main([__file__])
