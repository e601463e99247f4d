"""ooxml.insert_in_order, the one place that knows the schema's order of what is added to an
existing element: whatever the order of the additions, the children end in the schema's order,
and what the order does not name (runs, Office's extensions) stays after what it names."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.render import ooxml

PPR = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "numPr", "pBdr", "shd", "tabs", "spacing",
       "ind", "jc", "outlineLvl", "rPr"]
SETTINGS = ["zoom", "proofState", "defaultTabStop", "footnotePr", "compat", "rsids", "themeFontLang",
            "clrSchemeMapping", "decimalSymbol", "listSeparator"]


def _names(element: ooxml.Element) -> list[str]:
    return [str(child.tag).rsplit("}", 1)[-1] for child in element]


@settings(max_examples=40, deadline=None)
@given(st.permutations(PPR), st.integers(min_value=1, max_value=len(PPR)))
def test_paragraph_properties_end_in_schema_order(names: list[str], keep: int) -> None:
    p = ooxml.make("p")
    ooxml.run(p, "text")
    chosen = names[:keep]
    for name in chosen:
        ooxml.get_or_add(ooxml.get_or_add(p, "pPr"), name)
    ppr = p.find(ooxml.w("pPr"))
    assert ppr is not None and p.index(ppr) == 0  # before the run
    assert _names(ppr) == [name for name in PPR if name in chosen]


@settings(max_examples=40, deadline=None)
@given(st.permutations(SETTINGS), st.integers(min_value=1, max_value=len(SETTINGS)))
def test_settings_keep_office_extensions_last(names: list[str], keep: int) -> None:
    root = ooxml.make("settings")
    extension = ooxml.etree.SubElement(root, "{http://schemas.microsoft.com/office/word/2010/wordml}docId")
    for name in names[:keep]:
        ooxml.insert_in_order(root, ooxml.make(name))
    assert _names(root) == [name for name in SETTINGS if name in names[:keep]] + ["docId"]
    assert root[-1] is extension


def test_get_or_add_finds_the_existing_child() -> None:
    p = ooxml.make("p")
    ooxml.add_ppr(p, style="Normal", spacing=ooxml.Spacing(after=40))
    ooxml.space_before(p, 160)
    ooxml.keep_with_next(p)
    ooxml.keep_with_next(p)
    ppr = p.find(ooxml.w("pPr"))
    assert ppr is not None
    assert _names(ppr) == ["pStyle", "keepNext", "spacing"]
    spacing = ppr.find(ooxml.w("spacing"))
    assert spacing is not None
    assert spacing.get(ooxml.w("before")) == "160" and spacing.get(ooxml.w("after")) == "40"
