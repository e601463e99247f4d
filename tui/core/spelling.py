"""Swedish spell check: the Hunspell dictionary (through pyenchant) plus the report's own word list.

The word list, ``ordlista.txt`` in the report folder, is one word a line, sorted, kept in git, so
every writer accepts the same acronyms, project and place names (RUS, ERUF, NYPS …).

What is checked: the words of a Markdown text. Words with å, ä, ö and hyphenated compounds
(``EU-projekt``, ``hållbarhets-``) are single words; abbreviations with dots (``t.ex.``) are
words too. Markdown syntax, code, URLs, e-mail addresses, link targets, footnote labels, HTML
tags and anything with a digit are not checked.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from tui.core.problems import AterrapportError
from tui.core.report_texts import TextPlace, report_texts
from tui.core.safe_read import read_file
from tui.core.yamlio import MAX_FILE_BYTES, atomic_write

WORDLIST_FILE = "ordlista.txt"
LANGUAGE_ENV = "ATERRAPPORT_ORDBOK"  # e.g. sv_FI; default sv_SE
ENGINE_ENV = "ATERRAPPORT_STAVARE"  # enchant or spylls: only that one (default: Enchant, else spylls)
DEFAULT_LANGUAGE = "sv_SE"

INSTALL_HELP = (
    "Svensk ordbok saknas, så stavningen kan inte kontrolleras. Installera Hunspells svenska "
    "ordbok: `sudo apt install hunspell-sv libenchant-2-2` (Debian, Ubuntu), "
    "`sudo dnf install hunspell-sv enchant2` (Fedora) eller lägg sv_SE.dic och sv_SE.aff i "
    "~/Library/Spelling (macOS). Utan Enchant läses ordboken med spylls (långsammare). "
    "Appen fungerar som vanligt utan ordbok.")

# Spans that are not prose: blanked out (same length, so offsets stay true) before words are found.
_NOT_PROSE = re.compile(
    r"```.*?(?:```|\Z)"                       # fenced code
    r"|~~~.*?(?:~~~|\Z)"
    r"|`[^`\n]*`"                             # inline code
    r"|\]\([^)\n]*\)"                         # link / image target: ](…)
    r"|^[ \t]*\[[^\]^\n][^\]\n]*\]:.*$"        # a link reference definition: [label]: url
    r"|\[\^[^\]\s]+\]"                        # footnote reference [^1]
    r"|<[^>\n]*>"                             # HTML tags and <autolinks>
    r"|\b(?:https?|ftp)://\S+|\bwww\.\S+"     # bare URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"          # e-mail addresses
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:se|nu|com|org|net|eu|io|info)\b",  # bare domains (verksamt.se)
    re.DOTALL | re.MULTILINE | re.IGNORECASE)
_LETTERS = r"[^\W\d_]"
# A word: letters, joined by hyphens or apostrophes (compounds), dotted abbreviations (t.ex.),
# a genitive after a colon (RUS:s), and a suspended compound's trailing hyphen (hållbarhets-).
_WORD = re.compile(
    rf"(?<![\w.-]){_LETTERS}+(?:\.{_LETTERS}+)+\.?"            # t.ex. bl.a. fr.o.m.
    rf"|(?<![\w-]){_LETTERS}+(?:[-'’]{_LETTERS}+)*(?::{_LETTERS}+)?-?(?![\w])")


@dataclass(frozen=True)
class Word:
    text: str
    offset: int  # in the text
    line: int  # 0-based line in the text
    column: int  # 0-based column in that line

    @property
    def end(self) -> int:
        return self.offset + len(self.text)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def words(text: str) -> list[Word]:
    """The prose words of a Markdown text, with their positions."""
    prose = _NOT_PROSE.sub(_blank, text)
    found: list[Word] = []
    line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    line = 0
    for match in _WORD.finditer(prose):
        token = match.group(0)
        if len(token.rstrip(".-")) < 2:
            continue
        start = match.start()
        while line + 1 < len(line_starts) and line_starts[line + 1] <= start:
            line += 1
        found.append(Word(token, start, line, start - line_starts[line]))
    return found


class Dictionary(Protocol):
    def check(self, word: str) -> bool: ...
    def suggest(self, word: str) -> list[str]: ...


class DictionaryMissing(Exception):
    def __init__(self, detail: str = "") -> None:
        super().__init__(INSTALL_HELP + (f" ({detail})" if detail else ""))


# Where Hunspell dictionaries (NAME.dic + NAME.aff) are installed; $DICPATH first, as Hunspell does.
_DICTIONARY_DIRS = ("~/.config/enchant/hunspell", "~/.local/share/hunspell", "/usr/share/hunspell",
                    "/usr/share/myspell", "/usr/share/myspell/dicts", "/usr/local/share/hunspell",
                    "/opt/homebrew/share/hunspell", "~/Library/Spelling", "/Library/Spelling")


def dictionary_files(language: str) -> Path | None:
    """The Hunspell dictionary for ``language`` as a path without suffix (``…/sv_SE``), or None."""
    dirs = [d for d in os.environ.get("DICPATH", "").split(os.pathsep) if d] + list(_DICTIONARY_DIRS)
    for folder in dirs:
        base = Path(folder).expanduser() / language
        if base.with_suffix(".dic").is_file() and base.with_suffix(".aff").is_file():
            return base
    return None


class SpyllsDictionary:
    """The pure-Python Hunspell (spylls) over the same .dic/.aff files: the fallback where Enchant
    or its Hunspell dictionary is missing. It knows the same words; it opens in seconds and its
    own suggestions take seconds a word (minutes for a report, a frozen F7), so it suggests only
    the plain typo fixes, each checked against the dictionary: a Swedish letter without its ring
    or dots (or with them), a letter doubled or not, two letters swapped, a letter too many."""

    def __init__(self, files: Path) -> None:
        self._hunspell = _spylls_hunspell(files)

    def check(self, word: str) -> bool:
        return bool(self._hunspell.lookup(word))

    def suggest(self, word: str) -> list[str]:
        found: list[str] = []
        for candidate in dict.fromkeys(_typo_fixes(word)):
            if candidate != word and self.check(candidate):
                found.append(candidate)
                if len(found) == 5:
                    break
        return found


_SWEDISH_LETTERS = {"a": "åä", "å": "aä", "ä": "aåe", "o": "ö", "ö": "o", "e": "éä", "é": "e"}


def _typo_fixes(word: str) -> Iterator[str]:
    for i, letter in enumerate(word):
        for other in _SWEDISH_LETTERS.get(letter.lower(), ""):
            yield word[:i] + (other.upper() if letter.isupper() else other) + word[i + 1:]
    for i in range(len(word)):
        yield word[:i] + word[i] + word[i:]  # doubled
        yield word[:i] + word[i + 1:]  # one too many (also an undoubled double)
        if i + 1 < len(word):
            yield word[:i] + word[i + 1] + word[i] + word[i + 2:]  # swapped


@functools.lru_cache(maxsize=2)
def _spylls_hunspell(files: Path) -> Any:
    """Read once per process (seconds); only read from afterwards, under the Speller's lock."""
    from spylls.hunspell import Dictionary as Hunspell

    return Hunspell.from_files(str(files))


