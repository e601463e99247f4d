"""The YAML readers' pattern for unprintable characters, compiled quickly (reader_pattern.py):
the same characters, and the readers really get it."""

from __future__ import annotations

import re
import subprocess
import sys

from tui.core import reader_pattern


def test_the_quick_pattern_finds_the_same_characters_as_the_readers() -> None:
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    readers = re.compile(reader_pattern.READERS, re.UNICODE)  # other flags: not the primed entry
    quick = re.compile(reader_pattern.SAME_SET, re.UNICODE)
    assert readers.pattern == reader_pattern.READERS
    found = [m.start() for m in readers.finditer(everything)]
    assert found == [m.start() for m in quick.finditer(everything)]
    assert len(found) == 29 + 6 + 26 + 2 * 1024 + 2  # C0 but tab and breaks, DEL, C1 but NEL, surrogates, FFFE/F


def pattern_in_a_new_process(first: str) -> list[str]:
    code = (f"{first}\nimport yaml.reader, ruamel.yaml.reader\n"
            "print(yaml.reader.Reader.NON_PRINTABLE.pattern.encode('unicode_escape').decode())\n"
            "print(ruamel.yaml.reader.Reader.NON_PRINTABLE.pattern.encode('unicode_escape').decode())")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return [line.encode().decode("unicode_escape") for line in done.stdout.splitlines()]


def test_the_readers_get_the_quick_pattern_after_the_fast_reader_is_imported() -> None:
    # Unprimed, both readers compile exactly the pattern the cache is primed under (a new PyYAML
    # or ruamel writing it otherwise would make the priming miss, silently).
    assert pattern_in_a_new_process("") == [reader_pattern.READERS] * 2
    assert pattern_in_a_new_process("import tui.core.fastyaml") == [reader_pattern.SAME_SET] * 2


def test_a_reader_refuses_an_unprintable_character_as_before() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import tui.core.fastyaml, yaml\n"
         "for text in ('a: \\x07', 'a: \\ufffe', 'a: \\xe5'):\n"
         "    try:\n        print(repr(yaml.load(text, Loader=yaml.SafeLoader)))\n"
         "    except yaml.reader.ReaderError as e:\n        print('refused', hex(e.character))"],
        capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:3] == ["refused 0x7", "refused 0xfffe", "{'a': 'å'}"]
