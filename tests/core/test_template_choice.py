"""Quick adjust: the user's choices laid over a template, inside its own ranges."""

from __future__ import annotations

import pytest

from hamtimer.core.model import Template
from hamtimer.core.template_choice import TemplateChoice, apply_choice, choice_text
from hamtimer.core.vocabulary import Leg
from tests.builders import document, template

TWO = document(
    exercises=[
        {
            "id": "bridge",
            "name": "Bridge",
            "mode": "hold",
            "sides": "each",
            "sets": {"target": 3},
            "hold_s": {"min": 20, "max": 40, "target": 25},
        },
        {"id": "curl", "name": "Curl", "mode": "reps", "reps": {"target": 8}},
    ],
    warmup=[{"id": "walk", "name": "Walk", "mode": "timed", "work_s": 60}],
)


def two() -> Template:
    return Template.model_validate(TWO)


def test_the_default_choice_keeps_the_template() -> None:
    original = template()
    assert apply_choice(original, TemplateChoice()) is original


def test_side_order_sets_and_hold_are_applied() -> None:
    choice = TemplateChoice(first_side=Leg.RIGHT, sets={"bridge": 2}, hold_s={"bridge": 35})
    adjusted = apply_choice(two(), choice)
    assert adjusted.first_side == Leg.RIGHT
    bridge = adjusted.exercises[0]
    assert bridge.sets.target == 2
    assert bridge.hold_s is not None and bridge.hold_s.target == 35
    assert (bridge.hold_s.min, bridge.hold_s.max) == (20, 40)


def test_numbers_stay_inside_the_template_range() -> None:
    adjusted = apply_choice(two(), TemplateChoice(hold_s={"bridge": 90}))
    assert adjusted.exercises[0].hold_s is not None
    assert adjusted.exercises[0].hold_s.target == 40


def test_exercises_can_be_left_out_but_not_every_main_one() -> None:
    without = apply_choice(two(), TemplateChoice(excluded=frozenset({"walk", "curl"})))
    assert [e.id for e in without.all_exercises()] == ["bridge"]
    everything = frozenset({"bridge", "curl"})
    kept = apply_choice(two(), TemplateChoice(excluded=everything))
    assert [e.id for e in kept.exercises] == ["bridge", "curl"]


def test_ids_the_template_lost_are_ignored() -> None:
    choice = TemplateChoice(excluded=frozenset({"gone"}), sets={"gone": 2})
    assert apply_choice(two(), choice) == two()


def test_documents_round_trip_and_bad_ones_are_refused() -> None:
    choice = TemplateChoice(Leg.RIGHT, frozenset({"curl"}), {"bridge": 2}, {"bridge": 30})
    assert TemplateChoice.from_document(choice.to_document()) == choice
    bad: object
    for bad in ([], {"excluded": "curl"}, {"sets": {"bridge": "2"}}, {"first_side": "up"}):
        with pytest.raises((TypeError, ValueError)):
            TemplateChoice.from_document(bad)


def test_the_choice_in_words() -> None:
    choice = TemplateChoice(Leg.RIGHT, frozenset({"walk"}), {"bridge": 1}, {"bridge": 30})
    assert choice_text(two(), choice) == ("right leg first; Bridge: 1 set, 30 s hold; without Walk")
    assert choice_text(two(), TemplateChoice()) == ""


def test_picks_round_trip_and_older_files_have_none() -> None:
    choice = TemplateChoice(picks=frozenset({"curl"}), picks_after="session-7")
    assert TemplateChoice.from_document(choice.to_document()) == choice
    older = {"first_side": None, "excluded": [], "sets": {}, "hold_s": {}}
    assert TemplateChoice.from_document(older) == TemplateChoice()
    for bad in ({"picks": "curl"}, {"picks": [1]}, {"picks_after": 7}):
        with pytest.raises(TypeError):
            TemplateChoice.from_document(bad)


def test_a_number_changed_outside_the_articles_is_no_longer_credited_to_it() -> None:
    doc = dict(TWO)
    doc["exercises"] = [
        {**TWO["exercises"][0], "sourced_numbers": ["sets", "hold_s"]},
        {**TWO["exercises"][1], "sourced_numbers": ["reps"]},
    ]
    credited = Template.model_validate(doc)
    adjusted = apply_choice(credited, TemplateChoice(sets={"bridge": 2}, hold_s={"bridge": 30}))
    # sets were a fixed 3: 2 is the user's; the hold stays inside the article's 20-40 s range
    assert [n.value for n in adjusted.exercises[0].sourced_numbers] == ["hold_s"]
    assert [n.value for n in adjusted.exercises[1].sourced_numbers] == ["reps"]
