"""Reading .ics files written by hand in the shapes real exporters produce (Google, Apple
iCloud, Outlook, TrainingPeaks and Garmin), and hostile ones. TODAY is Monday 2026-11-30; the
user's zone is UTC unless a test says otherwise, so a zone mistake shows as a wrong day."""

from __future__ import annotations

import time
from datetime import UTC, date
from pathlib import Path

import pytest

from hamtimer.core.running_calendar import describe
from hamtimer.services import calendar_import
from hamtimer.services.calendar_import import CalendarError, read_calendar, read_calendar_file
from tests.hostile_corpus import plant_ics

TODAY = date(2026, 11, 30)


def ics(text: str) -> bytes:
    """Exporters write CRLF line ends; the test files are written with plain newlines."""
    return text.strip().replace("\n", "\r\n").encode() + b"\r\n"


def days_of(data: bytes, title: str) -> list[date]:
    read = read_calendar(data, TODAY, local_zone=UTC)
    return sorted(event.day for event in read.events if event.title == title)


def week_of(data: bytes) -> str:
    return describe(read_calendar(data, TODAY, local_zone=UTC).running_week(TODAY))


GOOGLE = ics("""
BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:Marathon plan
X-WR-TIMEZONE:Europe/Berlin
BEGIN:VEVENT
DTSTART;TZID=Europe/Berlin:20261103T070000
DTEND;TZID=Europe/Berlin:20261103T080000
RRULE:FREQ=WEEKLY;BYDAY=TU
EXDATE;TZID=Europe/Berlin:20261208T070000
DTSTAMP:20261120T101010Z
UID:1a2b3c4d5e@google.com
CREATED:20261020T090000Z
DESCRIPTION:
LAST-MODIFIED:20261020T090000Z
SEQUENCE:0
STATUS:CONFIRMED
SUMMARY:Intervals 5x1000
TRANSP:OPAQUE
END:VEVENT
BEGIN:VEVENT
DTSTART:20261202T233000Z
DTEND:20261203T003000Z
DTSTAMP:20261120T101010Z
UID:6f7g8h9i0j@google.com
SUMMARY:Tempo 8 km
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20261206
DTEND;VALUE=DATE:20261207
RRULE:FREQ=WEEKLY;COUNT=3
DTSTAMP:20261120T101010Z
UID:k1l2m3n4o5@google.com
SUMMARY:Long run
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20270411
DTEND;VALUE=DATE:20270412
DTSTAMP:20261120T101010Z
UID:p6q7r8s9t0@google.com
SUMMARY:Rotterdam Marathon
END:VEVENT
END:VCALENDAR
""")


def test_google_weekly_repeat_with_an_exception_utc_times_and_the_calendar_zone() -> None:
    # Started weeks ago, no end: only the four weeks read; 8 December was cancelled (EXDATE).
    assert days_of(GOOGLE, "Intervals 5x1000") == [
        date(2026, 12, 1), date(2026, 12, 15), date(2026, 12, 22),
    ]  # fmt: skip
    # 23:30 UTC on Wednesday is 00:30 on Thursday in the calendar's X-WR-TIMEZONE.
    assert days_of(GOOGLE, "Tempo 8 km") == [date(2026, 12, 3)]
    assert days_of(GOOGLE, "Long run") == [
        date(2026, 12, 6),
        date(2026, 12, 13),
        date(2026, 12, 20),
    ]
    assert week_of(GOOGLE) == "hard days tue, thu, long run sun, race 2027-04-11"


APPLE = ics("""
BEGIN:VCALENDAR
METHOD:PUBLISH
VERSION:2.0
X-WR-CALNAME:Training
PRODID:-//Apple Inc.//macOS 14.1//EN
X-APPLE-CALENDAR-COLOR:#1BADF8
X-WR-TIMEZONE:America/New_York
CALSCALE:GREGORIAN
BEGIN:VTIMEZONE
TZID:America/New_York
BEGIN:DAYLIGHT
TZOFFSETFROM:-0500
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
DTSTART:20070311T020000
TZNAME:EDT
TZOFFSETTO:-0400
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:-0400
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
DTSTART:20071104T020000
TZNAME:EST
TZOFFSETTO:-0500
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
TRANSP:OPAQUE
DTEND;TZID=America/New_York:20261201T220000
UID:0C2A4F1E-7B3D-4E5F-9A8B-1C2D3E4F5A6B
DTSTAMP:20261125T141500Z
LOCATION:Track
X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC
SEQUENCE:0
SUMMARY:Track 8x400
LAST-MODIFIED:20261125T141500Z
DTSTART;TZID=America/New_York:20261201T210000
CREATED:20261125T141400Z
RRULE:FREQ=WEEKLY;UNTIL=20261216T045959Z
END:VEVENT
BEGIN:VEVENT
TRANSP:TRANSPARENT
DTEND;VALUE=DATE:20261206
UID:5D6E7F80-91A2-4B3C-8D4E-5F6071829304
DTSTAMP:20261125T141500Z
SUMMARY:Easy run
DTSTART;VALUE=DATE:20261205
SEQUENCE:0
END:VEVENT
END:VCALENDAR
""")


