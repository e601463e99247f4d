"""The round-trip parser and writer of report files (ruamel.yaml), configured once: every plain
scalar is read as text, nothing is built from a tag, an anchor or a node nested too deep, and
the writer quotes what other readers would not read as text. Loaded only when a file is parsed
or written round-trip (through :mod:`tui.core.yamlio`, which names the functions)."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

from tui.core.problems import AterrapportError, Problem
from tui.core.scalars import plain_tag
from tui.core.yamlio import _refuse_text
from tui.core.yamltext import MAX_DEPTH

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_STR_TAG = "tag:yaml.org,2002:str"
_NULL_TAG = "tag:yaml.org,2002:null"
_SURROGATE = re.compile("[\ud800-\udfff]")


class TextResolver(VersionedResolver):
    """Resolve every plain scalar to a string, except the spellings of null."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0]:
            return Tag(suffix=_NULL_TAG if value in _NULLS else _STR_TAG)
        return super().resolve(kind, value, implicit)


def make_yaml() -> YAML:
    """The one configured YAML instance type used for reading and writing report files."""
    yaml = YAML(typ="rt")
    yaml.Resolver = TextResolver
    yaml.preserve_quotes = True  # a reviewer's quoting survives until `fmt` canonicalises it
    yaml.width = 1 << 30  # never fold long lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    yaml.allow_duplicate_keys = False
    return yaml


# Translations of the parser's most common complaints; anything else is shown as it is.
_MESSAGES: list[tuple[str, str]] = [
    ("mapping values are not allowed here",
     "kolon på fel ställe: text som innehåller ': ' måste skrivas som block (|) eller inom citattecken"),
    ("could not find expected ':'", "en rad saknar ':' efter nyckeln (eller indraget är fel)"),
    ("found character '\\t' that cannot start any token", "tabb får inte användas för indrag"),
    ("found a tab character", "tabb får inte användas för indrag"),
    ("expected <block end>, but found", "fel indrag: raden passar inte in i strukturen ovanför"),
    ("did not find expected key", "fel indrag eller en nyckel saknas"),
    ("did not find expected '-' indicator", "fel indrag i listan"),
    ("found duplicate key", "samma nyckel förekommer två gånger"),
    ("found unexpected end of stream", "filen tar slut mitt i ett värde (saknas ett avslutande citattecken?)"),
    ("found unknown escape character", "okänd escape-sekvens inom dubbla citattecken"),
    ("expected a single document in the stream", "filen innehåller flera YAML-dokument (---); bara ett är tillåtet"),
    ("found undefined alias", "okänt alias (*namn); alias är inte tillåtna"),
    ("while scanning a block scalar", "felaktigt textblock (|)"),
    ("more indented follow up line than first in a block scalar",
     "felaktigt textblock (|): en rad är mer indragen än blockets första rad; dra in alla rader lika"),
    ("expected alphabetic or numeric character", "otillåtet tecken efter & eller *"),
    ("that cannot start any token",
     "ett tecken som inte får inleda ett värde (t.ex. @ eller `); skriv värdet inom citattecken"),
    ("expected escape sequence of", "felaktig escape-sekvens (\\x, \\u eller \\U) inom dubbla citattecken"),
    ("while parsing a flow sequence", "en lista inom [ ] är inte avslutad eller felaktig (saknas ']' eller ','?)"),
    ("while parsing a flow mapping", "en mappning inom { } är inte avslutad eller felaktig (saknas '}' eller ','?)"),
    ("quoted scalar", "ett värde inom citattecken är inte avslutat eller felaktigt"),
    ("while scanning a simple key", "en rad saknar ':' efter nyckeln (eller indraget är fel)"),
    ("while parsing a block collection", "fel indrag i listan"),
    ("while parsing a block mapping", "fel indrag eller en nyckel saknas"),
    ("expected the node content", "ett värde saknas eller börjar med ett tecken som inte är tillåtet"),
    ("while parsing a node", "ett värde saknas eller är felaktigt"),
    ("while scanning a plain scalar", "ett värde fortsätter där det inte kan; skriv flerradig text som block (|)"),
    ("document separator", "filen innehåller flera YAML-dokument (---); bara ett är tillåtet"),
    ("another document", "filen innehåller flera YAML-dokument (---); bara ett är tillåtet"),
    ("after document end marker", "text efter dokumentets slut (...)"),
    ("scanning a tag", "felaktig YAML-tagg (!); taggar är inte tillåtna"),
    ("parsing a tag", "felaktig YAML-tagg (!); taggar är inte tillåtna"),
    ("tag handle", "felaktig YAML-tagg (!); taggar är inte tillåtna"),
    ("expected a comment or a line break", "oväntad text efter värdet på samma rad"),
    ("while scanning an anchor", "otillåtet tecken efter & eller *"),
    ("while scanning an alias", "otillåtet tecken efter & eller *"),
    ("while scanning a directive", "YAML-direktiv (%YAML, %TAG) är inte tillåtna; ta bort raden"),
    ("expected '<document start>'", "fel indrag: raden hör inte till någon nyckel ovanför"),
    ("sequence entries are not allowed here", "ett listvärde (- …) på fel ställe: kontrollera indraget"),
    ("while scanning for the next token", "ett tecken som inte får inleda ett värde; skriv värdet inom citattecken"),
]


def _translate(problem: str) -> str:
    for english, swedish in _MESSAGES:
        if english in problem:
            return swedish
    return f"ogiltig YAML: {problem}"


