"""Templates as documents: files and the editor's draft, new ones, copies, mode changes."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from hamtimer.core.template_check import check_document
from hamtimer.core.template_document import (
    ModeMemory,
    duplicate,
    exercise_ids,
    new_exercise,
    new_template,
    slug_of,
    to_document,
    to_json,
    unique_id,
    with_mode,
)
from hamtimer.core.validation import parse_template, validate_document
from hamtimer.core.vocabulary import Mode
from tests.builders import template
from tests.template_strategies import template_documents


@pytest.mark.slow  # a property test over 100 generated templates
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(template_documents())
def test_export_then_import_gives_an_equal_template(doc: dict[str, Any]) -> None:
    original = validate_document(doc)
    assert parse_template(to_json(original).encode("utf-8")) == original


def test_files_leave_out_what_is_not_set() -> None:
    document = to_document(template())
    assert "description" not in document
    assert "notes" not in document["exercises"][0]


def test_slugs_and_free_ids() -> None:
    assert slug_of("Single-leg Bridge (left)") == "single-leg-bridge-left"
    assert slug_of("!!!") == "template"
    assert unique_id("bridge", {"other"}) == "bridge"
    assert unique_id("bridge", {"bridge", "bridge-2"}) == "bridge-3"
    assert len(unique_id("x" * 64, {"x" * 64})) == 64


def test_a_new_template_is_valid_and_takes_a_free_id() -> None:
    document = new_template({"my-session"})
    assert document["id"] == "my-session-2"
    assert check_document(document).ok


def test_a_new_exercise_takes_a_free_id() -> None:
    assert new_exercise({"exercise"})["id"] == "exercise-2"


def test_a_duplicate_is_an_editable_copy_with_its_own_id() -> None:
    original = template()
    copied = duplicate(original, {original.id})
    assert copied["id"] == "test-bridge-copy"
    assert copied["name"] == "Test bridge (copy)"
    assert copied["version"] == 1
    assert check_document(copied).ok


def test_changing_the_mode_swaps_the_mode_fields() -> None:
    hold = to_document(template())["exercises"][0]
    reps = with_mode(hold, Mode.REPS)
    assert "hold_s" not in reps
    assert reps["reps"] == {"target": 10}
    assert reps["cues"] == hold["cues"]
    timed = with_mode(reps, Mode.TIMED)
    assert timed["work_s"] == 30
    assert "reps" not in timed and "tempo" not in timed
    document = to_document(template())
    document["exercises"][0] = with_mode(timed, Mode.OPEN)
    assert check_document(document).ok


def test_exercise_ids_in_every_block() -> None:
    document = to_document(template())
    document["warmup"] = [new_exercise(())]
    assert exercise_ids(document) == ["exercise", "bridge"]


def test_a_new_mode_keeps_only_the_article_credits_that_still_apply() -> None:
    hold = to_document(
        template(
            exercises=[
                {**to_document(template())["exercises"][0], "sourced_numbers": ["sets", "hold_s"]}
            ]
        )
    )["exercises"][0]
    reps = with_mode(hold, Mode.REPS)
    assert reps["sourced_numbers"] == ["sets"]  # the default reps are not the article's


def test_a_mode_left_comes_back_as_it_was_with_its_credit() -> None:
    exercise = {
        **to_document(template())["exercises"][0],
        "position": {"text": "Lift your hips", "seconds": 4},
        "sourced_numbers": ["sets", "hold_s"],
    }
    memory: ModeMemory = {}
    opened = with_mode(exercise, Mode.OPEN, memory)
    assert "hold_s" not in opened and "position" not in opened
    assert opened["sourced_numbers"] == ["sets"]
    reps = with_mode({**opened, "expected_s": 40}, Mode.REPS, memory)
    back = with_mode(reps, Mode.HOLD, memory)
    assert back == exercise
    assert with_mode(back, Mode.OPEN, memory)["expected_s"] == 40
    assert memory["hold"]["hold_s"] == {"min": 20, "max": 30, "target": 20}
