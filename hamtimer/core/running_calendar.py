"""The running week from a calendar export (.ics): which weekdays carry hard runs, the long
run's day and the next race, read from the events' titles.

Only what the plan needs is read: each VEVENT's start date, its title (SUMMARY) and a weekly
repeat (RRULE FREQ=WEEKLY, with BYDAY and UNTIL). Events of the coming `WINDOW_DAYS` say
the week's shape; a race counts up to a year ahead. Titles are matched by words, so
"Tempo 5 km" is hard and "Easy run" is not. Pure: text in, a `RunningWeek` out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from hamtimer.core.scheduling import DAY_NAMES, RunningWeek

WINDOW_DAYS = 28
RACE_HORIZON_DAYS = 366
MAX_EVENTS = 5000
"""More than years of training logged; a file with more is not read further."""

HARD_WORDS = ("interval", "tempo", "hill", "threshold", "track", "fartlek", "speed", "repeat")
LONG_WORDS = ("long",)
RACE_WORDS = ("race", "marathon", "10k", "5k", "parkrun")
ICS_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    start: date
    title: str
    weekly_on: frozenset[int] = frozenset()
    """Weekdays it repeats on every week (empty: it happens once)."""
    until: date | None = None


def parse_calendar(text: str) -> list[CalendarEvent]:
    """The events of an iCalendar text. ValueError when it is not one."""
    lines = _unfolded(text)
    if not lines or lines[0].upper() != "BEGIN:VCALENDAR":
        raise ValueError("not an iCalendar file (it should begin with BEGIN:VCALENDAR)")
    events: list[CalendarEvent] = []
    fields: dict[str, str] | None = None
    for line in lines:
        name, _, value = line.partition(":")
        key = name.split(";")[0].upper()
        if line.upper() == "BEGIN:VEVENT":
            fields = {}
        elif line.upper() == "END:VEVENT" and fields is not None:
            event = _event(fields)
            if event is not None:
                events.append(event)
            fields = None
            if len(events) >= MAX_EVENTS:
                break
        elif fields is not None and key in ("DTSTART", "SUMMARY", "RRULE"):
            fields[key] = value
    return events


def running_week(events: Iterable[CalendarEvent], today: date) -> RunningWeek:
    """Hard days and the long run from the coming weeks' events, the next race after today."""
    hard: set[int] = set()
    long_days: Counter[int] = Counter()
    races: list[date] = []
    for event in events:
        title = event.title.lower()
        if _mentions(title, RACE_WORDS) and today <= event.start <= today + timedelta(
            days=RACE_HORIZON_DAYS
        ):
            races.append(event.start)
            continue
        days = _weekdays_in_window(event, today)
        if _mentions(title, LONG_WORDS):
            long_days.update(days)
        elif _mentions(title, HARD_WORDS):
            hard.update(days)
    long_run = long_days.most_common(1)[0][0] if long_days else None
    return RunningWeek(frozenset(hard - {long_run}), long_run, min(races, default=None))


def describe(week: RunningWeek) -> str:
    hard = ", ".join(DAY_NAMES[d] for d in sorted(week.hard_days)) or "none"
    long_run = DAY_NAMES[week.long_run] if week.long_run is not None else "none"
    race = week.race.isoformat() if week.race is not None else "none"
    return f"hard days {hard}, long run {long_run}, race {race}"


def _unfolded(text: str) -> list[str]:
    """RFC 5545 folds long lines: a line starting with a space or tab continues the last."""
    lines: list[str] = []
    for raw in text.splitlines():
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw.strip():
            lines.append(raw.strip())
    return lines


def _event(fields: dict[str, str]) -> CalendarEvent | None:
    start = _date(fields.get("DTSTART", ""))
    if start is None:
        return None
    title = fields.get("SUMMARY", "").replace("\\,", ",").replace("\\n", " ")
    weekly, until = _weekly(fields.get("RRULE", ""), start)
    return CalendarEvent(start, title, weekly, until)


def _date(value: str) -> date | None:
    """'20270301', '20270301T070000' or '20270301T070000Z': the date (its calendar day)."""
    match = re.match(r"^(\d{4})(\d{2})(\d{2})", value.strip())
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _weekly(rule: str, start: date) -> tuple[frozenset[int], date | None]:
    parts = dict(part.partition("=")[::2] for part in rule.upper().split(";") if "=" in part)
    if parts.get("FREQ") != "WEEKLY" or parts.get("INTERVAL", "1") != "1":
        return frozenset(), None
    by_day = [code[-2:] for code in parts.get("BYDAY", "").split(",") if code[-2:] in ICS_DAYS]
    days = frozenset(ICS_DAYS.index(code) for code in by_day) or frozenset({start.weekday()})
    return days, _date(parts.get("UNTIL", ""))


def _weekdays_in_window(event: CalendarEvent, today: date) -> set[int]:
    end = today + timedelta(days=WINDOW_DAYS)
    if event.weekly_on:
        ended = event.until is not None and event.until < today
        return set() if ended or event.start > end else set(event.weekly_on)
    return {event.start.weekday()} if today <= event.start < end else set()


def _mentions(title: str, words: tuple[str, ...]) -> bool:
    return any(re.search(rf"\b{re.escape(word)}", title) for word in words)
