"""pydantic's metadata on plain dataclasses, made only when pydantic builds a validator.

The template (``template.py``) and the head (``head.py``) are stdlib dataclasses that pydantic
validates (``TypeAdapter``): their annotations and ``field(metadata=…)`` say everything pydantic
needs, but importing them imports no pydantic. A command that finds them already validated (the
template's JSON cache, the store of accepted heads) never loads pydantic, which costs ~0.1 s of
every process: its import and its first schema. pydantic reads these markers through its own
extension hook (``__get_pydantic_core_schema__``).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Annotated, Any

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema


class Pydantic:
    """``Annotated[str, Pydantic(lambda p: p.StringConstraints(max_length=40))]``: pydantic
    metadata (one item or a tuple) made from the pydantic module ``p`` when a schema is built."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[ModuleType], Any]) -> None:
        self.make = make

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        import pydantic

        made = self.make(pydantic)
        metadata = made if isinstance(made, tuple) else (made,)
        return handler.generate_schema(Annotated[(source, *metadata)])


@functools.cache
def pydantic_versions() -> str:
    """pydantic's and pydantic-core's installed versions, read from their dist-info folders'
    names without importing them (keys of the stores of what they validated)."""
    names: list[str] = []
    for package in ("pydantic", "pydantic_core"):
        spec = importlib.util.find_spec(package)  # a top-level package: found, not imported
        origin = Path(spec.origin) if spec is not None and spec.origin else None
        if origin is None:
            names.append(f"{package}-?")
            continue
        try:  # the version in the folder's name; the file's time where there is none
            # The names as glob("{package}-*.dist-info") gives them, without its pattern compiled
            # (this runs in every command that reads a validated store).
            found = sorted(name for name in os.listdir(origin.parent.parent)
                           if name.startswith(f"{package}-") and name.endswith(".dist-info"))
            names.extend(found or [f"{origin}@{origin.stat().st_mtime_ns}"])
        except OSError:
            names.append(f"{package}-?")
    return " ".join(names)


@functools.cache  # the sources do not change while a process runs (hook check checks folder after folder)
def code_digest(*modules: str) -> str:
    """A digest of the installed pydantic and of ``modules`` (file names in ``tui/core``): what a
    store of validated data depends on."""
    digest = hashlib.sha256(pydantic_versions().encode())
    for name in modules:
        digest.update(Path(__file__).with_name(name).read_bytes())
    return digest.hexdigest()[:16]
