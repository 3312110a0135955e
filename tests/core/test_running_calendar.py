"""The running week from a calendar's events, as tables (TODAY is Monday 2026-11-30). The
files themselves are read in tests/services/test_calendar_import.py."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from hamtimer.core.running_calendar import (
    CalendarEvent,
    RunKind,
    classified_titles,
    classify,
    describe,
    event_day,
    running_week,
    unreadable_repeat,
)

TODAY = date(2026, 11, 30)


def events(*specs: str) -> list[CalendarEvent]:
    """'YYYY-MM-DD|Title' or 'YYYY-MM-DD|Title|weekly' (a repeat) per event."""
    made = []
    for spec in specs:
        day, title, *repeat = spec.split("|")
        made.append(CalendarEvent(date.fromisoformat(day), title, bool(repeat)))
    return made


@pytest.mark.parametrize(
    ("title", "repeats", "kind"),
    [
        ("Intervals 6x800", False, RunKind.HARD),
        ("Tempo 8 km", False, RunKind.HARD),
        ("Threshold 3x10'", False, RunKind.HARD),
        ("Hill repeats", False, RunKind.HARD),
        ("Fartlek", False, RunKind.HARD),
        ("VO2max 5x3 min", False, RunKind.HARD),
        ("Track session", False, RunKind.HARD),
        ("Long run 20 km", False, RunKind.LONG),
        ("LONG", False, RunKind.LONG),
        ("Long run with 10k at marathon pace", False, RunKind.LONG),
        ("Half marathon", False, RunKind.RACE),
        ("10k race", False, RunKind.RACE),
        ("Marathon pace 3x5k", False, RunKind.HARD),
        ("parkrun", True, RunKind.HARD),
        ("parkrun", False, RunKind.RACE),
        ("Easy run 8 km", False, RunKind.EASY),
        ("Recovery jog", False, RunKind.EASY),
        ("Dentist", False, RunKind.EASY),
        ("", False, RunKind.EASY),
    ],
)
def test_titles_are_classified_by_their_words(title: str, repeats: bool, kind: RunKind) -> None:
    assert classify(title, repeats) == kind


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        pytest.param(
            ["2026-12-01|Intervals 6x800", "2026-12-03|Tempo 8 km", "2026-12-05|Long run 20 km"],
            "hard days tue, thu, long run sat, race none", id="one week of sessions",
        ),
        pytest.param(
            ["2026-12-02|Hill repeats|w", "2026-12-09|Hill repeats|w", "2026-12-06|LONG|w",
             "2026-12-13|LONG|w", "2026-12-12|Long-ish shakeout"],
            "hard days wed, long run sun, race none", id="weekly repeats, the usual long day",
        ),
        pytest.param(
            ["2026-11-24|Track", "2026-12-02|Easy run"],
            "hard days none, long run none, race none", id="past runs; easy runs",
        ),
        pytest.param(
            ["2026-12-01|Threshold", "2027-03-01|Half marathon race", "2026-01-01|Old race"],
            "hard days tue, long run none, race 2027-03-01", id="the next race",
        ),
        pytest.param(
            ["2027-02-01|Intervals", "2026-12-04|Speedwork"],
            "hard days fri, long run none, race none", id="only the coming four weeks",
        ),
        pytest.param(
            ["2026-12-05|parkrun|w", "2026-12-12|parkrun|w"],
            "hard days sat, long run none, race none", id="a weekly parkrun is a hard run",
        ),
        pytest.param([], "hard days none, long run none, race none", id="travel: empty"),
    ],
)  # fmt: skip
def test_the_running_week_from_a_calendar(given: list[str], expected: str) -> None:
    assert describe(running_week(events(*given), TODAY)) == expected


def test_the_titles_read_are_listed_by_kind_once_each() -> None:
    given = events(
        "2026-12-01|Intervals|w", "2026-12-08|Intervals|w", "2026-12-02|Easy run",
        "2026-11-20|Tempo", "2027-04-01|Marathon",
    )  # fmt: skip
    assert classified_titles(given, TODAY) == {
        RunKind.HARD: ["Intervals"],
        RunKind.EASY: ["Easy run"],
        RunKind.RACE: ["Marathon"],
    }


BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("start", "day"),
    [
        pytest.param(date(2026, 12, 1), date(2026, 12, 1), id="all-day"),
        pytest.param(datetime(2026, 12, 1, 23, 30), date(2026, 12, 1), id="floating"),
        pytest.param(datetime(2026, 12, 1, 0, 30, tzinfo=BERLIN), date(2026, 12, 1), id="tzid"),
        pytest.param(datetime(2026, 12, 1, 23, 30, tzinfo=UTC), date(2026, 12, 2), id="utc"),
        pytest.param(
            datetime(2026, 12, 1, 23, 30, tzinfo=timezone(timedelta(hours=-5))),
            date(2026, 12, 1), id="fixed offset: its own day",
        ),
    ],
)  # fmt: skip
def test_an_event_is_on_the_day_its_calendar_shows(start: date, day: date) -> None:
    assert event_day(start, local_zone=BERLIN) == day


@pytest.mark.parametrize(
    ("rule", "refused"),
    [
        ({"FREQ": ["WEEKLY"], "BYDAY": ["TU", "TH"], "UNTIL": [date(2027, 1, 1)]}, None),
        ({"FREQ": ["DAILY"], "COUNT": [10]}, None),
        ({"FREQ": ["MONTHLY"], "BYDAY": ["1SA"]}, None),
        ({"FREQ": ["YEARLY"], "BYMONTH": [4], "BYMONTHDAY": [20]}, None),
        ({"FREQ": ["SECONDLY"]}, "more often than daily"),
        ({"FREQ": ["HOURLY"], "COUNT": [3]}, "more often than daily"),
        ({"BYDAY": ["MO"]}, "with no frequency"),
        ({"FREQ": ["DAILY"], "BYMONTH": [2], "BYMONTHDAY": [30]}, "uses BYMONTH, BYMONTHDAY"),
        ({"FREQ": ["WEEKLY"], "BYHOUR": [1, 2, 3]}, "uses BYHOUR"),
        ({"FREQ": ["WEEKLY"], "INTERVAL": [0]}, "interval of 0"),
    ],
)
def test_repeat_rules_finer_than_a_day_or_possibly_impossible_are_refused(
    rule: dict[str, list[object]], refused: str | None
) -> None:
    reason = unreadable_repeat(rule)
    assert reason == refused if refused is None else refused in (reason or "")
