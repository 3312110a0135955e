"""Exercise figures: the skeleton, keyframes, easing, and the pose at each moment of a step
on the plan's own timing (holds, reps at the rep rate, tempo phase by phase, sides)."""

from __future__ import annotations

import copy
import itertools
import json
import math
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from hamtimer.core.figure_schema import (
    MAX_FIGURE_BYTES,
    FigureError,
    JointName,
    parse_figure,
)
from hamtimer.core.figures import (
    FOREARM,
    JOINTS,
    SHIN,
    THIGH,
    UPPER_ARM,
    Figure,
    KeyPose,
    Motion,
    MotionKind,
    Stroke,
    Tone,
    blend,
    frame_of,
    joints_of,
    pose_at,
    solve_two_bone,
)
from hamtimer.core.plan import POSITION_TITLE, Plan, Step, compile_plan
from hamtimer.core.vocabulary import Side, StepKind, TempoPhase
from tests.builders import exercise_template, reps_template

# A small figure: a hip hinge with a planted foot, a dumbbell in hand and a strap to an ankle.
DOCUMENT: dict[str, Any] = {
    "format": 1,
    "id": "test-hinge",
    "name": "Test hinge",
    "start": "stand",
    "lifted": "stand",
    "lowered": "hinge",
    "poses": {
        "stand": {
            "hip": [0.0, 0.93],
            "torso": 90,
            "near_leg": {"reach": [0.02, 0.06]},
            "far_leg": {"angles": [-95, -110], "end": -20},
            "near_arm": {"angles": [-90, -90]},
        },
        "hinge": {
            "hip": [-0.1, 0.9],
            "torso": 10,
            "near_leg": {"reach": [0.02, 0.06]},
            "far_leg": {"angles": [186, 186], "end": 270},
            "near_arm": {"angles": [-95, -95]},
        },
    },
    "props": [
        {
            "kind": "dumbbell",
            "attach": "near_hand",
            "layer": "front",
            "shapes": [{"circle": [0, 0, 0.05]}],
        },
        {"kind": "strap", "shapes": [{"line": [[0.5, 1.5], "far_ankle"], "width": 0.03}]},
    ],
}


def figure_from(document: dict[str, Any]) -> Figure:
    return parse_figure(json.dumps(document).encode())


def changed(**changes: Any) -> dict[str, Any]:
    document = copy.deepcopy(DOCUMENT)
    document.update(changes)
    return document


@pytest.fixture
def figure() -> Figure:
    return figure_from(DOCUMENT)


def same_pose(a: KeyPose, b: KeyPose) -> bool:
    first, second = joints_of(a), joints_of(b)
    return all(math.dist(first[name], second[name]) < 1e-6 for name in first)


def work_steps(plan: Plan) -> list[Step]:
    return [step for step in plan.steps if step.kind == StepKind.WORK]


# --- the skeleton ---------------------------------------------------------------------------


def test_a_prop_attached_to_a_joint_the_skeleton_lacks_is_refused() -> None:
    with pytest.raises(ValidationError, match="must be one of"):
        TypeAdapter(JointName).validate_python("tail")
    assert TypeAdapter(JointName).validate_python(JOINTS[0]) == JOINTS[0]


def test_a_limb_solved_for_a_point_it_can_reach_ends_on_it() -> None:
    root, target = (0.0, 0.9), (0.3, 0.2)
    upper, lower = solve_two_bone(root, target, THIGH, SHIN, 1)
    knee = (
        root[0] + THIGH * math.cos(math.radians(upper)),
        root[1] + THIGH * math.sin(math.radians(upper)),
    )
    ankle = (
        knee[0] + SHIN * math.cos(math.radians(lower)),
        knee[1] + SHIN * math.sin(math.radians(lower)),
    )
    assert math.dist(ankle, target) < 1e-6
    assert knee[0] > 0.15  # bent counter-clockwise: the knee forward of the hip-ankle line


def test_a_point_out_of_reach_straightens_the_limb_towards_it() -> None:
    upper, lower = solve_two_bone((0.0, 0.0), (5.0, 0.0), UPPER_ARM, FOREARM, -1)
    assert upper == pytest.approx(0.0, abs=0.5)
    assert lower == pytest.approx(0.0, abs=0.5)


def test_a_planted_foot_stays_put_while_the_hips_move(figure: Figure) -> None:
    for u in (0.0, 0.25, 0.5, 0.75, 1.0):
        pose = blend(figure.pose("stand"), figure.pose("hinge"), u)
        assert math.dist(joints_of(pose)["near_ankle"], (0.02, 0.06)) < 1e-6


