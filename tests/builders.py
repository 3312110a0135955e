"""Small valid template documents for tests, changed field by field."""

from __future__ import annotations

import copy
from typing import Any

from hamtimer.core.model import Template

BRIDGE: dict[str, Any] = {
    "schema_version": 1,
    "id": "test-bridge",
    "name": "Test bridge",
    "source": {"title": "A test article"},
    "countdown_s": 3,
    "rest_between_exercises_s": 30,
    "exercises": [
        {
            "id": "bridge",
            "name": "Bridge hold",
            "mode": "hold",
            "sides": "each",
            "sets": {"target": 2},
            "hold_s": {"min": 20, "max": 30, "target": 20},
            "rest_between_sides_s": 10,
            "rest_between_sets_s": 30,
            "setup": ["Heel on the bench."],
            "cues": [
                {"text": "Press through the heel", "at": "start"},
                {"text": "Squeeze the glutes", "at": "after", "offset_s": 5},
                {"text": "Drive the heel down", "at": "before_end", "offset_s": 6},
            ],
        }
    ],
}


def document(**changes: Any) -> dict[str, Any]:
    doc = copy.deepcopy(BRIDGE)
    doc.update(changes)
    return doc


def exercise_document(**changes: Any) -> dict[str, Any]:
    doc = copy.deepcopy(BRIDGE)
    doc["exercises"][0].update(changes)
    return doc


def template(**changes: Any) -> Template:
    return Template.model_validate(document(**changes))


def exercise_template(**changes: Any) -> Template:
    return Template.model_validate(exercise_document(**changes))


def open_template(**changes: Any) -> Template:
    """One open exercise for both legs ("20 yards"), changed field by field."""
    fields: dict[str, Any] = {
        "mode": "open",
        "hold_s": None,
        "goal": "20 yards",
        "sides": "both",
        "cues": [],
    }
    return exercise_template(**(fields | changes))


def reps_template(tempo: dict[str, Any], cues: list[dict[str, Any]], reps: int = 2) -> Template:
    """One exercise of `reps` reps at `tempo`, both legs together."""
    return exercise_template(
        mode="reps", hold_s=None, reps={"target": reps}, tempo=tempo, sides="both", cues=cues
    )


def many_exercises(count: int, sets: int, hold_s: int) -> list[dict[str, Any]]:
    """Hold exercises, each leg in turn: enough of them compile to more steps than allowed."""
    return [
        {
            "id": f"e{i}",
            "name": "Bridge",
            "mode": "hold",
            "sides": "each",
            "sets": {"target": sets},
            "hold_s": {"target": hold_s},
        }
        for i in range(count)
    ]


CHOOSE_FROM = ("a", "b", "c", "d", "e")


def choose_some_template(count: int = 2, **changes: Any) -> Template:
    """Five short main exercises (a to e), a warm-up, and `count` of the five per session."""
    exercises = [
        {"id": i, "name": i.upper(), "mode": "reps", "reps": {"target": 5}, "prepare_s": 3}
        for i in CHOOSE_FROM
    ]
    warm = [{"id": "warm", "name": "Warm", "mode": "timed", "work_s": 20, "prepare_s": 3}]
    return template(
        id="choosy", exercises=exercises, warmup=warm, choose_per_session=count, **changes
    )


def tiny_document(work_s: int = 2) -> dict[str, Any]:
    """A session of a few seconds (3 s to get ready, one timed set) for tests that run the app
    for real, in real time."""
    return {
        "schema_version": 1,
        "id": "tiny",
        "name": "Tiny session",
        "source": {"title": "A test"},
        "countdown_s": 1,
        "rest_between_exercises_s": 0,
        "exercises": [
            {
                "id": "go",
                "name": "Quick go",
                "mode": "timed",
                "work_s": work_s,
                "prepare_s": 3,
                "rest_between_sides_s": 0,
                "rest_between_sets_s": 0,
            }
        ],
    }
