"""The plan in the terminal: the week as a table (`hamtimer plan`) and today (`hamtimer today`,
in the words the window's Today card uses too: services.today)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from hamtimer.core.scheduling import Day, DayKind
from hamtimer.services.today import heading, running_text, session_text, today

if TYPE_CHECKING:
    from hamtimer.core.model import Template
    from hamtimer.services.programs import CurrentPlan

NO_PLAN = "No plan chosen yet: pick one with `hamtimer plan --program ID` (programs: {programs})."


def week_lines(plan: CurrentPlan, templates: Mapping[str, Template]) -> list[str]:
    lines = [heading(plan), f"Running: {running_text(plan.choice.running)}", ""]
    rows = [
        (_day_label(day.day, plan.today), _what(day, templates), day.reason)
        for day in plan.week.days
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(2)]
    lines.append(f"{'day':<{widths[0]}}  {'strength':<{widths[1]}}  why")
    lines += [f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c}" for a, b, c in rows]
    if plan.week.dropped:
        count = plan.week.dropped
        lines.append(
            f"{count} session{'s' * (count != 1)} left out this week: no allowed day is"
            " left, and two in a day or on consecutive days would undo the rest."
        )
    return lines


def today_lines(plan: CurrentPlan, templates: Mapping[str, Template]) -> list[str]:
    found = today(plan, templates)
    if found.is_session:
        return [
            f"Today: {found.title}",
            f"Why: {found.reason}.",
            *found.notes,
            "Start it with `hamtimer run today`.",
        ]
    return [found.title, found.next]


def _day_label(day: date, today: date) -> str:
    return f"{day:%a %d %b}{' (today)' if day == today else ''}"


def _what(day: Day, templates: Mapping[str, Template]) -> str:
    if day.kind == DayKind.DONE:
        return "done"
    if day.session is None:
        return "-"
    return session_text(day.session, templates)
