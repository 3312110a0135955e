"""What the plan holds today, in words, once for `hamtimer today` and the window's Today card:
the planned session with this week's targets and why, or a rest day, why, and what is next."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from hamtimer.core.scheduling import DAY_NAMES, DayKind, RunningWeek
from hamtimer.core.template_choice import choice_text
from hamtimer.services.programs import (
    CurrentPlan,
    PlanChoice,
    PlanFileError,
    PlanStore,
    UnknownProgramError,
    current_plan,
    program_library,
)

if TYPE_CHECKING:
    from hamtimer.core.history import HistoryEntry
    from hamtimer.core.model import Template
    from hamtimer.core.program import Program, ProgramSession
    from hamtimer.core.template_choice import TemplateChoice


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


@dataclass(frozen=True, slots=True)
class Today:
    """Today on the plan. With `template_id` set, a session to run (at `targets`, as quick
    adjust's choice); without, a rest day (`title` says why, `next` what comes)."""

    title: str
    """'Single-leg hamstring bridge hold (3 sets, 20 s hold)', or 'Rest day: hard run
    tomorrow.'"""
    reason: str = ""
    """Why today: 'Isometric base, 6 weeks: week 1 of 6, session 1 of 3; hard runs tue'."""
    notes: tuple[str, ...] = ()
    """What the coaching changed and why."""
    next: str = ""
    """On a rest day: the next planned session and when."""
    template_id: str | None = None
    targets: TemplateChoice | None = None

    @property
    def is_session(self) -> bool:
        return self.template_id is not None


def today(plan: CurrentPlan, templates: Mapping[str, Template]) -> Today:
    planned = plan.today_plan()
    coached = plan.coached
    if coached is not None and coached.stop is None:
        return Today(
            session_text(coached.session, templates),
            f"{heading(plan)}, {planned.reason}; {running_text(plan.choice.running)}",
            coached.notes,
            template_id=coached.session.template,
            targets=coached.choice(),
        )
    if coached is not None and coached.stop is not None:
        title = f"Rest today, though the plan has a session: {coached.stop.text}"
    elif planned.kind == DayKind.DONE:
        title = "Done for today."
    else:
        title = f"Rest day: {planned.reason}."
    upcoming = plan.week.next_planned(plan.today)
    if upcoming is None or upcoming.session is None:
        return Today(title, next=f"No more strength sessions this week ({heading(plan)}).")
    return Today(
        title,
        next=f"Next: {session_text(upcoming.session, templates)} on {upcoming.day:%a %d %b}"
        f" ({upcoming.reason}).",
    )


@dataclass(frozen=True, slots=True)
class TodayLookup:
    """What the window's Today card shows: today, or no plan yet (with the programs to
    choose from), or one sentence on why the plan can't be read."""

    today: Today | None = None
    programs: tuple[Program, ...] = ()
    problem: str = ""


def look_up_today(
    plan_file: Path,
    programs_dir: Path,
    entries: list[HistoryEntry],
    day: date,
    templates: Mapping[str, Template],
) -> TodayLookup:
    """The plan kept in `plan_file` on `day`, with the user's programs from `programs_dir`.
    Never raises for a bad file: the problem comes back in words."""
    programs = program_library(programs_dir).programs
    try:
        plan = current_plan(PlanStore(plan_file), programs, entries, day)
    except (PlanFileError, UnknownProgramError) as error:
        return TodayLookup(problem=f"Your plan can't be used: {error}.")
    if plan is None:
        return TodayLookup(programs=tuple(programs))
    return TodayLookup(today(plan, templates))


def follow_program(plan_file: Path, program_id: str, start: date) -> None:
    """Follow `program_id` from `start`, with no running week yet (as `hamtimer plan
    --program ID` does; `hamtimer plan --hard-days ...` adds the runs)."""
    PlanStore(plan_file).save(PlanChoice(program_id, start, RunningWeek()))
