"""The plan as calendar entries: one per planned session from today to the program's end,
with its name, length and a short description (what it trains, this week's targets, why on
that day), for services.calendar_export to write as an .ics file.

Each entry's UID names its place in the plan (program, start, week, session number), not its
day: importing a later export again updates the same events, and a session moved to another
day (a missed one, a changed running week) moves its event rather than adding one. Pure.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from hamtimer.core.model import Template
from hamtimer.core.plan import PlanTooLongError, compile_plan
from hamtimer.core.program import Program, ProgramSession
from hamtimer.core.rotation import session_choice
from hamtimer.core.scheduling import DayKind, WeekPlan
from hamtimer.core.template_choice import apply_choice, choice_text

UID_DOMAIN = "hamtimer.plan"
TITLE_PREFIX = "Hamstrings: "
START_COMMAND = "hamtimer run today"


@dataclass(frozen=True, slots=True)
class CalendarSession:
    uid: str
    day: date
    title: str
    minutes: int
    description: str


def session_uid(program: Program, start: date, week: int, number: int) -> str:
    """Stable for one place in one plan: the same program started on the same day."""
    return f"{program.id}-{start:%Y%m%d}-w{week}-s{number}@{UID_DOMAIN}"


def calendar_sessions(
    program: Program,
    start: date,
    weeks: Sequence[WeekPlan],
    templates: Mapping[str, Template],
) -> list[CalendarSession]:
    """Every planned (not yet done) session of `weeks`, in order."""
    sessions = []
    for week in weeks:
        for day in week.days:
            if day.kind != DayKind.PLANNED or day.session is None:
                continue
            template = templates.get(day.session.template)
            sessions.append(
                CalendarSession(
                    uid=session_uid(program, start, week.number, day.number),
                    day=day.day,
                    title=TITLE_PREFIX + (template.name if template else day.session.template),
                    minutes=_minutes(template, day.session),
                    description=_description(program, week, day.reason, day.session, template),
                )
            )
    return sessions


DEFAULT_MINUTES = 20
"""For a session whose template is missing or does not compile: a typical session's length."""


def _minutes(template: Template | None, session: ProgramSession) -> int:
    if template is None:
        return DEFAULT_MINUTES
    try:
        adjusted = apply_choice(template, session_choice(template, session.choice(), []))
        return max(1, math.ceil(compile_plan(adjusted).total_s / 60))
    except PlanTooLongError:
        return DEFAULT_MINUTES


def _description(
    program: Program,
    week: WeekPlan,
    reason: str,
    session: ProgramSession,
    template: Template | None,
) -> str:
    lighter = ", a lighter week" if week.lighter else ""
    lines = [f"{program.name}: week {week.number} of {week.of}{lighter}, {reason}."]
    if template is None:
        lines.append(f"Template '{session.template}' is not installed.")
    else:
        names = ", ".join(exercise.name for exercise in template.exercises)
        some = template.choose_per_session
        lines.append(f"Exercises ({some} of them, in turns): {names}." if some else f"{names}.")
        targets = choice_text(template, session.choice())
        if targets:
            lines.append(f"This week's targets: {targets}.")
    lines.append(f"Start it with `{START_COMMAND}` or from hamtimer's Train page.")
    return "\n".join(lines)
