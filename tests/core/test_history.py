from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from hamtimer.core.history import (
    RecordError,
    entry_from_json,
    entry_of,
    entry_to_json,
    record_from_json,
    record_to_json,
)
from hamtimer.core.session_record import QuickLog, SessionStatus
from tests.history_records import run_record, small_record


def test_a_run_records_every_step_and_each_leg_with_its_full_holds() -> None:
    record = run_record()
    left = [leg for leg in record.legs if leg.side == "left"]
    right = [leg for leg in record.legs if leg.side == "right"]

    assert record.status == SessionStatus.COMPLETED
    assert left and right
    assert left[0].hold_s == right[0].hold_s == (20.0, 20.0)  # 2 sets, full 20 s on each leg
    assert len(record.steps.kind) == len(record.steps.actual_s) > 0
    assert set(record.steps.outcome) == {"completed"}


def test_json_round_trip_keeps_everything() -> None:
    record = run_record()
    again = record_from_json(json.loads(json.dumps(record_to_json(record))))
    assert again == record


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d.update(id=7), "session.id"),
        (lambda d: d["template"].update(version="1"), "session.template.version"),
        (lambda d: d.update(started="yesterday"), "session.started"),
        (lambda d: d.update(started="2026-11-02T07:30:00"), "session.started"),
        (lambda d: d.update(status="paused"), "session.status"),
        (lambda d: d["steps"]["actual_s"].append("30"), "session.steps.actual_s"),
        (lambda d: d["steps"]["kind"].pop(), "session.steps"),
        (lambda d: d["legs"][0].update(sets_done=True), "session.legs[0].sets_done"),
        (lambda d: d.update(log={"effort": 11}), "session.log.effort"),
        (lambda d: d.update(legs={}), "session.legs"),
    ],
)
def test_wrong_types_are_refused_naming_the_field(change: Any, path: str) -> None:
    document = record_to_json(small_record(1))
    change(document)
    with pytest.raises(RecordError) as error:
        record_from_json(document)
    assert error.value.path == path


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d.update(started="0001-01-01T00:30:00+05:00"), "session.started"),
        (lambda d: d.update(ended="9999-12-31T23:30:00-05:00"), "session.ended"),
        (lambda d: d.update(ended="2999-12-31T23:30:00-05:00"), "session.ended"),
        (lambda d: d.update(ended="1970-01-01T00:00:00+00:00"), "session.ended"),
        (lambda d: d.update(ended="2000-01-01T00:00:00+00:00"), "session.ended"),
        (lambda d: d["steps"]["actual_s"].append(float("nan")), "session.steps.actual_s"),
        (lambda d: d["steps"]["actual_s"].append(float("inf")), "session.steps.actual_s"),
        (lambda d: d["steps"]["actual_s"].append(-1), "session.steps.actual_s"),
        (lambda d: d["legs"][0]["hold_s"].append(-5.0), "session.legs[0].hold_s"),
        (lambda d: d["legs"][0]["hold_s"].append(1e9), "session.legs[0].hold_s"),
    ],
)
def test_values_without_physical_sense_are_refused(change: Any, path: str) -> None:
    """Issue 15: dates near year 1 or 9999 overflowed on time-zone conversion at every start;
    NaN, infinite and negative holds and sessions ending before they start were imported."""
    document = record_to_json(small_record(1))
    for key in ("actual_s", "planned_s", "kind", "exercise", "side", "outcome"):
        document["steps"][key] = []  # the columns must stay equal in length
    change(document)
    if path == "session.steps.actual_s":
        for key in ("planned_s", "kind", "exercise", "side", "outcome"):
            document["steps"][key] = [None if key == "planned_s" else "x"]
    with pytest.raises(RecordError) as error:
        record_from_json(document)
    assert error.value.path == path


def test_the_quick_log_is_optional_and_kept() -> None:
    document = record_to_json(small_record(1))
    del document["log"]
    assert record_from_json(document).log == QuickLog()
    document["log"] = {"effort": 6, "pain": 2, "notes": "left felt weaker"}
    assert record_from_json(document).log == QuickLog(6, 2, "left felt weaker")


def test_an_entry_keeps_the_work_done_and_planned() -> None:
    entry = entry_of(small_record(1))  # one full hold, one of 28.5 s of 30 s
    assert (entry.work_done, entry.work_planned) == (1.95, 2) and entry.is_training
    assert entry_from_json(json.loads(json.dumps(entry_to_json(entry)))) == entry


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d.pop("work"), "entry.work"),  # an older summary: the store rebuilds it
        (lambda d: d["work"].update(done="2"), "entry.work.done"),
        (lambda d: d["work"].update(done=-1), "entry.work.done"),
        (lambda d: d["work"].update(planned=2.5), "entry.work.planned"),
    ],
)
def test_an_entry_without_its_work_is_refused(change: Any, path: str) -> None:
    document = entry_to_json(entry_of(small_record(1)))
    change(document)
    with pytest.raises(RecordError) as error:
        entry_from_json(document)
    assert error.value.path == path


def test_a_skipped_session_reads_back_and_old_statuses_still_load() -> None:
    for status in SessionStatus:
        document = record_to_json(replace(small_record(1), status=status))
        assert record_from_json(json.loads(json.dumps(document))).status == status
