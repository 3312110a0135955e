"""Writing the plan as an .ics file (with `icalendar`), for the user's calendar app.

Events are timed at the reminder time on their day, in floating local time (the user's own
clock wherever they are), and last the session's length. UIDs come from core.plan_calendar, so
importing a newer export updates the events of the older one; SEQUENCE and DTSTAMP grow with
each export so calendar apps take the newer copy. The file is written whole or not at all,
readable as any file the user makes, and a file that is not an earlier hamtimer export is
never overwritten unless the caller says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from hamtimer.core.history import HistoryEntry
from hamtimer.core.model import Template
from hamtimer.core.plan_calendar import CalendarSession, calendar_sessions
from hamtimer.core.program import Program
from hamtimer.core.scheduling import plan_weeks
from hamtimer.services.atomic_file import write_atomic
from hamtimer.services.guarded_file import GuardedFileError, read_bytes
from hamtimer.services.programs import PlanChoice, PlanStore, find_program, trained_days

PRODID = "-//hamtimer//plan export//EN"
_MARK = f"PRODID:{PRODID}".encode()
_SEQUENCE_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
MAX_EXPORT_BYTES = 5_000_000


@dataclass(frozen=True, slots=True)
class PlanExport:
    text: str
    """The .ics document, for `write_calendar`."""
    sessions: int


def plan_export(
    choice: PlanChoice,
    program: Program,
    entries: Iterable[HistoryEntry],
    templates: Mapping[str, Template],
    at: time,
    now: datetime,
) -> PlanExport:
    """The plan's sessions from `now`'s day to the program's end, as an iCalendar document
    (the CLI's `plan --export` and the window's "add to calendar" both write this)."""
    today: date = now.date()
    weeks = plan_weeks(program, choice.start, choice.running, trained_days(entries), today)
    sessions = calendar_sessions(program, choice.start, weeks, templates)
    return PlanExport(calendar_text(sessions, f"hamtimer: {program.name}", at, now), len(sessions))


def saved_plan_export(
    plan_file: Path,
    programs: list[Program],
    entries: Iterable[HistoryEntry],
    templates: Mapping[str, Template],
    at: time,
    now: datetime,
) -> tuple[Program, PlanExport] | None:
    """The plan kept in `plan_file`, exported (`plan_export`) with its program; None with no
    plan chosen. PlanFileError when the file can't be read, UnknownProgramError when its
    program is gone (both say why in one line)."""
    choice = PlanStore(plan_file).load()
    if choice is None:
        return None
    program = find_program(choice.program, programs)
    return program, plan_export(choice, program, entries, templates, at, now)


class NotAnExportError(ValueError):
    """The target exists and is not a calendar hamtimer wrote; str() says what to do."""


def calendar_text(
    sessions: Sequence[CalendarSession], calendar_name: str, at: time, now: datetime
) -> str:
    """The iCalendar document for `sessions`, stamped `now` (aware)."""
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", calendar_name)
    stamp = now.astimezone(UTC).replace(microsecond=0)
    sequence = int((stamp - _SEQUENCE_EPOCH).total_seconds() // 60)
    for session in sessions:
        event = icalendar.Event()
        event.add("uid", session.uid)
        event.add("dtstamp", stamp)
        event.add("sequence", max(sequence, 0))
        event.add("dtstart", datetime.combine(session.day, at))  # floating: the user's clock
        event.add("duration", timedelta(minutes=session.minutes))
        event.add("summary", session.title)
        event.add("description", session.description)
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    return str(calendar.to_ical().decode("utf-8"))


def write_calendar(path: Path, text: str, replace_other: bool = False) -> None:
    """Write `text` to `path` atomically. NotAnExportError when `path` holds something that
    is not an earlier export and `replace_other` is off; OSError when it cannot be written."""
    if not replace_other:
        _check_replaceable(path)
    write_atomic(path, text)  # the user's normal permissions (atomic_file gives them)


def is_export(path: Path) -> bool:
    """Whether `path` is a calendar hamtimer exported (its PRODID says so)."""
    try:
        return _MARK in read_bytes(path, max_bytes=MAX_EXPORT_BYTES)[:4096]
    except (OSError, GuardedFileError):
        return False


def _check_replaceable(path: Path) -> None:
    if not (path.exists() or path.is_symlink()):
        return
    if path.is_dir():
        raise NotAnExportError(f"{path} is a folder; give a file name ending in .ics")
    if not is_export(path):
        raise NotAnExportError(
            f"{path} exists and is not a plan hamtimer exported; choose another name, or"
            " add --replace to overwrite it"
        )
