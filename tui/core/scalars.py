"""Canonical YAML scalars for answer text, and setting them without ruamel's style memory.

Which text needs quotes is decided by the resolvers of the readers people use on report files,
not by a list of our own: PyYAML's (YAML 1.1: ``yes``/``no``/``on``/``off``, ``0123`` as octal,
``1:30`` as sexagesimal …) and ruamel's for YAML 1.1 and 1.2 (``0o17``, ``1e3``, ``.inf`` …), and
the patterns of the JavaScript ``yaml`` package that VS Code's YAML engine reads with (it also
takes ``.``, ``e5`` and ``0:30`` for numbers and ``2020-2-4`` for a date). A plain scalar any of
them would load as something other than a string (number, date, boolean, null, merge key,
``=``) is written quoted; every other text stays plain.
"""

from __future__ import annotations

import functools
import re
import sys
from typing import TYPE_CHECKING, Any

from tui.core.paste import word_lists
from tui.core.text import from_scalar as from_scalar  # re-exported: where callers take it from
from tui.core.text import normalize_text

if TYPE_CHECKING:
    from ruamel.yaml.comments import CommentedMap

# ruamel.yaml (the round-trip reader and writer) is imported where a function needs its types, not
# here: the commands that only read use this module's readers' verdicts and never load it.
STR_TAG = "tag:yaml.org,2002:str"


def to_scalar(text: str | None) -> str:
    """Multi-line text becomes a literal block (``|``), one line a plain (or quoted) scalar."""
    value = normalize_text(text)
    if "\n" in value:
        from ruamel.yaml.scalarstring import LiteralScalarString

        return LiteralScalarString(value + "\n")
    return value


def set_value(node: CommentedMap, key: str, value: Any) -> None:
    """``node[key] = value`` without ruamel carrying the old value's quoting/block style over,
    and keeping the key's place and its comments."""
    from ruamel.yaml.compat import ordereddict

    ordereddict.__setitem__(node, key, value)
    node._ok.add(key)


def insert_value(node: CommentedMap, position: int, key: str, value: Any) -> None:
    if key in node:
        set_value(node, key, value)
    else:
        node.insert(position, key, value)


class BlockText(str):
    """Text the fast reader read from a block scalar (``|`` or ``>``), when it keeps places
    (:func:`tui.core.fastyaml.parse_placed`)."""

    __slots__ = ()


def is_block_scalar(value: Any) -> bool:
    """True for text read from a block scalar (``|`` or ``>``), whose text starts on the line
    after the indicator: the fast reader's :class:`BlockText`, or the round-trip reader's own
    types (only it makes them: while it is not loaded no value is one, and it is not loaded
    just to say so)."""
    if isinstance(value, BlockText):
        return True
    scalarstring = sys.modules.get("ruamel.yaml.scalarstring")
    return scalarstring is not None and isinstance(
        value, scalarstring.LiteralScalarString | scalarstring.FoldedScalarString)


def canonical_scalar(value: Any) -> Any:
    """A text's canonical scalar; values of another type are kept (``check`` reports them)."""
    if value is None or isinstance(value, str):
        return to_scalar(value)
    return value


def canonical_answer(value: Any) -> Any:
    """An answer or table cell: also Word's pasted bullets as Markdown lists (issue 10.8)."""
    if isinstance(value, str):
        return to_scalar(word_lists(normalize_text(value)))
    return canonical_scalar(value)


def reorder(node: CommentedMap, order: list[str]) -> None:
    """Sort keys into ``order`` (unknown keys keep their relative order at the end)."""
    keys = [str(k) for k in node]
    wanted = sorted(keys, key=lambda k: (order.index(k) if k in order else len(order)))
    if wanted == keys:
        return
    items = [(k, node[k]) for k in list(node.keys())]
    by_name = {str(k): (k, v) for k, v in items}
    for k, _ in items:
        del node[k]
    for name in wanted:
        key, value = by_name[name]
        node[key] = value


