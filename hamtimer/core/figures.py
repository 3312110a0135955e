"""Exercise figures: a 2-D stick figure, its keyframes, and the pose at any moment of a step.

A figure is data (`hamtimer/data/figures/<id>.json`, read by `core.figure_schema`): named poses
and props. A pose gives the hip's position, the torso's and head's directions, and per limb
either two segment directions or a point its end must reach (a heel on a bench, hands on the
floor), solved with two-bone inverse kinematics so a planted foot stays planted while the hips
move. Angles are absolute degrees in the figure's world: 0 points forward (+x, the way the
figure faces), 90 straight up. Lengths are in metres of a 1.75 m adult; y is up, the floor 0.

The "near" limbs are the ones facing the viewer; a single-leg exercise is drawn with its
working leg near. The figure faces right for the right leg (and for both legs) and is mirrored
for the left one, so the highlighted leg is always the one the step names.

What moves when follows the plan's own timing (`Motion.for_step`):
- a hold lifts from the start pose into the held pose in `lift_s`, then stays still;
- reps without a tempo run the figure's cycle once per rep, at the step's seconds per rep;
- tempo reps follow the plan's `TempoMark`s phase by phase: a 5 s lowering takes 5 s;
- timed and open work (sprints, inchworms) loop the cycle at the figure's own pace;
- getting ready, switching sides and resting show the start pose, still, and so does a
  figure whose cycle is a single pose (a stretch).

Pure: no Qt, no files. `frame_at` returns flat shapes (strokes, discs, boxes, polygons) with a
tone each, which the widget paints with its palette's colours.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from hamtimer.core.plan import POSITION_TITLE, Step, TempoMark
from hamtimer.core.vocabulary import Mode, Side, StepKind, TempoPhase

Point = tuple[float, float]

# Segment lengths (metres): a 1.75 m adult, rounded so poses are easy to write by hand.
TORSO = 0.52
NECK = 0.21
"""Shoulder to the centre of the head."""
HEAD_RADIUS = 0.115
UPPER_ARM = 0.30
FOREARM = 0.32
THIGH = 0.45
SHIN = 0.44
FOOT = 0.15

# Stroke widths: thick, rounded pictogram limbs.
TORSO_WIDTH = 0.17
NECK_WIDTH = 0.08
LEG_WIDTH = 0.11
ARM_WIDTH = 0.085
FOOT_WIDTH = 0.07

LEGS = ("near_leg", "far_leg")
ARMS = ("near_arm", "far_arm")
LIMBS = (*LEGS, *ARMS)
JOINTS = (
    "hip",
    "shoulder",
    "head",
    "near_elbow",
    "near_hand",
    "far_elbow",
    "far_hand",
    "near_knee",
    "near_ankle",
    "near_toe",
    "far_knee",
    "far_ankle",
    "far_toe",
)
"""Joint names that props may attach to or draw lines to (a strap to an ankle)."""


class Easing(StrEnum):
    IN_OUT = "in_out"
    """Slow at both ends: lifting and lowering a body."""
    LINEAR = "linear"
    """Even: running strides."""

    def apply(self, u: float) -> float:
        u = min(1.0, max(0.0, u))
        if self == Easing.LINEAR:
            return u
        return 0.5 - 0.5 * math.cos(math.pi * u)


class Working(StrEnum):
    NEAR = "near"
    """One working leg (single-leg exercises): the near leg, in the accent colour."""
    BOTH = "both"
    """Both legs work (a deadlift, a Nordic curl): both in the accent colour."""


class Tone(StrEnum):
    """What a shape is, for the painter to colour: flat colours, far limbs lighter."""

    BODY = "body"
    BODY_FAR = "body_far"
    WORKING = "working"
    WORKING_FAR = "working_far"
    PROP = "prop"
    PROP_SOFT = "prop_soft"
    GROUND = "ground"


class Layer(StrEnum):
    BACK = "back"
    FRONT = "front"


# --- poses ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Limb:
    """One arm or leg of a keyframe, resolved: both segment directions, and the point its end
    reaches when it is planted (interpolated as a point, so it stays put)."""

    upper: float
    lower: float
    end: float | None = None
    """A leg's foot direction (ankle to toe); None for an arm."""
    reach: Point | None = None
    bend: int = 1
    """Which side of the root-to-end line the middle joint lies: 1 counter-clockwise (knees
    forward), -1 clockwise (elbows back)."""


