"""The plan in the terminal: the week as a table (`hamtimer plan`) and today (`hamtimer today`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from hamtimer.core.scheduling import DAY_NAMES, Day, DayKind, RunningWeek
from hamtimer.core.template_choice import choice_text

if TYPE_CHECKING:
    from hamtimer.core.model import Template
    from hamtimer.core.program import ProgramSession
    from hamtimer.services.programs import CurrentPlan

NO_PLAN = "No plan chosen yet: pick one with `hamtimer plan --program ID` (programs: {programs})."


def running_text(running: RunningWeek) -> str:
    hard = ", ".join(DAY_NAMES[day] for day in sorted(running.hard_days)) or "none"
    parts = [f"hard runs {hard}"]
    if running.long_run is not None:
        parts.append(f"long run {DAY_NAMES[running.long_run]}")
    if running.race is not None:
        parts.append(f"race {running.race.isoformat()}")
    return "; ".join(parts)


def heading(plan: CurrentPlan) -> str:
    week = plan.week
    if not 1 <= week.number <= week.of:
        when = "starts" if week.number < 1 else "started"
        return f"{plan.program.name} ({when} {plan.choice.start:%a %d %b %Y})"
    lighter = ", a lighter week" if week.lighter else ""
    return f"{plan.program.name}: week {week.number} of {week.of}{lighter}"


def session_text(session: ProgramSession, templates: Mapping[str, Template]) -> str:
    """'Isometric bridge hold (Bridge hold: 3 sets, 25 s hold)'."""
    template = templates.get(session.template)
    if template is None:
        return f"{session.template} (not found)"
    targets = choice_text(template, session.choice())
    only = template.exercises[0].name + ": " if len(template.all_exercises()) == 1 else None
    if only is not None and targets.startswith(only):
        targets = targets.removeprefix(only)  # the template's name already says which one
    return f"{template.name} ({targets})" if targets else template.name


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
    today = plan.today_plan()
    coached = plan.coached
    if coached is not None and coached.stop is None:
        return [
            f"Today: {session_text(coached.session, templates)}",
            f"Why: {heading(plan)}, {today.reason}; {running_text(plan.choice.running)}.",
            *coached.notes,
            "Start it with `hamtimer run today`.",
        ]
    if coached is not None and coached.stop is not None:
        first = f"Rest today, though the plan has a session: {coached.stop.text}"
    elif today.kind == DayKind.DONE:
        first = "Done for today."
    else:
        first = f"Rest day: {today.reason}."
    upcoming = plan.week.next_planned(plan.today)
    if upcoming is None or upcoming.session is None:
        return [first, f"No more strength sessions this week ({heading(plan)})."]
    return [
        first,
        f"Next: {session_text(upcoming.session, templates)} on {upcoming.day:%a %d %b}"
        f" ({upcoming.reason}).",
    ]


def _day_label(day: date, today: date) -> str:
    return f"{day:%a %d %b}{' (today)' if day == today else ''}"


def _what(day: Day, templates: Mapping[str, Template]) -> str:
    if day.kind == DayKind.DONE:
        return "done"
    if day.session is None:
        return "-"
    return session_text(day.session, templates)
