"""``normalize_text`` skips the regular expressions a text does not need; what it returns is the
plain definition's (every line break to ``\\n``, XML-invalid characters out, trailing blanks out)."""

from __future__ import annotations

import os
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.text import clean_xml, normalize_text


def _by_definition(value: str) -> str:
    value = re.sub("\r\n|[\r\x85\u2028\u2029\x0b\x0c]", "\n", value)
    value = re.sub("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]", "", value)
    return re.sub("[ \t]+$", "", value, flags=re.MULTILINE).rstrip("\n")


PIECES = ["a", "å", " ", "\t", "\n", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\x0b", "\x0c", "\x01", "\x1f",
          "\ufffe", "\ud800", " \x01\n", "\t\x08"]
TEXTS = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=40).map("".join)


@settings(max_examples=int(os.environ.get("NORMALIZE_EXAMPLES", 300)), deadline=None)
@given(TEXTS)
def test_normalize_text_is_the_definition(text: str) -> None:
    assert normalize_text(text) == _by_definition(text)
    assert clean_xml(text) == re.sub("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]", "",
                                     re.sub("\r\n|[\r\x85\u2028\u2029\x0b\x0c]", "\n", text))


def test_clean_xml_is_the_definition_for_every_character_of_the_basic_plane() -> None:
    # clean_xml returns a text its one search finds clean at once: that search must find every
    # character either pass would change.
    for code in [*range(0x10000), 0x10000, 0x1F600, 0x10FFFF]:
        text = f"a{chr(code)}b"
        assert clean_xml(text) == re.sub("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]", "",
                                         re.sub("\r\n|[\r\x85\u2028\u2029\x0b\x0c]", "\n", text)), hex(code)
