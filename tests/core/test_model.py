from __future__ import annotations

import pytest
from pydantic import ValidationError

from hamtimer.core.model import Amount, Mode, Sides, Template
from hamtimer.core.vocabulary import CueAt, TempoOrder
from tests.builders import document, exercise_document, exercise_template, template


def test_valid_template_loads_with_defaults() -> None:
    loaded = template()
    exercise = loaded.exercises[0]
    assert exercise.mode == Mode.HOLD
    assert exercise.sides == Sides.EACH
    assert exercise.hold_s is not None
    assert exercise.hold_s.label() == "20-30"
    assert exercise.amount_label() == "2 x 20-30 s hold each side"
    assert loaded.first_side.value == "left"


def test_unknown_field_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        Template.model_validate(document(colour="red"))
    assert caught.value.errors()[0]["type"] == "extra_forbidden"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"hold_s": None}, "hold_s"),
        ({"reps": {"target": 10}}, "reps"),
        ({"work_s": 30}, "work_s"),
        ({"tempo": {"lower_s": 3}}, "tempo"),
        ({"goal": "20 yards"}, "goal"),
        ({"expected_s": 40}, "expected_s"),
        ({"wait_for_done": True}, "wait_for_done"),
        (
            {"mode": "timed", "hold_s": None, "work_s": 30, "position": {"text": "Up"}},
            "position",
        ),
    ],
)
def test_mode_specific_fields_are_required_or_refused(
    changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        Template.model_validate(exercise_document(**changes))
    locations = [error["loc"] for error in caught.value.errors()]
    assert ("exercises", 0, field) in locations


def test_cue_offset_required_for_after_and_refused_for_start() -> None:
    cues = [{"text": "a", "at": "after"}, {"text": "b", "at": "start", "offset_s": 3}]
    with pytest.raises(ValidationError) as caught:
        Template.model_validate(exercise_document(cues=cues))
    locations = {error["loc"] for error in caught.value.errors()}
    assert locations == {
        ("exercises", 0, "cues", 0, "offset_s"),
        ("exercises", 0, "cues", 1, "offset_s"),
    }


def test_target_must_lie_inside_its_range() -> None:
    with pytest.raises(ValidationError, match="must be between the minimum"):
        Amount(target=40, min=20, max=30)
    assert not Amount(target=5).is_range


def test_duplicate_exercise_ids_are_refused() -> None:
    doc = document()
    doc["exercises"].append(dict(doc["exercises"][0]))
    with pytest.raises(ValidationError, match="used twice"):
        Template.model_validate(doc)


def test_absurd_hold_is_refused() -> None:
    with pytest.raises(ValidationError):
        Template.model_validate(exercise_document(hold_s={"target": 86_400}))


def test_equipment_is_listed_once_in_order_of_use() -> None:
    doc = exercise_document(equipment=["Bench", "Mat"])
    second = dict(doc["exercises"][0], id="again", equipment=["Mat", "Band"])
    doc["exercises"].append(second)
    assert Template.model_validate(doc).equipment() == ["Bench", "Mat", "Band"]


def test_files_without_the_timeline_fields_load_with_their_defaults() -> None:
    """Templates written before tempo order, positions, expected times and after-effort cues
    load unchanged: lowering first, no position, open steps moving on after a minute."""
    reps = template(
        exercises=[
            {
                "id": "rdl",
                "name": "RDL",
                "mode": "reps",
                "reps": {"target": 8},
                "tempo": {"lower_s": 3, "pause_s": 1},
            }
        ]
    )
    tempo = reps.exercises[0].tempo
    assert tempo is not None and tempo.order == TempoOrder.LOWER_FIRST
    assert template().exercises[0].position is None
    walk = template(exercises=[{"id": "walk", "name": "Walk", "mode": "open"}]).exercises[0]
    assert (walk.expected_s, walk.expected_duration_s, walk.wait_for_done) == (None, 60, False)


def test_an_after_effort_cue_takes_no_offset() -> None:
    with pytest.raises(ValidationError) as caught:
        Template.model_validate(
            exercise_document(cues=[{"text": "Lower slowly", "at": "end", "offset_s": 2}])
        )
    assert caught.value.errors()[0]["loc"] == ("exercises", 0, "cues", 0, "offset_s")
    lowering = exercise_template(cues=[{"text": "Lower slowly", "at": "end"}])
    assert lowering.exercises[0].cues[0].at == CueAt.END


def test_an_open_steps_cues_must_fit_its_expected_time() -> None:
    open_walk = {"mode": "open", "hold_s": None, "expected_s": 20}
    late = [{"text": "Nearly there", "at": "after", "offset_s": 25}]
    with pytest.raises(ValidationError, match="outside the 20 s step"):
        Template.model_validate(exercise_document(**open_walk, cues=late))


# --- choose-some and sourcing fields ----------------------------------------------------------


def test_files_without_the_newer_fields_load_with_none_of_them() -> None:
    loaded = template()
    assert loaded.choose_per_session is None and loaded.sourcing_note is None
    assert loaded.exercises[0].source is None and loaded.exercises[0].sourced_numbers == []


def test_sourced_numbers_must_be_numbers_the_exercise_has() -> None:
    credited = exercise_template(sourced_numbers=["sets", "hold_s"])
    assert [n.value for n in credited.exercises[0].sourced_numbers] == ["sets", "hold_s"]
    with pytest.raises(ValidationError, match="lists 'reps', which this exercise does not set"):
        exercise_template(sourced_numbers=["reps"])
    with pytest.raises(ValidationError, match="lists a number twice"):
        exercise_template(sourced_numbers=["sets", "sets"])
    with pytest.raises(ValidationError):
        exercise_template(sourced_numbers=["rest_between_sets_s"])


def test_an_exercise_may_name_its_own_article() -> None:
    loaded = exercise_template(source={"title": "Another article", "publisher": "Somebody"})
    assert loaded.exercises[0].source is not None
    assert loaded.exercises[0].source.title == "Another article"


def test_choose_some_needs_more_main_exercises_than_it_picks() -> None:
    two = document()
    two["exercises"].append(dict(two["exercises"][0], id="second"))
    assert Template.model_validate({**two, "choose_per_session": 1}).choose_per_session == 1
    with pytest.raises(ValidationError, match="fewer than the 2 main exercises"):
        Template.model_validate({**two, "choose_per_session": 2})
    with pytest.raises(ValidationError):
        Template.model_validate({**two, "choose_per_session": 0})
