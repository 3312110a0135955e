"""Figures the History screen draws: sessions per week against the 2-3 a week the seed
articles suggest, hold time per leg over time, and the streak of weeks on target.

Only sessions that count as training (`HistoryEntry.is_training`: at least half of the
planned work done) are counted: a session stopped after a few seconds, or skipped through,
is in the list but not in the weekly totals or the streak.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

from hamtimer.core.history import HistoryEntry
from hamtimer.core.vocabulary import Side

WEEKLY_TARGET = (2, 3)
"""Sessions a week: at least the first, at most the second (hamstrings need rest days)."""


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def on_target(count: int) -> bool:
    """Inside 2-3 a week: fewer builds too little, more leaves too little rest."""
    return WEEKLY_TARGET[0] <= count <= WEEKLY_TARGET[1]


def training(entries: Sequence[HistoryEntry]) -> list[HistoryEntry]:
    """The sessions that count as training, in the order given."""
    return [entry for entry in entries if entry.is_training]


def sessions_per_week(entries: Sequence[HistoryEntry]) -> Counter[date]:
    """Sessions that count as training, by the Monday of their week (local time)."""
    return Counter(week_start(entry.started.astimezone().date()) for entry in training(entries))


def weekly_counts(
    entries: Sequence[HistoryEntry], today: date, weeks: int
) -> list[tuple[date, int]]:
    """(Monday, sessions that week) for the `weeks` weeks up to this one, oldest first."""
    counts = sessions_per_week(entries)
    mondays = [week_start(today) - timedelta(weeks=n) for n in range(weeks)]
    return [(monday, counts[monday]) for monday in reversed(mondays)]


def weeks_on_target(entries: Sequence[HistoryEntry], today: date) -> int:
    """Weeks in a row, back from the last full week, with 2 to 3 sessions: a week with four or
    more breaks the streak as one with fewer than two does. This week joins the streak once it
    is on target, and ends it once it is over (a session can't be taken back); below target it
    is still open, so the streak never drops mid-week."""
    counts = sessions_per_week(entries)
    monday = week_start(today)
    if counts[monday] > WEEKLY_TARGET[1]:
        return 0
    streak = 1 if on_target(counts[monday]) else 0
    monday -= timedelta(weeks=1)
    while on_target(counts[monday]):
        streak += 1
        monday -= timedelta(weeks=1)
    return streak


def holds_by_leg(entries: Sequence[HistoryEntry]) -> list[tuple[HistoryEntry, float, float]]:
    """(session, left seconds, right seconds) for sessions that count as training and held on
    each leg, oldest first."""
    rows = []
    for entry in sorted(training(entries), key=lambda e: e.started):
        holds = dict(entry.hold_s)
        if Side.LEFT in holds and Side.RIGHT in holds:
            rows.append((entry, holds[Side.LEFT], holds[Side.RIGHT]))
    return rows


def weekly_sentence(counts: Sequence[tuple[date, int]], target: tuple[int, int]) -> str:
    """The sessions-per-week chart in words, for a screen reader: every week's count, and how
    many weeks were within the target."""
    low, high = target
    weeks = ", ".join(f"week of {monday:%d %b}: {count}" for monday, count in counts)
    within = sum(low <= count <= high for _monday, count in counts)
    return (
        f"Sessions per week over the last {len(counts)} weeks. {weeks}. "
        f"{within} of {len(counts)} weeks within the target of {low} to {high}."
    )
