"""When a reminder is due, as a table (all times on Tuesday 2026-12-01, reminder at 18:00)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from hamtimer.core.reminders import is_due, next_moment

AT = time(18, 0)
TUESDAY = date(2026, 12, 1)


def at(clock: str, day: int = 1) -> datetime:
    hours, minutes = map(int, clock.split(":"))
    return datetime(2026, 12, day, hours, minutes, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "reminded_on", "due"),
    [
        (at("17:59"), None, False),
        (at("18:00"), None, True),
        (at("18:40"), None, True),  # logged in late: still this evening
        (at("20:59"), None, True),
        (at("21:00"), None, False),  # the evening is gone: no nagging
        (at("18:30"), TUESDAY, False),  # already reminded today (a second login)
        (at("18:30"), date(2026, 11, 30), True),
    ],
)
def test_due_at_the_time_until_late_and_once_a_day(
    now: datetime, reminded_on: date | None, due: bool
) -> None:
    assert is_due(now, AT, reminded_on) is due


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at("07:00"), at("18:00")),
        (at("18:00"), at("18:00", day=2)),
        (at("23:59"), at("18:00", day=2)),
    ],
)
def test_the_next_reminder_time(now: datetime, expected: datetime) -> None:
    assert next_moment(now, AT) == expected
