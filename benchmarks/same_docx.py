"""Do two checkouts render the same DOCX? For changes meant to make rendering faster, not different.

    python benchmarks/same_docx.py --against DIR

DIR is another checkout (e.g. ``git worktree add /tmp/before main``). Each tree renders, in its
own process, the same documents: the three sample reports (as they are, as a draft without the
table of contents, with page numbers for the contents), the tests' 2019 report with its picture
(alone and with two reference documents), a copy of the 2019 sample whose answers and a table
row use every Markdown construct the renderer knows, and that copy's tracked changes against
the sample and against nothing. Every part of every document is compared: the same members in
the same order, and each XML part equal after C14N 2.0 (it says which differ only in bytes).
Exit status 1 when any part differs. A check to run by hand, not a test: it needs two trees.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.etree.ElementTree import canonicalize

ROOT = Path(__file__).resolve().parent.parent

KITCHEN = """Inledning med **fet**, *kursiv*, ~~struken~~, `kod`, en [länk](https://example.org/a?b=1&c=2)
och en [intern](#x) samt <span>html</span> och fotnot[^1] och en till[^lång].
  ledande  och   dubbla mellanrum\tflik
hård radbrytning

## Underrubrik

1. ett
2. två
   - inre a
   - inre b

     lös paragraf i punkten
3. tre

5. start fem
6. sex

- lös lista

- med mellanrum

> citat **fett**
>
> > djupare citat
> - lista i citat

```
kod block
  indrag
```

    indragen kod

---

| Vänster | Mitten | Höger |
|:--------|:------:|------:|
| a | **b** | [c](https://example.com) |
| längre text i cellen | e | f[^1] |

![Bild alt](bild.png "Titel")

Text med ![inline](bild.png) bild och <br> och &amp; &lt; tecken \x0b kontroll\u2028sep.

<div>rå html</div>

### Tredje nivå

#### Fjärde

Sista stycket.

[^1]: Fotnoten med *kursiv* och
    - lista

[^lång]: Andra fotnoten.
"""

NOW = dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.UTC)


def _parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info).hex() for info in archive.infolist()}


def dump(tree: Path, out: Path) -> None:
    """Render the documents with the ``tui`` of ``tree`` and write their parts to ``out``."""
    sys.path[:0] = [str(tree), str(tree / "tests")]
    from render_support import build_2019_report, tiny_png  # the tree's, found after sys.path is set
    from test_render_reference import make_reference

    from tui.core.render.document import RenderOptions, render_bytes
    from tui.core.render.tracked import Revision, render_tracked
    from tui.core.report import Report

    documents: dict[str, dict[str, str]] = {}
    samples = tree / "sample_reports"
    with tempfile.TemporaryDirectory() as temp:
        tmp = Path(temp)
        for sample in sorted(p for p in samples.iterdir() if p.is_dir()):
            report = Report.load(sample, read_only=True)
            documents[sample.name] = _parts(render_bytes(report, RenderOptions(now=NOW)))
            documents[sample.name + " draft, no contents"] = _parts(
                render_bytes(report, RenderOptions(now=NOW, draft=True, toc=False)))
            documents[sample.name + " pages"] = _parts(render_bytes(report, RenderOptions(now=NOW, toc_pages={"x": 3})))
        built = Report.load(build_2019_report(tmp / "r2019"))
        documents["2019 with picture"] = _parts(render_bytes(built, RenderOptions(now=NOW)))
        for swedish_ids in (False, True):
            reference = make_reference(tmp / f"ref{swedish_ids}.docx", swedish_ids=swedish_ids)
            documents[f"2019 reference {swedish_ids}"] = _parts(render_bytes(
                built, RenderOptions(now=NOW, reference_doc=reference, draft=swedish_ids)))
        kitchen = tmp / "kitchen"
        shutil.copytree(samples / "vastmanland-2019", kitchen)
        (kitchen / "bild.png").write_bytes(tiny_png())
        report = Report.load(kitchen)
        report.set_text("1.1.1", "svar", KITCHEN)
        report.set_text("1.1.2", "svar", KITCHEN.replace("## Underrubrik", "# Toppnivå"))
        report.add_row("1.2.4", "insatser", {"namn": "Rad *med* kod", "bidrag_till_mal": KITCHEN,
                                             "resultat": "- a\n- b\n\n| x | y |\n|---|---|\n| 1 | 2 |"})
        report.save()
        report = Report.load(kitchen)
        documents["markdown"] = _parts(render_bytes(report, RenderOptions(now=NOW)))
        revision = Revision("Granskare", NOW)
        documents["markdown tracked"] = _parts(render_tracked(
            Report.load(samples / "vastmanland-2019", read_only=True), report, revision, RenderOptions(now=NOW)))
        documents["markdown tracked, all new"] = _parts(
            render_tracked(None, report, revision, RenderOptions(now=NOW, draft=True)))
    out.write_text(json.dumps(documents), encoding="utf-8")


def compare(ours: dict[str, dict[str, str]], theirs: dict[str, dict[str, str]]) -> int:
    """Print the differences; the number of parts that differ in content."""
    if list(ours) != list(theirs):
        print("different documents:", sorted(set(ours) ^ set(theirs)))
        return 1
    different = in_bytes = total = 0
    for name, parts in ours.items():
        if list(parts) != list(theirs[name]):
            print(f"{name}: different members {list(parts)} / {list(theirs[name])}")
            different += 1
            continue
        for member, data in parts.items():
            total += 1
            if data == theirs[name][member]:
                continue
            in_bytes += 1
            mine, other = bytes.fromhex(data), bytes.fromhex(theirs[name][member])
            if member.endswith((".xml", ".rels")) and canonicalize(mine.decode()) == canonicalize(other.decode()):
                print(f"{name}: {member} is the same XML in other bytes")
            else:
                print(f"{name}: {member} DIFFERS")
                different += 1
    print(f"{len(ours)} documents, {total} parts: {in_bytes} differ in bytes, {different} in content")
    return different


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, help="the other checkout")
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)  # one tree's documents, in its process
    parser.add_argument("--tree", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        dump(args.tree.resolve(), args.dump)
        return 0
    if args.against is None:
        parser.error("--against DIR is needed")
    with tempfile.TemporaryDirectory() as temp:
        dumps = []
        for index, tree in enumerate((ROOT, args.against.resolve())):
            out = Path(temp) / f"{index}.json"
            env = {**os.environ, "PYTHONPATH": str(tree)}
            subprocess.run([sys.executable, __file__, "--dump", str(out), "--tree", str(tree)], check=True, env=env,
                           cwd=temp)
            dumps.append(json.loads(out.read_text(encoding="utf-8")))
    return 1 if compare(dumps[0], dumps[1]) else 0


if __name__ == "__main__":
    sys.exit(main())