# --- keyframes and easing -------------------------------------------------------------------


def test_interpolation_starts_and_ends_on_the_keyframes(figure: Figure) -> None:
    stand, hinge = figure.pose("stand"), figure.pose("hinge")
    assert same_pose(blend(stand, hinge, 0.0), stand)
    assert same_pose(blend(stand, hinge, 1.0), hinge)
    assert not same_pose(blend(stand, hinge, 0.5), stand)


def test_the_cycle_passes_through_its_keyframes(figure: Figure) -> None:
    # No cycle given: start, the other end, start again.
    assert [(key.pose, key.at) for key in figure.cycle] == [
        ("stand", 0.0),
        ("hinge", 0.5),
        ("stand", 1.0),
    ]
    assert same_pose(figure.cycle_pose(0.0), figure.pose("stand"))
    assert same_pose(figure.cycle_pose(0.5), figure.pose("hinge"))
    assert same_pose(figure.cycle_pose(0.999999), figure.pose("stand"))


def test_easing_is_slow_at_both_ends(figure: Figure) -> None:
    hip_y = [joints_of(figure.cycle_pose(f / 20))["hip"][1] for f in range(11)]
    steps = [abs(b - a) for a, b in itertools.pairwise(hip_y)]
    assert steps[0] < steps[5] and steps[-1] < steps[5]


def test_the_held_pose_defaults_to_the_end_away_from_the_start(figure: Figure) -> None:
    assert figure.held == "hinge"
    assert figure_from(changed(start="hinge")).held == "stand"


def test_the_bounds_hold_every_frame_of_the_cycle(figure: Figure) -> None:
    left, bottom, right, top = figure.bounds
    for index in range(40):
        frame = frame_of(figure, figure.cycle_pose(index / 40))
        for shape in frame.shapes:
            if isinstance(shape, Stroke) and shape.tone == Tone.GROUND:
                continue
            for x, y in getattr(shape, "points", ()):
                assert left <= x <= right and bottom <= y <= top


# --- timing ---------------------------------------------------------------------------------


def hold_plan() -> Plan:
    return compile_plan(exercise_template(position={"text": "Lift your hips", "seconds": 5}))


def test_a_hold_lifts_then_shows_the_held_pose_without_moving(figure: Figure) -> None:
    hold = work_steps(compile_plan(exercise_template()))[0]
    motion = Motion.for_step(hold, figure)
    assert motion.kind == MotionKind.HOLD
    assert same_pose(pose_at(figure, motion, 0.0), figure.pose(figure.start))
    assert not same_pose(pose_at(figure, motion, figure.lift_s / 2), figure.pose(figure.held))
    assert same_pose(pose_at(figure, motion, figure.lift_s), figure.pose(figure.held))
    assert same_pose(pose_at(figure, motion, 19.0), figure.pose(figure.held))
    assert motion.moving_at(figure, 0.1)
    assert motion.next_move_s(figure, figure.lift_s + 0.01) is None  # still: nothing to repaint


def test_after_its_position_step_a_hold_starts_lifted(figure: Figure) -> None:
    steps = hold_plan().steps
    position = next(step for step in steps if step.title == POSITION_TITLE)
    hold = steps[position.index + 1]
    lifting = Motion.for_step(position, figure)
    assert lifting.kind == MotionKind.HOLD and lifting.moving_at(figure, 0.5)
    holding = Motion.for_step(hold, figure, previous=position)
    assert same_pose(pose_at(figure, holding, 0.0), figure.pose(figure.held))
    assert holding.next_move_s(figure, 0.0) is None


def test_getting_ready_switching_and_resting_show_the_start_pose_still(figure: Figure) -> None:
    for step in compile_plan(exercise_template()).steps:
        if step.kind in (StepKind.SWITCH, StepKind.REST) or step.title == "Get ready":
            motion = Motion.for_step(step, figure)
            assert motion.kind == MotionKind.STILL
            assert same_pose(pose_at(figure, motion, 3.0), figure.pose(figure.start))
            assert motion.next_move_s(figure, 0.0) is None


