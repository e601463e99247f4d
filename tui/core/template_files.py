"""Where templates are and where their validated copies are kept: plain files, no models (the
app's first screen reads the cached template as JSON before pydantic is loaded)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from tui.core.statedir import state_dir

TEMPLATE_ENV = "ATERRAPPORT_MALLAR"
MODEL_SOURCE = Path(__file__).with_name("template.py")  # a changed model never reads an old cache


def template_dirs() -> list[Path]:
    """Where templates are looked up: $ATERRAPPORT_MALLAR, the repository, the installed package."""
    dirs: list[Path] = []
    extra = os.environ.get(TEMPLATE_ENV)
    if extra:
        dirs.extend(Path(p) for p in extra.split(os.pathsep) if p)
    package = Path(__file__).resolve().parent.parent
    dirs.append(package.parent / "templates")  # a source checkout / editable install
    dirs.append(package / "_mallar")  # a wheel install
    return [d for d in dirs if d.is_dir()]


def find_templates() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in template_dirs():
        # glob("*.yaml")'s names, without the pattern compiled on every command's start
        for name in sorted(name for name in os.listdir(folder) if name.endswith(".yaml")):
            path = folder / name
            found.setdefault(path.stem, path)
    return found


# Parsing a template's YAML takes ~0.1 s, validating the same data as JSON ~1 ms: the validated
# template is kept as JSON, keyed by the file's bytes and the model's source.
def cache_file(path: Path) -> Path | None:
    try:
        digest = hashlib.sha256(path.read_bytes())
        digest.update(MODEL_SOURCE.read_bytes())
    except OSError:
        return None
    return state_dir() / "mallcache" / f"{path.stem}-{digest.hexdigest()[:20]}.json"


def file_key(section_id: str) -> str:
    """The answer file a section lives in: its id's first two components (``1.2.1`` → ``1.2``)."""
    return ".".join(section_id.split(".")[:2])
