from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from hamtimer.core.history import HistoryEntry
from hamtimer.core.history_stats import (
    holds_by_leg,
    weekly_counts,
    weekly_sentence,
    weeks_on_target,
)
from hamtimer.core.session_record import QuickLog, SessionStatus
from hamtimer.core.vocabulary import Side

TODAY = date(2026, 11, 21)  # a Saturday


def entry(
    day: date, left: float = 60.0, right: float = 50.0, done: float = 6.0, number: int = 0
) -> HistoryEntry:
    moment = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    return HistoryEntry(
        f"s-{day}-{number}", "bridge", "Bridge", moment, moment + timedelta(minutes=10),
        SessionStatus.COMPLETED, 600.0, ((Side.LEFT, left), (Side.RIGHT, right)), (), QuickLog(),
        done, 6,
    )  # fmt: skip


def weeks(*counts: int, done: float = 6.0) -> list[HistoryEntry]:
    """`counts` sessions a week, oldest week first, the last being this week (Mon-Sat)."""
    found = []
    for weeks_ago, count in enumerate(reversed(counts)):
        monday = TODAY - timedelta(days=5, weeks=weeks_ago)
        found += [entry(monday + timedelta(days=n % 6), done=done, number=n) for n in range(count)]
    return found


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


@pytest.mark.parametrize(
    ("counts", "streak"),
    [
        ((2, 3, 2, 0), 3),  # this week still open: the streak stands
        ((2, 3, 2, 1), 3),
        ((2, 3, 2, 2), 4),  # this week on target joins it
        ((2, 3, 2, 4), 0),  # a fourth session this week ends it
        ((2, 6, 2, 0), 1),  # a 6-session week is not on target (it counted)
        ((3, 1, 3, 3), 2),  # nor is a 1-session week
        ((3, 3, 3, 6), 0),
    ],
)
def test_the_streak_counts_only_weeks_of_two_to_three(counts: tuple[int, ...], streak: int) -> None:
    assert weeks_on_target(weeks(*counts), TODAY) == streak


def test_sessions_under_half_done_count_nowhere() -> None:
    stopped = weeks(2, 3, 2, done=2.9)  # under half of 6 planned sets
    assert weeks_on_target([*weeks(2, 3, 0), *stopped], TODAY) == 2
    assert [c for _monday, c in weekly_counts(stopped, TODAY, weeks=3)] == [0, 0, 0]
    half = weeks(2, 3, 2, done=3.0)
    assert [c for _monday, c in weekly_counts(half, TODAY, weeks=3)] == [2, 3, 2]


def test_the_weekly_chart_in_words_gives_every_week_and_the_weeks_on_target() -> None:
    counts = weekly_counts(weeks(2, 0, 3), TODAY, weeks=3)
    words = weekly_sentence(counts, (2, 3))
    assert words.startswith("Sessions per week over the last 3 weeks.")
    assert "week of 02 Nov: 2, week of 09 Nov: 0, week of 16 Nov: 3." in words
    assert words.endswith("2 of 3 weeks within the target of 2 to 3.")
