"""How the word diff (`aterrapport diff`, CI on every pull request) grows with answer length.

    python benchmarks/diff.py [--json]

For answers of 5,000, 10,000, 20,000 and 40,000 words (Swedish-like text, sentences in
paragraphs of about 80 words, seeded), one word changed near the start and one near the end,
the time of ``word_diff`` and its ratio to a linear reference measured in the same run
(tokenizing both texts). Also the worst shapes: the whole answer as one paragraph, and a
rewrite of every tenth sentence. Target (issue 12): 20,000 words with changes at both ends
under 1 s. A measurement, not a test: it prints figures and never fails on them.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.core.diff import tokenize, word_diff  # noqa: E402

WORDS = ("regionen", "insatser", "under", "året", "har", "utvecklingsstrategin", "arbetet", "med",
         "kompetensförsörjning", "och", "innovation", "i", "samverkan", "kommunerna", "länet",
         "för", "att", "stärka", "företagens", "tillväxt", "2019", "mål", "resultat", "planen")


def text(words: int, seed: int, *, paragraph_words: int = 80) -> str:
    rng = random.Random(seed)
    paragraphs, sentence, paragraph = [], [], []
    for n in range(words):
        sentence.append(rng.choice(WORDS))
        if len(sentence) >= rng.randint(8, 20) or n == words - 1:
            paragraph.append(" ".join(sentence).capitalize() + ".")
            sentence = []
            if sum(len(s.split()) for s in paragraph) >= paragraph_words or n == words - 1:
                paragraphs.append(" ".join(paragraph))
                paragraph = []
    return "\n\n".join(paragraphs)


def both_ends(old: str) -> str:
    words = old.split(" ")
    words[3] = "ÄNDRAT"
    words[-4] = "OCKSÅ"
    return " ".join(words)


def every_tenth_sentence(old: str) -> str:
    sentences = old.split(". ")
    return ". ".join(s + " med tillägg" if i % 10 == 0 else s for i, s in enumerate(sentences))


def seconds(action: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = []
    shapes: list[tuple[str, int, Callable[[str], str]]] = [
        ("stycken, ändrat i båda ändar", 80, both_ends),
        ("ett enda stycke, ändrat i båda ändar", 10**9, both_ends),
        ("var tionde mening ändrad", 80, every_tenth_sentence)]
    for words in (5_000, 10_000, 20_000, 40_000):
        for shape, paragraph_words, edit in shapes:
            old = text(words, 1, paragraph_words=paragraph_words)
            new = edit(old)
            reference = seconds(functools.partial(lambda a, b: (tokenize(a), tokenize(b)), old, new))
            diff = seconds(functools.partial(word_diff, old, new))
            rows.append({"ord": words, "form": shape, "sekunder": round(diff, 4),
                         "gånger_tokenisering": round(diff / reference, 1)})
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    print(f"{'ord':>7}  {'form':<38} {'sekunder':>9} {'× tokenisering':>15}")
    for row in rows:
        print(f"{row['ord']:>7}  {row['form']:<38} {row['sekunder']:>9.3f} {row['gånger_tokenisering']:>15.1f}")


if __name__ == "__main__":
    main()
