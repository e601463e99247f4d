"""Mutation fuzzing of every sample file through `check`, `fmt` and `render --force`, in-process.

Each case takes one sample file (rapport.yaml or an answer file), applies one to three seeded
mutations (byte flips, deleted/duplicated/swapped lines, indentation, tags, directives,
anchors, deep nesting, control characters, invalid UTF-8, BOM, CRLF, duplicate keys,
conflict markers, odd key and value types, hostile Markdown), puts it in a report folder
with the sample's rapport.yaml, and runs the commands as the CLI's ``main``. The invariants:

- every exit code is 0, 1 or 2, and no exception escapes (a traceback fails the case);
- no case takes longer than :data:`CASE_SECONDS` (a hang fails the case);
- when ``check`` says the input is unreadable (2), ``fmt`` and ``render`` change no file;
- when ``fmt`` succeeds, a second ``fmt --check`` finds nothing to change (idempotent);
- no parser failure reaches the YAML reader's safety net, and no output holds a raw ESC.

A failure prints the seed, the mutations and the mutated file. Environment:
``ATERRAPPORT_FUZZ_SEED`` (default: fixed, so CI is reproducible) and
``ATERRAPPORT_FUZZ_CASES`` (cases per shard, default :data:`CASES_PER_SHARD`).
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import shutil
import signal
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import SAMPLES

from tui.cli.main import main

SHARDS = 8
CASES_PER_SHARD = int(os.environ.get("ATERRAPPORT_FUZZ_CASES", "250"))
BASE_SEED = int(os.environ.get("ATERRAPPORT_FUZZ_SEED", "20261201"))
CASE_SECONDS = 30  # generous: a busy 2-core CI machine; a case normally takes a fraction of a second
SAMPLE_FILES = sorted(p for p in SAMPLES.glob("*/*.yaml"))

Mutator = Callable[[random.Random, bytes], bytes]


# -- mutations ---------------------------------------------------------------------------------

def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _pick_line(rng: random.Random, lines: list[bytes]) -> int:
    return rng.randrange(len(lines)) if lines else 0


def flip_byte(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    i = rng.randrange(len(data))
    return data[:i] + bytes([rng.randrange(256)]) + data[i + 1:]


def delete_line(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    if lines:
        del lines[_pick_line(rng, lines)]
    return b"\n".join(lines)


def duplicate_line(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    i = _pick_line(rng, lines)
    lines.insert(i, lines[i] if lines else b"")
    return b"\n".join(lines)


def swap_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    if len(lines) > 1:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def indent(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    i = _pick_line(rng, lines)
    if lines:
        change = rng.choice([b" ", b"  ", b"    ", b"\t", b"-", b""])
        lines[i] = change + lines[i] if change else lines[i].lstrip(b" ")
    return b"\n".join(lines)


def _value_position(rng: random.Random, data: bytes) -> tuple[list[bytes], int, int]:
    """A line with ``key: value`` and the offset just after its ': '."""
    lines = _lines(data)
    candidates = [i for i, line in enumerate(lines) if b": " in line or line.rstrip().endswith(b":")]
    if not candidates:
        return lines, 0, 0
    i = rng.choice(candidates)
    line = lines[i]
    at = line.find(b": ") + 2 if b": " in line else len(line.rstrip()) + 1
    return lines, i, at


def replace_value(rng: random.Random, data: bytes) -> bytes:
    values = [b"[a, b]", b"{a: b}", b"~", b"123", b"true", b"2019-01-01", b"1.5", b"''", '"\\e[31mröd\\a"'.encode(),
              b'"\\ud800"', b'"\\x00"', b"!!python/object/apply:os.system [x]", b"!!binary aGVq", b"!tagg x",
              b"!!int 5", b"&a x", b"*a", b"[" * 60 + b"]" * 60, b"{a: " * 40 + b"x" + b"}" * 40,
              b"|\n  block", b">-\n  veckat", b"- a\n- b", b'"' + b"x" * 5000 + b'"', b"@x", b"`x`", b"%x"]
    lines, i, at = _value_position(rng, data)
    if lines:
        lines[i] = lines[i][:at].rstrip() + b" " + rng.choice(values)
    return b"\n".join(lines)


def odd_key(rng: random.Random, data: bytes) -> bytes:
    keys = [b"~: a", b"None: b", b"? [a, b]\n: c", b"? {a: b}\n: c", b"1.5: x", b"true: x", b'"": x', b"null: x",
            b"1.2.1.9: x", b"'1.1.1': x", b"!!str 1.1.1: x", b"<<: {a: b}", b"? a\n? b", b"6.1.1:\n  svar: x",
            b'"\\e]0;titel\\a": x', b"k\xe2\x80\xaey: x"]
    lines = _lines(data)
    i = _pick_line(rng, lines)
    prefix = rng.choice([b"", b"  ", b"    "])
    lines.insert(i, b"\n".join(prefix + k for k in rng.choice(keys).split(b"\n")))
    return b"\n".join(lines)


def duplicate_key(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    tops = [line for line in lines if line[:1].isdigit() or line[:1].isalpha()]
    if tops:
        lines.append(rng.choice(tops))
    return b"\n".join(lines)


def directive(rng: random.Random, data: bytes) -> bytes:
    head = rng.choice([b"%YAML 1.2\n---\n", b"%YAML 1.1\n---\n", b"%TAG ! tag:example.com,2000:\n---\n",
                       b"%FOO bar\n---\n", b"---\n", b"--- !!map\n"])
    tail = rng.choice([b"", b"\n...\n", b"\n---\nandra: dokument\n"])
    return head + data + tail


def anchors(rng: random.Random, data: bytes) -> bytes:
    lines, i, at = _value_position(rng, data)
    if lines:
        lines[i] = lines[i][:at].rstrip() + b" &ankare " + lines[i][at:]
        lines.append(rng.choice([b"x: *ankare", b"<<: *ankare", b"y: *saknas"]))
    return b"\n".join(lines)


def deep_nesting(rng: random.Random, data: bytes) -> bytes:
    depth = rng.choice([45, 51, 120, 400, 2000])
    if rng.random() < 0.5:
        nested = b"djup: " + b"[" * depth + b"]" * depth
    else:
        nested = b"\n".join(b"  " * n + b"k%d:" % n for n in range(min(depth, 400)))
    return data + b"\n" + nested + b"\n"


def control_chars(rng: random.Random, data: bytes) -> bytes:
    chars = ["\x00", "\x1b[2J", "\x07", "\x7f", "\x85", "\x9b", "\u2028", "\u202e", "\x0c", "\x0b", "\r", "\t",
             "\ufeff", "\ufffe"]
    i = rng.randrange(len(data) + 1)
    return data[:i] + rng.choice(chars).encode("utf-8") + data[i:]


def invalid_utf8(rng: random.Random, data: bytes) -> bytes:
    i = rng.randrange(len(data) + 1)
    return data[:i] + rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xe4", b"\xf4\x90\x80\x80"]) + data[i:]


def bom(rng: random.Random, data: bytes) -> bytes:
    return rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xef\xbb\xbf\xef\xbb\xbf"]) + data


def crlf(rng: random.Random, data: bytes) -> bytes:
    return data.replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n\r"]))


def conflict(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    i = _pick_line(rng, lines)
    marker = rng.choice([[b"<<<<<<< HEAD"], [b"======="], [b">>>>>>> gren"],
                         [b"<<<<<<< HEAD", lines[i] if lines else b"", b"=======", b">>>>>>> gren"]])
    lines[i:i] = marker
    return b"\n".join(lines)


def hostile_markdown(rng: random.Random, data: bytes) -> bytes:
    markdown = rng.choice([
        "![karta](../../etc/passwd)", "![noll](/dev/zero)", "![saknas](finns-inte.png)", "![x](bilder/../../x.png)",
        "![x](%2e%2e/rapport.yaml)", "![x](rapport.yaml)", "![x](.)", "![x](data:image/png;base64,AAAA)",
        "[^1]\n\n[^1]: se [^1]", "[^a]: fotnot utan hänvisning", "> " * 300 + "citat", "- " * 300 + "lista",
        "*" * 2000 + "x", "_" * 3000, "<script>alert(1)</script>", "|" * 500 + "\n" + "|-" * 250,
        "# " + "rubrik " * 50, "####### sju", "```\nkod\n", "[länk](javascript:alert(1))", "\\" * 1000,
        "1. " * 200 + "numrerad", "\x1b[31m röd", "text\u202eomvänd", "[" * 500 + "]" * 500,
    ])
    lines = _lines(data)
    blocks = [i for i, line in enumerate(lines) if line.startswith(b"    ") and b": " not in line]
    if not blocks:
        return data + b"\n" + b"\n".join(b"    " + m.encode("utf-8") for m in markdown.split("\n"))
    i = rng.choice(blocks)
    text = b"\n".join(b"    " + m.encode("utf-8") for m in markdown.split("\n"))
    lines.insert(i, text)
    return b"\n".join(lines)


MUTATORS: dict[str, Mutator] = {f.__name__: f for f in (
    flip_byte, delete_line, duplicate_line, swap_lines, indent, replace_value, odd_key, duplicate_key,
    directive, anchors, deep_nesting, control_chars, invalid_utf8, bom, crlf, conflict, hostile_markdown)}


def mutate(rng: random.Random, data: bytes) -> tuple[bytes, list[str]]:
    names = rng.choices(list(MUTATORS), k=rng.choice([1, 1, 2, 3]))
    for name in names:
        data = MUTATORS[name](rng, data)
    return data, names


# -- running a case ----------------------------------------------------------------------------

class CaseTimeout(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def expired(_signum: int, _frame: object) -> None:
        raise CaseTimeout(f"mer än {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(*args: str | Path) -> tuple[int, str]:
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse
            code = int(exc.code or 0)
    return code, output.getvalue()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def run_case(folder: Path, out: Path) -> list[str]:
    """Run the commands on ``folder``; returns the broken invariants (empty when all hold)."""
    broken: list[str] = []
    outputs: list[str] = []

    def command(*args: str | Path) -> int:
        code, text = run(*args)
        outputs.append(text)
        if code not in (0, 1, 2):
            broken.append(f"{args[0]}: avslutningskod {code}")
        return code

    checked = command("check", folder)
    before = snapshot(folder)
    formatted = command("fmt", folder)
    if checked == 2 and snapshot(folder) != before:
        broken.append("fmt ändrade filer fast check sa att indata inte kan läsas")
    if formatted == 0:
        after_fmt = snapshot(folder)
        if command("fmt", "--check", folder) != 0:
            broken.append("fmt är inte idempotent: fmt --check hittar ändringar direkt efter fmt")
        if snapshot(folder) != after_fmt:
            broken.append("fmt --check ändrade filer")
    before_render = snapshot(folder)
    rendered = command("render", "--force", folder, "-o", out)
    if checked == 2 and rendered != 2:
        broken.append(f"render --force gav {rendered} för oläsbar indata")
    if snapshot(folder) != before_render:
        broken.append("render ändrade filer i rapportmappen")
    for text in outputs:
        if "tolken gav upp" in text:
            broken.append(f"YAML-läsarens skyddsnät användes: {text.strip()[:300]}")
        if "\x1b" in text:
            broken.append("rått ESC-tecken i utdata")
        if "ogiltig YAML:" in text:
            broken.append(f"parserns fel är inte översatt: {text.strip()[:300]}")
        if "Traceback" in text:
            broken.append(f"en traceback i utdata: {text.strip()[:300]}")
    return broken


@pytest.mark.parametrize("shard", range(SHARDS))
def test_fuzz_sample_files(shard: int, tmp_path: Path) -> None:
    seed = BASE_SEED * 1000 + shard
    rng = random.Random(seed)
    folder = tmp_path / "rapport"
    out = tmp_path / "ut.docx"
    for case in range(CASES_PER_SHARD):
        case_seed = rng.randrange(1 << 32)
        case_rng = random.Random(case_seed)
        source = case_rng.choice(SAMPLE_FILES)
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        shutil.copy(source.parent / "rapport.yaml", folder / "rapport.yaml")
        data, names = mutate(case_rng, source.read_bytes())
        (folder / source.name).write_bytes(data)
        try:
            with time_limit(CASE_SECONDS):
                broken = run_case(folder, out)
        except Exception:  # a traceback or a hang: that is the finding
            broken = [traceback.format_exc()]
        if broken:
            saved = tmp_path / f"fall-{case_seed}-{source.name}"
            saved.write_bytes(data)
            pytest.fail(
                f"fuzz-fall {case} i del {shard}: ATERRAPPORT_FUZZ_SEED={BASE_SEED}, fallets frö {case_seed}\n"
                f"fil: {source.relative_to(SAMPLES)} med {names}; sparad som {saved}\n"
                + "\n".join(broken) + f"\n--- den muterade filen (början) ---\n{data[:3000]!r}")
