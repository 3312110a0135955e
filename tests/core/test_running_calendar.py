"""The running week from an .ics export, as a table (TODAY is Monday 2026-11-30)."""

from __future__ import annotations

from datetime import date

import pytest

from hamtimer.core.running_calendar import describe, parse_calendar, running_week

TODAY = date(2026, 11, 30)


def calendar(*events: str) -> str:
    """A calendar of VEVENTs, each given as 'DTSTART|SUMMARY' or 'DTSTART|SUMMARY|RRULE'."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"]
    for event in events:
        start, title, *rule = event.split("|")
        lines += ["BEGIN:VEVENT", f"DTSTART;VALUE=DATE:{start}", f"SUMMARY:{title}"]
        lines += [f"RRULE:{r}" for r in rule]
        lines.append("END:VEVENT")
    return "\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n"


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        pytest.param(
            ["20261201|Intervals 6x800", "20261203|Tempo 8 km", "20261205|Long run 20 km"],
            "hard days tue, thu, long run sat, race none", id="one week of sessions",
        ),
        pytest.param(
            ["20261101|Hill repeats|FREQ=WEEKLY;BYDAY=WE", "20261101|LONG|FREQ=WEEKLY;BYDAY=SU"],
            "hard days wed, long run sun, race none", id="weekly repeats",
        ),
        pytest.param(
            ["20261001|Track|FREQ=WEEKLY;BYDAY=TU;UNTIL=20261101", "20261202|Easy run"],
            "hard days none, long run none, race none", id="a repeat that ended; easy runs",
        ),
        pytest.param(
            ["20261201T063000Z|Threshold", "20270301|Half marathon race", "20260101|Old race"],
            "hard days tue, long run none, race 2027-03-01", id="the next race",
        ),
        pytest.param(
            ["20270201|Intervals", "20261204|Speedwork"],
            "hard days fri, long run none, race none", id="only the coming four weeks",
        ),
        pytest.param([], "hard days none, long run none, race none", id="travel: empty"),
    ],
)  # fmt: skip
def test_the_running_week_from_a_calendar(events: list[str], expected: str) -> None:
    assert describe(running_week(parse_calendar(calendar(*events)), TODAY)) == expected


def test_folded_lines_and_escapes() -> None:
    text = calendar("20261201|Tempo\\, then strides").replace(
        "SUMMARY:Tempo\\, then strides", "SUMMARY:Tem\r\n po\\, then strides"
    )
    (event,) = parse_calendar(text)
    assert event.title == "Tempo, then strides"


@pytest.mark.parametrize("text", ["", "hello", "BEGIN:VEVENT\nEND:VEVENT"])
def test_not_a_calendar(text: str) -> None:
    with pytest.raises(ValueError, match="not an iCalendar file"):
        parse_calendar(text)


def test_events_with_no_date_are_skipped() -> None:
    text = calendar("20261201|Tempo").replace("DTSTART;VALUE=DATE:20261201", "DTSTART:soon")
    assert parse_calendar(text) == []
