"""The coaching rules over a program's session, as a table (MONDAY is 2026-11-30)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from hamtimer.core.coaching import AdviceKind
from hamtimer.core.history import HistoryEntry
from hamtimer.core.plan_coaching import coach_session
from hamtimer.core.program import Program, validate_program
from hamtimer.core.session_record import QuickLog, SessionStatus
from hamtimer.core.vocabulary import Leg, Side
from tests.core.test_scheduling import program_document

MONDAY = date(2026, 11, 30)


def history_entry(
    day: date, pain: int | None = 2, left: float = 60.0, right: float = 60.0,
    template_id: str = "main",
) -> HistoryEntry:  # fmt: skip
    """A finished session of `template_id` at noon UTC on `day`, every set done."""
    started = datetime.combine(day, time(12), tzinfo=UTC)
    return HistoryEntry(
        f"{day}-{template_id}", template_id, "Main", started, started + timedelta(minutes=10),
        SessionStatus.COMPLETED, 600.0, ((Side.LEFT, left), (Side.RIGHT, right)), (),
        QuickLog(6, pain), 6.0, 6,
    )  # fmt: skip


def stepping_program() -> Program:
    """Week 1 holds 20 s, week 2 holds 25 s (three sessions each)."""
    document = program_document(weeks=2)
    step = {"template": "main", "targets": [{"exercise": "hold", "hold_s": 25}]}
    document["weeks"][1]["sessions"] = [step] * 3
    return validate_program(document)


def days_before(
    today: date, *days: int, pain: int | None = 2, left: float = 60.0
) -> list[HistoryEntry]:
    return [history_entry(today - timedelta(days=d), pain=pain, left=left) for d in days]


TODAY = MONDAY + timedelta(days=9)  # week 2, Wednesday


def coached_hold(entries: list[HistoryEntry]) -> tuple[int | None, bool, Leg | None]:
    program = stepping_program()
    result = coach_session(program, 2, 1, program.weeks[1].sessions[0], entries, TODAY)
    hold = result.session.targets[0].hold_s if result.session.targets else None
    return hold, result.stop is not None, result.first_side


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        pytest.param([], (25, False, None), id="no history: the week's step up"),
        pytest.param(days_before(TODAY, 2, 5, 7), (25, False, None), id="training well"),
        pytest.param(days_before(TODAY, 2, pain=7), (25, True, None), id="pain 7: stop"),
        pytest.param(
            days_before(TODAY, 2, 5, pain=5), (20, False, None), id="pain 5 twice: last week's"
        ),
        pytest.param(
            days_before(TODAY, 2, 5, 7, left=50.0), (25, False, Leg.LEFT), id="weaker left leg"
        ),
    ],
)
def test_the_history_adjusts_todays_session(
    entries: list[HistoryEntry], expected: tuple[int | None, bool, Leg | None]
) -> None:
    assert coached_hold(entries) == expected


def test_a_stop_says_why_and_holding_back_says_so() -> None:
    program = stepping_program()
    session = program.weeks[1].sessions[0]
    stopped = coach_session(program, 2, 1, session, days_before(TODAY, 2, pain=8), TODAY)
    assert stopped.stop is not None and stopped.stop.kind == AdviceKind.STOP
    eased = coach_session(program, 2, 1, session, days_before(TODAY, 2, 5, pain=5), TODAY)
    assert eased.notes[0].startswith("At last week's numbers: ")
    assert eased.choice().hold_s == {"hold": 20}


def test_week_one_has_no_last_week_to_fall_back_to() -> None:
    program = stepping_program()
    session = program.weeks[0].sessions[0]
    result = coach_session(program, 1, 1, session, days_before(TODAY, 2, 5, pain=5), TODAY)
    assert result.session == session
