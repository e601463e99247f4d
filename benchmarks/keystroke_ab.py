"""Keystroke to screen in two trees (before/after), taking turns on the same machine.

Run: python benchmarks/keystroke_ab.py TREE_A TREE_B [--turns 4] [--presses 40] [--json FILE]

A tree is a checkout of the project (e.g. ``git worktree add /tmp/main main``). Each turn runs
``benchmarks/keystroke.py`` of one tree in a process of its own (``run(presses, 1)``: every case
once) with that tree's ``tui`` first on the path, A then B, then B then A, and so on, so that the
load of a shared machine falls on both alike. The keys of all turns are pooled per tree and case;
the load average is printed for each turn.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

TURN = """
import json, sys
tree = sys.argv[1]
sys.path[:0] = [tree, tree + "/benchmarks"]
import keystroke
results = keystroke.run(int(sys.argv[2]), 1)
print("JSON" + json.dumps({place: {label: {"wall": f.wall, "cpu": f.cpu, "queued": getattr(f, "queued", []),
                                           "missed": f.missed} for label, f in by.items()}
                           for place, by in results.items()}))
"""

Pool = dict[str, dict[str, dict[str, Any]]]  # place -> case -> {"wall": [...], "cpu": [...], ...}


def turn(tree: Path, presses: int) -> Pool:
    done = subprocess.run([sys.executable, "-c", TURN, str(tree), str(presses)], capture_output=True, text=True,
                          cwd=tree, check=False)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("JSON")), None)
    if line is None:
        raise SystemExit(f"{tree}: the benchmark failed\n{done.stderr[-3000:]}")
    result: Pool = json.loads(line[4:])
    return result


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("trees", type=Path, nargs=2)
    parser.add_argument("--turns", type=int, default=4, help="turns per tree")
    parser.add_argument("--presses", type=int, default=40, help="keys per case and turn")
    parser.add_argument("--json", type=Path, help="the pooled figures (seconds) as JSON")
    args = parser.parse_args()
    trees: list[Path] = [tree.resolve() for tree in args.trees]
    pooled: dict[str, Pool] = {str(tree): {} for tree in trees}
    for index in range(args.turns):
        for tree in trees if index % 2 == 0 else reversed(trees):
            before = os.getloadavg()[0]
            for place, by_case in turn(tree, args.presses).items():
                for case, figures in by_case.items():
                    slot = pooled[str(tree)].setdefault(place, {}).setdefault(
                        case, {"wall": [], "cpu": [], "queued": [], "missed": 0})
                    for key in ("wall", "cpu", "queued"):
                        slot[key] += figures[key]
                    slot["missed"] += figures["missed"]
            print(f"tur {index + 1}: {tree.name}, belastning {before:.2f} → {os.getloadavg()[0]:.2f}", flush=True)
    for place in pooled[str(trees[0])]:
        print(f"tangenttryck till skärmen, {place} (ms):")
        for case in pooled[str(trees[0])][place]:
            for tree in trees:
                f = pooled[str(tree)][place][case]
                queued = f"; väntan på en kärna p95 {p95(f['queued']) * 1000:.1f}" if f["queued"] else ""
                print(f"  {tree.name:>12} {case}: median {statistics.median(f['wall']) * 1000:.1f}, "
                      f"p95 {p95(f['wall']) * 1000:.1f}, över 16 ms "
                      f"{sum(w > 0.016 for w in f['wall']) / len(f['wall']) * 100:.0f} %; CPU median "
                      f"{statistics.median(f['cpu']) * 1000:.1f}, p95 {p95(f['cpu']) * 1000:.1f}{queued}")
    if args.json is not None:
        args.json.write_text(json.dumps(pooled), encoding="utf-8")


if __name__ == "__main__":
    main()
