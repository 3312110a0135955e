"""Writing the plan as .ics: a calendar icalendar reads, that round-trips through hamtimer's
own reader, keeps its UIDs when written again, and never overwrites what it did not write."""

from __future__ import annotations

import os
import stat
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import icalendar
import pytest

from hamtimer.core.plan_calendar import CalendarSession
from hamtimer.services.calendar_export import (
    PRODID,
    NotAnExportError,
    calendar_text,
    is_export,
    write_calendar,
)
from hamtimer.services.calendar_import import read_calendar
from tests.hostile_corpus import plant

TODAY = date(2026, 11, 30)
NOW = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
SESSIONS = [
    CalendarSession(
        uid=f"base-20261130-w1-s{n}@hamtimer.plan",
        day=TODAY + timedelta(days=2 * n),
        title="Hamstrings: Bridge hold, één; 😀",
        minutes=14,
        description="Base: week 1 of 6, session 1 of 3.\nBridge hold.\nTargets: 25 s, 3 sets.",
    )
    for n in (1, 2, 3)
]


def test_the_export_is_a_calendar_icalendar_reads_with_every_required_field() -> None:
    text = calendar_text(SESSIONS, "hamtimer: Base", time(18, 30), NOW)
    calendar = icalendar.Calendar.from_ical(text)
    assert calendar["PRODID"] == PRODID and calendar["VERSION"] == "2.0"
    events = calendar.walk("VEVENT")
    assert [str(event["UID"]) for event in events] == [s.uid for s in SESSIONS]
    first = events[0]
    assert first.decoded("DTSTART") == datetime(2026, 12, 2, 18, 30)  # floating: local time
    assert first.decoded("DURATION") == timedelta(minutes=14)
    assert str(first["SUMMARY"]) == SESSIONS[0].title
    assert str(first["DESCRIPTION"]) == SESSIONS[0].description
    assert first.decoded("DTSTAMP") == NOW
    assert all(len(line) <= 75 for line in text.encode().split(b"\r\n"))  # folded octets


def test_round_trip_through_the_calendar_reader() -> None:
    text = calendar_text(SESSIONS, "hamtimer: Base", time(18, 0), NOW)
    events = read_calendar(text.encode(), TODAY).events
    assert [(e.day, e.title) for e in events] == [(s.day, s.title) for s in SESSIONS]


def test_a_later_export_has_the_same_uids_and_a_higher_sequence() -> None:
    first = icalendar.Calendar.from_ical(calendar_text(SESSIONS, "x", time(18, 0), NOW))
    later = icalendar.Calendar.from_ical(
        calendar_text(SESSIONS, "x", time(7, 0), NOW + timedelta(days=3))
    )
    assert [e["UID"] for e in first.walk("VEVENT")] == [e["UID"] for e in later.walk("VEVENT")]
    assert later.walk("VEVENT")[0]["SEQUENCE"] > first.walk("VEVENT")[0]["SEQUENCE"]


def test_written_atomically_with_the_users_umask_and_replacing_an_earlier_export(
    tmp_path: Path,
) -> None:
    path = tmp_path / "plan.ics"
    write_calendar(path, calendar_text(SESSIONS[:1], "x", time(18, 0), NOW))
    write_calendar(path, calendar_text(SESSIONS, "x", time(18, 0), NOW))
    assert is_export(path)
    assert len(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")) == 3
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir()] == ["plan.ics"]  # no temporary file left


@pytest.mark.parametrize("shape", ["other-calendar", "text", "fifo", "directory"])
def test_a_file_it_did_not_write_is_never_overwritten_without_replace(
    tmp_path: Path, shape: str
) -> None:
    path = tmp_path / "plan.ics"
    if shape == "other-calendar":
        path.write_text("BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//EN\r\nEND:VCALENDAR\r\n")
    elif shape == "text":
        path.write_text("my notes")
    else:
        plant(path, shape)
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(NotAnExportError, match=r"--replace|folder"):
        write_calendar(path, calendar_text(SESSIONS, "x", time(18, 0), NOW))
    if before is not None:
        assert path.read_bytes() == before
        write_calendar(path, calendar_text(SESSIONS, "x", time(18, 0), NOW), replace_other=True)
        assert is_export(path)


def test_the_plans_export_starts_today_and_missed_sessions_move_on() -> None:
    from hamtimer.core.scheduling import RunningWeek
    from hamtimer.services.calendar_export import plan_export
    from hamtimer.services.programs import PlanChoice
    from tests.builders import template
    from tests.core.test_scheduling import program

    plan = program(weeks=2, per_week=2)
    choice = PlanChoice(plan.id, TODAY, RunningWeek())
    templates = {"main": template(id="main", name="Main session")}
    wednesday = NOW + timedelta(days=2)
    export = plan_export(choice, plan, [], templates, time(18, 0), wednesday)
    events = icalendar.Calendar.from_ical(export.text).walk("VEVENT")
    days = [event.decoded("DTSTART").date() for event in events]
    # Monday's session was missed: week 1's two go on Wednesday and Friday, week 2 as planned.
    assert export.sessions == len(events) == 4
    assert [day.strftime("%a %d") for day in days] == ["Wed 02", "Fri 04", "Mon 07", "Wed 09"]
    assert str(events[0]["UID"]) == "test-program-20261130-w1-s1@hamtimer.plan"