def open_dictionary(language: str | None = None, *, engine: str | None = None) -> Dictionary:
    """The Hunspell dictionary through Enchant, else through spylls (pure Python) from the same
    files; :class:`DictionaryMissing` when there is none. ``engine`` (or $ATERRAPPORT_STAVARE):
    ``enchant`` or ``spylls`` to use only that one."""
    language = language or os.environ.get(LANGUAGE_ENV) or DEFAULT_LANGUAGE
    engine = engine or os.environ.get(ENGINE_ENV) or None
    problems: list[str] = []
    if engine in (None, "enchant"):
        try:
            import enchant

            return enchant.Dict(language)
        except ImportError as exc:  # pyenchant installed but libenchant missing
            problems.append(str(exc))
        except enchant.errors.Error as exc:  # no such dictionary
            problems.append(str(exc))
    if engine in (None, "spylls"):
        files = dictionary_files(language)
        if files is None:
            problems.append(f"ingen {language}.dic och {language}.aff för spylls")
        else:
            try:
                return SpyllsDictionary(files)
            except ImportError as exc:
                problems.append(str(exc))
            except Exception as exc:  # an unreadable or foreign .aff: as good as none
                problems.append(f"{files}: {exc}")
    raise DictionaryMissing("; ".join(problems))


def dictionary_identity(dictionary: Dictionary, language: str) -> str:
    """Names the dictionary and its files' version: suggestions remembered for one are not
    taken for another (tui.core.suggestions)."""
    files = dictionary_files(language)
    version = ""
    if files is not None:
        with contextlib.suppress(OSError):
            stat = files.with_suffix(".dic").stat()
            version = f":{files}:{stat.st_size}:{stat.st_mtime_ns}"
    return f"{type(dictionary).__module__}.{type(dictionary).__name__}:{language}{version}"


