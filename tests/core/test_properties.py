"""Properties over generated templates: every valid one compiles to a consistent plan, and
broken documents are refused with a message that names the broken field."""

from __future__ import annotations

import copy
import itertools
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamtimer.core.engine import SessionEngine, SessionFinished
from hamtimer.core.model import Template
from hamtimer.core.plan import CUE_GAP_S, CueKind, compile_plan
from hamtimer.core.validation import TemplateError, parse_template
from tests.fakes import FakeClock

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
def cues(draw: st.DrawFn) -> dict[str, Any]:
    at = draw(st.sampled_from(["start", "after", "halfway", "before_end"]))
    cue: dict[str, Any] = {"text": draw(phrases), "at": at}
    if at in ("after", "before_end"):
        cue["offset_s"] = draw(st.integers(0, 60))
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
        "cues": draw(st.lists(cues(), max_size=5)),
    }
    if mode == "hold":
        exercise["hold_s"] = draw(amounts(5, 60))
    elif mode == "reps":
        exercise["reps"] = draw(amounts(1, 15))
        if draw(st.booleans()):
            exercise["tempo"] = {
                "lower_s": draw(st.integers(1, 5)),
                "pause_s": draw(st.integers(0, 2)),
                "lift_s": draw(st.integers(1, 2)),
            }
    elif mode == "timed":
        exercise["work_s"] = draw(st.integers(1, 120))
    elif draw(st.booleans()):
        exercise["goal"] = draw(phrases)
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


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(template_documents())
def test_every_valid_template_compiles_to_a_consistent_plan(doc: dict[str, Any]) -> None:
    plan = compile_plan(Template.model_validate(doc))
    assert plan.total_s == sum(step.duration_s or 0.0 for step in plan.steps)
    assert [step.index for step in plan.steps] == list(range(len(plan.steps)))
    for step in plan.steps:
        spoken = [c for c in step.cues if c.kind != CueKind.TEMPO]
        for first, second in itertools.pairwise(step.cues):
            assert first.end_s <= second.at_s + 1e-9, (first, second)
        for first, second in itertools.pairwise(spoken):
            assert first.end_s + CUE_GAP_S <= second.at_s + 1e-9
        if step.duration_s is not None:
            countdown_starts = step.duration_s - step.countdown_s
            assert all(c.at_s >= 0 and c.end_s <= countdown_starts + 1e-9 for c in step.cues)


@FAST
@given(template_documents())
def test_every_plan_runs_to_its_planned_total(doc: dict[str, Any]) -> None:
    plan = compile_plan(Template.model_validate(doc))
    clock = FakeClock()
    engine = SessionEngine(plan, clock=clock, wall_clock=clock.wall)
    start = clock.now
    events = engine.start()
    while (step := engine.current_step) is not None:
        if not step.is_timed:  # an open step: the user presses done after a while
            clock.advance(7.0)
            events += engine.done()
            continue
        deadline = engine.next_deadline()
        assert deadline is not None and deadline > clock.now - 1e-9
        clock.advance(deadline - clock.now)
        events += engine.poll()
    assert isinstance(events[-1], SessionFinished)
    open_time = 7.0 * plan.open_steps
    assert events[-1].planned_at - start == pytest.approx(plan.total_s + open_time)


BREAKAGES = [
    ("$.exercises[0].mode", lambda d: d["exercises"][0].update(mode="fly")),
    ("$.exercises[0].sets.target", lambda d: d["exercises"][0].update(sets={"target": 0})),
    ("$.exercises[0].name", lambda d: d["exercises"][0].update(name=7)),
    (
        "$.exercises[0].rest_between_sets_s",
        lambda d: d["exercises"][0].update(rest_between_sets_s=-1),
    ),
    ("$.first_side", lambda d: d.update(first_side="middle")),
    ("$.countdown_s", lambda d: d.update(countdown_s="three")),
    ("$.exercises[0].surprise", lambda d: d["exercises"][0].update(surprise=True)),
    ("$.source.title", lambda d: d["source"].update(title="")),
    ("$.exercises", lambda d: d.update(exercises=[])),
]


@FAST
@given(template_documents(), st.sampled_from(BREAKAGES))
def test_broken_documents_are_refused_naming_the_field(
    doc: dict[str, Any], breakage: tuple[str, Any]
) -> None:
    path, breaker = breakage
    broken = copy.deepcopy(doc)
    breaker(broken)
    try:
        parse_template(json.dumps(broken).encode())
    except TemplateError as error:
        assert any(str(p).startswith(path + ":") for p in error.problems), error.problems
    else:
        raise AssertionError(f"{path} breakage was accepted")
