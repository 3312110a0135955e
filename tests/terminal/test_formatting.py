"""Plain-text renderings: template tables and session summaries."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from hamtimer.core.model import Mode
from hamtimer.core.plan import compile_plan
from hamtimer.core.session_record import LegRecord, SessionRecord, SessionStatus, StepColumns
from hamtimer.core.vocabulary import Side
from hamtimer.terminal.formatting import summary_lines, template_table
from tests.builders import exercise_template, template

STEP_LINE = re.compile(r"^\s*\d+\s+\d+:\d\d\s+(\d+ s|open)\s+[A-Z]+")


# --- template_table -------------------------------------------------------------------------


def test_template_table_has_header_and_one_row_per_template() -> None:
    first = template()
    second = template(
        id="other", name="Other session", source={"title": "Other", "publisher": "Mag"}
    )
    lines = template_table([(first, compile_plan(first)), (second, compile_plan(second))])
    assert len(lines) == 3
    assert lines[0].split() == ["ID", "NAME", "DURATION", "LEVEL", "SOURCE"]
    assert lines[1].split(maxsplit=1)[0] == "test-bridge"
    assert "Test bridge" in lines[1]
    assert "2:26" in lines[1]
    assert "beginner" in lines[1]
    assert lines[1].endswith("A test article")
    assert lines[2].endswith("Other (Mag)")


def test_template_table_columns_line_up() -> None:
    short = template(id="a", name="A")
    long = template(id="a-much-longer-id", name="A much longer name")
    lines = template_table([(short, compile_plan(short)), (long, compile_plan(long))])
    starts = {line.index(word) for line, word in zip(lines, ["NAME", "A", "A much"], strict=True)}
    assert len(starts) == 1
    assert all(line == line.rstrip() for line in lines)


def test_template_table_shows_open_steps() -> None:
    open_one = exercise_template(
        mode="open", hold_s=None, goal="20 yards", sides="both", wait_for_done=True
    )
    lines = template_table([(open_one, compile_plan(open_one))])
    assert "+ 2 open steps" in lines[1]


# --- summary_lines --------------------------------------------------------------------------


def _hold_leg(side: Side, holds: tuple[float, ...], full: int, skipped: int = 0) -> LegRecord:
    return LegRecord(
        "bridge", "Bridge hold", Mode.HOLD, side, 3, len(holds), skipped, holds, 0, full
    )


def _record(
    legs: tuple[LegRecord, ...], actual_s: tuple[float, ...], outcomes: tuple[str, ...]
) -> SessionRecord:
    """A record whose steps ran `actual_s` seconds with `outcomes` (only these count here)."""
    moment = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
    n = len(actual_s)
    steps = StepColumns(("work",) * n, ("x",) * n, ("left",) * n, (None,) * n, actual_s, outcomes)
    status = SessionStatus.COMPLETED if "stopped" not in outcomes else SessionStatus.STOPPED
    return SessionRecord("id", "t", "Evening", 1, moment, moment, status, steps, legs)


def test_summary_completed_with_holds_and_reps() -> None:
    curls = LegRecord("curl", "Nordic curl", Mode.REPS, Side.BOTH, 2, 2, 0, (), 16)
    legs = (
        _hold_leg(Side.LEFT, (20, 20, 20), 3),
        _hold_leg(Side.RIGHT, (20, 14), 1, skipped=1),
        curls,
    )
    record = _record(legs, (700.0, 54.4, 0.0), ("completed", "completed", "skipped"))
    assert summary_lines(record) == [
        "Evening: completed in 12:34",
        "  Bridge hold",
        "    left         3/3 sets; holds 20, 20, 20 s (3 full length)",
        "    right        2/3 sets; holds 20, 14 s (1 full length); 1 skipped",
        "  Nordic curl",
        "    both legs    2/2 sets; 16 reps",
        "  Skipped steps: 1",
    ]


def test_summary_stopped_early_without_skips() -> None:
    walk = LegRecord("walk", "Hamstring walkouts", Mode.OPEN, Side.ALTERNATE, 2, 0, 0)
    record = _record((walk,), (3725.0,), ("stopped",))
    assert summary_lines(record)[1:] == [
        "  Hamstring walkouts",
        "    alternating  0/2 sets",
    ]
    assert summary_lines(record)[0] == "Evening: stopped early in 1:02:05"
