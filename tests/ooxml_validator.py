"""Word's own rules: the Open XML SDK validator (``@ooxml-tools/validate``, WebAssembly, no
.NET) from ``tools/node``, in Microsoft 365 mode, many files in one Node process."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from conftest import ROOT

SCRIPT = ROOT / "tools" / "node" / "validate-docx.mjs"


def validate(files: list[Path], office_version: str = "Microsoft365") -> dict[Path, list[dict[str, Any]]]:
    """Each file's validation errors (an empty list when Word would accept it)."""
    node = shutil.which("node")
    assert node, "node saknas: kör scripts/test (installerar Node.js och tools/node)"
    assert (ROOT / "tools/node/node_modules/@ooxml-tools/validate").is_dir(), "kör scripts/test (npm ci i tools/node)"
    done = subprocess.run([node, str(SCRIPT), "--office-version", office_version, *map(str, files)],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    return {Path(name): errors for name, errors in results.items()}


def describe(errors: list[dict[str, Any]]) -> str:
    return "\n".join(f"{e['path']['partUri']} {e['path']['xpath']}: {e['id']}: {e['description']}"
                     for e in errors[:20])
