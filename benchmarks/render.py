"""How fast `aterrapport render` makes the official document, next to pandoc.

    python benchmarks/render.py [RAPPORTMAPP] [--runs N] [--json]

Times, for the sample report (the full 2019 sample; the 2024 sample while it is missing):

- in one process, after a warm-up: ``check_report`` + the DOCX (what ``render`` does after
  loading), and the DOCX alone: median of ``--runs``;
- a whole ``aterrapport render`` process (start, imports, load, check, render, atomic write),
  with ``aterrapport check`` alone beside it for the share that is not rendering;
- pandoc (from the ``pypandoc-binary`` package: ``pip install -e '.[bench]'``) converting the
  same content, exported with ``aterrapport export``, from Markdown to DOCX.

Targets: the whole-process render of the full 2019 sample under 1 s, and no slower than pandoc.
This is a measurement, not a test: it prints figures and never fails on them.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.core.render.document import RenderOptions, render_bytes  # noqa: E402
from tui.core.render.export_markdown import export_markdown  # noqa: E402
from tui.core.report import Report  # noqa: E402
from tui.core.validation import check_report  # noqa: E402


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run(command: list[str]) -> Callable[[], None]:
    def action() -> None:
        subprocess.run(command, check=True, capture_output=True)
    return action


def pandoc_path() -> str | None:
    try:
        import pypandoc
    except ImportError:
        return None
    try:
        return str(pypandoc.get_pandoc_path())
    except OSError:
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    folder = args.folder
    if folder is None:
        full = ROOT / "sample_reports" / "vastmanland-2019"
        folder = full if (full / "rapport.yaml").exists() else ROOT / "sample_reports" / "vastmanland-2024"

    report = Report.load(folder)
    render_bytes(report, RenderOptions())  # warm-up: imports, parser caches
    shown = folder.resolve().relative_to(ROOT) if folder.resolve().is_relative_to(ROOT) else folder
    results: dict[str, float | str | int | None] = {"rapport": str(shown)}

    def check_and_render() -> bytes:
        check_report(report)
        return render_bytes(report, RenderOptions())

    results["in_process_check_and_render_s"] = median_seconds(check_and_render, args.runs)
    results["in_process_render_s"] = median_seconds(lambda: render_bytes(report, RenderOptions()), args.runs)
    results["docx_bytes"] = len(render_bytes(report, RenderOptions()))

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        python = [sys.executable, "-m", "tui"]
        results["process_render_s"] = median_seconds(
            run([*python, "render", str(folder), "-o", str(out / "rapport.docx")]), args.runs)
        results["process_check_s"] = median_seconds(run([*python, "check", str(folder)]), args.runs)
        markdown = out / "rapport.md"
        markdown.write_text(export_markdown(report), encoding="utf-8")
        results["markdown_chars"] = len(markdown.read_text(encoding="utf-8"))
        pandoc = pandoc_path()
        if pandoc:
            command = [pandoc, "--from", "markdown", "--to", "docx", str(markdown), "-o", str(out / "pandoc.docx")]
            run(command)()  # warm-up
            results["pandoc_s"] = median_seconds(run(command), args.runs)
            results["pandoc_version"] = subprocess.run([pandoc, "--version"], capture_output=True, text=True,
                                                       check=True).stdout.split("\n")[0]
        else:
            results["pandoc_s"] = None

    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return 0
    print(f"rapport: {results['rapport']}  ({results['docx_bytes']} byte DOCX, median av {args.runs} körningar)")
    print(f"  i processen, check + render:      {results['in_process_check_and_render_s']:.3f} s")
    print(f"  i processen, bara render:         {results['in_process_render_s']:.3f} s")
    print(f"  hel process `aterrapport render`: {results['process_render_s']:.3f} s  (mål: under 1 s)")
    print(f"  hel process `aterrapport check`:  {results['process_check_s']:.3f} s  (start, import, läsning, kontroll)")
    if results["pandoc_s"] is not None:
        print(f"  pandoc markdown → docx:           {results['pandoc_s']:.3f} s  ({results['pandoc_version']})")
    else:
        print("  pandoc: saknas (pip install -e '.[bench]')")
    return 0


if __name__ == "__main__":
    sys.exit(main())
