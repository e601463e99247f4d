"""Rendering a report: the official DOCX (and PDF), and the same document as one Markdown file.

- ``blocks``: the one walk of a report into typed blocks (head, headings, preamble box,
  guidance, prompts, answers, choices, insats tables, signature) that every writer writes.
- ``document``: the DOCX writer of the blocks (plus header, footer, properties, contents);
  ``render``, ``render_bytes``, ``render_file``. ``tracked`` and ``pdf`` build on it.
- ``output``: where a document goes by default, and the message when it cannot be written.
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
- ``export_markdown``: the Markdown writer of the blocks (``aterrapport export``, the preview).
- ``headings``: answer headings one level below their section, never skipping a level.
- ``outline``, ``toc``: the headings as written (bookmarked) and the table of contents.
- ``pdf``: tagged PDF/UA through LibreOffice headless (``render -o FIL.pdf``).
- ``tracked``: tracked changes for Word (``diff A B MAPP --format docx``).

Nothing is imported here, so ``check`` does not pay for python-docx.
"""