@dataclass(frozen=True, slots=True)
class KeyPose:
    hip: Point
    torso: float
    head: float
    limbs: Mapping[str, Limb]


@dataclass(frozen=True, slots=True)
class LimbSpec:
    """A limb as a figure file gives it: `angles`, or a `reach` point with a bend."""

    angles: tuple[float, float] | None = None
    reach: Point | None = None
    bend: int = 1
    end: float = 0.0


@dataclass(frozen=True, slots=True)
class PoseSpec:
    hip: Point
    torso: float
    head: float | None
    limbs: Mapping[str, LimbSpec]


def _direction(degrees: float) -> Point:
    radians = math.radians(degrees)
    return math.cos(radians), math.sin(radians)


def _along(origin: Point, degrees: float, length: float) -> Point:
    dx, dy = _direction(degrees)
    return origin[0] + dx * length, origin[1] + dy * length


def _angle_to(origin: Point, target: Point) -> float:
    return math.degrees(math.atan2(target[1] - origin[1], target[0] - origin[0]))


def solve_two_bone(
    root: Point, target: Point, upper: float, lower: float, bend: int
) -> tuple[float, float]:
    """The segment directions that put a limb's end on `target` (or as near as it reaches,
    straightened towards it), its middle joint on the `bend` side."""
    distance = math.dist(root, target)
    reach = min(max(distance, abs(upper - lower) + 1e-6), upper + lower - 1e-6)
    towards = _angle_to(root, target) if distance > 1e-9 else -90.0
    cosine = (upper * upper + reach * reach - lower * lower) / (2 * upper * reach)
    opening = math.degrees(math.acos(min(1.0, max(-1.0, cosine))))
    upper_angle = towards + bend * opening
    middle = _along(root, upper_angle, upper)
    end = _along(root, towards, reach)
    return upper_angle, _angle_to(middle, end)


def _lengths(limb: str) -> tuple[float, float]:
    return (THIGH, SHIN) if limb in LEGS else (UPPER_ARM, FOREARM)


def _limb_root(limb: str, hip: Point, torso: float) -> Point:
    return hip if limb in LEGS else _along(hip, torso, TORSO)


def resolve_pose(spec: PoseSpec) -> KeyPose:
    """A file's pose with every limb's directions worked out."""
    limbs: dict[str, Limb] = {}
    for name in LIMBS:
        limb = spec.limbs.get(name, _DEFAULT_LIMBS[name])
        end = limb.end if name in LEGS else None
        if limb.reach is not None:
            root = _limb_root(name, spec.hip, spec.torso)
            upper, lower = solve_two_bone(root, limb.reach, *_lengths(name), limb.bend)
            limbs[name] = Limb(upper, lower, end, limb.reach, limb.bend)
        else:
            upper, lower = limb.angles or (-90.0, -90.0)
            limbs[name] = Limb(upper, lower, end, None, limb.bend)
    head = spec.torso if spec.head is None else spec.head
    return KeyPose(spec.hip, spec.torso, head, limbs)


_DEFAULT_LIMBS = {
    "near_leg": LimbSpec(angles=(-90.0, -90.0)),
    "far_leg": LimbSpec(angles=(-90.0, -90.0)),
    "near_arm": LimbSpec(angles=(-95.0, -85.0), bend=-1),
    "far_arm": LimbSpec(angles=(-95.0, -85.0), bend=-1),
}


def _lerp(a: float, b: float, u: float) -> float:
    return a + (b - a) * u


def _lerp_point(a: Point, b: Point, u: float) -> Point:
    return _lerp(a[0], b[0], u), _lerp(a[1], b[1], u)


def _lerp_angle(a: float, b: float, u: float) -> float:
    """The short way round: -170 to 170 turns 20 degrees, not 340."""
    return a + ((b - a + 180.0) % 360.0 - 180.0) * u