def test_apple_vtimezone_evening_run_stays_on_its_day_and_until_ends_the_repeat() -> None:
    # 21:00 in New York is already Wednesday in UTC: the calendar's own day counts.
    assert days_of(APPLE, "Track 8x400") == [
        date(2026, 12, 1),
        date(2026, 12, 8),
        date(2026, 12, 15),
    ]
    assert week_of(APPLE) == "hard days tue, long run none, race none"


OUTLOOK = ics("""
BEGIN:VCALENDAR
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
VERSION:2.0
METHOD:PUBLISH
X-MS-OLK-FORCEINSPECTOROPEN:TRUE
BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16011028T030000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010325T020000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
CLASS:PUBLIC
CREATED:20261101T080000Z
DESCRIPTION:\\n
DTEND;TZID="W. Europe Standard Time":20261203T003000
DTSTAMP:20261125T080000Z
DTSTART;TZID="W. Europe Standard Time":20261203T000500
LAST-MODIFIED:20261101T080000Z
PRIORITY:5
RRULE:FREQ=WEEKLY;UNTIL=20270301T230000Z;INTERVAL=1;BYDAY=TH;WKST=SU
SEQUENCE:0
SUMMARY;LANGUAGE=en-gb:Midnight threshold run
TRANSP:OPAQUE
UID:040000008200E00074C5B7101A82E00800000000D0B4B1F1A1F8DA01000000000000000
 0100000001C0A8E7F4A0B3E4A9C2F8E2D3A4B5C6D
X-MICROSOFT-CDO-BUSYSTATUS:BUSY
X-MICROSOFT-CDO-IMPORTANCE:1
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID="Romance Standard Time":20261205T080000
DTEND;TZID="Romance Standard Time":20261205T100000
SUMMARY;LANGUAGE=fr-fr:Sortie longue (long run)
UID:040000008200E00074C5B7101A82E008000000002
DTSTAMP:20261125T080000Z
END:VEVENT
END:VCALENDAR
""")


def test_outlook_windows_zone_names_with_and_without_a_vtimezone() -> None:
    # 00:05 Thursday in Berlin is still Wednesday in UTC: read as Thursday.
    assert days_of(OUTLOOK, "Midnight threshold run")[:2] == [date(2026, 12, 3), date(2026, 12, 10)]
    assert week_of(OUTLOOK) == "hard days thu, long run sat, race none"


TRAINING_PEAKS = ics("""
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//TrainingPeaks//TrainingPeaks Calendar Feed//EN
CALSCALE:GREGORIAN
X-WR-CALNAME:TrainingPeaks - Alex Runner
X-PUBLISHED-TTL:PT1H
BEGIN:VEVENT
UID:tp-workout-901@trainingpeaks.com
DTSTAMP:20261129T060000Z
DTSTART;VALUE=DATE:20261201
DTEND;VALUE=DATE:20261202
SUMMARY:Run: Hill Repeats 8x60s
DESCRIPTION:WU 15' easy\\, 8x60s uphill hard\\, jog down\\nCD 10'
END:VEVENT
BEGIN:VEVENT
UID:tp-workout-902@trainingpeaks.com
DTSTAMP:20261129T060000Z
DTSTART;VALUE=DATE:20261203
DTEND;VALUE=DATE:20261204
SUMMARY:Run: Aerobic Endurance
END:VEVENT
BEGIN:VEVENT
UID:tp-workout-903@trainingpeaks.com
DTSTAMP:20261129T060000Z
DTSTART;VALUE=DATE:20261204
DTEND;VALUE=DATE:20261205
SUMMARY:Run: VO2 Max 5x3'
END:VEVENT
BEGIN:VEVENT
UID:tp-event-77@trainingpeaks.com
DTSTAMP:20261129T060000Z
DTSTART;VALUE=DATE:20261219
SUMMARY:Event: Christmas 10K (A race)
END:VEVENT
END:VCALENDAR
""")

GARMIN = ics("""
BEGIN:VCALENDAR
PRODID:-//Garmin Connect//Calendar//EN
VERSION:2.0
CALSCALE:GREGORIAN
BEGIN:VEVENT
UID:garmin-1@connect.garmin.com
DTSTAMP:20261129T060000Z
DTSTART;VALUE=DATE:20261205
SUMMARY:Run - Long Run
END:VEVENT
BEGIN:VEVENT
UID:garmin-2@connect.garmin.com
DTSTAMP:20261129T060000Z
DTSTART;VALUE=DATE:20261202
SUMMARY:Run - Tempo
END:VEVENT
END:VCALENDAR
""")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (TRAINING_PEAKS, "hard days tue, fri, long run none, race 2026-12-19"),
        (GARMIN, "hard days wed, long run sat, race none"),
    ],
)
def test_coaching_platforms_all_day_workouts(data: bytes, expected: str) -> None:
    assert week_of(data) == expected


