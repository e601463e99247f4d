"""The YAML readers' check for unprintable characters, compiled in a fraction of its usual time.

PyYAML's reader (compiled when ``yaml`` is imported) and ruamel's (compiled at its first
non-ASCII text) look for characters outside YAML's printable set with the same pattern: a negated
class over all of Unicode. Python's ``re`` takes ~7 ms (57M instructions, more than the rest of
PyYAML's import) to compile it, in every process that reads YAML. The same set written as its
few ranges compiles in ~0.5 ms; kept in ``re``'s cache under the readers' pattern, both readers
get it from there. If the cache has another shape (another Python) or the entry has left it
(it keeps the 512 latest patterns), a reader compiles its own: slower, the same.
``tests/test_reader_pattern.py`` checks every code point against the readers' own pattern.
"""

from __future__ import annotations

import re

# As the readers write it (PyYAML's yaml/reader.py, ruamel's ruamel/yaml/reader.py).
READERS = "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
# Every other code point: the same set.
SAME_SET = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"


def prime() -> None:
    """Before a reader is imported or first reads: ``re.compile(READERS)`` finds the quick one."""
    cache = getattr(re, "_cache", None)
    if isinstance(cache, dict):
        cache.setdefault((str, READERS, 0), re.compile(SAME_SET))
