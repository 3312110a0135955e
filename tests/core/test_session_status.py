"""The one status rule (core.session_record.session_status) and what counts as training,
as a table and through real runs of the engine on a fake clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from hamtimer.core.engine import EngineState, SessionEngine
from hamtimer.core.history import entry_of
from hamtimer.core.plan import compile_plan
from hamtimer.core.session_record import (
    SessionEnd,
    SessionRecord,
    SessionStatus,
    counts_as_training,
    session_record,
    session_status,
)
from tests.builders import template
from tests.fakes import FakeClock

NOW = datetime(2026, 11, 21, 7, tzinfo=UTC)
End, Status = SessionEnd, SessionStatus


@pytest.mark.parametrize(
    ("ended_by", "done", "planned", "status", "counts"),
    [
        (End.FINISHED, 4.0, 4, Status.COMPLETED, True),
        (End.FINISHED, 2.0, 4, Status.COMPLETED, True),  # half done, the rest skipped
        (End.FINISHED, 0.37, 4, Status.STOPPED, False),  # 11 s, then skipped to the end
        (End.FINISHED, 0.0, 4, Status.SKIPPED, False),  # every step skipped
        (End.STOPPED, 0.0, 4, Status.STOPPED, False),  # Stop after 11 s
        (End.STOPPED, 3.0, 4, Status.STOPPED, True),  # Stop in the cool-down: still training
        (End.INTERRUPTED, 3.0, 4, Status.INTERRUPTED, True),
        (End.INTERRUPTED, 0.0, 4, Status.INTERRUPTED, False),
    ],
)
def test_the_status_rule(
    ended_by: SessionEnd, done: float, planned: int, status: SessionStatus, counts: bool
) -> None:
    assert session_status(ended_by, done, planned) == status
    assert counts_as_training(done, planned) == counts


Command = Callable[[SessionEngine], object]


def run(commands: dict[float, Command]) -> SessionRecord:
    """The test bridge (2 sets of 20 s on each leg) with `commands` at those session seconds,
    to the end or to a stop."""
    clock = FakeClock()
    engine = SessionEngine(compile_plan(template()), clock=clock, wall_clock=clock.wall)
    engine.start()
    start, pending = clock.now, sorted(commands.items())
    while (deadline := engine.next_deadline()) is not None:
        if pending and pending[0][0] + start <= deadline:
            at, command = pending.pop(0)
            clock.advance(max(0.0, at + start - clock.now))
            command(engine)
            continue
        clock.advance(max(0.0, deadline - clock.now))
        engine.poll()
    finished = engine.state == EngineState.FINISHED
    return session_record(
        engine.plan,
        engine.results(),
        record_id="r",
        started=NOW,
        ended=NOW,
        ended_by=SessionEnd.FINISHED if finished else SessionEnd.STOPPED,
    )


def skip_all(engine: SessionEngine) -> None:
    while engine.current_step is not None:
        engine.skip()


def test_a_whole_session_is_completed_and_counts() -> None:
    record = run({})
    assert record.status == Status.COMPLETED and record.work == (4.0, 4)
    assert entry_of(record).is_training


def test_every_step_skipped_to_the_end_is_skipped_not_completed() -> None:
    record = run({0.5: skip_all})
    assert record.status == Status.SKIPPED and record.work == (0.0, 4)
    assert not entry_of(record).is_training


def test_a_second_into_the_first_hold_then_skipped_to_the_end_is_skipped() -> None:
    # 10 s of getting ready, 1 s of the first hold, then → to the end: nothing was done
    record = run({11.0: skip_all})
    assert record.status == Status.SKIPPED and not entry_of(record).is_training


def test_eleven_seconds_held_then_skipped_to_the_end_is_a_stop_that_does_not_count() -> None:
    # the first hold ended after 11 of its 20 s (Done), the rest skipped: it was completed
    record = run({21.0: lambda engine: engine.done(), 22.0: skip_all})
    assert record.work == (0.55, 4)  # a set counts by its share
    assert record.status == Status.STOPPED and not entry_of(record).is_training


def test_stopped_after_eleven_seconds_stays_stopped() -> None:
    record = run({11.0: lambda engine: engine.stop()})
    assert record.status == Status.STOPPED and not entry_of(record).is_training


def test_half_done_then_stopped_still_counts_as_training() -> None:
    # three of the four holds done by 2:00, stopped 10 s into the last
    record = run({130.0: lambda engine: engine.stop()})
    done, planned = record.work
    assert record.status == Status.STOPPED and done >= planned / 2
    assert entry_of(record).is_training
