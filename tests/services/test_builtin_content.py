"""What the built-in templates hold, checked against what their articles say (issue 13):
choose-some where the article says to pick, warm-ups before heavy or explosive work, a sensible
order, honest levels and numbers, and a note on where the numbers come from."""

from __future__ import annotations

import pytest

from hamtimer.core.model import Template
from hamtimer.core.plan import compile_plan
from hamtimer.core.vocabulary import Block, Level, StepKind
from hamtimer.services.templates import builtin_templates

HEAVY_OR_EXPLOSIVE = {
    "deadlift",
    "romanian-deadlift",
    "single-leg-dumbbell-rdl",
    "hill-sprints",
    "jump-squat",
    "kettlebell-swing",
    "nordic-curl",
}
FRESH_FIRST = {"hill-sprints", "jump-squat", "kettlebell-swing"}
"""Sprints and jumps go early, while fresh, and never after maximal eccentrics."""
ADVANCED_MOVES = {"romanian-deadlift", "ball-hamstring-curl", "kettlebell-swing"}
"""What the sample-routine article calls advanced."""


@pytest.fixture(scope="module")
def builtins() -> dict[str, Template]:
    return {item.template.id: item.template for item in builtin_templates()}


def test_posterior_chain_five_picks_two_per_session(builtins: dict[str, Template]) -> None:
    template = builtins["posterior-chain-five"]
    assert template.choose_per_session == 2
    assert len(template.exercises) == 5


def test_heavy_or_explosive_work_opens_with_the_five_minute_warm_up(
    builtins: dict[str, Template],
) -> None:
    for template in builtins.values():
        if not HEAVY_OR_EXPLOSIVE & {e.id for e in template.exercises}:
            continue
        assert [e.id for e in template.warmup] == ["leg-swings", "walking-lunges", "jog-in-place"]
        plan = compile_plan(template)
        warm = [s for s in plan.steps if s.block == Block.WARMUP and s.kind == StepKind.WORK]
        assert sum(s.duration_s or 0 for s in warm) >= 300, template.id


def test_no_rest_steps_inside_warm_ups_or_cool_downs(builtins: dict[str, Template]) -> None:
    for template in builtins.values():
        plan = compile_plan(template)
        rests = [s for s in plan.steps if s.kind == StepKind.REST and s.block != Block.MAIN]
        assert rests == [], template.id


def test_sprints_and_jumps_come_first_and_nordics_last(builtins: dict[str, Template]) -> None:
    for template in builtins.values():
        ids = [e.id for e in template.exercises]
        fresh = [ids.index(i) for i in FRESH_FIRST if i in ids]
        others = [index for index, i in enumerate(ids) if i not in FRESH_FIRST]
        assert not fresh or not others or max(fresh) < min(others), template.id
        if "nordic-curl" in ids:
            assert ids[-1] == "nordic-curl", template.id


def test_the_beginner_routine_uses_the_beginner_moves(builtins: dict[str, Template]) -> None:
    template = builtins["sample-routine"]
    assert template.level == Level.BEGINNER
    ids = {e.id for e in template.exercises}
    assert ids == {"glute-bridge", "single-leg-deadlift"}
    assert not ADVANCED_MOVES & ids
    single_leg = next(e for e in template.exercises if e.id == "single-leg-deadlift")
    assert single_leg.equipment == []  # bodyweight


def test_the_advanced_nordic_follows_the_only_sourced_prescription(
    builtins: dict[str, Template],
) -> None:
    nordic = next(e for e in builtins["sample-routine-advanced"].exercises if e.id == "nordic-curl")
    assert nordic.reps is not None and nordic.reps.label() == "5"
    assert nordic.sets.label() == "2-3"
    assert nordic.source is not None and "These Hamstring Exercises" in nordic.source.title
    assert {n.value for n in nordic.sourced_numbers} == {"sets", "reps"}


def test_the_hinges_arch_the_back_a_little(builtins: dict[str, Template]) -> None:
    for template_id in ("hinge-to-march", "hinge-to-march-weighted"):
        exercise = builtins[template_id].exercises[0]
        assert any("arch" in line for line in exercise.setup), template_id
        assert any("arch" in cue.text.lower() for cue in exercise.cues), template_id


def test_the_harder_ball_curl_raises_the_arms(builtins: dict[str, Template]) -> None:
    curl = next(
        e for e in builtins["posterior-chain-five"].exercises if e.id == "single-leg-ball-curl"
    )
    assert curl.notes is not None
    assert "cross" not in curl.notes and "higher than your chest" in curl.notes


def test_every_builtin_says_where_its_numbers_come_from(builtins: dict[str, Template]) -> None:
    for template in builtins.values():
        assert template.sourcing_note, template.id
    article_002 = builtins["seven-for-runners"]
    assert all(not e.sourced_numbers for e in article_002.all_exercises())
    assert "no sets, reps or times" in (article_002.sourcing_note or "")
