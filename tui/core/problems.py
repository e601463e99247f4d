"""Problems found in templates and reports, located by file, line and column."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path

from tui.core.printable import printable


class Severity(StrEnum):
    ERROR = "fel"
    WARNING = "varning"


@dataclass(frozen=True)
class Problem:
    """One finding. ``line`` and ``column`` are 1-based; 0 means "the whole file"."""

    file: Path
    message: str
    line: int = 0
    column: int = 0
    section: str = ""
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self, base: Path | None = None) -> str:
        name = _display_path(self.file, base)
        if self.line:
            return f"{name}:{self.line}:{self.column}" if self.column else f"{name}:{self.line}"
        return name

    def format(self, base: Path | None = None) -> str:
        """``file:line: section: message``, the form editors and CI logs understand; always one
        line, with control characters from file names, keys and values escaped."""
        parts = [self.location(base)] if self.file != Path("") else []
        if self.section:
            parts.append(self.section)
        if self.severity is Severity.WARNING:
            parts.append(f"varning: {self.message}")
        else:
            parts.append(self.message)
        return printable(": ".join(parts))

    def as_json(self, base: Path | None = None) -> dict[str, object]:
        data = asdict(self)
        data["file"] = _display_path(self.file, base)
        data["severity"] = self.severity.value
        return data


def _display_path(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return str(path.relative_to(base))
        except ValueError:
            pass
    return str(path)


class AterrapportError(Exception):
    """A user-facing error: bad input, missing file. Carries its problems; never a bug."""

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(file=Path(""), message=problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = problems
        super().__init__("\n".join(p.format() for p in problems))
