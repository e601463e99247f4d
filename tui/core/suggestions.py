"""Spelling suggestions for many words at once (``aterrapport stava``): fast enough for CI and
pre-commit, the same suggestions as asking the dictionary one word at a time.

Hunspell takes 50–300 ms to suggest for one Swedish word (compounds and n-gram search), so a
report with 150 unknown words took 10–20 s. Three things make it fast:

- each distinct word is asked once (acronyms not at all: their suggestions are never meant);
- suggestions are remembered between runs in the user's state folder, for the dictionary they
  came from (a pre-commit hook or a second run asks only for words it has not seen);
- the words not remembered are shared among processes, one per core, each with a dictionary of
  its own. Not threads: one Hunspell is not thread-safe, and Hunspell cuts its search after an
  amount of *process* CPU time, so threads sharing a process would get fewer suggestions than
  one process asking alone.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from tui.core.statedir import state_dir

LIMIT = 5  # suggestions kept for a word
POOL_FROM = 8  # words to ask for before it pays to start processes (each opens a dictionary, ~0.2 s)
CACHE_WORDS = 20_000  # words remembered; the oldest are forgotten first
CACHE_VERSION = 1


def cache_path() -> Path:
    return state_dir() / "stavning" / "forslag.json"


def suggest_all(words: Iterable[str], *, identity: str | None, language: str | None,
                suggest: Any, processes: int | None = None) -> dict[str, tuple[str, ...]]:
    """Suggestions for each of ``words``. ``suggest(word)`` asks the dictionary in this process;
    ``identity`` names the dictionary for the cache and ``language`` lets other processes open
    the same one (either None: no cache, or no processes)."""
    wanted = list(dict.fromkeys(words))
    cache = _read_cache(identity) if identity else {}
    found = {word: tuple(cache[word]) for word in wanted if word in cache}
    todo = [word for word in wanted if word not in found]
    workers = min(processes if processes is not None else (os.cpu_count() or 1), len(todo) // (POOL_FROM // 2))
    if language is not None and workers > 1 and len(todo) >= POOL_FROM:
        # Not forked from this process as it is (the app and test runners have threads).
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method),
                                 initializer=_open_in_worker, initargs=(language,)) as pool:
            asked = list(pool.map(_suggest_in_worker, todo, chunksize=max(1, len(todo) // (workers * 4))))
    else:
        asked = [tuple(suggest(word))[:LIMIT] for word in todo]
    found.update(zip(todo, asked, strict=True))
    if identity and todo:
        cache.update({word: list(found[word]) for word in todo})
        _write_cache(identity, cache)
    return {word: found[word] for word in wanted}


# -- the worker processes --------------------------------------------------------------------------

_worker_speller: Any = None


def _open_in_worker(language: str) -> None:
    global _worker_speller
    from tui.core.spelling import Speller, open_dictionary

    _worker_speller = Speller(open_dictionary(language))


def _suggest_in_worker(word: str) -> tuple[str, ...]:
    return tuple(_worker_speller.suggest(word, limit=LIMIT))


# -- the cache -------------------------------------------------------------------------------------

def _read_cache(identity: str) -> dict[str, list[str]]:
    try:
        data = json.loads(cache_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION or data.get("ordbok") != identity:
        return {}  # another dictionary (or an update of it): its suggestions may differ
    words = data.get("forslag")
    if not isinstance(words, dict):
        return {}
    return {w: s for w, s in words.items() if isinstance(w, str) and isinstance(s, list)
            and all(isinstance(x, str) for x in s)}


def _write_cache(identity: str, words: dict[str, list[str]]) -> None:
    """Atomically; a cache that cannot be written only makes the next run slower."""
    kept = dict(list(words.items())[-CACHE_WORDS:])
    path = cache_path()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"version": CACHE_VERSION, "ordbok": identity, "forslag": kept},
                                  ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
