"""One vocabulary: each concept's words come with it, and its file spelling never changes."""

from __future__ import annotations

from hamtimer.core.model import Template
from hamtimer.core.plan import compile_plan
from hamtimer.core.vocabulary import Block, Leg, Mode, Phase, Side, StepKind
from tests.builders import document, template


def test_values_are_the_spellings_files_already_use() -> None:
    assert [side.value for side in Side] == ["left", "right", "both", "alternate"]
    assert [leg.value for leg in Leg] == ["left", "right"]
    assert [kind.value for kind in StepKind] == ["prepare", "work", "open", "switch", "rest"]
    assert [block.key for block in Block] == ["warmup", "exercises", "cooldown"]


def test_block_keys_are_the_template_fields_in_session_order() -> None:
    fields = list(Template.model_fields)
    keys = [block.key for block in Block]
    assert all(key in fields for key in keys)
    assert sorted(keys, key=fields.index) == keys
    warm = {"id": "swing", "name": "Leg swings", "mode": "timed", "work_s": 60}
    cool = {"id": "walk", "name": "Easy walk", "mode": "timed", "work_s": 60}
    loaded = Template.model_validate(document(warmup=[warm], cooldown=[cool]))
    assert [(block, [ex.id for ex in exercises]) for block, exercises in loaded.blocks()] == [
        (Block.WARMUP, ["swing"]),
        (Block.MAIN, ["bridge"]),
        (Block.COOLDOWN, ["walk"]),
    ]
    assert [block.heading for block in Block] == ["Warm-up", "Main", "Cool-down"]


def test_side_words() -> None:
    assert [side.caption for side in Side] == ["LEFT", "RIGHT", "", "ALTERNATE"]
    assert [side.phrase for side in Side] == [
        "Left leg",
        "Right leg",
        "Both legs",
        "Alternate legs",
    ]
    assert [side.label for side in Side] == ["Left", "Right", "Both legs", "Alternating"]


def test_a_leg_is_a_side_and_has_another() -> None:
    assert [leg.side for leg in Leg] == [Side.LEFT, Side.RIGHT]
    assert [leg.other for leg in Leg] == [Leg.RIGHT, Leg.LEFT]
    assert [leg.first_label for leg in Leg] == ["Left leg first", "Right leg first"]


def test_phase_of_a_step_kind_shows_a_timed_hold_as_hold() -> None:
    assert StepKind.WORK.phase(Mode.HOLD) == Phase.HOLD
    assert StepKind.WORK.phase(Mode.TIMED) == Phase.WORK
    assert StepKind.OPEN.phase(Mode.OPEN) == Phase.OPEN
    assert StepKind.PREPARE.phase(Mode.HOLD) == Phase.PREPARE
    assert [phase.caption for phase in Phase] == [
        "GET READY",
        "HOLD",
        "WORK",
        "GO",
        "SWITCH SIDES",
        "REST",
        "PAUSED",
    ]


def test_plan_steps_carry_their_phase() -> None:
    steps = compile_plan(template()).steps[:5]
    assert [step.phase for step in steps] == [
        Phase.PREPARE,
        Phase.HOLD,
        Phase.SWITCH,
        Phase.HOLD,
        Phase.REST,
    ]