def test_reps_repeat_at_the_seconds_per_rep(figure: Figure) -> None:
    template = exercise_template(
        mode="reps", hold_s=None, reps={"target": 6}, seconds_per_rep=4.0, sides="both", cues=[]
    )
    step = work_steps(compile_plan(template))[0]
    motion = Motion.for_step(step, figure)
    assert motion.kind == MotionKind.CYCLE
    assert motion.period_s == pytest.approx(4.0)
    for t in (0.0, 1.3, 2.0, 3.7):
        assert same_pose(pose_at(figure, motion, t), pose_at(figure, motion, t + 4.0))
    assert same_pose(pose_at(figure, motion, 2.0), figure.pose("hinge"))  # half a rep: bottom
    assert same_pose(pose_at(figure, motion, 24.5), figure.pose(figure.start))  # set over
    assert motion.next_move_s(figure, 24.5) is None


def test_alternating_reps_work_each_leg_once_a_cycle() -> None:
    figure = figure_from(changed(reps_per_cycle=2))
    template = exercise_template(
        mode="reps", hold_s=None, reps={"target": 5}, seconds_per_rep=2.5, sides="alternate"
    )
    step = work_steps(compile_plan(template))[0]
    assert step.reps == 10  # five a leg
    assert Motion.for_step(step, figure).period_s == pytest.approx(5.0)


def test_timed_and_open_work_loop_at_the_figure_s_own_pace() -> None:
    figure = figure_from(changed(cycle_s=0.7))
    template = exercise_template(mode="timed", hold_s=None, work_s=20, sides="both", cues=[])
    motion = Motion.for_step(work_steps(compile_plan(template))[0], figure)
    assert (motion.kind, motion.period_s, motion.end_s) == (MotionKind.CYCLE, 0.7, None)


def test_a_one_pose_figure_never_moves() -> None:
    """A stretch: held still through its timed work, so nothing repaints."""
    stretch = figure_from(
        changed(start="hinge", lifted="hinge", cycle=[["hinge", 0], ["hinge", 1]])
    )
    template = exercise_template(mode="timed", hold_s=None, work_s=30, sides="each", cues=[])
    motion = Motion.for_step(work_steps(compile_plan(template))[0], stretch)
    assert motion.kind == MotionKind.STILL
    assert same_pose(pose_at(stretch, motion, 12.0), stretch.pose("hinge"))


def phase_ends(step: Step) -> list[tuple[TempoPhase, float, float]]:
    """Each tempo phase with when it starts and ends."""
    marks = step.tempo
    ends = [mark.at_s for mark in marks[1:]] + [step.duration_s or 0.0]
    return [(mark.phase, mark.at_s, end) for mark, end in zip(marks, ends, strict=True)]


def test_a_slow_lowering_takes_its_seconds_on_screen(figure: Figure) -> None:
    """Nordic-curl tempo 5-0-1: five seconds down, one up, in the plan's own moments."""
    template = reps_template({"lower_s": 5, "pause_s": 0, "lift_s": 1}, [], reps=3)
    step = work_steps(compile_plan(template))[0]
    motion = Motion.for_step(step, figure)
    assert motion.kind == MotionKind.TEMPO
    lifted, lowered = figure.pose(figure.lifted), figure.pose(figure.lowered)
    assert same_pose(pose_at(figure, motion, step.tempo[0].at_s - 0.5), lifted)  # the lead-in
    for phase, start, end in phase_ends(step):
        length = end - start
        assert length == (5 if phase == TempoPhase.LOWER else 1)
        before, after = (lifted, lowered) if phase == TempoPhase.LOWER else (lowered, lifted)
        assert same_pose(pose_at(figure, motion, start), before)
        halfway = pose_at(figure, motion, start + length / 2)
        assert same_pose(halfway, blend(before, after, 0.5))
        assert not same_pose(pose_at(figure, motion, end - 0.1), after)
        assert same_pose(pose_at(figure, motion, end - 1e-9), after)
        assert motion.moving_at(figure, start + length / 2)


def test_a_lift_first_tempo_pauses_at_the_top(figure: Figure) -> None:
    """Bridge tempo lifting first, 1 up, 2 held, 3 down: the figure is still while held."""
    tempo = {"lower_s": 3, "pause_s": 2, "lift_s": 1, "order": "lift_first"}
    step = work_steps(compile_plan(reps_template(tempo, [], reps=2)))[0]
    motion = Motion.for_step(step, figure)
    lifted, lowered = figure.pose(figure.lifted), figure.pose(figure.lowered)
    phases = phase_ends(step)
    assert [phase for phase, _start, _end in phases[:3]] == [
        TempoPhase.LIFT,
        TempoPhase.PAUSE,
        TempoPhase.LOWER,
    ]
    assert same_pose(pose_at(figure, motion, step.tempo[0].at_s - 0.2), lowered)
    _phase, pause_start, _pause_end = phases[1]
    assert same_pose(pose_at(figure, motion, pause_start + 1.0), lifted)
    assert motion.next_move_s(figure, pause_start + 0.5) == pytest.approx(1.5)
    assert same_pose(pose_at(figure, motion, (step.duration_s or 0) + 1), lowered)


