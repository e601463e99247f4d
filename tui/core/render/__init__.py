"""Rendering a report: the official DOCX (and PDF), and the same document as one Markdown file.

- ``document``: walks template + report (page 1 head, foreword, parts, sections, fields,
  insats tables, signature, header and footer, properties); ``render_bytes``, ``render_file``.
- ``markdown``: markdown-it tokens → Word paragraphs, runs, lists, links, footnotes, images,
  pipe tables.
- ``styles``: page set-up (A4), the body font, the styles used; ``--reference-doc``.
- ``parts``: the footnotes part and list numbering definitions python-docx lacks.
- ``ooxml``: every element of the document's text, built with lxml in the schema's order
  (paragraph, run, table and cell properties, fields, bookmarks, w:lang), and the one
  ``insert_in_order`` for what is added to existing elements; python-docx handles the package.
- ``parser``: the Markdown dialect shared by render, check and export.
- ``markdown_check``: ``check``'s warnings (and image errors) for Markdown the document cannot
  show as written.
- ``export_markdown``: ``aterrapport export --format markdown``.
- ``headings``: answer headings one level below their section, never skipping a level.
- ``outline``, ``toc``: the headings as written (bookmarked) and the table of contents.
- ``pdf``: tagged PDF/UA through LibreOffice headless (``render -o FIL.pdf``).
- ``tracked``: tracked changes for Word (``diff A B MAPP --format docx``).

Nothing is imported here, so ``check`` does not pay for python-docx.
"""
