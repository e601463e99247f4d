"""Saving the DOCX package: python-docx's own writer of content types, relationships and
parts, into a zip compressed at a faster level than python-docx's default.

python-docx always deflates at zlib's default level (6), whose slow matching is about half the
time of a save; level 3 is zlib's fastest that still searches for long matches. The parts are
the same XML; the file grows by about a fifth (the 2019 sample: 82 → 97 kB).
"""

from __future__ import annotations

import io
from typing import cast
from zipfile import ZIP_DEFLATED, ZipFile

from docx.document import Document as DocxDocument
from docx.opc.packuri import PackURI
from docx.opc.phys_pkg import PhysPkgWriter
from docx.opc.pkgwriter import PackageWriter

COMPRESS_LEVEL = 3


class _ZipWriter:
    """python-docx's physical package writer (``write``, ``close``), with our level."""

    def __init__(self, stream: io.BytesIO) -> None:
        self._zip = ZipFile(stream, "w", compression=ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL)

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        self._zip.writestr(pack_uri.membername, blob)

    def close(self) -> None:
        self._zip.close()


def docx_bytes(document: DocxDocument) -> bytes:
    """The document as a DOCX file, as ``document.save`` writes it (the same members in the
    same order). ``PackageWriter.write`` makes its own zip, so its steps are called here."""
    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    stream = io.BytesIO()
    # Duck-typed: python-docx's PhysPkgWriter always makes its own zip at the default level.
    zip_writer = _ZipWriter(stream)
    writer = cast(PhysPkgWriter, zip_writer)
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, parts)
    zip_writer.close()
    return stream.getvalue()
