"""Exports: JSON that imports back equal, CSV a row per leg, and files refused whole."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from hamtimer.core.history import RecordError
from hamtimer.services.history_export import export_history, read_export
from tests.history_records import run_record, small_record


def test_json_export_reads_back_equal(tmp_path: Path) -> None:
    records = [run_record("a"), small_record(2)]
    target = tmp_path / "all.json"
    assert export_history(records, target) == 2
    assert read_export(target) == records


def test_csv_has_a_row_per_exercise_and_leg(tmp_path: Path) -> None:
    target = tmp_path / "all.csv"
    export_history([small_record(1)], target)
    rows = list(csv.DictReader(target.read_text().splitlines()))
    assert [(r["side"], r["hold_s"]) for r in rows] == [("left", "30"), ("right", "28.5")]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\xff\xfe not text", "is not a JSON export"),
        (b"{not json", "is not a JSON export"),
        (b'{"schema_version": 1}', "has no 'sessions' list"),
        (b'{"schema_version": 9, "sessions": []}', "is from history version 9"),
    ],
)
def test_files_that_are_not_exports_are_refused_whole(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    source = tmp_path / "in.json"
    source.write_bytes(content)
    with pytest.raises(RecordError, match=problem):
        read_export(source)


def test_one_bad_session_refuses_the_whole_file(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    export_history([small_record(1), small_record(2)], source)
    document = json.loads(source.read_text())
    document["sessions"][1]["started"] = "soon"
    source.write_text(json.dumps(document))
    with pytest.raises(RecordError) as error:
        read_export(source)
    assert error.value.path == "sessions[1].started"


def test_an_export_from_hamtimer_0_1_still_imports(tmp_path: Path) -> None:
    """0.1's exports have no 'not_training' field: such sessions count as training."""
    source = tmp_path / "old.json"
    export_history([small_record(1)], source)
    document = json.loads(source.read_text())
    for session in document["sessions"]:
        del session["not_training"]
    source.write_text(json.dumps(document))
    [record] = read_export(source)
    assert record == small_record(1) and not record.not_training


def test_csv_cells_that_would_be_formulas_are_neutralised(tmp_path: Path) -> None:
    """Issue 15, item 5: an imported name like =HYPERLINK(…) was written as a formula."""
    from dataclasses import replace

    from hamtimer.core.session_record import QuickLog

    record = replace(
        small_record(1), template_name='=HYPERLINK("x")', log=QuickLog(notes="@SUM(A1)")
    )
    target = tmp_path / "all.csv"
    export_history([record], target)
    rows = list(csv.DictReader(target.read_text().splitlines()))
    assert {r["template"] for r in rows} == {'\'=HYPERLINK("x")'}
    assert {r["notes"] for r in rows} == {"'@SUM(A1)"}
