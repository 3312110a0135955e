"""When to remind: at the chosen time on a day with a planned session, once a day.

A reminder process started after the time (the user logged in at 18:40 for an 18:00
reminder) still reminds within `LATE_LIMIT`; later than that the evening is gone and a
notification would only nag. A day already reminded is not reminded again (a second login, a
restarted process). Pure: times in, a decision out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

LATE_LIMIT = timedelta(hours=3)


@dataclass(frozen=True, slots=True)
class Reminder:
    """What the notification says about today's planned session."""

    title: str
    body: str


def reminder_moment(day: date, at: time, now: datetime) -> datetime:
    """`at` on `day`, in `now`'s zone (the user's local time)."""
    return datetime.combine(day, at, tzinfo=now.tzinfo)


def is_due(now: datetime, at: time, reminded_on: date | None) -> bool:
    """Whether today's reminder time has come and not long passed, and it was not given."""
    if reminded_on == now.date():
        return False
    moment = reminder_moment(now.date(), at, now)
    return moment <= now < moment + LATE_LIMIT


def next_moment(now: datetime, at: time) -> datetime:
    """The next reminder time after `now`: today's if it is still ahead, else tomorrow's."""
    today = reminder_moment(now.date(), at, now)
    return today if today > now else reminder_moment(now.date() + timedelta(days=1), at, now)