# -- the report's word list -------------------------------------------------------------------------

def read_wordlist(folder: Path) -> list[str]:
    path = folder / WORDLIST_FILE
    if not os.path.lexists(path):
        return []
    try:  # through the reading edge: the word list comes with the report (a link, a FIFO, …)
        text = read_file(path, limit=MAX_FILE_BYTES, root=folder).decode("utf-8")
    except (AterrapportError, UnicodeDecodeError):
        return []
    return sorted({line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")})


def add_to_wordlist(folder: Path, word: str) -> list[str]:
    """Add ``word`` to the folder's word list (sorted, one a line, atomic write); returns the list."""
    entries = set(read_wordlist(folder))
    word = word.strip()
    if word:
        entries.add(word)
    ordered = sorted(entries, key=lambda w: (w.casefold(), w))
    atomic_write(folder / WORDLIST_FILE, "".join(f"{w}\n" for w in ordered))
    return ordered


class Speller:
    """The dictionary plus the report's word list; answers whether a word is known, caching."""

    def __init__(self, dictionary: Dictionary, wordlist: Iterable[str] = (), *, language: str | None = None) -> None:
        self.dictionary = dictionary
        self.language = language  # known when opened by name: other processes can open the same one
        self.wordlist: set[str] = set(wordlist)
        self._known: dict[str, bool] = {}
        # Hunspell is not thread-safe; the app checks in worker threads and lists in the UI.
        self._lock = threading.Lock()

    @classmethod
    def for_folder(cls, folder: Path, language: str | None = None) -> Speller:
        language = language or os.environ.get(LANGUAGE_ENV) or DEFAULT_LANGUAGE
        return cls(open_dictionary(language), read_wordlist(folder), language=language)

    def accept(self, word: str) -> None:
        self.wordlist.add(word)
        self._known.clear()

    def _listed(self, word: str) -> bool:
        return word in self.wordlist or (word[:1].isupper() and word[:1].lower() + word[1:] in self.wordlist)

    def _check_one(self, word: str) -> bool:
        if self._listed(word):
            return True
        try:
            with self._lock:
                return bool(self.dictionary.check(word))
        except Exception:  # Enchant refuses odd input (empty, too long): not a word to mark
            return True

    def verdict(self, word: str) -> bool | None:
        """What :meth:`known` said about ``word`` before, without asking the dictionary (None:
        not asked yet); cheap enough for the app to call while it draws a line."""
        return self._known.get(word)

    def known(self, word: str) -> bool:
        cached = self._known.get(word)
        if cached is not None:
            return cached
        result = self._decide(word)
        self._known[word] = result
        return result

    def _decide(self, word: str) -> bool:
        if self._check_one(word):
            return True
        bare = word.rstrip(".-")
        if bare != word and self._check_one(bare):
            return True
        if ":" in bare:  # RUS:s, EU:s — the base is what matters
            return self.known(bare.split(":", 1)[0])
        parts = re.split(r"[-'’]", bare)
        if len(parts) > 1:
            return all(p and (len(p) < 2 or self._check_one(p)) for p in parts)
        return False

    def suggest(self, word: str, limit: int = 5) -> list[str]:
        try:
            with self._lock:
                return list(self.dictionary.suggest(word.rstrip(".-")))[:limit]
        except Exception:
            return []

    def suggest_many(self, words: Iterable[str], limit: int = 5) -> dict[str, tuple[str, ...]]:
        """Suggestions for many words: remembered between runs, and asked in a process per core
        (see :mod:`tui.core.suggestions`); the same as :meth:`suggest` for each word."""
        from tui.core.suggestions import LIMIT, suggest_all

        language = self.language
        identity = dictionary_identity(self.dictionary, language) if language else None
        found = suggest_all(words, identity=identity, language=language, suggest=lambda w: self.suggest(w, LIMIT))
        return {word: hints[:limit] for word, hints in found.items()}

    def misspelled(self, text: str) -> list[Word]:
        return [w for w in words(text) if not self.known(w.text)]


# -- the whole report ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Misspelling:
    file: Path
    line: int  # 1-based in the file
    column: int  # 1-based
    section: str  # section id, "" for rapport.yaml
    field: str  # e.g. "svar", "insatser[0].namn", "forord"
    word: str
    suggestions: tuple[str, ...]

    def as_json(self, base: Path | None = None) -> dict[str, Any]:
        shown = self.file.relative_to(base) if base and self.file.is_relative_to(base) else self.file
        return {"fil": str(shown), "rad": self.line, "kolumn": self.column, "avsnitt": self.section,
                "falt": self.field, "ord": self.word, "forslag": list(self.suggestions)}


def text_origin(data: Any, loc: tuple[str | int, ...]) -> tuple[int, int, bool]:
    """(line, column, block) of the text stored at ``loc``: a block scalar's text starts on the
    line after its ``|``; a one-line scalar's on the key's line at the value's column."""
    from tui.core.pydantic_errors import locate
    from tui.core.scalars import is_block_scalar

    line, column = locate(data, loc)
    node = data
    for step in loc:
        if isinstance(node, list):
            node = node[step] if isinstance(step, int) else None
        else:
            node = node[step] if isinstance(node, dict) else None
    block = is_block_scalar(node)
    return line, column, block


def check_report_spelling(report: Any, speller: Speller, *, suggest: bool = True) -> list[Misspelling]:
    """Every unknown word of the report, located in its file, with the dictionary's suggestions."""
    places = [(place, speller.misspelled(place.text)) for place in report_texts(report)]
    unknown = list(dict.fromkeys(word.text for _place, bad in places for word in bad))
    suggestions: dict[str, tuple[str, ...]] = dict.fromkeys(unknown, ())
    if suggest:  # an acronym's suggestions are never what was meant
        suggestions.update(speller.suggest_many([word for word in unknown if not is_acronym(word)]))
    found: list[Misspelling] = []
    for place, bad in places:
        if not bad:
            continue
        line, column, block = text_origin(place.data, place.loc)
        for word in bad:
            if block:
                where = (line + 1 + word.line, word.column + 1 + _block_indent(place, word.line))
            elif word.line == 0 and line:
                where = (line, max(column, 1) + word.column)
            else:
                where = (line + word.line, word.column + 1)
            found.append(Misspelling(place.file, where[0], where[1], place.section, place.field,
                                     word.text, suggestions[word.text]))
    return found


def is_acronym(word: str) -> bool:
    letters = [c for c in word.split(":")[0] if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _block_indent(place: TextPlace, text_line: int) -> int:
    """The indentation of a block scalar's line in the file (read back from the file's text)."""
    lines = _file_lines(place.file)
    line, _column, _block = text_origin(place.data, place.loc)
    index = line + text_line  # 0-based index of the text's line in the file
    if 0 <= index < len(lines):
        raw = lines[index]
        return len(raw) - len(raw.lstrip(" "))
    return 0


@functools.lru_cache(maxsize=64)
def _file_lines_cached(path: Path, mtime: float) -> list[str]:
    try:
        return read_file(path, limit=MAX_FILE_BYTES, root=path.parent).decode("utf-8").split("\n")
    except (AterrapportError, UnicodeDecodeError):
        return []


def _file_lines(path: Path) -> list[str]:
    try:
        return _file_lines_cached(path, path.stat().st_mtime)
    except OSError:
        return []
