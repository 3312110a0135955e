"""Which days of a week carry a program's strength sessions, around the user's running.

The rules (the README's "Plans over weeks" has them too):
- never on the day before a hard run (intervals, tempo, hills) or the long run: legs tired by
  strength work make a poor quality run;
- never on consecutive days, and never two in a day: hamstrings get stronger on rest days;
- the program week's 2-3 sessions, in order; the k-th training session of the calendar week
  is the week's k-th session, so a missed one moves to the next allowed day and a week that
  runs out of allowed days drops what is left rather than doubling up;
- in the last `TAPER_DAYS` before a race, a heavy (loaded or eccentric) session becomes the
  program's light template, and there is no strength work on race day or the day before.

Pure: dates in, a `WeekPlan` out. Weeks start on Monday (history_stats.week_start); program
week 1 is the calendar week of the start date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from hamtimer.core.history_stats import week_start
from hamtimer.core.program import Program, ProgramSession

TAPER_DAYS = 10
"""No heavy or eccentric work in this many days before a race."""

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def parse_days(text: str) -> frozenset[int]:
    """'mon,wed' -> {0, 2}; '' -> none (a travel week). ValueError names a bad day."""
    days = set()
    for part in (p.strip().lower() for p in text.split(",")):
        if not part:
            continue
        if part not in DAY_NAMES and part not in FULL_DAY_NAMES:
            raise ValueError(f"'{part}' is not a day; use mon, tue, wed, thu, fri, sat or sun")
        days.add(DAY_NAMES.index(part[:3]))
    return frozenset(days)


@dataclass(frozen=True, slots=True)
class RunningWeek:
    """The user's running: weekdays (0 = Monday) of hard runs and the long run, and a race."""

    hard_days: frozenset[int] = frozenset()
    long_run: int | None = None
    race: date | None = None

    def quality_days(self) -> frozenset[int]:
        return self.hard_days | ({self.long_run} if self.long_run is not None else set())


class DayKind(StrEnum):
    DONE = "done"
    PLANNED = "planned"
    REST = "rest"


@dataclass(frozen=True, slots=True)
class Day:
    day: date
    kind: DayKind
    reason: str
    """Why: 'hard run tomorrow', 'session 2 of 3', 'the day after a strength session'."""
    session: ProgramSession | None = None
    """What runs (planned days; the taper's light template already swapped in)."""
    number: int = 0
    """A planned session's place in the week (1-based); 0 on other days."""


@dataclass(frozen=True, slots=True)
class WeekPlan:
    number: int
    """1-based program week; 0 before the start, past the last week after the end."""
    of: int
    days: tuple[Day, ...]
    dropped: int = 0
    """Sessions that found no allowed day this week (not doubled up: left out)."""
    lighter: bool = False

    def on(self, day: date) -> Day:
        return next(d for d in self.days if d.day == day)

    def next_planned(self, after: date) -> Day | None:
        return next((d for d in self.days if d.kind == DayKind.PLANNED and d.day > after), None)


def plan_week(
    program: Program,
    start: date,
    running: RunningWeek,
    trained: Iterable[date],
    today: date,
) -> WeekPlan:
    """The calendar week of `today`. `trained`: the days with a training session (any
    template), from the history; days before today without one are past."""
    monday = week_start(today)
    days = [monday + timedelta(days=i) for i in range(7)]
    number = (monday - week_start(start)).days // 7 + 1
    done = set(trained)
    if not 1 <= number <= len(program.weeks):
        reason = "before the program starts" if number < 1 else "the program is finished"
        return WeekPlan(max(number, 0), len(program.weeks), _all_rest(days, done, reason))
    week = program.weeks[number - 1]
    done_this_week = sorted(d for d in done if monday <= d < monday + timedelta(days=7))
    remaining = list(enumerate(week.sessions, start=1))[len(done_this_week) :]
    chosen: dict[date, tuple[int, ProgramSession]] = {}
    for day in days:
        if remaining and day >= today and day >= start and _free(day, running, done, chosen):
            chosen[day] = remaining.pop(0)
    plan = tuple(
        _day(day, program, running, start, today, done, chosen, len(week.sessions)) for day in days
    )
    return WeekPlan(number, len(program.weeks), plan, len(remaining), week.lighter)


def _all_rest(days: list[date], done: set[date], reason: str) -> tuple[Day, ...]:
    return tuple(
        Day(day, DayKind.DONE, "trained") if day in done else Day(day, DayKind.REST, reason)
        for day in days
    )


def _free(day: date, running: RunningWeek, done: set[date], chosen: Mapping[date, object]) -> bool:
    return _blocked(day, running, done | set(chosen)) is None


def _blocked(day: date, running: RunningWeek, strength: set[date]) -> str | None:
    """Why no strength session may go on `day`, or None when one may."""
    tomorrow = (day + timedelta(days=1)).weekday()
    if running.race is not None and day in (running.race, running.race - timedelta(days=1)):
        return "race day" if day == running.race else "race tomorrow"
    if tomorrow == running.long_run:
        return "long run tomorrow"
    if tomorrow in running.hard_days:
        return "hard run tomorrow"
    if day in strength:
        return "a strength session already"
    if day - timedelta(days=1) in strength:
        return "the day after a strength session"
    if day + timedelta(days=1) in strength:
        return "the day before a strength session"
    return None


def _day(
    day: date,
    program: Program,
    running: RunningWeek,
    start: date,
    today: date,
    done: set[date],
    chosen: dict[date, tuple[int, ProgramSession]],
    count: int,
) -> Day:
    if day in done:
        return Day(day, DayKind.DONE, "trained")
    if day in chosen:
        number, session = chosen[day]
        session, taper = _tapered(session, program, running, day)
        return Day(day, DayKind.PLANNED, f"session {number} of {count}{taper}", session, number)
    if day < max(today, start):
        return Day(day, DayKind.REST, "past" if day < today else "before the program starts")
    others = done | set(chosen)
    return Day(day, DayKind.REST, _blocked(day, running, others) or "rest day")


def _tapered(
    session: ProgramSession, program: Program, running: RunningWeek, day: date
) -> tuple[ProgramSession, str]:
    """A heavy session in the last days before the race becomes the light template."""
    if running.race is None or not session.heavy:
        return session, ""
    days_left = (running.race - day).days
    if not 0 < days_left <= TAPER_DAYS:
        return session, ""
    return (
        ProgramSession(template=program.light_template),
        f"; light: race in {days_left} days",
    )


def plan_weeks(
    program: Program,
    start: date,
    running: RunningWeek,
    trained: Iterable[date],
    today: date,
) -> list[WeekPlan]:
    """This week and every later week of the program, each as planned from today: future
    weeks as if nothing had been missed (a missed session moves within its own week only)."""
    done = set(trained)
    last_week_start = week_start(start) + timedelta(weeks=len(program.weeks) - 1)
    weeks = []
    monday = week_start(today)
    while monday <= last_week_start:
        weeks.append(plan_week(program, start, running, done, max(today, monday)))
        monday += timedelta(weeks=1)
    return weeks
