"""Scheduling as a table, on a fake calendar: MONDAY is 2026-11-30; days are written as
'mon', 'wed+7' (the Wednesday a week later) and the expected week as 'tue thu sat'."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from typing import Any

import pytest

from hamtimer.core.program import Program, validate_program
from hamtimer.core.scheduling import (
    DAY_NAMES,
    DayKind,
    RunningWeek,
    WeekPlan,
    parse_days,
    plan_week,
)
from hamtimer.core.validation import TemplateError

MONDAY = date(2026, 11, 30)


def day(name: str) -> date:
    """'wed' -> that Wednesday of the first week; 'wed+14' -> two weeks later."""
    weekday, _plus, offset = name.partition("+")
    return MONDAY + timedelta(days=DAY_NAMES.index(weekday) + int(offset or 0))


def program_document(weeks: int = 6, per_week: int = 3, heavy: bool = False) -> dict[str, Any]:
    session = {"template": "main", "heavy": heavy, "targets": [{"exercise": "hold", "hold_s": 20}]}
    return {
        "schema_version": 1,
        "kind": "program",
        "id": "test-program",
        "name": "Test program",
        "sources": [{"title": "An article"}],
        "light_template": "light",
        "weeks": [{"sessions": [session] * per_week} for _ in range(weeks)],
    }


def program(**kwargs: Any) -> Program:
    return validate_program(program_document(**kwargs))


def running(hard: str = "", long_run: str | None = None, race: str | None = None) -> RunningWeek:
    return RunningWeek(
        parse_days(hard),
        DAY_NAMES.index(long_run) if long_run else None,
        day(race) if race else None,
    )


def planned(week: WeekPlan) -> str:
    return " ".join(DAY_NAMES[d.day.weekday()] for d in week.days if d.kind == DayKind.PLANNED)


WEEK_SHAPES = [
    # hard days, long run, expected strength days (3 sessions wanted, from Monday)
    pytest.param("", None, "mon wed fri", id="travel week: no hard days"),
    pytest.param("tue,thu", "sat", "tue thu sat", id="two hard days and a long run"),
    pytest.param("wed", "sun", "mon wed fri", id="one hard day, long run sunday"),
    pytest.param("mon,tue,wed,thu,fri,sat", None, "sat", id="hard every day but sunday"),
    pytest.param("tue,fri", "sun", "tue fri sun", id="hard runs three days apart"),
    pytest.param("tue,wed,fri,sat", "sun", "wed sun", id="only two days fit"),
    pytest.param("mon,wed,fri", "sun", "mon wed fri", id="hard days carry the strength"),
]


@pytest.mark.parametrize(("hard", "long_run", "expected"), WEEK_SHAPES)
def test_weeks_of_every_shape(hard: str, long_run: str | None, expected: str) -> None:
    week = plan_week(program(), MONDAY, running(hard, long_run), [], day("mon"))
    assert planned(week) == expected
    assert week.dropped == 3 - len(expected.split())
    assert week.number == 1


@pytest.mark.parametrize(
    ("done", "today", "expected", "dropped"),
    [
        pytest.param([], "wed", "wed fri sun", 0, id="two days missed: all three still fit"),
        pytest.param(["mon"], "thu", "thu sat", 0, id="session 2 missed moves on"),
        pytest.param([], "fri", "fri sun", 1, id="late in the week: one is dropped"),
        pytest.param([], "sun", "sun", 2, id="sunday: never two in a day"),
        pytest.param(["mon", "wed", "fri"], "sat", "", 0, id="week done"),
        pytest.param(["sun+-7"], "mon", "tue thu sat", 0, id="trained last sunday"),
    ],
)
def test_missed_sessions_move_on_never_doubling(
    done: list[str], today: str, expected: str, dropped: int
) -> None:
    trained = [MONDAY - timedelta(days=1) if d == "sun+-7" else day(d) for d in done]
    week = plan_week(program(), MONDAY, running(), trained, day(today))
    assert planned(week) == expected
    assert week.dropped == dropped


def test_a_session_today_means_rest_tomorrow() -> None:
    week = plan_week(program(), MONDAY, running(), [day("tue")], day("tue"))
    assert week.on(day("tue")).kind == DayKind.DONE
    assert week.on(day("wed")).reason == "the day after a strength session"
    assert planned(week) == "thu sat"


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        # The race is on Saturday in three weeks (sat+14); taper: the 10 days before it.
        pytest.param("mon", "mon:main wed:main fri:main", id="three weeks out: heavy"),
        pytest.param("mon+7", "mon:main wed:light fri:light", id="two weeks out: taper begins"),
        pytest.param("mon+14", "mon:light wed:light sun:main", id="race week"),
    ],
)
def test_race_in_three_weeks(today: str, expected: str) -> None:
    week = plan_week(program(heavy=True), MONDAY, running(race="sat+14"), [], day(today))
    shown = " ".join(
        f"{DAY_NAMES[d.day.weekday()]}:{d.session.template}"
        for d in week.days
        if d.session is not None
    )
    assert shown == expected


def test_race_week_reasons() -> None:
    week = plan_week(program(heavy=True), MONDAY, running(race="sat+14"), [], day("mon+14"))
    assert week.on(day("fri+14")).reason == "race tomorrow"
    assert week.on(day("sat+14")).reason == "race day"
    assert "light: race in 5 days" in week.on(day("mon+14")).reason


def test_rest_days_say_why() -> None:
    week = plan_week(program(), MONDAY, running("thu", "sun"), [], day("tue"))
    assert week.on(day("mon")).reason == "past"
    assert week.on(day("wed")).reason == "hard run tomorrow"
    assert week.on(day("sat")).reason == "long run tomorrow"
    assert week.on(day("tue")).reason == "session 1 of 3"


@pytest.mark.parametrize(
    ("start", "today", "number", "expected"),
    [
        pytest.param("wed", "mon", 1, "wed fri sun", id="starts midweek"),
        pytest.param("mon+7", "mon", 0, "", id="before the start"),
        pytest.param("mon", "mon+14", 3, "mon wed fri", id="third week"),
        pytest.param("mon", "mon+42", 7, "", id="after the last week"),
    ],
)
def test_program_weeks(start: str, today: str, number: int, expected: str) -> None:
    week = plan_week(program(weeks=6), day(start), running(), [], day(today))
    assert (week.number, planned(week)) == (number, expected)


def test_lighter_week_is_marked() -> None:
    document = program_document(weeks=2)
    document["weeks"][1]["lighter"] = True
    week = plan_week(validate_program(document), MONDAY, running(), [], day("mon+7"))
    assert week.lighter and week.number == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", set()), ("mon,wed", {0, 2}), ("Tuesday, sat", {1, 5}), ("sun,", {6})],
)
def test_day_names(text: str, expected: set[int]) -> None:
    assert parse_days(text) == expected


@pytest.mark.parametrize("text", ["mo", "funday", "mon;wed"])
def test_bad_day_names_are_named(text: str) -> None:
    with pytest.raises(ValueError, match="is not a day"):
        parse_days(text)


# -- the program document ------------------------------------------------------------------


def _problems(document: dict[str, Any]) -> list[str]:
    with pytest.raises(TemplateError) as caught:
        validate_program(document)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("change", "path"),
    [
        pytest.param(lambda d: d["weeks"][0].update(sessions=d["weeks"][0]["sessions"][:1]),
                     "$.weeks[0].sessions", id="one session a week"),
        pytest.param(lambda d: d["weeks"][1].update(sessions=d["weeks"][1]["sessions"] * 2),
                     "$.weeks[1].sessions", id="six sessions a week"),
        pytest.param(lambda d: d["weeks"][0]["sessions"][0]["targets"][0].update(hold_s=0),
                     "$.weeks[0].sessions[0].targets[0].hold_s", id="zero-second hold"),
        pytest.param(lambda d: d.update(colour="red"), "$.colour", id="unknown field"),
        pytest.param(lambda d: d.update(kind="template"), "$.kind", id="not a program"),
        pytest.param(lambda d: d.update(weeks=[]), "$.weeks", id="no weeks"),
    ],
)  # fmt: skip
def test_a_bad_program_names_the_field(change: Any, path: str) -> None:
    document = program_document()
    change(document)
    assert any(problem.startswith(f"{path}: ") for problem in _problems(document))


def test_the_light_template_may_not_be_heavy() -> None:
    document = program_document(heavy=True)
    document["light_template"] = "main"
    assert "never heavy" in _problems(document)[0]


def test_targets_become_a_quick_adjust_choice() -> None:
    choice = program().weeks[0].sessions[0].choice()
    assert (dict(choice.hold_s), dict(choice.sets)) == ({"hold": 20}, {})


def _every_running_week() -> list[RunningWeek]:
    """All 128 sets of hard days, with no long run or each day's (the long run is one day)."""
    weeks = []
    for mask in range(128):
        hard = frozenset(d for d in range(7) if mask >> d & 1)
        weeks += [RunningWeek(hard, long_run) for long_run in (None, *range(7))]
    return weeks


def test_the_rules_hold_for_every_running_week_and_every_day() -> None:
    """Exhaustively: never the day before a hard run or the long run, never on consecutive
    days or twice in a day (counting a session done two days before), each session accounted
    for: done, planned or dropped."""
    plan = program()
    for running in _every_running_week():
        quality = running.quality_days()
        for offset in range(7):
            today = MONDAY + timedelta(days=offset)
            trained = [today - timedelta(days=2)]
            week = plan_week(plan, MONDAY - timedelta(days=7), running, trained, today)
            days = [d.day for d in week.days if d.kind != DayKind.REST]
            assert len(days) + week.dropped == 3  # each of the week's sessions accounted for
            assert all((b - a).days >= 2 for a, b in pairwise(sorted({trained[0], *days})))
            for day in week.days:
                if day.kind == DayKind.PLANNED:
                    assert (day.day.weekday() + 1) % 7 not in quality, (running, day)
                    assert day.day >= today


def test_outside_the_program_days_say_so() -> None:
    week = plan_week(program(weeks=1), MONDAY, running(), [day("tue+7")], day("mon+7"))
    assert week.on(day("mon+7")).reason == "the program is finished"
    assert week.on(day("tue+7")).reason == "trained"