def blend(a: KeyPose, b: KeyPose, u: float) -> KeyPose:
    """The pose a fraction `u` of the way from `a` to `b` (u already eased). A limb planted in
    both (bent the same way) keeps its end on the line between the two points; others turn
    joint by joint."""
    if u <= 0.0:
        return a
    if u >= 1.0:
        return b
    hip = _lerp_point(a.hip, b.hip, u)
    torso = _lerp_angle(a.torso, b.torso, u)
    limbs: dict[str, Limb] = {}
    for name in LIMBS:
        first, second = a.limbs[name], b.limbs[name]
        end = None
        if first.end is not None and second.end is not None:
            end = _lerp_angle(first.end, second.end, u)
        if first.reach is not None and second.reach is not None and first.bend == second.bend:
            reach = _lerp_point(first.reach, second.reach, u)
            root = _limb_root(name, hip, torso)
            upper, lower = solve_two_bone(root, reach, *_lengths(name), first.bend)
            limbs[name] = Limb(upper, lower, end, reach, first.bend)
        else:
            upper = _lerp_angle(first.upper, second.upper, u)
            lower = _lerp_angle(first.lower, second.lower, u)
            limbs[name] = Limb(upper, lower, end, None, first.bend)
    return KeyPose(hip, torso, _lerp_angle(a.head, b.head, u), limbs)


def joints_of(pose: KeyPose) -> dict[str, Point]:
    """Every joint's position (forward kinematics)."""
    hip = pose.hip
    shoulder = _along(hip, pose.torso, TORSO)
    joints = {"hip": hip, "shoulder": shoulder, "head": _along(shoulder, pose.head, NECK)}
    for side in ("near", "far"):
        arm = pose.limbs[f"{side}_arm"]
        elbow = _along(shoulder, arm.upper, UPPER_ARM)
        joints[f"{side}_elbow"] = elbow
        joints[f"{side}_hand"] = _along(elbow, arm.lower, FOREARM)
        leg = pose.limbs[f"{side}_leg"]
        knee = _along(hip, leg.upper, THIGH)
        ankle = _along(knee, leg.lower, SHIN)
        joints[f"{side}_knee"] = knee
        joints[f"{side}_ankle"] = ankle
        joints[f"{side}_toe"] = _along(ankle, leg.end or 0.0, FOOT)
    return joints


# --- props ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Stroke:
    """A polyline with round caps and joins."""

    points: tuple[Point, ...]
    width: float
    tone: Tone


@dataclass(frozen=True, slots=True)
class Disc:
    centre: Point
    radius: float
    tone: Tone


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle from its lower-left corner; `rounding` is its corner radius."""

    corner: Point
    size: Point
    rounding: float
    tone: Tone


@dataclass(frozen=True, slots=True)
class Polygon:
    points: tuple[Point, ...]
    tone: Tone


Shape = Stroke | Disc | Box | Polygon
PointRef = Point | str
"""A fixed point, or a joint's name (a strap's end at the ankle)."""


@dataclass(frozen=True, slots=True)
class PropShape:
    """One shape of a prop as a file gives it; a line's points may name joints."""

    kind: str
    """"rect", "circle", "line" or "polygon"."""
    points: tuple[PointRef, ...]
    size: Point = (0.0, 0.0)
    """A rect's width and height, a circle's radius (twice), a line's width."""
    rounding: float = 0.0
    tone: Tone = Tone.PROP


@dataclass(frozen=True, slots=True)
class Prop:
    kind: str
    """What it is ("bench", "ball", "dumbbell"): for people reading the file."""
    shapes: tuple[PropShape, ...]
    layer: Layer = Layer.BACK
    attach: str | None = None
    """A joint the prop moves with (a dumbbell in the hand); its shapes are then relative."""
    follow_y: bool = True
    """False: an attached prop moves along the floor only (a ball rolling under the heels)."""


def _prop_shapes(prop: Prop, joints: Mapping[str, Point]) -> list[Shape]:
    dx, dy = 0.0, 0.0
    if prop.attach is not None:
        dx, dy = joints[prop.attach]
        dy = dy if prop.follow_y else 0.0

    def place(ref: PointRef) -> Point:
        if isinstance(ref, str):
            return joints[ref]
        return ref[0] + dx, ref[1] + dy

    shapes: list[Shape] = []
    for shape in prop.shapes:
        points = tuple(place(ref) for ref in shape.points)
        if shape.kind == "rect":
            shapes.append(Box(points[0], shape.size, shape.rounding, shape.tone))
        elif shape.kind == "circle":
            shapes.append(Disc(points[0], shape.size[0], shape.tone))
        elif shape.kind == "line":
            shapes.append(Stroke(points, shape.size[0], shape.tone))
        else:
            shapes.append(Polygon(points, shape.tone))
    return shapes