def text_rows(value: Any, columns: list[str]) -> list[dict[str, str]]:
    """A table's rows (the entries that are mappings) as text, keyed by ``columns``."""
    if not isinstance(value, list):
        return []
    return [{c: from_scalar(row.get(c)) for c in columns} for row in value if isinstance(row, dict)]


# The implicit-type tests of the JavaScript `yaml` package 2.8 (tools/node/node_modules/yaml,
# dist/schema/core and dist/schema/yaml-1.1), copied as they are: there is no Python binding.
_JS_YAML_TESTS = [re.compile(pattern) for pattern in (
    r"^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$",
    r"^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$",
    r"^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$",
    r"^(?:~|[Nn]ull|NULL)?$",
    r"^0o[0-7]+$",
    r"^0x[0-9a-fA-F]+$",
    r"^<<$",
    r"^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$",
    r"^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$",
    r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$",
    r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$",
    r"^[-+]?0[0-7_]+$",
    r"^[-+]?0b[0-1_]+$",
    r"^[-+]?0x[0-9a-fA-F_]+$",
    r"^[-+]?[0-9]+$",
    r"^[-+]?[0-9][0-9_]*$",
    r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$",
    r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$",
    r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\.[0-9]+)?)"
    r"(?:[ \t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$",
)]
_NOT_TEXT_TO_JS = "tag:yaml.org,2002:js-yaml-non-str"


# ruamel.yaml's implicit resolvers for YAML 1.1 and 1.2 (ruamel/yaml/resolver.py 0.19,
# `implicit_resolvers`, with each RegExp as its pattern and flags), copied as they are, like the
# JavaScript package's above: commands that only read decide plain scalars without loading
# ruamel.yaml. tests/test_yaml_readers.py checks that this is the installed ruamel's table.
_RUAMEL_RESOLVERS: list[tuple[list[tuple[int, int]], str, tuple[str, int], list[str]]] = [
    ([(1, 2)],
        'tag:yaml.org,2002:bool',
        ('''^(?:true|True|TRUE|false|False|FALSE)$''', re.X),
        list('tTfF')),
    ([(1, 1)],
        'tag:yaml.org,2002:bool',
        ('''^(?:y|Y|yes|Yes|YES|n|N|no|No|NO
        |true|True|TRUE|false|False|FALSE
        |on|On|ON|off|Off|OFF)$''', re.X),
        list('yYnNtTfFoO')),
    ([(1, 2)],
        'tag:yaml.org,2002:float',
        ('''^(?:
         [-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |[-+]?\\.[0-9_]+(?:[eE][-+][0-9]+)?
        |[-+]?\\.(?:inf|Inf|INF)
        |\\.(?:nan|NaN|NAN))$''', re.X),
        list('-+0123456789.')),
    ([(1, 1)],
        'tag:yaml.org,2002:float',
        ('''^(?:
         [-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |\\.[0-9_]+(?:[eE][-+][0-9]+)?
        |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*  # sexagesimal float
        |[-+]?\\.(?:inf|Inf|INF)
        |\\.(?:nan|NaN|NAN))$''', re.X),
        list('-+0123456789.')),
    ([(1, 2)],
        'tag:yaml.org,2002:int',
        ('''^(?:[-+]?0b[0-1_]+
        |[-+]?0o?[0-7_]+
        |[-+]?[0-9_]+
        |[-+]?0x[0-9a-fA-F_]+)$''', re.X),
        list('-+0123456789')),
    ([(1, 1)],
        'tag:yaml.org,2002:int',
        ('''^(?:[-+]?0b[0-1_]+
        |[-+]?0?[0-7_]+
        |[-+]?(?:0|[1-9][0-9_]*)
        |[-+]?0x[0-9a-fA-F_]+
        |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$''', re.X),  # sexagesimal int
        list('-+0123456789')),
    ([(1, 2), (1, 1)],
        'tag:yaml.org,2002:merge',
        ('^(?:<<)$', 0),
        ['<']),
    ([(1, 2), (1, 1)],
        'tag:yaml.org,2002:null',
        ('''^(?: ~
        |null|Null|NULL
        | )$''', re.X),
        ['~', 'n', 'N', '']),
    ([(1, 2), (1, 1)],
        'tag:yaml.org,2002:timestamp',
        ('''^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
        (?:[Tt]|[ \\t]+)[0-9][0-9]?
        :[0-9][0-9] :[0-9][0-9] (?:\\.[0-9]*)?
        (?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$''', re.X),
        list('0123456789')),
    ([(1, 2), (1, 1)],
        'tag:yaml.org,2002:value',
        ('^(?:=)$', 0),
        ['=']),
    # The following resolver is only for documentation purposes. It cannot work
    # because plain scalars cannot start with '!', '&', or '*'.
    ([(1, 2), (1, 1)],
        'tag:yaml.org,2002:yaml',
        ('^(?:!|&|\\*)$', 0),
        list('!&*')),
]


