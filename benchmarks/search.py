"""Speed of the report search (Ctrl+F), on the full Västmanland 2019 sample.

Run: python benchmarks/search.py (benchmarks/app.py runs it too)

- build: folding every answer, table cell and detail once (when the search screen opens).
- query: one search as typed, for each prefix of a set of words a writer looks for
  ("h", "ha", "hal", … "hållbar"), i.e. the time per keystroke. Target: under 50 ms at p95.
  Also shown as a ratio to one pass of `str.lower()` over the same text, the cheapest
  case-insensitive scan Python can do, measured in the same run.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.core.report import Report  # noqa: E402
from tui.core.search import SearchIndex  # noqa: E402

WORDS = ["hallbar", "Västmanland", "ERUF", "innovation", "kompetensförsörjning", "RUS 2030", "xyzzy", "e"]


def main() -> None:
    report = Report.load(ROOT / "sample_reports" / "vastmanland-2019")
    start = time.perf_counter()
    index = SearchIndex.build(report)
    build = time.perf_counter() - start
    chars = sum(len(e.text) for e in index.entries)
    times: list[float] = []
    for word in WORDS:
        for end in range(1, len(word) + 1):
            start = time.perf_counter()
            index.search(word[:end])
            times.append(time.perf_counter() - start)
    texts = [e.text for e in index.entries]
    start = time.perf_counter()
    for _ in range(10):
        for text in texts:
            text.lower().find("hallbar")
    reference = (time.perf_counter() - start) / 10
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"index: {len(index.entries)} texts, {chars} characters, built in {build * 1000:.1f} ms")
    print(f"query per keystroke ({len(times)} queries): median {statistics.median(times) * 1000:.2f} ms, "
          f"p95 {p95 * 1000:.2f} ms, max {max(times) * 1000:.2f} ms (target p95 < 50 ms)")
    print(f"reference str.lower().find over the same text: {reference * 1000:.2f} ms; "
          f"p95 query / reference = {p95 / reference:.1f}")


if __name__ == "__main__":
    main()
