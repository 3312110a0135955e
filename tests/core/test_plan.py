from __future__ import annotations

from collections.abc import Callable

import pytest

from hamtimer.core.model import Template
from hamtimer.core.plan import (
    CUE_GAP_S,
    CueKind,
    CueRequest,
    PlanTooLongError,
    compile_plan,
    estimate_speech_s,
    schedule_cues,
)
from hamtimer.core.vocabulary import Side, StepKind
from tests.builders import document, exercise_document, exercise_template, template


def fixed_length(seconds: float) -> Callable[[str], float]:
    return lambda _text: seconds


def test_each_side_gives_full_holds_for_left_then_right_per_set() -> None:
    plan = compile_plan(template())
    kinds = [(s.kind, s.side, s.set_number, s.duration_s) for s in plan.steps]
    assert kinds == [
        (StepKind.PREPARE, Side.LEFT, 1, kinds[0][3]),
        (StepKind.WORK, Side.LEFT, 1, 20.0),
        (StepKind.SWITCH, Side.RIGHT, 1, 10.0),
        (StepKind.WORK, Side.RIGHT, 1, 20.0),
        (StepKind.REST, Side.BOTH, 1, 30.0),
        (StepKind.WORK, Side.LEFT, 2, 20.0),
        (StepKind.SWITCH, Side.RIGHT, 2, 10.0),
        (StepKind.WORK, Side.RIGHT, 2, 20.0),
    ]


def test_total_is_the_sum_of_timed_steps() -> None:
    plan = compile_plan(template())
    assert plan.total_s == sum(s.duration_s or 0 for s in plan.steps)
    assert plan.remaining_after(0) == plan.total_s - (plan.steps[0].duration_s or 0)


def test_right_first_swaps_the_order() -> None:
    plan = compile_plan(template(first_side="right"))
    work = [s.side for s in plan.steps if s.kind == StepKind.WORK]
    assert work == [Side.RIGHT, Side.LEFT, Side.RIGHT, Side.LEFT]


def test_prepare_grows_to_fit_its_setup_speech() -> None:
    long_setup = ["Lie on your back with knees bent and both feet flat on the floor."] * 4
    plan = compile_plan(exercise_template(setup=long_setup, prepare_s=5))
    prepare = plan.steps[0]
    assert prepare.duration_s is not None and prepare.duration_s > 5
    assert not prepare.dropped
    assert prepare.cues[-1].end_s <= prepare.duration_s - prepare.countdown_s


def test_cues_never_overlap_each_other_or_the_countdown() -> None:
    plan = compile_plan(template())
    for step in plan.steps:
        for first, second in zip(step.cues, step.cues[1:], strict=False):
            assert first.end_s + CUE_GAP_S <= second.at_s + 1e-9
        if step.duration_s is not None and step.cues:
            assert step.cues[-1].end_s <= step.duration_s - step.countdown_s + 1e-9


def test_before_end_cue_is_pulled_clear_of_the_countdown() -> None:
    hold = compile_plan(template()).steps[1]
    drive = next(c for c in hold.cues if c.text == "Drive the heel down")
    assert drive.requested_s == 14.0
    assert drive.end_s <= 17.0


def test_colliding_cue_is_delayed_to_the_next_free_moment() -> None:
    cues, dropped = schedule_cues(
        [CueRequest(0.0, "one", CueKind.FORM), CueRequest(0.5, "two", CueKind.FORM)],
        duration_s=20,
        countdown_s=3,
        speech_length=fixed_length(2.0),
    )
    assert [c.at_s for c in cues] == [0.0, 2.0 + CUE_GAP_S]
    assert cues[1].moved and not dropped


def test_cue_that_cannot_fit_before_the_countdown_is_dropped_with_a_reason() -> None:
    cues, dropped = schedule_cues(
        [CueRequest(0.0, "one", CueKind.FORM), CueRequest(1.0, "two", CueKind.FORM)],
        duration_s=8,
        countdown_s=3,
        speech_length=fixed_length(3.0),
    )
    assert [c.text for c in cues] == ["one"]
    assert dropped[0].text == "two" and "countdown" in dropped[0].reason


def test_halfway_cue_and_mark_on_holds() -> None:
    hold = compile_plan(template()).steps[1]
    assert hold.halfway_s == 10.0
    assert any(c.kind == CueKind.HALFWAY for c in hold.cues)


def test_rest_says_what_comes_next() -> None:
    rest = compile_plan(template()).steps[4]
    assert rest.next_title == "Bridge hold, left leg, set 2 of 2"
    assert [c.kind for c in rest.cues] == [CueKind.ANNOUNCE, CueKind.NEXT]
    assert "Last set next" in rest.cues[0].text


def test_last_set_is_announced_on_its_work_steps() -> None:
    plan = compile_plan(template())
    last = [s for s in plan.steps if s.kind == StepKind.WORK and s.set_number == 2]
    assert all("Last set" in s.cues[0].text for s in last)


def test_tempo_reps_get_a_cadence_after_the_announcement_and_no_countdown() -> None:
    plan = compile_plan(
        exercise_template(
            mode="reps",
            hold_s=None,
            reps={"target": 2},
            tempo={"lower_s": 3, "pause_s": 1, "lift_s": 1},
            sides="both",
            cues=[],
        )
    )
    work = plan.steps[1]
    words = [c.text for c in work.cues if c.kind == CueKind.TEMPO]
    assert words == ["down", "two", "three", "hold", "up"] * 2
    announce = work.cues[0]
    assert announce.kind == CueKind.ANNOUNCE
    assert work.tempo[0].at_s >= announce.end_s
    assert work.countdown_s == 0
    assert work.duration_s == work.tempo[0].at_s + 2 * 5


