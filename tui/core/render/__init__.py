"""Rendering a report: the official DOCX, and the same document as one Markdown file.

- ``document``: walks template + report (page 1 head, foreword, parts, sections, fields,
  insats tables, signature, header and footer, properties); ``render_bytes``, ``render_file``.
- ``markdown``: markdown-it tokens → Word paragraphs, runs, lists, links, footnotes, images,
  pipe tables.
- ``styles``: page set-up (A4), the body font, the styles used; ``--reference-doc``.
- ``parts``: the footnotes part and list numbering definitions python-docx lacks.
- ``ooxml``: raw WordprocessingML in schema order (pPr/rPr, tblHeader, cantSplit, fields, w:lang).
- ``parser``: the Markdown dialect shared by render, check and export.
- ``markdown_check``: ``check``'s warnings (and image errors) for Markdown the document cannot
  show as written.
- ``export_markdown``: ``aterrapport export --format markdown``.

Nothing is imported here, so ``check`` does not pay for python-docx.
"""
