"""Reading a running plan's calendar export (.ics) with the maintained libraries: `icalendar`
parses it, `x-wr-timezone` puts Google's calendar-wide zone on its UTC times, and
`recurring-ical-events` expands repeats (RRULE with UNTIL or COUNT or no end, RDATE, EXDATE,
moved occurrences) over the coming weeks only.

What the events mean (hard, long, race) is decided in core.running_calendar; this module only
turns a file into `CalendarEvent`s, and refuses a file it cannot read in one `CalendarError`
line: too big, not UTF-8, not a calendar, nested absurdly deep, repeating more often than
daily, or with more events than any running plan. The libraries are imported on first use:
only `hamtimer plan --ics` pays for them.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from pathlib import Path
from typing import Any, ClassVar

from hamtimer.core.running_calendar import (
    RACE_HORIZON_DAYS,
    WINDOW_DAYS,
    CalendarEvent,
    event_day,
    running_week,
    unreadable_repeat,
)
from hamtimer.core.scheduling import RunningWeek
from hamtimer.services.guarded_file import FileTooLargeError, GuardedFileError, read_bytes

MAX_CALENDAR_BYTES = 5_000_000
"""Years of a busy calendar; a bigger export should be cut to fewer months."""
MAX_DEPTH = 10
"""BEGIN/END nesting: a calendar holds events that hold alarms; the parsers recurse on it."""
MAX_EVENTS = 10_000
"""Decades of daily runs. The worst file within both limits parses in about 3 s here."""
MAX_OCCURRENCES = 2_000
"""In the four weeks read: 70 a day, far past any runner's calendar."""
TIME_BUDGET_S = 3.0
"""Expanding repeats stops after this long (checked between occurrences)."""


class CalendarError(ValueError):
    """The calendar file cannot be used; str() is one line saying why."""


@dataclass(frozen=True, slots=True)
class CalendarRead:
    events: list[CalendarEvent]
    """Occurrences in the coming weeks, and one-off events up to a year ahead."""
    left_out: int = 0
    """Events whose dates or repeats could not be worked out (the others are read)."""

    def running_week(self, today: date) -> RunningWeek:
        return running_week(self.events, today)


def read_calendar_file(path: Path, today: date, local_zone: tzinfo | None = None) -> CalendarRead:
    """The events of the .ics file at `path` around `today`; CalendarError when unusable."""
    try:
        data = read_bytes(path, max_bytes=MAX_CALENDAR_BYTES)
    except FileTooLargeError:
        raise CalendarError(f"{path} is over 5 MB: export fewer months of the calendar") from None
    except GuardedFileError as error:
        raise CalendarError(f"{path} can't be read: {error}") from None
    except OSError as error:
        raise CalendarError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        return read_calendar(data, today, local_zone)
    except CalendarError as error:
        raise CalendarError(f"{path}: {error}") from None


def read_calendar(data: bytes, today: date, local_zone: tzinfo | None = None) -> CalendarRead:
    """The events of an iCalendar file's bytes; CalendarError (one line) when unusable."""
    text = _text(data)
    calendar = _parse(text)
    started = time.monotonic()
    left_out: list[str] = []
    events = list(_occurrences(calendar, today, local_zone, started, left_out))
    events += _one_offs(calendar, today, local_zone)
    return CalendarRead(events, len(left_out))


