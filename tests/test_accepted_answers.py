"""check remembers the answer data the answers model accepted (tui/core/accepted_answers.py)
and builds the model only for data it has not seen accepted: the problems are the same, with
the cache cold, warm, damaged or absent, and refused data is never remembered.

``ATERRAPPORT_ACCEPTED_EXAMPLES`` sets the number of hypothesis examples (more for a hunt).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from conftest import SAMPLE_2019, SAMPLES
from hypothesis import HealthCheck, given, settings
from test_check_located import broken_copy_plan, write_broken_copy

from tui.core import validation
from tui.core.accepted_answers import AcceptedAnswers, accepted_answers, data_digest
from tui.core.problems import Problem
from tui.core.report import Report
from tui.core.template import Template, get_template
from tui.core.validation import check_report

EXAMPLES = int(os.environ.get("ATERRAPPORT_ACCEPTED_EXAMPLES", "8"))


def _no_model(_template: Template) -> Any:
    raise AssertionError("the answers model was built")


def _problems(folder: Path) -> list[Problem]:
    return check_report(Report.load(folder, read_only=True), remember=True)


def test_accepted_data_needs_no_model_the_second_time(monkeypatch: pytest.MonkeyPatch) -> None:
    first = _problems(SAMPLE_2019)
    store = accepted_answers(get_template("aterrapportering-2019")).path
    assert store is not None and store.is_file()
    monkeypatch.setattr(validation, "answers_model", _no_model)
    assert _problems(SAMPLE_2019) == first


def test_refused_data_is_never_remembered(sample_2019: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cell = sample_2019 / "5.1.yaml"
    cell.write_text(cell.read_text(encoding="utf-8").replace("anslag_1_1: Nej", "anslag_1_1: ja", 1),
                    encoding="utf-8")
    first = _problems(sample_2019)
    assert any(p.is_error and p.file == cell for p in first)
    assert _problems(sample_2019) == first  # validated again, with the same messages
    # Every other file is remembered; this one is not, so the model is still needed for it.
    monkeypatch.setattr(validation, "answers_model", _no_model)
    with pytest.raises(AssertionError, match="answers model was built"):
        _problems(sample_2019)


def test_a_changed_template_trusts_nothing_of_the_old_one() -> None:
    template = get_template("aterrapportering-2019")
    path = accepted_answers(template).path
    assert path is not None
    assert accepted_answers(dataclasses.replace(template)).path == path  # the same content
    first = template.parts[0]
    changed = dataclasses.replace(template, parts=(dataclasses.replace(first, title="Annan"), *template.parts[1:]))
    assert accepted_answers(changed).path not in (None, path)


def test_a_damaged_or_unwritable_store_only_means_validating(monkeypatch: pytest.MonkeyPatch) -> None:
    first = _problems(SAMPLE_2019)
    store = accepted_answers(get_template("aterrapportering-2019")).path
    assert store is not None
    store.write_bytes(b"\xff\xfe not digests \x00")
    assert _problems(SAMPLE_2019) == first
    shutil.rmtree(store.parent)
    store.parent.write_text("")  # a file where the folder should be: nothing can be kept (even as root)
    assert _problems(SAMPLE_2019) == first
    assert _problems(SAMPLE_2019) == first


def test_thedata_digest_tells_apart_what_json_would_merge() -> None:
    assert data_digest({"1.1": {"svar": "1"}}) != data_digest({"1.1": {"svar": None}})
    assert data_digest({"1.1": {"svar": ""}}) != data_digest({"1.1": None})
    assert data_digest({"1.1": [{"a": "x"}]}) != data_digest({"1.1": {"a": "x"}})
    # Only data JSON spells exactly is remembered: a number key or value would read as text.
    assert data_digest({"1.1": {1: "x"}}) is None  # JSON would write the key as "1"
    assert data_digest({"1.1": {"svar": 1}}) is None
    kept = AcceptedAnswers(None)
    kept.add({"1.1": {"svar": "x"}})
    assert not kept.accepted({"1.1": {"svar": "x"}})  # nowhere to keep it: nothing is trusted


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(broken_copy_plan())
def test_cold_warm_and_without_the_same_problems(plan: tuple[Path, dict[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_broken_copy(plan, Path(tmp))
        old_state = os.environ["XDG_STATE_HOME"]
        os.environ["XDG_STATE_HOME"] = str(Path(tmp) / "state")
        try:
            try:
                cold = _problems(folder)
            except Exception as exc:  # rapport.yaml broken: no answer is checked
                with pytest.raises(type(exc)):
                    _problems(folder)
                return
            warm = _problems(folder)
            with mock.patch.object(validation, "accepted_answers", lambda _t: AcceptedAnswers(None)):
                without = _problems(folder)
        finally:
            os.environ["XDG_STATE_HOME"] = old_state
        assert cold == warm == without, sorted(plan[1])


def test_every_sample_the_same_cold_and_warm() -> None:
    for sample in sorted(p for p in SAMPLES.iterdir() if p.is_dir()):
        assert _problems(sample) == _problems(sample) == check_report(Report.load(sample)), sample.name


def test_without_remember_nothing_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app checks again and again with its model built: it neither reads nor writes the store."""
    check_report(Report.load(SAMPLE_2019, read_only=True))
    store = accepted_answers(get_template("aterrapportering-2019")).path
    assert store is not None and not store.parent.exists()
