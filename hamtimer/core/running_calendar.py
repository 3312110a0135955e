"""The running week from a calendar's events: which weekdays carry hard runs, the long run's
day and the next race, read from the events' titles.

The calendar file itself is read in services.calendar_import (with the `icalendar` and
`recurring-ical-events` libraries); this module gets its events as plain values and decides.
Events of the coming `WINDOW_DAYS` say the week's shape; a one-off race counts up to a year
ahead (a race that repeats every week, a parkrun, is a hard run, not the race to taper for).
Titles are matched by words, so "Tempo 5 km" is hard and "Easy run" is not. Pure.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import StrEnum

from hamtimer.core.scheduling import DAY_NAMES, RunningWeek

WINDOW_DAYS = 28
"""Four weeks of repeats say the running week; a repeat is expanded over these days only."""
RACE_HORIZON_DAYS = 366

HARD_WORDS = (
    "interval", "tempo", "hill", "threshold", "track", "fartlek", "speed", "repeat", "vo2",
    "vo₂", "progression", "race pace", "sprint",
)  # fmt: skip
LONG_WORDS = ("long",)
RACE_WORDS = ("race", "marathon", "10k", "5k", "parkrun")


class RunKind(StrEnum):
    HARD = "hard"
    LONG = "long"
    RACE = "race"
    EASY = "easy"


def classify(title: str, repeats: bool = False) -> RunKind:
    """What a run's title says it is. A race is a one-off event named as one ("10k race",
    "Half marathon") with no workout words: "Long run at marathon pace" is a long run, and a
    weekly parkrun is a hard run."""
    text = title.lower()
    if _mentions(text, LONG_WORDS):
        return RunKind.LONG
    racing = _mentions(text, RACE_WORDS)
    if racing and not repeats and not _mentions(text, (*HARD_WORDS, "pace")):
        return RunKind.RACE
    if racing or _mentions(text, HARD_WORDS):
        return RunKind.HARD
    return RunKind.EASY


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One occurrence of a calendar event: its day (in the calendar's own time zone) and
    title, and whether it belongs to a repeating series."""

    day: date
    title: str
    repeats: bool = False


def running_week(events: Iterable[CalendarEvent], today: date) -> RunningWeek:
    """Hard days and the long run from the coming weeks' events, the next race after today."""
    hard: set[int] = set()
    long_days: Counter[int] = Counter()
    races: list[date] = []
    window_end = today + timedelta(days=WINDOW_DAYS)
    for event in events:
        kind = classify(event.title, event.repeats)
        if kind == RunKind.RACE:
            if today <= event.day <= today + timedelta(days=RACE_HORIZON_DAYS):
                races.append(event.day)
            continue
        if not today <= event.day < window_end:
            continue
        if kind == RunKind.LONG:
            long_days[event.day.weekday()] += 1
        elif kind == RunKind.HARD:
            hard.add(event.day.weekday())
    long_run = long_days.most_common(1)[0][0] if long_days else None
    return RunningWeek(frozenset(hard - {long_run}), long_run, min(races, default=None))


def describe(week: RunningWeek) -> str:
    hard = ", ".join(DAY_NAMES[d] for d in sorted(week.hard_days)) or "none"
    long_run = DAY_NAMES[week.long_run] if week.long_run is not None else "none"
    race = week.race.isoformat() if week.race is not None else "none"
    return f"hard days {hard}, long run {long_run}, race {race}"


def classified_titles(events: Iterable[CalendarEvent], today: date) -> dict[RunKind, list[str]]:
    """The distinct titles read in the coming weeks, by kind, for the user to check."""
    seen: dict[RunKind, list[str]] = {}
    window_end = today + timedelta(days=WINDOW_DAYS)
    for event in sorted(events, key=lambda e: e.day):
        kind = classify(event.title, event.repeats)
        in_time = event.day < window_end or kind == RunKind.RACE
        titles = seen.setdefault(kind, [])
        if today <= event.day and in_time and event.title and event.title not in titles:
            titles.append(event.title)
    return {kind: titles for kind, titles in seen.items() if titles}


def event_day(start: date | datetime, local_zone: tzinfo | None = None) -> date:
    """The day an event starts on, as its calendar shows it: a date is itself, a time with
    a zone (TZID, or the calendar's X-WR-TIMEZONE) is that zone's day, a floating time is
    its own day, and a UTC time with no calendar zone is the user's day (`local_zone`, the
    system's when None)."""
    if not isinstance(start, datetime):
        return start
    if start.tzinfo is not None and start.utcoffset() == timedelta(0) and _is_utc(start.tzinfo):
        return start.astimezone(local_zone).date()
    return start.date()


def _is_utc(zone: tzinfo) -> bool:
    return zone is UTC or str(zone).upper() in ("UTC", "Z", "ETC/UTC", "GMT")


# -- repeat rules hamtimer reads -----------------------------------------------------------

READABLE_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
"""A running plan repeats by the day at the finest: a rule by the hour, minute or second is
not one (and would be expanded to millions of occurrences)."""
_PLAIN_PARTS = frozenset({"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "WKST"})
_PARTS_BY_FREQUENCY: Mapping[str, frozenset[str]] = {
    # Daily and weekly rules filtered by month or month day can be impossible ("every day of
    # February the 30th"), which the expansion only learns after walking to the year 9999.
    "DAILY": _PLAIN_PARTS,
    "WEEKLY": _PLAIN_PARTS,
    "MONTHLY": _PLAIN_PARTS | {"BYMONTHDAY", "BYSETPOS"},
    "YEARLY": _PLAIN_PARTS | {"BYMONTHDAY", "BYSETPOS", "BYMONTH", "BYYEARDAY", "BYWEEKNO"},
}
MAX_INTERVAL = 520
"""Ten years of weeks: a larger gap between repeats is not a training plan."""


def unreadable_repeat(rule: Mapping[str, Sequence[object]]) -> str | None:
    """Why a repeat rule (RRULE parts, as lists) is not one hamtimer expands, or None."""
    frequency = str(next(iter(rule.get("FREQ", [])), "")).upper()
    if frequency not in READABLE_FREQUENCIES:
        return f"it repeats {frequency.lower() or 'with no frequency'}, more often than daily"
    extra = sorted(set(rule) - _PARTS_BY_FREQUENCY[frequency])
    if extra:
        return f"its {frequency.lower()} repeat uses {', '.join(extra)}"
    interval = next(iter(rule.get("INTERVAL", [1])), 1)
    if not isinstance(interval, int) or not 1 <= interval <= MAX_INTERVAL:
        return f"it repeats at an interval of {interval}"
    return None


def _mentions(title: str, words: tuple[str, ...]) -> bool:
    return any(re.search(rf"\b{re.escape(word)}", title) for word in words)
