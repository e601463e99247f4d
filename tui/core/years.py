"""The template's year and the report's year: which template fits, and the document's title.

A template is issued for one reporting year (``year:``); a report names its own (``ar:``).
Used with another year the template still works, but its wording may speak of its own year,
so ``new``, the start screen and ``check`` say so, and the document's title follows the report.
"""

from __future__ import annotations

from collections.abc import Mapping

from tui.core.template import Template


def template_for_year(templates: Mapping[str, Template], year: int) -> str:
    """The id of the template for ``year``: issued for that year, else the newest before it,
    else the oldest there is."""
    if not templates:
        raise ValueError("inga mallar")
    by_year = sorted(templates.items(), key=lambda item: (item[1].year, item[0]))
    exact = [tid for tid, t in by_year if t.year == year]
    if exact:
        return exact[-1]
    before = [tid for tid, t in by_year if t.year < year]
    return before[-1] if before else by_year[0][0]


def year_mismatch(template: Template, year: int) -> str | None:
    """A Swedish warning when the template was issued for another year than the report's."""
    if template.year == year:
        return None
    return (f"mallen {template.id} gäller år {template.year} men rapporten gäller {year}; "
            f"mallens texter kan tala om {template.year} (se `aterrapport mallar`)")


def report_title(template: Template, year: int | None) -> str:
    """The document's title: the template's, with the template's year replaced by the report's."""
    if year is None or year == template.year:
        return template.title
    return template.title.replace(str(template.year), str(year))
