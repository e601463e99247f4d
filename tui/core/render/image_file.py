"""Opening an image an answer shows: through the reading edge, and parsed as Word will parse it.

``check`` and ``render`` both call :func:`load_image`, so an image that ``check`` passes is one
``render`` can embed: a truncated or bogus file fails in both, with the same message.
"""

from __future__ import annotations

from pathlib import Path

from docx.image.image import Image

from tui.core.problems import AterrapportError, Problem
from tui.core.safe_read import read_file

MAX_IMAGE_BYTES = 10 * 1024 * 1024  # a photo or a chart; a report is mailed and printed


def load_image(folder: Path, path: Path) -> tuple[bytes, Image]:
    """The image's bytes and python-docx's reading of them, or an :class:`AterrapportError`
    whose problem names ``path`` (not a link, inside ``folder``, at most 10 MB, readable)."""
    data = read_file(path, limit=MAX_IMAGE_BYTES, root=folder, what="bilden")
    try:
        image = Image.from_blob(data)
        if image.px_width <= 0 or image.px_height <= 0 or image.width <= 0 or image.height <= 0:
            raise ValueError("bredd eller höjd är 0")
    except Exception as exc:  # any failure of the header parser on hostile bytes
        detail = str(exc) or type(exc).__name__
        raise AterrapportError(Problem(
            path, f"bilden kan inte läsas (trasig eller avkortad bildfil: {detail})")) from None
    return data, image