@functools.cache
def _regex(pattern: str, flags: int) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def _ruamel_resolver(version: tuple[int, int]) -> Any:
    """ruamel's ``VersionedResolver(version=version)`` deciding a plain scalar: the resolvers
    listed for its first character, in order; the first that matches gives the tag."""
    by_first: dict[str, list[tuple[str, tuple[str, int]]]] = {}
    for versions, tag, regexp, first in _RUAMEL_RESOLVERS:
        if version in versions:
            for character in first:
                by_first.setdefault(character, []).append((tag, regexp))

    def resolve(value: str) -> str:
        for tag, (pattern, flags) in by_first.get(value[0] if value else "", ()):
            if _regex(pattern, flags).match(value):
                return tag
        return STR_TAG

    return resolve


@functools.lru_cache(maxsize=1)
def _resolvers() -> tuple[Any, ...]:
    import yaml.resolver  # PyYAML: loaded by the fast reader anyway

    def pyyaml(value: str) -> str:
        return str(yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, (True, False)))

    def js_yaml(value: str) -> str:
        return _NOT_TEXT_TO_JS if any(test.match(value) for test in _JS_YAML_TESTS) else STR_TAG

    return pyyaml, _ruamel_resolver((1, 1)), _ruamel_resolver((1, 2)), js_yaml


@functools.lru_cache(maxsize=4096)
def plain_tag(value: str) -> str:
    """The tag a standard reader gives ``value`` written as a plain scalar: the first one that
    is not a string, or the string tag when every reader reads text."""
    for resolve in _resolvers():
        tag = resolve(value)
        if tag != STR_TAG:
            return tag
    return STR_TAG


def needs_quotes(value: str) -> bool:
    """True when a plain ``value`` would not be read back as this text by every standard reader."""
    return plain_tag(value) != STR_TAG


@functools.lru_cache(maxsize=64)  # check reads every file twice when one has a problem
def unquoted_non_text(text: str) -> tuple[tuple[int, int, str], ...]:
    """Plain (unquoted) scalars in ``text`` that some standard reader would not read as text,
    as (line, column, value), 1-based: what ``fmt`` would quote. aterrapport reads them as
    text anyway; editors and scripts do not."""
    from tui.core.fastyaml import plain_scalars

    plain = plain_scalars(text)  # libyaml, where it reads as ruamel does (tests/test_fast_yaml.py)
    if plain is not None:
        return tuple((line, column, value) for line, column, value in plain if needs_quotes(value))
    return tuple(_unquoted_by_ruamel(text))


def _unquoted_by_ruamel(text: str) -> list[tuple[int, int, str]]:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.tokens import ScalarToken

    found: list[tuple[int, int, str]] = []
    try:
        for token in YAML(typ="rt").scan(text):
            if isinstance(token, ScalarToken) and token.plain and needs_quotes(token.value):
                found.append((token.start_mark.line + 1, token.start_mark.column + 1, token.value))
    except YAMLError:
        return found  # the parser reports broken YAML itself
    return found