# --- the figure -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CycleKey:
    pose: str
    at: float
    """Fraction of the cycle, 0 to 1."""


@dataclass(frozen=True, slots=True)
class Figure:
    id: str
    name: str
    poses: Mapping[str, KeyPose]
    start: str
    """Where the exercise begins and rests (getting ready, switching sides)."""
    lifted: str
    lowered: str
    """The two ends of a rep: a tempo's lift goes lowered to lifted, its lowering back."""
    held: str
    """The pose a hold holds."""
    cycle: tuple[CycleKey, ...]
    """One rep (or one loop of timed work) as keyframes; the last pose is the first."""
    props: tuple[Prop, ...] = ()
    working: Working = Working.NEAR
    easing: Easing = Easing.IN_OUT
    cycle_s: float = 3.0
    """The figure's own pace for timed and open work, where the plan sets none."""
    reps_per_cycle: int = 1
    """2 where a cycle works each leg once (alternating legs): a rep counts one leg."""
    lift_s: float = 1.2
    """How long a hold takes to lift into position."""
    ground: bool = True
    """A floor line at y = 0; False where a prop is the ground (a hill)."""
    bounds: tuple[float, float, float, float] = field(init=False)
    """(left, bottom, right, top) holding every frame, so the figure never jumps in its box."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "bounds", _bounds_of(self))

    def pose(self, name: str) -> KeyPose:
        return self.poses[name]

    @property
    def moves(self) -> bool:
        """False for a figure whose cycle is one pose (a stretch): it is always still."""
        return len({key.pose for key in self.cycle}) > 1

    def cycle_pose(self, fraction: float) -> KeyPose:
        """The pose a fraction of the way through one cycle."""
        fraction = fraction % 1.0
        keys = self.cycle
        for first, second in itertools.pairwise(keys):
            if fraction <= second.at:
                span = second.at - first.at
                u = (fraction - first.at) / span if span > 0 else 1.0
                return blend(self.poses[first.pose], self.poses[second.pose], self.easing.apply(u))
        return self.poses[keys[-1].pose]


def _bounds_of(figure: Figure) -> tuple[float, float, float, float]:
    # Keyframes and enough frames between them to catch an arc bulging past both ends.
    samples = [figure.cycle_pose(i / 24) for i in range(24)]
    samples += list(figure.poses.values())
    for first, second in ((figure.start, figure.held), (figure.lowered, figure.lifted)):
        if first != second:
            samples += [blend(figure.poses[first], figure.poses[second], i / 6) for i in range(7)]
    xs: list[float] = [-0.3, 0.3]
    ys: list[float] = [0.0]
    for pose in samples:
        joints = joints_of(pose)
        for shape in _body_shapes(joints, figure.working) + _all_props(figure, joints):
            for x, y in _extent(shape):
                xs.append(x)
                ys.append(y)
    margin = 0.08
    return min(xs) - margin, min(ys) - margin, max(xs) + margin, max(ys) + margin


def _all_props(figure: Figure, joints: Mapping[str, Point]) -> list[Shape]:
    return [shape for prop in figure.props for shape in _prop_shapes(prop, joints)]


def _extent(shape: Shape) -> list[Point]:
    if isinstance(shape, Disc):
        (x, y), r = shape.centre, shape.radius
        return [(x - r, y - r), (x + r, y + r)]
    if isinstance(shape, Box):
        (x, y), (w, h) = shape.corner, shape.size
        return [(x, y), (x + w, y + h)]
    if isinstance(shape, Stroke):
        r = shape.width / 2
        return [(x + dx, y + dy) for x, y in shape.points for dx, dy in ((-r, -r), (r, r))]
    return list(shape.points)


# --- timing ---------------------------------------------------------------------------------


class MotionKind(StrEnum):
    STILL = "still"
    HOLD = "hold"
    CYCLE = "cycle"
    TEMPO = "tempo"


@dataclass(frozen=True, slots=True)
class Motion:
    """How a figure moves through one step, from the plan's timing."""

    kind: MotionKind
    period_s: float = 0.0
    """A cycle's length (CYCLE): seconds per rep, times reps per cycle."""
    tempo: tuple[TempoMark, ...] = ()
    end_s: float | None = None
    """When the step's reps end (the figure rests after); None: it goes on."""
    lifted_already: bool = False
    """A hold whose position step has already shown the lift."""

    @classmethod
    def for_step(cls, step: Step, figure: Figure, previous: Step | None = None) -> Motion:
        """The motion of `figure` through `step`. `previous` is the step before it: a hold
        after its position step starts in the held pose (the position step did the lift)."""
        if step.kind in (StepKind.SWITCH, StepKind.REST) or not figure.moves:
            return cls(MotionKind.STILL)
        if step.kind == StepKind.PREPARE:
            if step.title == POSITION_TITLE and step.mode == Mode.HOLD:
                return cls(MotionKind.HOLD)
            return cls(MotionKind.STILL)
        if step.mode == Mode.HOLD:
            lifted = (
                previous is not None
                and previous.title == POSITION_TITLE
                and previous.exercise_id == step.exercise_id
            )
            return cls(MotionKind.HOLD, lifted_already=lifted)
        if step.tempo:
            return cls(MotionKind.TEMPO, tempo=step.tempo, end_s=step.duration_s)
        if step.mode == Mode.REPS and step.reps and step.duration_s:
            rep_s = step.duration_s / step.reps
            return cls(MotionKind.CYCLE, rep_s * figure.reps_per_cycle, end_s=step.duration_s)
        return cls(MotionKind.CYCLE, figure.cycle_s)

    def moving_at(self, figure: Figure, t: float) -> bool:
        """Whether the pose changes around `t`: a still figure needs no repainting."""
        return self.next_move_s(figure, t) == 0.0

    def next_move_s(self, figure: Figure, t: float) -> float | None:
        """Seconds until the figure next moves from `t`: 0 while moving, None if never."""
        if self.kind == MotionKind.STILL:
            return None
        if self.kind == MotionKind.HOLD:
            return 0.0 if t < figure.lift_s and not self.lifted_already else None
        if self.end_s is not None and t >= self.end_s:
            return None
        if self.kind == MotionKind.CYCLE:
            return 0.0
        phase, _start, _length = _tempo_phase_at(self.tempo, self.end_s, t)
        if phase is not None and phase.phase != TempoPhase.PAUSE:
            return 0.0
        # Still: in the lead-in before the first rep, or in a pause. Wake for the next phase.
        following = [mark.at_s for mark in self.tempo if mark.at_s > t]
        return (min(following) - t) if following else None