# --- sides and drawing ----------------------------------------------------------------------


def working_points(figure: Figure, side: Side) -> list[tuple[float, float]]:
    frame = frame_of(figure, figure.pose("hinge"), side)
    return [
        point
        for shape in frame.shapes
        if isinstance(shape, Stroke) and shape.tone == Tone.WORKING
        for point in shape.points
    ]


def test_the_left_leg_is_drawn_mirrored_so_the_named_leg_is_the_highlighted_one(
    figure: Figure,
) -> None:
    right, left = working_points(figure, Side.RIGHT), working_points(figure, Side.LEFT)
    low, _bottom, high, _top = figure.bounds
    assert right and len(left) == len(right)
    for (x_right, y_right), (x_left, y_left) in zip(right, left, strict=True):
        assert x_left == pytest.approx(low + high - x_right)
        assert y_left == pytest.approx(y_right)
    assert not frame_of(figure, figure.pose("hinge"), Side.RIGHT).mirrored
    assert frame_of(figure, figure.pose("hinge"), Side.BOTH).mirrored is False


def test_one_working_leg_is_highlighted_or_both(figure: Figure) -> None:
    tones = {shape.tone for shape in frame_of(figure, figure.pose("stand")).shapes}
    assert Tone.WORKING in tones and Tone.WORKING_FAR not in tones
    both = figure_from(changed(working="both"))
    assert Tone.WORKING_FAR in {shape.tone for shape in frame_of(both, both.pose("stand")).shapes}


def test_props_follow_the_joint_they_are_attached_to(figure: Figure) -> None:
    for name in ("stand", "hinge"):
        pose = figure.pose(name)
        discs = [s for s in frame_of(figure, pose).shapes if getattr(s, "radius", 0) == 0.05]
        assert discs[0].centre == pytest.approx(joints_of(pose)["near_hand"])  # type: ignore[union-attr]


# --- broken and hostile files ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"{", "not valid JSON"),
        (b"\xff\xfe", "not UTF-8"),
        (b'{"format": 1, "id": NaN}', "NaN"),
        (b"[" * 200 + b"]" * 200, "nested"),
        (b" " * (MAX_FIGURE_BYTES + 1), "over"),
        (b"[]", "input should be a valid dictionary"),
        (json.dumps(changed(format=2)).encode(), "format"),
        (json.dumps(changed(extra=1)).encode(), "extra"),
        (json.dumps(changed(start="nowhere")).encode(), "no pose named nowhere"),
        (json.dumps(changed(cycle=[["stand", 0], ["hinge", 1]])).encode(), "end in the pose"),
        (json.dumps(changed(cycle=[["stand", 0.5], ["stand", 1]])).encode(), "from 0 to 1"),
        (json.dumps(changed(cycle_s=1e30)).encode(), "cycle_s"),
        (json.dumps(changed(id="../../etc")).encode(), "id"),
        (json.dumps(changed(poses={})).encode(), "poses"),
    ],
)
def test_a_broken_or_hostile_file_is_refused_in_one_sentence(data: bytes, says: str) -> None:
    with pytest.raises(FigureError) as refused:
        parse_figure(data)
    message = str(refused.value)
    assert says.lower() in message.lower()
    assert "\n" not in message and len(message) < 300


def test_a_limb_must_say_how_it_is_placed() -> None:
    document = copy.deepcopy(DOCUMENT)
    document["poses"]["stand"]["near_leg"] = {"end": 0}
    with pytest.raises(FigureError, match="either angles or reach"):
        figure_from(document)


def test_a_line_may_only_name_known_joints() -> None:
    document = copy.deepcopy(DOCUMENT)
    document["props"][1]["shapes"][0]["line"][1] = "third_ankle"
    with pytest.raises(FigureError, match="props"):
        figure_from(document)


def test_a_huge_pose_count_is_refused() -> None:
    poses = {f"p{i}": DOCUMENT["poses"]["stand"] for i in range(100)}
    with pytest.raises(FigureError, match="poses"):
        figure_from(changed(poses=poses | DOCUMENT["poses"]))