def _text(data: bytes) -> str:
    """RFC 5545 says UTF-8; a byte-order mark is tolerated, any other encoding is refused."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CalendarError(
            "not UTF-8 text; export the calendar again (iCalendar files are UTF-8)"
        ) from None
    if not text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        raise CalendarError("not an iCalendar file (it should begin with BEGIN:VCALENDAR)")
    depth = deepest = 0
    for line in text.splitlines():
        word = line[:6].upper()
        if word == "BEGIN:":
            depth += 1
            deepest = max(deepest, depth)
        elif word.startswith("END:"):
            depth -= 1
        if deepest > MAX_DEPTH:
            raise CalendarError(f"not a calendar: parts nested over {MAX_DEPTH} deep")
    if text.upper().count("BEGIN:VEVENT") > MAX_EVENTS:
        raise CalendarError(f"over {MAX_EVENTS:,} events: export fewer months of the calendar")
    return text


def _parse(text: str) -> Any:
    import icalendar
    import x_wr_timezone

    try:
        calendar = icalendar.Calendar.from_ical(text)
        # Google writes times in UTC and the calendar's zone once, as X-WR-TIMEZONE.
        calendar = x_wr_timezone.to_standard(calendar)
    # A third-party parser on a hostile file: whatever it raises means "can't read it".
    except Exception as error:
        raise CalendarError(f"not a calendar hamtimer can read ({_short(error)})") from None
    if calendar.name != "VCALENDAR":
        raise CalendarError("not an iCalendar file (it holds no VCALENDAR)")
    if not any(_start(event) is not None for event in calendar.walk("VEVENT")):
        raise CalendarError("it holds no event with a date hamtimer can read")
    for event in calendar.walk("VEVENT"):
        for rule in _rules(event):
            reason = unreadable_repeat(rule)
            if reason is not None:
                title = str(event.get("SUMMARY", "")) or "an event"
                raise CalendarError(
                    f"'{title[:60]}' repeats in a way hamtimer does not read: {reason}"
                )
    return calendar


def _rules(event: Any) -> list[dict[str, list[object]]]:
    """The event's repeat rules; none when they cannot be read (the expansion then leaves the
    event out, as it does any broken series)."""
    rules = event.get("RRULE", [])
    try:
        return [dict(rule) for rule in (rules if isinstance(rules, list) else [rules])]
    except (ValueError, TypeError, AttributeError):  # icalendar's BrokenCalendarProperty
        return []


def _occurrences(
    calendar: Any, today: date, local_zone: tzinfo | None, started: float, left_out: list[str]
) -> Iterator[CalendarEvent]:
    """Every occurrence in the coming weeks, one series at a time, under a count and a
    time budget (an impossible rule still walks the years before it yields nothing). A series
    the library cannot expand is left out and named in `left_out`."""
    import recurring_ical_events

    start, end = today, today + timedelta(days=WINDOW_DAYS)
    # Every occurrence gets a RECURRENCE-ID, so a series is known by its UID instead.
    series_uids = {str(c.get("UID")) for c in calendar.walk("VEVENT") if _repeats(c)}

    class Query(recurring_ical_events.CalendarQuery):  # type: ignore[misc]
        # Leave out any series the library cannot build, not only the errors it expects.
        suppressed_errors: ClassVar[list[type[Exception]]] = [
            *recurring_ical_events.CalendarQuery.suppressed_errors,
            ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError,
        ]  # fmt: skip

    try:
        query = recurring_ical_events.of(calendar, skip_bad_series=True, calendar_query=Query)
    except Exception as error:  # the library's own errors on a malformed file
        raise CalendarError(f"not a calendar hamtimer can read ({_short(error)})") from None
    uids = {str(component.get("UID")) for component in calendar.walk("VEVENT")}
    left_out += ["could not be built"] * max(0, len(uids) - len(query.series))
    count = 0
    for series in query.series:
        _check_time(started)
        try:
            occurrences = [
                occurrence.as_component(False)
                for occurrence in _bounded(series, start, end, started)
            ]
        except CalendarError:
            raise
        except Exception as error:  # one broken event: the others are still read
            left_out.append(_short(error))
            continue
        count += len(occurrences)
        if count > MAX_OCCURRENCES:
            raise CalendarError(
                f"over {MAX_OCCURRENCES:,} events in four weeks: not a running plan"
            )
        for component in occurrences:
            yield _event(component, local_zone, str(component.get("UID")) in series_uids)


def _bounded(series: Any, start: date, end: date, started: float) -> Iterator[Any]:
    """A series' occurrences, stopped at the count limit and the time budget."""
    for number, occurrence in enumerate(series.between(start, end), start=1):
        if number > MAX_OCCURRENCES:
            raise CalendarError(
                f"over {MAX_OCCURRENCES:,} events in four weeks: not a running plan"
            )
        _check_time(started)
        yield occurrence


def _check_time(started: float) -> None:
    if time.monotonic() - started > TIME_BUDGET_S:
        raise CalendarError("its repeating events take too long to work out")


def _one_offs(calendar: Any, today: date, local_zone: tzinfo | None) -> list[CalendarEvent]:
    """Events that happen once, after the coming weeks and up to a year ahead (a race)."""
    first = today + timedelta(days=WINDOW_DAYS)
    last = today + timedelta(days=RACE_HORIZON_DAYS)
    events = []
    for component in calendar.walk("VEVENT"):
        if _repeats(component) or _start(component) is None:
            continue  # a start that cannot be read: left out, as the expansion does
        event = _event(component, local_zone, repeats=False)
        if first <= event.day <= last:
            events.append(event)
    return events


def _start(component: Any) -> date | None:
    """The event's DTSTART as a date or datetime, None when it has none that reads."""
    try:
        start = component.decoded("DTSTART")
    except (KeyError, ValueError, TypeError, AttributeError):
        return None
    return start if isinstance(start, date) else None  # a duration or period is no start


def _event(component: Any, local_zone: tzinfo | None, repeats: bool) -> CalendarEvent:
    start = _start(component)
    if start is None:
        raise CalendarError("an event's start is not a date")
    title = " ".join(str(component.get("SUMMARY", "")).split())
    return CalendarEvent(event_day(start, local_zone), title, repeats)


def _repeats(component: Any) -> bool:
    return any(key in component for key in ("RRULE", "RDATE", "RECURRENCE-ID"))


def _short(error: Exception) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:80]
