"""The plan's words in the terminal, on a fixed calendar (MONDAY is 2026-11-30)."""

from __future__ import annotations

from datetime import date

from hamtimer.core.scheduling import RunningWeek
from hamtimer.services.programs import (
    CurrentPlan,
    PlanChoice,
    builtin_programs,
    find_program,
    plan_for,
)
from hamtimer.services.templates import builtin_templates
from hamtimer.terminal.plan_text import today_lines, week_lines
from tests.core.test_plan_coaching import history_entry

MONDAY = date(2026, 11, 30)
TEMPLATES = {item.template.id: item.template for item in builtin_templates()}
RUNNING = RunningWeek(frozenset({1, 3}), 5)


def current(
    today: date,
    trained: tuple[date, ...] = (),
    program: str = "isometric-base",
    **kwargs: float,
) -> CurrentPlan:
    chosen = find_program(program, builtin_programs())
    entries = [history_entry(day, template_id="isometric-bridge-hold", **kwargs) for day in trained]
    return plan_for(PlanChoice(chosen.id, MONDAY, RUNNING), chosen, entries, today)


def test_a_training_day_says_what_and_why() -> None:
    lines = today_lines(current(date(2026, 12, 1)), TEMPLATES)
    assert lines == [
        "Today: Single-leg hamstring bridge hold (3 sets, 20 s hold)",
        "Why: Isometric base, 6 weeks: week 1 of 6, session 1 of 3;"
        " hard runs tue, thu; long run sat.",
        "Start it with `hamtimer run today`.",
    ]


def test_a_rest_day_says_why_and_what_is_next() -> None:
    lines = today_lines(current(date(2026, 12, 2), trained=(date(2026, 12, 1),)), TEMPLATES)
    assert lines == [
        "Rest day: hard run tomorrow.",
        "Next: Single-leg hamstring bridge hold (3 sets, 20 s hold) on Thu 03 Dec"
        " (session 2 of 3).",
    ]


def test_the_week_table_has_a_row_a_day_and_the_lighter_week() -> None:
    lines = week_lines(current(date(2026, 12, 21)), TEMPLATES)
    assert lines[0] == "Isometric base, 6 weeks: week 4 of 6, a lighter week"
    rows = [line for line in lines if line[:3] in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")]
    assert len(rows) == 7
    assert rows[0].startswith("Mon 21 Dec (today)")
    assert "2 sets, 20 s hold" in rows[1]


def test_sessions_left_out_are_said() -> None:
    lines = week_lines(current(date(2026, 12, 6)), TEMPLATES)
    assert lines[-1].startswith("2 sessions left out this week")


def test_pain_that_asks_to_stop_turns_a_planned_day_into_rest() -> None:
    plan = current(date(2026, 12, 3), trained=(date(2026, 12, 1),), pain=8)
    lines = today_lines(plan, TEMPLATES)
    assert lines[0].startswith("Rest today, though the plan has a session: You logged pain of 8")


def test_a_weaker_leg_is_named_and_goes_first() -> None:
    trained = (date(2026, 11, 24), date(2026, 11, 26), date(2026, 12, 1))
    plan = current(date(2026, 12, 3), trained=trained, right=50.0)
    assert plan.coached is not None and plan.coached.first_side is not None
    assert plan.coached.first_side.value == "right"
    assert any("right leg" in line for line in today_lines(plan, TEMPLATES))
