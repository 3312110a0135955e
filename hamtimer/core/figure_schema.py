"""What a figure file may say (docs/figures.md), checked before anything is drawn.

Every number is bounded and every name must exist, so a broken or hostile file is refused with
one sentence naming the field, and the window shows no figure instead of failing.
"""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from hamtimer.core.figures import (
    JOINTS,
    LIMBS,
    CycleKey,
    Easing,
    Figure,
    Layer,
    LimbSpec,
    PoseSpec,
    Prop,
    PropShape,
    Tone,
    Working,
    resolve_pose,
)
from hamtimer.core.json_guard import UnsafeJsonError, decode_utf8, loads_guarded
from hamtimer.core.model import Bool, Float, Int, ShortText, Slug

FIGURE_FORMAT = 1
MAX_FIGURE_BYTES = 200_000
MAX_POSES = 16
MAX_PROPS = 16
MAX_SHAPES = 16
MAX_POINTS = 32

Coordinate = Annotated[Float, Field(ge=-5.0, le=5.0)]
Angle = Annotated[Float, Field(ge=-720.0, le=720.0)]
Length = Annotated[Float, Field(ge=0.0, le=5.0)]
XY = tuple[Coordinate, Coordinate]


def _known_joint(name: str) -> str:
    if name not in JOINTS:
        raise ValueError(f"must be one of {', '.join(JOINTS)}")
    return name


JointName = Annotated[str, AfterValidator(_known_joint)]
"""A joint a prop attaches to or a strap runs to: one of figures.JOINTS."""
PoseName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]{0,31}$")]


class FigureError(ValueError):
    """A figure file that cannot be used; str() is one sentence saying why."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LimbDoc(_Strict):
    angles: tuple[Angle, Angle] | None = None
    reach: XY | None = None
    bend: Literal["ccw", "cw"] | None = None
    end: Angle = 0.0
    """A leg's foot direction."""

    @model_validator(mode="after")
    def _one_way(self) -> Self:
        if (self.angles is None) == (self.reach is None):
            raise ValueError("give either angles or reach")
        return self


class PoseDoc(_Strict):
    hip: XY
    torso: Angle
    head: Angle | None = None
    near_leg: LimbDoc | None = None
    far_leg: LimbDoc | None = None
    near_arm: LimbDoc | None = None
    far_arm: LimbDoc | None = None


class ShapeDoc(_Strict):
    """Exactly one of rect [x, y, w, h], circle [x, y, r], line or polygon (points)."""

    rect: tuple[Coordinate, Coordinate, Length, Length] | None = None
    circle: tuple[Coordinate, Coordinate, Length] | None = None
    line: list[XY | JointName] | None = Field(default=None, min_length=2, max_length=MAX_POINTS)
    polygon: list[XY] | None = Field(default=None, min_length=3, max_length=MAX_POINTS)
    width: Length = 0.04
    round: Length = 0.0
    tone: Literal["prop", "soft"] = "prop"

    @model_validator(mode="after")
    def _one_shape(self) -> Self:
        given = [self.rect, self.circle, self.line, self.polygon]
        if sum(value is not None for value in given) != 1:
            raise ValueError("give exactly one of rect, circle, line or polygon")
        return self


class PropDoc(_Strict):
    kind: ShortText
    shapes: list[ShapeDoc] = Field(min_length=1, max_length=MAX_SHAPES)
    layer: Layer = Layer.BACK
    attach: JointName | None = None
    follow_y: Bool = True


