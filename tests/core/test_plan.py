from __future__ import annotations

from collections.abc import Callable

import pytest

from hamtimer.core.model import DEFAULT_EXPECTED_S, Template, Tempo
from hamtimer.core.plan import (
    CUE_GAP_S,
    POSITION_TITLE,
    CueKind,
    CueRequest,
    PlanTooLongError,
    ScheduledCue,
    Step,
    compile_plan,
    estimate_speech_s,
    schedule_cues,
)
from hamtimer.core.vocabulary import Side, StepKind, TempoOrder, TempoPhase
from tests.builders import (
    document,
    exercise_document,
    exercise_template,
    open_template,
    reps_template,
    template,
)


def fixed_length(seconds: float) -> Callable[[str], float]:
    return lambda _text: seconds


def test_each_side_gives_full_holds_for_left_then_right_per_set() -> None:
    plan = compile_plan(template())
    kinds = [(s.kind, s.side, s.set_number, s.duration_s) for s in plan.steps]
    # A switch is the 10 s rest between sides to change over, and the 3-2-1 after it.
    assert kinds == [
        (StepKind.PREPARE, Side.LEFT, 1, kinds[0][3]),
        (StepKind.WORK, Side.LEFT, 1, 20.0),
        (StepKind.SWITCH, Side.RIGHT, 1, 13.0),
        (StepKind.WORK, Side.RIGHT, 1, 20.0),
        (StepKind.REST, Side.BOTH, 1, 30.0),
        (StepKind.WORK, Side.LEFT, 2, 20.0),
        (StepKind.SWITCH, Side.RIGHT, 2, 13.0),
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


def test_open_steps_that_wait_for_done_have_no_duration_and_count_in_open_steps() -> None:
    plan = compile_plan(
        exercise_template(
            mode="open", hold_s=None, goal="20 yards", sides="both", cues=[], wait_for_done=True
        )
    )
    open_steps = [s for s in plan.steps if s.kind == StepKind.OPEN]
    assert len(open_steps) == 2 and all(s.duration_s is None for s in open_steps)
    assert plan.open_steps == 2
    assert open_steps[0].cues[0].text == "Go. 20 yards. Press done when finished."


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


def cue(step: Step, text: str) -> ScheduledCue:
    return next(c for c in step.cues if c.text == text)


def tempo_words(step: Step) -> list[str]:
    return [c.text for c in step.cues if c.kind == CueKind.TEMPO]


def assert_no_overlap(step: Step) -> None:
    for first, second in zip(step.cues, step.cues[1:], strict=False):
        assert first.end_s + CUE_GAP_S <= second.at_s + 1e-9, (first, second)


# --- tempo: its order names the phases, the pause and the words ------------------------------

BRIDGE_TEMPO = {"lower_s": 3, "pause_s": 1, "lift_s": 1, "order": "lift_first"}


def test_lowering_first_starts_each_rep_down_and_pauses_at_the_bottom() -> None:
    work = compile_plan(reps_template({"lower_s": 3, "pause_s": 1, "lift_s": 1}, [])).steps[1]
    start = work.tempo[0].at_s
    assert [(m.at_s - start, m.phase) for m in work.tempo[:3]] == [
        (0.0, TempoPhase.LOWER),
        (3.0, TempoPhase.PAUSE),
        (4.0, TempoPhase.LIFT),
    ]
    assert tempo_words(work) == ["down", "two", "three", "hold", "up"] * 2


def test_lifting_first_starts_each_rep_up_and_pauses_at_the_top() -> None:
    work = compile_plan(reps_template(BRIDGE_TEMPO, [])).steps[1]
    start = work.tempo[0].at_s
    assert [(m.at_s - start, m.phase) for m in work.tempo[:3]] == [
        (0.0, TempoPhase.LIFT),
        (1.0, TempoPhase.PAUSE),
        (2.0, TempoPhase.LOWER),
    ]
    assert tempo_words(work) == ["up", "hold", "down", "two", "three"] * 2
    assert work.duration_s == start + 2 * 5


def test_a_slow_lift_is_counted_like_a_slow_lowering() -> None:
    tempo = {"lower_s": 1, "lift_s": 2, "order": "lift_first"}
    work = compile_plan(reps_template(tempo, [], reps=1)).steps[1]
    assert tempo_words(work) == ["up", "two", "down"]


def test_a_tempo_label_says_when_it_lifts_first() -> None:
    assert Tempo(lower_s=3, pause_s=1, lift_s=1).label() == "3-1-1"
    lifting = Tempo(lower_s=3, pause_s=1, lift_s=1, order=TempoOrder.LIFT_FIRST)
    assert lifting.label() == "1-1-3 lifting first"


# --- cues in tempo steps: in the cadence's gaps, or dropped and listed -----------------------


def test_start_cues_of_a_tempo_step_come_before_the_first_rep() -> None:
    work = compile_plan(reps_template(BRIDGE_TEMPO, [{"text": "Hips up, squeeze"}])).steps[1]
    assert cue(work, "Hips up, squeeze").end_s <= work.tempo[0].at_s
    assert not work.dropped


def test_form_cues_in_a_tempo_step_are_said_in_the_gaps_of_the_cadence() -> None:
    cues = [
        {"text": "Lower slowly, hips level", "at": "after", "offset_s": 10},
        {"text": "Keep your core braced", "at": "halfway"},
    ]
    work = compile_plan(reps_template(BRIDGE_TEMPO, cues, reps=6)).steps[1]
    assert not work.dropped
    assert_no_overlap(work)
    phase_words = [c for c in work.cues if c.text in ("up", "hold", "down")]
    assert len(phase_words) == 6 * 3  # the rhythm is never given up for a cue
    for text in ("Lower slowly, hips level", "Keep your core braced"):
        said = cue(work, text)
        assert said.at_s >= said.requested_s
        lowering = [m for m in work.tempo if m.phase == TempoPhase.LOWER and m.at_s <= said.at_s]
        assert said.end_s <= lowering[-1].at_s + 3  # inside a lowering, where the gap is
    assert len(tempo_words(work)) < 6 * 5  # the counts under the two cues were left out


def test_a_cue_with_no_gap_in_the_cadence_is_dropped_and_listed() -> None:
    tempo = {"lower_s": 1, "pause_s": 1, "lift_s": 1}
    cues = [{"text": "Keep the hips level and still", "at": "after", "offset_s": 4}]
    work = compile_plan(reps_template(tempo, cues, reps=4)).steps[1]
    assert [(d.text, d.requested_s) for d in work.dropped] == [
        ("Keep the hips level and still", 4.0)
    ]


# --- open steps: an expected time, cues at their moments, Done or a 3-2-1 --------------------


def test_an_open_step_moves_on_after_its_expected_time_with_a_countdown() -> None:
    step = compile_plan(open_template(expected_s=40)).steps[1]
    assert (step.kind, step.duration_s, step.countdown_s) == (StepKind.OPEN, 40.0, 3)
    assert step.cues[0].text == "Go. 20 yards."
    assert step.done_completes
    assert compile_plan(open_template()).steps[1].duration_s == DEFAULT_EXPECTED_S


def test_an_open_step_waits_for_done_when_its_template_or_the_user_says_so() -> None:
    by_template = compile_plan(open_template(expected_s=40, wait_for_done=True))
    by_setting = compile_plan(open_template(expected_s=40), wait_for_done=True)
    for plan in (by_template, by_setting):
        assert plan.steps[1].duration_s is None and plan.open_steps == 2


def test_open_step_cues_keep_their_moment_from_the_steps_start() -> None:
    cues = [
        {"text": "Straight legs", "at": "start"},
        {"text": "Feel the stretch", "at": "after", "offset_s": 10},
        {"text": "Walk the hands out", "at": "after", "offset_s": 25},
        {"text": "Nearly there", "at": "before_end", "offset_s": 8},
    ]
    for wait in (False, True):
        step = compile_plan(open_template(cues=cues, expected_s=40), wait_for_done=wait).steps[1]
        assert not step.dropped
        assert (cue(step, "Feel the stretch").at_s, cue(step, "Walk the hands out").at_s) == (
            10.0,
            25.0,
        )
        assert cue(step, "Nearly there").requested_s == 32.0


# --- cues for after the effort: said in the step after it ------------------------------------


def test_a_cue_for_after_the_effort_is_said_first_in_the_rest_after_it() -> None:
    cues = [{"text": "Full effort"}, {"text": "Walk down easy", "at": "end"}]
    plan = compile_plan(open_template(cues=cues, expected_s=15, rest_between_sets_s=30))
    sprint, rest = plan.steps[1], plan.steps[2]
    assert rest.kind == StepKind.REST
    assert "Walk down easy" not in [c.text for c in sprint.cues]
    assert [c.text for c in rest.cues][:2] == ["Walk down easy", "Rest 30 seconds. Last set next."]
    assert rest.cues[0].at_s == 0.0 and rest.cues[0].kind == CueKind.FORM
    # After the session's last effort: before the closing words.
    assert plan.closing_cues == ("Walk down easy",)
    assert plan.finish_text == "Walk down easy. Session complete. Well done."


def test_an_after_effort_cue_with_no_rest_after_it_is_dropped_and_listed() -> None:
    cues = [{"text": "Walk down easy", "at": "end"}]
    plan = compile_plan(open_template(cues=cues, expected_s=15, rest_between_sets_s=0))
    assert plan.steps[2].kind == StepKind.OPEN
    assert [(d.text, d.reason) for d in plan.steps[1].dropped] == [
        ("Walk down easy", "no rest after the effort to say it in")
    ]


# --- holds: into position before the clock, lower after it, time to switch -------------------


def test_a_hold_with_a_position_gets_into_it_before_the_clock_starts() -> None:
    plan = compile_plan(exercise_template(position={"text": "Lift your hips", "seconds": 5}))
    holds = [index for index, step in enumerate(plan.steps) if step.kind == StepKind.WORK]
    assert len(holds) == 4
    for index in holds:
        lift, counted_in = plan.steps[index - 1], plan.steps[index - 2]
        assert (lift.kind, lift.title, lift.duration_s) == (StepKind.PREPARE, POSITION_TITLE, 5.0)
        assert [c.text for c in lift.cues] == ["Lift your hips"]
        assert lift.countdown_s == 0 and counted_in.countdown_s == 3
        assert lift.next_title == counted_in.next_title  # both lead to the hold
        assert plan.steps[index].duration_s == 20.0  # the whole hold, timed from the lift


def test_a_switch_gives_its_rest_to_change_over_and_the_countdown_after_it() -> None:
    cues = [{"text": "Lower your hips slowly", "at": "end"}]
    plan = compile_plan(exercise_template(rest_between_sides_s=15, cues=cues))
    switch = next(s for s in plan.steps if s.kind == StepKind.SWITCH)
    assert (switch.duration_s, switch.countdown_s) == (18.0, 3)
    assert [c.text for c in switch.cues] == ["Lower your hips slowly", "Switch sides. Right leg."]


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
