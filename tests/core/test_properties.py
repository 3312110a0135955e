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
from tests.template_strategies import template_documents

pytestmark = pytest.mark.slow  # 150 generated templates per test: about a second each

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
def test_no_cue_vanishes(doc: dict[str, Any]) -> None:
    """Each form cue of an exercise is, for each of its work steps, said in it, said in the
    step after it (after-effort cues), said as the session ends, or listed as dropped."""
    template = Template.model_validate(doc)
    plan = compile_plan(template)
    exercises = {exercise.id: exercise for exercise in template.all_exercises()}
    for index, step in enumerate(plan.steps):
        if not step.is_exercise:
            continue
        after = plan.steps[index + 1] if index + 1 < len(plan.steps) else None
        accounted = {cue.text for cue in step.cues} | {cue.text for cue in step.dropped}
        accounted |= {cue.text for cue in after.cues} if after else set(plan.closing_cues)
        accounted |= {cue.text for cue in after.dropped} if after else set()
        missing = [c.text for c in exercises[step.exercise_id].cues if c.text not in accounted]
        assert missing == [], (step, missing)


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