def _tempo_phase_at(
    marks: Sequence[TempoMark], end_s: float | None, t: float
) -> tuple[TempoMark | None, float, float]:
    """The tempo phase running at `t`, when it began and how long it lasts."""
    for index, mark in enumerate(marks):
        following = marks[index + 1].at_s if index + 1 < len(marks) else end_s
        if following is None:
            following = mark.at_s
        if mark.at_s <= t < following:
            return mark, mark.at_s, following - mark.at_s
    return None, 0.0, 0.0


def pose_at(figure: Figure, motion: Motion, t: float) -> KeyPose:
    """The figure's pose `t` seconds into a step moving as `motion` says."""
    if motion.kind == MotionKind.STILL:
        return figure.pose(figure.start)
    if motion.kind == MotionKind.HOLD:
        if motion.lifted_already or t >= figure.lift_s:
            return figure.pose(figure.held)
        u = Easing.IN_OUT.apply(t / figure.lift_s)
        return blend(figure.pose(figure.start), figure.pose(figure.held), u)
    if motion.kind == MotionKind.CYCLE:
        if motion.end_s is not None and t >= motion.end_s:
            return figure.pose(figure.start)
        return figure.cycle_pose(t / motion.period_s if motion.period_s > 0 else 0.0)
    return _tempo_pose(figure, motion, t)


