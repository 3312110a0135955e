"""One verdict for validate, load, import and the editor: schema problems and plan limits."""

from __future__ import annotations

import json

from hamtimer.core.plan import MAX_STEPS
from hamtimer.core.template_check import check_bytes, check_document
from hamtimer.core.validation import Problem, TemplateError
from tests.builders import document, exercise_document, many_exercises


def test_a_valid_document_gives_its_template_and_plan() -> None:
    check = check_document(document())
    assert check.ok
    template, plan = check.usable()
    assert template.id == "test-bridge"
    assert plan.steps


def test_schema_problems_name_the_field() -> None:
    check = check_document(exercise_document(hold_s={"target": 40, "max": 30}))
    assert not check.ok
    assert check.problems == (
        Problem(
            "$.exercises[0].hold_s",
            "the target (40) must be between the minimum (40) and the maximum (30)",
        ),
    )


def test_a_plan_with_too_many_steps_is_a_problem_of_the_whole_file() -> None:
    many = many_exercises(40, sets=20, hold_s=10)
    check = check_document(document(exercises=many))
    assert [p.path for p in check.problems] == ["$"]
    assert f"at most {MAX_STEPS}" in check.problems[0].message


def test_usable_raises_the_problems() -> None:
    check = check_document(document(name=""))
    try:
        check.usable()
    except TemplateError as error:
        assert error.problems == list(check.problems)
    else:
        raise AssertionError("an invalid template must not be usable")


def test_bytes_are_checked_before_the_schema() -> None:
    assert check_bytes(b"\xff\xfe{").problems[0].message.startswith("not UTF-8 text")
    assert check_bytes(json.dumps(document()).encode()).ok


def test_a_cue_past_the_end_of_its_hold_is_a_problem() -> None:
    late = {"text": "Drive the heel down", "at": "after", "offset_s": 45}
    check = check_document(exercise_document(hold_s={"target": 30}, cues=[late]))
    assert check.problems == (
        Problem(
            "$.exercises[0].cues[0].offset_s",
            "'Drive the heel down' is 45 s after the start, outside the 30 s step;"
            " it must be less than 30",
        ),
    )


def test_a_duplicate_exercise_id_points_at_its_second_use() -> None:
    bridge = exercise_document()["exercises"][0]
    check = check_document(document(exercises=[bridge, {**bridge, "name": "Again"}]))
    assert [str(p) for p in check.problems] == [
        "$.exercises[1].id: exercise id 'bridge' is used twice; ids must be unique"
    ]
