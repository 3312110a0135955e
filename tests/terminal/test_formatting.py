"""Plain-text renderings: template tables and session summaries."""

from __future__ import annotations

import re

from hamtimer.core.model import Mode
from hamtimer.core.plan import compile_plan
from hamtimer.core.summary import ExerciseTally, SessionSummary, SideTally
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
    assert "2:20" in lines[1]
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
    open_one = exercise_template(mode="open", hold_s=None, goal="20 yards", sides="both")
    lines = template_table([(open_one, compile_plan(open_one))])
    assert "+ 2 open steps" in lines[1]


# --- summary_lines --------------------------------------------------------------------------


def _hold_tally(side: Side, holds: list[float], full: int, skipped: int = 0) -> SideTally:
    return SideTally(
        side=side,
        sets_planned=3,
        sets_done=len(holds),
        sets_skipped=skipped,
        full_holds=full,
        hold_seconds=holds,
    )


def test_summary_completed_with_holds_and_reps() -> None:
    bridge = ExerciseTally("bridge", "Bridge hold", Mode.HOLD)
    bridge.sides[Side.LEFT] = _hold_tally(Side.LEFT, [20, 20, 20], 3)
    bridge.sides[Side.RIGHT] = _hold_tally(Side.RIGHT, [20, 14], 1, skipped=1)
    curls = ExerciseTally("curl", "Nordic curl", Mode.REPS)
    curls.sides[Side.BOTH] = SideTally(Side.BOTH, sets_planned=2, sets_done=2, reps_done=16)
    summary = SessionSummary("Evening", [bridge, curls], 1, 754.4, True)
    assert summary_lines(summary) == [
        "Evening: completed in 12:34",
        "  Bridge hold",
        "    left         3/3 sets; holds 20, 20, 20 s (3 full length)",
        "    right        2/3 sets; holds 20, 14 s (1 full length); 1 skipped",
        "  Nordic curl",
        "    both legs    2/2 sets; 16 reps",
        "  Skipped steps: 1",
    ]


def test_summary_stopped_early_without_skips() -> None:
    walk = ExerciseTally("walk", "Hamstring walkouts", Mode.OPEN)
    walk.sides[Side.ALTERNATE] = SideTally(Side.ALTERNATE, sets_planned=2)
    summary = SessionSummary("Short", [walk], 0, 3725.0, False)
    assert summary_lines(summary) == [
        "Short: stopped early in 1:02:05",
        "  Hamstring walkouts",
        "    alternating  0/2 sets",
    ]
