"""History records for tests: a real plan run on a fake clock, or a small hand-made one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from hamtimer.core.session_record import (
    LegRecord,
    SessionEnd,
    SessionRecord,
    SessionStatus,
    StepColumns,
    session_record,
)
from hamtimer.core.vocabulary import Mode, Side

if TYPE_CHECKING:
    from hamtimer.services.history import HistoryStore

START = datetime(2026, 11, 2, 7, 30, tzinfo=UTC)


def run_record(record_id: str = "run-1") -> SessionRecord:
    """A whole session of the test template, run to its end."""
    from hamtimer.core.engine import SessionEngine  # (the kill test's child stays light)
    from hamtimer.core.plan import compile_plan
    from tests.builders import template
    from tests.fakes import FakeClock

    plan = compile_plan(template())
    clock = FakeClock()
    engine = SessionEngine(plan, clock=clock, wall_clock=clock.wall)
    engine.start()
    while (deadline := engine.next_deadline()) is not None:
        clock.advance(max(0.0, deadline - clock.now))
        engine.poll()
    return session_record(
        plan,
        engine.results(),
        record_id=record_id,
        started=START,
        ended=START + timedelta(seconds=plan.total_s),
        ended_by=SessionEnd.FINISHED,
    )


def small_record(number: int, started: datetime = START) -> SessionRecord:
    return SessionRecord(
        id=f"session-{number}",
        template_id="isometric-bridge-hold",
        template_name="Isometric bridge hold",
        template_version=1,
        started=started,
        ended=started + timedelta(minutes=12),
        status=SessionStatus.COMPLETED,
        steps=StepColumns(
            ("work", "work"),
            ("bridge", "bridge"),
            ("left", "right"),
            (30.0, 30.0),
            (30.0, 28.5),
            ("completed", "ended_early"),
        ),
        legs=(
            LegRecord("bridge", "Bridge hold", Mode.HOLD, Side.LEFT, 1, 1, 0, (30.0,), 0, 1),
            LegRecord("bridge", "Bridge hold", Mode.HOLD, Side.RIGHT, 1, 1, 0, (28.5,), 0, 0),
        ),
    )


def store_at(home: Path) -> HistoryStore:
    """A history in `home`: the (syncable) folder `home/history`, this computer's own files
    in `home/local`."""
    from hamtimer.services.history import HistoryStore

    return HistoryStore(home / "history", home / "local")


def bridge_sets_record(
    number: int, started: datetime, left_s: float, right_s: float, sets: int = 3
) -> SessionRecord:
    """`sets` holds of `left_s` and `right_s` seconds on the built-in bridge hold: a session
    of a history that progresses (the History screenshots build a year of them)."""
    exercise, name = "single-leg-bridge-hold", "Single-leg hamstring bridge hold"
    sides = ("left", "right") * sets
    held = tuple(left_s if side == "left" else right_s for side in sides)
    legs = tuple(
        LegRecord(exercise, name, Mode.HOLD, side, sets, sets, 0, (seconds,) * sets, 0, sets)
        for side, seconds in ((Side.LEFT, left_s), (Side.RIGHT, right_s))
    )
    return SessionRecord(
        id=f"bridge-{number}",
        template_id="isometric-bridge-hold",
        template_name="Single-leg hamstring bridge hold",
        template_version=1,
        started=started,
        ended=started + timedelta(minutes=9),
        status=SessionStatus.COMPLETED,
        steps=StepColumns(
            ("work",) * len(sides),
            (exercise,) * len(sides),
            sides,
            held,
            held,
            ("completed",) * len(sides),
        ),
        legs=legs,
    )
