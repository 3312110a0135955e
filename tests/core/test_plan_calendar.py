"""The plan as calendar entries (MONDAY is 2026-11-30): one per planned session, each with a
UID that names its place in the plan, so a session that moves keeps its event."""

from __future__ import annotations

from datetime import date, timedelta

from hamtimer.core.plan_calendar import calendar_sessions, session_uid
from hamtimer.core.program import validate_program
from hamtimer.core.scheduling import plan_weeks
from tests.builders import template
from tests.core.test_scheduling import MONDAY, program, program_document, running

TEMPLATES = {"main": template(id="main", name="Main session")}


def test_every_planned_session_to_the_programs_end_with_its_length_and_why() -> None:
    document = program_document(weeks=2, per_week=2)
    for week in document["weeks"]:
        week["sessions"] = [
            {"template": "main", "targets": [{"exercise": "bridge", "hold_s": 25}]}
        ] * 2
    plan = validate_program(document)
    weeks = plan_weeks(plan, MONDAY, running("tue,thu", "sat"), [], MONDAY)
    sessions = calendar_sessions(plan, MONDAY, weeks, TEMPLATES)
    assert [s.day for s in sessions] == [
        MONDAY + timedelta(days=d) for d in (1, 3, 8, 10)
    ]  # tue thu, tue thu
    first = sessions[0]
    assert first.title == "Hamstrings: Main session"
    assert first.uid == "test-program-20261130-w1-s1@hamtimer.plan"
    assert 1 <= first.minutes <= 10
    assert first.description.splitlines() == [
        "Test program: week 1 of 2, session 1 of 2.",
        "Bridge hold.",
        "This week's targets: Bridge hold: 25 s hold.",
        "Start it with `hamtimer run today` or from hamtimer's Train page.",
    ]


def test_a_moved_session_keeps_its_uid_and_a_done_one_is_left_out() -> None:
    plan = program(weeks=1, per_week=2)
    hard_tuesday = running("wed")  # no strength on tuesday: monday and wednesday
    before = calendar_sessions(
        plan, MONDAY, plan_weeks(plan, MONDAY, hard_tuesday, [], MONDAY), TEMPLATES
    )
    # Monday was missed: on Tuesday, session 1 moves to Wednesday, session 2 to Friday.
    tuesday = MONDAY + timedelta(days=1)
    after = calendar_sessions(
        plan, MONDAY, plan_weeks(plan, MONDAY, hard_tuesday, [], tuesday), TEMPLATES
    )
    assert [s.uid for s in after] == [s.uid for s in before]
    assert [s.day for s in after] != [s.day for s in before]
    # Monday was trained instead: only session 2 is left to export.
    done = calendar_sessions(
        plan, MONDAY, plan_weeks(plan, MONDAY, hard_tuesday, [MONDAY], tuesday), TEMPLATES
    )
    assert [s.uid for s in done] == [before[1].uid]


def test_a_program_started_afresh_gets_new_uids() -> None:
    plan = program()
    assert session_uid(plan, MONDAY, 1, 1) != session_uid(plan, date(2027, 1, 4), 1, 1)


def test_the_weeks_run_from_this_week_to_the_last_one() -> None:
    plan = program(weeks=6)
    weeks = plan_weeks(plan, MONDAY, running(), [], MONDAY + timedelta(weeks=2, days=3))
    assert [week.number for week in weeks] == [3, 4, 5, 6]
    assert plan_weeks(plan, MONDAY, running(), [], MONDAY + timedelta(weeks=7)) == []


def test_a_missing_template_still_gets_an_entry_saying_so() -> None:
    plan = program(weeks=1, per_week=2)
    sessions = calendar_sessions(plan, MONDAY, plan_weeks(plan, MONDAY, running(), [], MONDAY), {})
    assert sessions[0].title == "Hamstrings: main"
    assert "Template 'main' is not installed." in sessions[0].description
