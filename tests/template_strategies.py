"""Hypothesis strategies for valid template documents, shared by the property tests."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

words = st.sampled_from(["heel", "down", "hips", "level", "squeeze", "slow", "brace", "tall"])
phrases = st.lists(words, min_size=1, max_size=7).map(lambda w: " ".join(w).capitalize())


@st.composite
def amounts(draw: st.DrawFn, low: int, high: int) -> dict[str, int]:
    target = draw(st.integers(low, high))
    if draw(st.booleans()):
        return {"target": target}
    return {
        "min": draw(st.integers(low, target)),
        "max": draw(st.integers(target, high)),
        "target": target,
    }


@st.composite
def cues(draw: st.DrawFn, longest: int = 60) -> dict[str, Any]:
    """A cue; timed ones inside a step of `longest` seconds (the schema refuses others)."""
    at = draw(st.sampled_from(["start", "after", "halfway", "before_end", "end"]))
    cue: dict[str, Any] = {"text": draw(phrases), "at": at}
    if at in ("after", "before_end"):
        cue["offset_s"] = draw(st.integers(0, longest - 1))
    return cue


@st.composite
def exercises(draw: st.DrawFn, ident: str) -> dict[str, Any]:
    mode = draw(st.sampled_from(["hold", "reps", "timed", "open"]))
    exercise: dict[str, Any] = {
        "id": ident,
        "name": draw(phrases),
        "mode": mode,
        "sides": draw(st.sampled_from(["each", "alternate", "both"])),
        "sets": draw(amounts(1, 4)),
        "prepare_s": draw(st.integers(3, 20)),
        "rest_between_sides_s": draw(st.integers(0, 20)),
        "rest_between_sets_s": draw(st.integers(0, 90)),
        "setup": draw(st.lists(phrases, max_size=3)),
    }
    longest = 60
    if mode == "hold":
        exercise["hold_s"] = draw(amounts(5, 60))
        longest = exercise["hold_s"]["target"]
        if draw(st.booleans()):
            exercise["position"] = {"text": draw(phrases), "seconds": draw(st.integers(1, 10))}
    elif mode == "reps":
        exercise["reps"] = draw(amounts(1, 15))
        if draw(st.booleans()):
            exercise["tempo"] = {
                "lower_s": draw(st.integers(1, 5)),
                "pause_s": draw(st.integers(0, 2)),
                "lift_s": draw(st.integers(1, 2)),
                "order": draw(st.sampled_from(["lower_first", "lift_first"])),
            }
    elif mode == "timed":
        exercise["work_s"] = draw(st.integers(1, 120))
        longest = exercise["work_s"]
    else:
        if draw(st.booleans()):
            exercise["goal"] = draw(phrases)
        if draw(st.booleans()):
            exercise["expected_s"] = longest = draw(st.integers(1, 120))
        exercise["wait_for_done"] = draw(st.booleans())
    exercise["cues"] = draw(st.lists(cues(longest), max_size=5))
    return exercise


@st.composite
def template_documents(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(1, 3))
    return {
        "schema_version": 1,
        "id": "generated",
        "name": "Generated",
        "source": {"title": "Generated article"},
        "first_side": draw(st.sampled_from(["left", "right"])),
        "countdown_s": draw(st.integers(0, 5)),
        "rest_between_exercises_s": draw(st.integers(0, 120)),
        "warmup": [draw(exercises(f"w{i}")) for i in range(draw(st.integers(0, 1)))],
        "exercises": [draw(exercises(f"e{i}")) for i in range(count)],
    }
