from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hamtimer.core.history import HistoryEntry
from hamtimer.core.history_stats import holds_by_leg, weekly_counts, weeks_on_target
from hamtimer.core.session_record import QuickLog, SessionStatus
from hamtimer.core.vocabulary import Side

TODAY = date(2026, 11, 21)  # a Saturday


def entry(day: date, left: float = 60.0, right: float = 50.0) -> HistoryEntry:
    moment = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    return HistoryEntry(
        f"s-{day}", "bridge", "Bridge", moment, moment + timedelta(minutes=10),
        SessionStatus.COMPLETED, 600.0, ((Side.LEFT, left), (Side.RIGHT, right)), (), QuickLog(),
        6.0, 6,
    )  # fmt: skip


def test_weekly_counts_cover_every_week_even_empty_ones() -> None:
    days = [TODAY, TODAY - timedelta(days=1), TODAY - timedelta(days=15)]
    counts = weekly_counts([entry(d) for d in days], TODAY, weeks=4)
    assert [c for _monday, c in counts] == [0, 1, 0, 2]
    assert counts[-1][0] == date(2026, 11, 16)  # the Monday of this week


def test_streak_counts_full_weeks_on_target_and_this_week_once_it_is() -> None:
    two_a_week = [TODAY - timedelta(weeks=w, days=d) for w in range(1, 4) for d in (0, 2)]
    entries = [entry(d) for d in two_a_week]
    assert weeks_on_target(entries, TODAY) == 3
    assert weeks_on_target([*entries, entry(TODAY), entry(TODAY - timedelta(days=1))], TODAY) == 4
    assert weeks_on_target(entries[2:], TODAY) == 0  # last week had one session


def test_holds_by_leg_keep_sessions_with_both_legs_oldest_first() -> None:
    first, second = entry(TODAY - timedelta(days=3)), entry(TODAY, 70, 65)
    both_legs_together = replace(entry(TODAY - timedelta(days=1)), hold_s=(("both", 90.0),))
    assert holds_by_leg([second, both_legs_together, first]) == [
        (first, 60.0, 50.0),
        (second, 70.0, 65.0),
    ]
