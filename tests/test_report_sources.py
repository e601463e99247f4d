"""Reading and building are apart: a report built from bytes in memory is the report read from
its folder, whatever the bytes say; a report read from a git revision is never saved."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.core.folder import HEAD_FILE
from tui.core.problems import AterrapportError
from tui.core.report import Report


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix == ".yaml"}


def _answers(report: Report) -> dict[str, tuple[object, ...]]:
    return {s.id: (report.state(s.id), *(report.text(s.id, f.key) if f.kind != "table" else
                                          tuple(tuple(r.items()) for r in report.rows(s.id, f.key))
                                          for f in s.fields))
            for s in report.template.answerable()}


def test_memory_builds_what_the_folder_reads(sample_2019: Path) -> None:
    from_disk = Report.load(sample_2019)
    in_memory = Report.from_texts(sample_2019, _contents(sample_2019))
    assert _answers(in_memory) == _answers(from_disk)
    assert [d.disk_text for d in in_memory.documents()] == [d.disk_text for d in from_disk.documents()]
    assert [d.path for d in in_memory.documents()] == [d.path for d in from_disk.documents()]


def test_bad_bytes_are_located_and_the_rest_stays_usable(sample_2019: Path) -> None:
    contents = _contents(sample_2019)
    contents["1.2.yaml"] = b'"1.2.1":\n  svar: |\n    ok\n  insatser: \xff\n'
    del contents["1.3.yaml"]
    report = Report.from_texts(sample_2019, contents)
    error = report.files["1.2"].error
    assert error is not None and error.line == 4 and "UTF-8" in error.message
    assert report.files["1.3"].data is None and report.files["1.3"].error is None  # no such file
    assert report.text("1.1.1") == Report.load(sample_2019).text("1.1.1")
    pending = Report.from_texts(sample_2019, {HEAD_FILE: contents[HEAD_FILE]}, complete=False)
    assert all(doc.loading for doc in pending.files.values())
    with pytest.raises(AterrapportError, match=r"rapport\.yaml saknas"):
        Report.from_texts(sample_2019, {"1.1.yaml": contents["1.1.yaml"]})


def test_replacing_a_document_rereads_the_head(sample_2019: Path) -> None:
    report = Report.load(sample_2019)
    text = (sample_2019 / HEAD_FILE).read_text(encoding="utf-8")
    (sample_2019 / HEAD_FILE).write_text(re.sub(r"^ar: .*$", "ar: '2020'", text, flags=re.M), encoding="utf-8")
    fresh = Report.load(sample_2019).head_doc
    report.replace_document(report.head_doc, fresh)
    assert report.head_doc is fresh and report.head is not None and report.head.ar == 2020


def test_only_the_files_the_template_names_are_read(sample_2019: Path) -> None:
    """A stray file in the folder, even one that would block a reader (a FIFO), is never
    opened: the check lists it as unknown from its name alone."""
    import os
    import threading

    from tui.core.validation import check_report

    os.mkfifo(sample_2019 / "9.yaml")
    found: list[list[str]] = []

    def check() -> None:
        found.append([p.message for p in check_report(Report.load(sample_2019, read_only=True))])

    worker = threading.Thread(target=check, daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert found, "Report.load opened the FIFO"
    assert any(m.startswith("okänd fil") for m in found[0]), found
