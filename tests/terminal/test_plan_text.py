"""The plan's words in the terminal, on a fixed calendar (MONDAY is 2026-11-30)."""

from __future__ import annotations

from datetime import date

from hamtimer.core.scheduling import RunningWeek, plan_week
from hamtimer.services.programs import CurrentPlan, PlanChoice, builtin_programs, find_program
from hamtimer.services.templates import builtin_templates
from hamtimer.terminal.plan_text import today_lines, week_lines

MONDAY = date(2026, 11, 30)
TEMPLATES = {item.template.id: item.template for item in builtin_templates()}
RUNNING = RunningWeek(frozenset({1, 3}), 5)


def current(
    today: date, trained: tuple[date, ...] = (), program: str = "isometric-base"
) -> CurrentPlan:
    chosen = find_program(program, builtin_programs())
    week = plan_week(chosen, MONDAY, RUNNING, trained, today)
    return CurrentPlan(PlanChoice(chosen.id, MONDAY, RUNNING), chosen, week, today)


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