def test_alternate_reps_count_both_legs() -> None:
    plan = compile_plan(
        exercise_template(mode="reps", hold_s=None, reps={"target": 10}, sides="alternate")
    )
    work = plan.steps[1]
    assert work.side == Side.ALTERNATE
    assert work.reps == 20 and work.duration_s == 60.0


def test_open_steps_have_no_duration_and_count_in_open_steps() -> None:
    plan = compile_plan(
        exercise_template(mode="open", hold_s=None, goal="20 yards", sides="both", cues=[])
    )
    open_steps = [s for s in plan.steps if s.kind == StepKind.OPEN]
    assert len(open_steps) == 2 and all(s.duration_s is None for s in open_steps)
    assert plan.open_steps == 2
    assert "20 yards" in open_steps[0].cues[0].text


def test_warmup_and_cooldown_blocks_frame_the_main_work() -> None:
    warm = {"id": "swing", "name": "Leg swings", "mode": "timed", "work_s": 60}
    cool = {"id": "stretch", "name": "Stretch", "mode": "timed", "work_s": 30, "sides": "each"}
    plan = compile_plan(Template.model_validate(document(warmup=[warm], cooldown=[cool])))
    blocks = [s.block.value for s in plan.steps if s.is_exercise]
    assert blocks[0] == "warm-up" and blocks[-1] == "cool-down"


def test_rest_between_exercises_only_between_them() -> None:
    doc = document()
    doc["exercises"].append(dict(doc["exercises"][0], id="second"))
    plan = compile_plan(Template.model_validate(doc))
    assert plan.steps[-1].kind == StepKind.WORK
    between = [s for s in plan.steps if s.kind == StepKind.REST and s.duration_s == 30.0]
    assert len(between) == 3  # one per set break in each exercise, one between them


def test_plans_with_thousands_of_steps_are_refused() -> None:
    many = exercise_document(sets={"target": 20}, rest_between_sides_s=5)
    many["exercises"] = [dict(many["exercises"][0], id=f"ex-{i}") for i in range(40)]
    many["warmup"] = [dict(many["exercises"][0], id=f"w-{i}") for i in range(40)]
    with pytest.raises(PlanTooLongError, match="at most"):
        compile_plan(Template.model_validate(many))


def test_speech_estimate_grows_with_words() -> None:
    assert estimate_speech_s("Hold") < estimate_speech_s("Drive the heel down, keep hips level")


# --- blocks, notes and cautions --------------------------------------------------------------


def _timed(exercise_id: str, **changes: object) -> dict[str, object]:
    return {
        "id": exercise_id,
        "name": exercise_id.title(),
        "mode": "timed",
        "work_s": 30,
        **changes,
    }


def test_warm_up_moves_and_cool_down_stretches_run_on_without_rests() -> None:
    """Only main exercises rest between them; each block flows into the next through the next
    get-ready step (a rest would cool down what the warm-up warmed up)."""
    doc = document(
        warmup=[_timed("swing"), _timed("lunge"), _timed("jog")],
        cooldown=[_timed("stretch"), _timed("fold")],
    )
    doc["exercises"].append(dict(doc["exercises"][0], id="second"))
    plan = compile_plan(Template.model_validate(doc))
    shape = [(s.kind, s.exercise_id) for s in plan.steps if s.kind != StepKind.WORK]
    rests_between_exercises = [
        step
        for step, following in zip(plan.steps, plan.steps[1:], strict=False)
        if step.kind == StepKind.REST and following.kind == StepKind.PREPARE
    ]
    assert [step.exercise_id for step in rests_between_exercises] == ["bridge"]
    assert rests_between_exercises[0].duration_s == 30.0
    warm_and_cool = {"swing", "lunge", "jog", "stretch", "fold"}
    assert not [e for kind, e in shape if kind == StepKind.REST and e in warm_and_cool]


def test_a_caution_is_said_once_at_its_get_ready_and_shown_there() -> None:
    caution = "Stop if the back of the thigh pulls sharply."
    doc = exercise_document(caution=caution, notes="Start at 20 seconds.", sets={"target": 3})
    doc["notes"] = "Two or three times a week."
    plan = compile_plan(Template.model_validate(doc))
    said = [(s.index, c) for s in plan.steps for c in s.cues if c.kind == CueKind.CAUTION]
    assert [(index, cue.text) for index, cue in said] == [(0, f"Caution: {caution}")]
    prepare = plan.steps[0]
    assert prepare.kind == StepKind.PREPARE
    assert said[0][1].end_s <= (prepare.duration_s or 0) - prepare.countdown_s
    assert not prepare.dropped
    assert prepare.caution == caution
    assert prepare.notes == ("Two or three times a week.", "Start at 20 seconds.")
    assert all(s.caution is None and s.notes == () for s in plan.steps[1:])


def test_each_exercise_shows_its_own_notes_on_its_get_ready_step() -> None:
    doc = document()
    doc["exercises"].append(dict(doc["exercises"][0], id="second", notes="Reps count per leg."))
    plan = compile_plan(Template.model_validate(doc))
    prepares = [s for s in plan.steps if s.kind == StepKind.PREPARE]
    assert [(s.exercise_id, s.notes) for s in prepares] == [
        ("bridge", ()),
        ("second", ("Reps count per leg.",)),
    ]