class FigureDoc(_Strict):
    format: Literal[1]
    id: Slug
    name: ShortText
    working: Working = Working.NEAR
    easing: Easing = Easing.IN_OUT
    poses: dict[PoseName, PoseDoc] = Field(min_length=1, max_length=MAX_POSES)
    start: PoseName
    lifted: PoseName
    lowered: PoseName
    held: PoseName | None = None
    cycle: list[tuple[PoseName, Annotated[Float, Field(ge=0.0, le=1.0)]]] | None = Field(
        default=None, min_length=2, max_length=MAX_POSES * 2
    )
    cycle_s: Annotated[Float, Field(ge=0.3, le=60.0)] = 3.0
    reps_per_cycle: Annotated[Int, Field(ge=1, le=4)] = 1
    lift_s: Annotated[Float, Field(ge=0.2, le=10.0)] = 1.2
    ground: Bool = True
    props: list[PropDoc] = Field(default_factory=list, max_length=MAX_PROPS)

    @model_validator(mode="after")
    def _names_exist(self) -> Self:
        named = [self.start, self.lifted, self.lowered, self.held or self.start]
        named += [pose for pose, _at in self.cycle or []]
        missing = sorted({name for name in named if name not in self.poses})
        if missing:
            raise ValueError(f"no pose named {', '.join(missing)}")
        if self.cycle is not None:
            moments = [at for _pose, at in self.cycle]
            if moments[0] != 0.0 or moments[-1] != 1.0 or moments != sorted(moments):
                raise ValueError("cycle moments must run from 0 to 1 in order")
            if self.cycle[0][0] != self.cycle[-1][0]:
                raise ValueError("a cycle must end in the pose it starts with")
        return self


def parse_figure(data: bytes) -> Figure:
    """A figure from a file's bytes; anything unusable is a `FigureError`."""
    if len(data) > MAX_FIGURE_BYTES:
        raise FigureError(f"the file is over {MAX_FIGURE_BYTES // 1000} kB")
    try:
        document = loads_guarded(decode_utf8(data), max_depth=12)
    except UnsafeJsonError as error:
        raise FigureError(str(error)) from None
    try:
        parsed = FigureDoc.model_validate(document)
    except ValidationError as error:
        raise FigureError(_first_problem(error)) from None
    return to_figure(parsed)


def _first_problem(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "the file"
    more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
    return f"{where}: {first['msg']}{more}"


def to_figure(document: FigureDoc) -> Figure:
    poses = {name: resolve_pose(_pose_spec(pose)) for name, pose in document.poses.items()}
    held = document.held or (
        document.lowered if document.start == document.lifted else document.lifted
    )
    if document.cycle is not None:
        cycle = tuple(CycleKey(pose, at) for pose, at in document.cycle)
    else:
        other = held if held != document.start else document.lowered
        cycle = (CycleKey(document.start, 0.0), CycleKey(other, 0.5), CycleKey(document.start, 1))
    return Figure(
        id=document.id,
        name=document.name,
        poses=poses,
        start=document.start,
        lifted=document.lifted,
        lowered=document.lowered,
        held=held,
        cycle=cycle,
        props=tuple(_prop(prop) for prop in document.props),
        working=document.working,
        easing=document.easing,
        cycle_s=document.cycle_s,
        reps_per_cycle=document.reps_per_cycle,
        lift_s=document.lift_s,
        ground=document.ground,
    )


def _pose_spec(pose: PoseDoc) -> PoseSpec:
    limbs: dict[str, LimbSpec] = {}
    for name in LIMBS:
        limb: LimbDoc | None = getattr(pose, name)
        if limb is None:
            continue
        default_bend = 1 if name.endswith("leg") else -1
        bend = default_bend if limb.bend is None else (1 if limb.bend == "ccw" else -1)
        limbs[name] = LimbSpec(limb.angles, limb.reach, bend, limb.end)
    return PoseSpec(pose.hip, pose.torso, pose.head, limbs)


def _prop(prop: PropDoc) -> Prop:
    return Prop(
        prop.kind,
        tuple(_shape(shape) for shape in prop.shapes),
        prop.layer,
        prop.attach,
        prop.follow_y,
    )


def _shape(shape: ShapeDoc) -> PropShape:
    tone = Tone.PROP_SOFT if shape.tone == "soft" else Tone.PROP
    if shape.rect is not None:
        x, y, width, height = shape.rect
        return PropShape("rect", ((x, y),), (width, height), shape.round, tone)
    if shape.circle is not None:
        x, y, radius = shape.circle
        return PropShape("circle", ((x, y),), (radius, radius), 0.0, tone)
    if shape.line is not None:
        return PropShape("line", tuple(shape.line), (shape.width, shape.width), 0.0, tone)
    assert shape.polygon is not None  # the validator allows exactly one shape
    return PropShape("polygon", tuple(shape.polygon), (0.0, 0.0), 0.0, tone)