def _tempo_pose(figure: Figure, motion: Motion, t: float) -> KeyPose:
    lifted, lowered = figure.pose(figure.lifted), figure.pose(figure.lowered)
    marks = motion.tempo
    if not marks:
        return figure.pose(figure.start)
    if t < marks[0].at_s:  # the lead-in: where the first phase starts
        return lifted if marks[0].phase == TempoPhase.LOWER else lowered
    mark, start, length = _tempo_phase_at(marks, motion.end_s, t)
    if mark is None:  # after the last rep: where the last phase ended
        return lowered if marks[-1].phase == TempoPhase.LOWER else lifted
    u = figure.easing.apply((t - start) / length if length > 0 else 1.0)
    if mark.phase == TempoPhase.LOWER:
        return blend(lifted, lowered, u)
    if mark.phase == TempoPhase.LIFT:
        return blend(lowered, lifted, u)
    before = marks[marks.index(mark) - 1] if marks.index(mark) > 0 else None
    return lowered if before is not None and before.phase == TempoPhase.LOWER else lifted


# --- drawing --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Frame:
    """One picture of a figure: shapes in painting order, inside `bounds`."""

    shapes: tuple[Shape, ...]
    bounds: tuple[float, float, float, float]
    mirrored: bool


def mirrored_for(side: Side) -> bool:
    """The figure faces right showing its right leg near; for the left leg it is mirrored."""
    return side == Side.LEFT


def frame_of(figure: Figure, pose: KeyPose, side: Side = Side.RIGHT) -> Frame:
    """The shapes of `pose`, props included, mirrored when `side` is the left leg."""
    joints = joints_of(pose)
    back: list[Shape] = []
    if figure.ground:
        left, _bottom, right, _top = figure.bounds
        back.append(Stroke(((left - 1.0, 0.0), (right + 1.0, 0.0)), 0.02, Tone.GROUND))
    front: list[Shape] = []
    for prop in figure.props:
        (front if prop.layer == Layer.FRONT else back).extend(_prop_shapes(prop, joints))
    body = _body_shapes(joints, figure.working)
    shapes = (*back, *body, *front)
    mirrored = mirrored_for(side)
    if mirrored:
        left, _bottom, right, _top = figure.bounds
        shapes = tuple(_mirror(shape, left + right) for shape in shapes)
    return Frame(shapes, figure.bounds, mirrored)


def frame_at(figure: Figure, motion: Motion, t: float, side: Side = Side.RIGHT) -> Frame:
    return frame_of(figure, pose_at(figure, motion, t), side)


def _body_shapes(joints: Mapping[str, Point], working: Working) -> list[Shape]:
    """Far arm and leg, torso and head, near leg and arm: painted back to front."""
    far_leg = Tone.WORKING_FAR if working == Working.BOTH else Tone.BODY_FAR
    near_leg = Tone.WORKING
    torso = (joints["hip"], joints["shoulder"])
    return [
        *_arm(joints, "far", Tone.BODY_FAR),
        *_leg(joints, "far", far_leg),
        Stroke((joints["shoulder"], joints["head"]), NECK_WIDTH, Tone.BODY),
        Stroke(torso, TORSO_WIDTH, Tone.BODY),
        Disc(joints["head"], HEAD_RADIUS, Tone.BODY),
        *_leg(joints, "near", near_leg),
        *_arm(joints, "near", Tone.BODY),
    ]


def _leg(joints: Mapping[str, Point], side: str, tone: Tone) -> list[Shape]:
    hip, knee, ankle = joints["hip"], joints[f"{side}_knee"], joints[f"{side}_ankle"]
    return [
        Stroke((ankle, joints[f"{side}_toe"]), FOOT_WIDTH, tone),
        Stroke((hip, knee, ankle), LEG_WIDTH, tone),
    ]


def _arm(joints: Mapping[str, Point], side: str, tone: Tone) -> list[Shape]:
    points = (joints["shoulder"], joints[f"{side}_elbow"], joints[f"{side}_hand"])
    return [Stroke(points, ARM_WIDTH, tone)]


def _mirror(shape: Shape, axis: float) -> Shape:
    def flip(point: Point) -> Point:
        return axis - point[0], point[1]

    if isinstance(shape, Stroke):
        return Stroke(tuple(flip(p) for p in shape.points), shape.width, shape.tone)
    if isinstance(shape, Disc):
        return Disc(flip(shape.centre), shape.radius, shape.tone)
    if isinstance(shape, Box):
        x, y = shape.corner
        corner = (axis - x - shape.size[0], y)
        return Box(corner, shape.size, shape.rounding, shape.tone)
    return Polygon(tuple(flip(p) for p in shape.points), shape.tone)