class _DepthComposer(Composer):
    """Refuses nesting deeper than :data:`MAX_DEPTH` before the recursion gets there."""

    _nesting = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.warn_double_anchors = False  # anchors are refused with a located problem anyway

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._nesting += 1
        try:
            if self._nesting > MAX_DEPTH:
                mark = self.parser.peek_event().start_mark
                raise _TooDeep(mark)
            return super().compose_node(parent, index)
        finally:
            self._nesting -= 1


class _TooDeep(Exception):
    def __init__(self, mark: Any) -> None:
        self.mark = mark
        super().__init__("too deep")


def parse_text(text: str, path: Path) -> Any:
    """Parse YAML text safely into round-trip objects, or raise with file:line:column.

    The text is composed into nodes first, checked (no explicit tags, no anchors or aliases),
    and only then constructed: one pass, and nothing is built from a node we refuse.
    """
    _refuse_text(text, path)
    yaml = make_yaml()
    yaml.Composer = _DepthComposer
    yaml.tags = {}
    constructor, parser = yaml.get_constructor_parser(io.StringIO(text))
    try:
        node = constructor.composer.get_single_node()
        if node is None:
            return None
        _refuse_tags_and_anchors(node, path)
        return constructor.construct_document(node)
    except AterrapportError:
        raise
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = _translate(f"{exc.context or ''} {exc.problem or ''}")
        key = re.search(r'found duplicate key "([^"]*)"', str(exc))
        if key:
            message = f"nyckeln «{key.group(1)}» förekommer två gånger"
        raise AterrapportError(Problem(
            path, message, line=(mark.line + 1) if mark else 0,
            column=(mark.column + 1) if mark else 0)) from None
    except ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise AterrapportError(Problem(
            path, f"otillåtet tecken (kod {exc.character!r}) i filen", line=line)) from None
    except _TooDeep as exc:
        raise AterrapportError(Problem(
            path, f"värdena är inbäddade i fler än {MAX_DEPTH} nivåer; en rapport behöver bara några få",
            line=exc.mark.line + 1, column=exc.mark.column + 1)) from None
    except YAMLError as exc:
        raise AterrapportError(Problem(path, _translate(str(exc)))) from None
    except (ArithmeticError, LookupError, RecursionError, TypeError, ValueError) as exc:
        # A safety net for the parser's own bugs on hostile input (the fuzz test reports any
        # case that lands here): the file is unreadable, never a traceback.
        raise AterrapportError(Problem(path, f"ogiltig YAML (tolken gav upp: {type(exc).__name__})")) from None
    finally:
        parser.dispose()
        yaml.reader.reset_reader()
        yaml.scanner.reset_scanner()


_ALLOWED_TAGS = frozenset({_STR_TAG, _NULL_TAG, "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})


def _refuse_tags_and_anchors(root: Node, path: Path) -> None:
    """Explicit tags could build objects; anchors and aliases can explode (billion laughs).
    Keys must be text (``~:`` and ``? [a, b]`` would collide or change when written back as
    text), and no text may hold a lone surrogate (``"\\ud800"``: it cannot be encoded)."""
    stack = [root]
    while stack:
        node = stack.pop()
        where = node.start_mark

        def refuse(message: str, at: Any = where) -> AterrapportError:
            return AterrapportError(Problem(path, message, line=at.line + 1, column=at.column + 1))

        if isinstance(node, ScalarNode) and isinstance(node.value, str) and _SURROGATE.search(node.value):
            raise refuse("texten innehåller ett ensamt surrogattecken (\\ud800–\\udfff), "
                         "som inte kan sparas; ta bort det")
        if node.anchor is not None:
            raise AterrapportError(Problem(
                path, "ankare och alias (&namn, *namn) är inte tillåtna; skriv ut texten",
                line=where.line + 1, column=where.column + 1))
        tag = str(node.tag)
        if tag not in _ALLOWED_TAGS:
            raise AterrapportError(Problem(
                path, f"YAML-taggen {tag} är inte tillåten", line=where.line + 1, column=where.column + 1))
        if isinstance(node, MappingNode):
            children: list[Node] = []
            for key, value in node.value:
                if not isinstance(key, ScalarNode):
                    raise refuse("en nyckel måste vara text, inte en lista eller mappning (? …)", key.start_mark)
                if str(key.tag) == _NULL_TAG:
                    raise refuse("en nyckel saknas eller är ~/null; skriv nyckeln som text", key.start_mark)
                children.extend((key, value))
            stack.extend(reversed(children))  # popped in document order: the first problem is named
        elif isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))


def dump(data: Any) -> str:
    """The canonical text of ``data``: any text a standard YAML reader would not read as text
    (``1.5``, ``2019``, ``ja``-like booleans, dates …) is quoted (see :mod:`tui.core.scalars`)."""
    from tui.core.yamlemit import FastEmitter

    yaml = make_yaml()
    yaml.Resolver = CanonicalResolver
    yaml.Emitter = FastEmitter  # ruamel's output, without its loops over every character
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


class CanonicalResolver(VersionedResolver):
    """The resolver the writer asks "is this plain scalar read as a string?": a plain scalar is
    only emitted when every standard reader says yes (:func:`tui.core.scalars.plain_tag`), so
    everything else is quoted."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0]:
            return Tag(suffix=plain_tag(value))
        return super().resolve(kind, value, implicit)
