"""Where a report's documents go and what is said when one cannot be written; no python-docx,
so ``export`` does not load it."""

from __future__ import annotations

import errno
import re
import unicodedata
from pathlib import Path

from tui.core.report import Report


def write_error(exc: OSError) -> str:
    """A Swedish message for the usual reasons a file cannot be written."""
    reasons = {errno.EISDIR: "det är en mapp", errno.EACCES: "behörighet saknas", errno.EPERM: "behörighet saknas",
               errno.ENOSPC: "disken är full", errno.EROFS: "filsystemet är skrivskyddat",
               errno.ENOTDIR: "en del av sökvägen är ingen mapp"}
    return f"filen kan inte skrivas: {reasons.get(exc.errno or 0, exc.strerror or str(exc))}"


def default_output(report: Report, suffix: str = ".docx") -> Path:
    """``DIR/<region>-<år>.docx``, e.g. ``region-vastmanland-2019.docx``."""
    head = report.head
    region = head.region if head else report.folder.name
    year = head.ar if head else report.template.year
    return report.folder / f"{slug(region)}-{year}{suffix}"


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "rapport"