def test_a_byte_order_mark_and_folded_lines_are_fine() -> None:
    folded = GARMIN.replace(b"SUMMARY:Run - Tempo", b"SUMMARY:Run - Tem\r\n po\\, then strides")
    assert days_of(b"\xef\xbb\xbf" + folded, "Run - Tempo, then strides") == [date(2026, 12, 2)]


def test_a_weekly_repeat_with_no_end_is_expanded_over_the_weeks_read_only() -> None:
    data = ics("""
BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:forever
DTSTART;VALUE=DATE:19900102
RRULE:FREQ=WEEKLY
SUMMARY:Intervals
END:VEVENT
END:VCALENDAR
""")
    assert days_of(data, "Intervals") == [
        date(2026, 12, 1), date(2026, 12, 8), date(2026, 12, 15), date(2026, 12, 22),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("shape", "says"),
    [
        ("ics-secondly", "repeats in a way hamtimer does not read"),
        ("ics-impossible-daily", "its daily repeat uses BYMONTH, BYMONTHDAY"),
        ("ics-flood", "over 2,000 events in four weeks"),
        ("ics-deep", "nested over 10 deep"),
        ("ics-latin1", "not UTF-8 text"),
        ("ics-utf16", "not UTF-8 text"),
        ("ics-event-only", "not an iCalendar file"),
        ("ics-json", "not an iCalendar file"),
        ("ics-bad-dates", "no event with a date"),
        ("ics-huge", "over 5 MB"),
        ("fifo", "not a regular file"),
        ("garbage", "not UTF-8 text"),
        ("empty", "not an iCalendar file"),
    ],
)
def test_a_hostile_calendar_is_one_clear_line(tmp_path: Path, shape: str, says: str) -> None:
    path = tmp_path / "plan.ics"
    plant_ics(path, shape)
    started = time.monotonic()
    with pytest.raises(CalendarError) as refused:
        read_calendar_file(path, TODAY)
    message = str(refused.value)
    assert says in message and "\n" not in message and len(message) < 300, message
    assert time.monotonic() - started < 3.0


def test_repeats_that_take_too_long_are_stopped_by_the_time_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A monthly rule that never happens walks every month to the year 9999 first (~0.5 s
    each); many of them stop at the budget instead of taking minutes."""
    monkeypatch.setattr(calendar_import, "TIME_BUDGET_S", 0.2)
    events = "".join(
        f"BEGIN:VEVENT\nUID:m{n}\nDTSTART:20261101T070000Z\nSUMMARY:Tempo\n"
        "RRULE:FREQ=MONTHLY;BYDAY=5MO;BYMONTHDAY=1\nEND:VEVENT\n"
        for n in range(20)
    )
    data = ics(f"BEGIN:VCALENDAR\nVERSION:2.0\n{events}END:VCALENDAR")
    started = time.monotonic()
    with pytest.raises(CalendarError, match="take too long"):
        read_calendar(data, TODAY)
    assert time.monotonic() - started < 2.0


def test_an_event_that_cannot_be_read_is_left_out_and_counted_the_rest_is_read() -> None:
    data = ics("""
BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:no-date
DTSTART:soon
SUMMARY:Tempo
END:VEVENT
BEGIN:VEVENT
UID:broken-repeat
DTSTART;VALUE=DATE:20261203
RRULE:FREQ=WEEKLY;UNTIL=garbage
SUMMARY:Hills
END:VEVENT
BEGIN:VEVENT
UID:fine
DTSTART;VALUE=DATE:20261202
SUMMARY:Intervals
END:VEVENT
END:VCALENDAR
""")
    read = read_calendar(data, TODAY, local_zone=UTC)
    assert [(event.day, event.title) for event in read.events] == [(date(2026, 12, 2), "Intervals")]
    assert read.left_out == 2


@pytest.mark.slow
def test_damaged_exporter_files_are_read_or_refused_in_one_line_never_crash() -> None:
    """Hundreds of random damages (lines dropped, repeated, cut short, characters changed)
    to the exporter files above: each reads, or is one CalendarError line."""
    import random

    chooser = random.Random(19)
    for _ in range(400):
        lines = chooser.choice([GOOGLE, APPLE, OUTLOOK, TRAINING_PEAKS, GARMIN]).split(b"\r\n")
        for _ in range(chooser.randint(1, 4)):
            at = chooser.randrange(len(lines))
            damage = chooser.choice(["drop", "repeat", "cut", "change"])
            if damage == "drop" and len(lines) > 2:
                del lines[at]
            elif damage == "repeat":
                lines.insert(at, chooser.choice(lines))
            elif damage == "cut":
                lines[at] = lines[at][: chooser.randrange(len(lines[at]) + 1)]
            elif lines[at]:
                spot = chooser.randrange(len(lines[at]))
                new = bytes([chooser.choice(b"0123456789:;=,-TZ/ AXZ")])
                lines[at] = lines[at][:spot] + new + lines[at][spot + 1 :]
        try:
            read_calendar(b"\r\n".join(lines), TODAY)
        except CalendarError as error:
            assert "\n" not in str(error)
