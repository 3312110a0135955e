"""The session template schema: what a template file may say, and nothing more.

Templates are data only. Every field is bounded so that a hostile or mistyped file is refused
with a message naming the field, instead of compiling into a plan with days-long holds.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from hamtimer.core.vocabulary import (
    DUPLICATE_ID,
    Block,
    CueAt,
    Leg,
    Level,
    Mode,
    Sides,
    SourcedNumber,
    TempoOrder,
    TempoPhase,
)

# The limits, named so the editor and the document helpers use these, never copies.
MAX_HOLD_S = 600
MAX_REST_S = 1800
MAX_SETS = 20
MAX_REPS = 200
MAX_LIST = 40
MAX_ID_LENGTH = 64
"""Template and exercise ids (they name files)."""
MAX_NAME_LENGTH = 120
"""Names, titles, goals and equipment items (`ShortText`)."""
MAX_VERSION = 10_000
"""A template's own revision; each save in the editor counts one up, to here at most."""
MAX_COUNTDOWN_S = 5
PREPARE_S = (3, 120)
"""The least and most seconds a prepare step may be given."""
MAX_TEMPO_PHASE_S = 10
DEFAULT_POSITION_S = 5
MAX_POSITION_S = 30
"""The most seconds a hold may give to getting into position before its clock starts."""
DEFAULT_EXPECTED_S = 60
"""How long an open step is expected to take when its template does not say."""
SECONDS_PER_REP = (1.0, 20.0)
"""The slowest and fastest pace of reps with no tempo."""

NO_FIGURE = "none"
"""An exercise's `figure` asking for no figure at all."""

Slug = Annotated[str, StringConstraints(pattern=rf"^[a-z0-9][a-z0-9-]{{0,{MAX_ID_LENGTH - 1}}}$")]


def _visible(text: str) -> str:
    """Text a person can read: no control characters, and more than zero-width spaces (a name
    made only of U+200B was accepted and showed as nothing)."""
    categories = [unicodedata.category(char) for char in text]
    if any(category in ("Cc", "Cs") for category in categories):
        raise PydanticCustomError("invisible_text", "must not hold control characters")
    if all(category in ("Cf", "Zs", "Zl", "Zp") for category in categories):
        raise PydanticCustomError("invisible_text", "must hold visible characters")
    return text


ShortText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME_LENGTH),
    AfterValidator(_visible),
]
LongText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=600),
    AfterValidator(_visible),
]
CueText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(_visible),
]
# Strict: "5" and true are not numbers, 1 and "yes" are not true or false (issue 15).
Int = Annotated[int, Strict()]
Float = Annotated[float, Strict()]
Bool = Annotated[bool, Strict()]
RestSeconds = Annotated[Int, Field(ge=0, le=MAX_REST_S)]


class _Strict(BaseModel):
    """Unknown fields are errors: a typo must not silently become a default."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Amount(_Strict):
    """A fixed number (only `target`) or a range the user progresses through (min..max)."""

    target: Int = Field(ge=1, le=MAX_HOLD_S, description="The number used in the session now.")
    min: Int | None = Field(default=None, ge=1, le=MAX_HOLD_S)
    max: Int | None = Field(default=None, ge=1, le=MAX_HOLD_S)

    @model_validator(mode="after")
    def _target_inside_range(self) -> Self:
        low = self.min if self.min is not None else self.target
        high = self.max if self.max is not None else self.target
        if not low <= self.target <= high:
            raise ValueError(f"target {self.target} must lie within min {low} and max {high}")
        return self

    @property
    def is_range(self) -> bool:
        return self.min is not None or self.max is not None

    def label(self) -> str:
        """'20-30' for a range, '25' for a fixed number."""
        if self.is_range:
            return f"{self.min or self.target}-{self.max or self.target}"
        return str(self.target)


class Tempo(_Strict):
    """Seconds per phase of one rep and which phase comes first. Lowering first, 3-1-1 lowers
    for three seconds, pauses at the bottom and lifts in one (an RDL, a Nordic curl); lifting
    first, the same numbers lift in one, pause at the top and lower for three (a bridge)."""

    lower_s: Int = Field(ge=1, le=MAX_TEMPO_PHASE_S)
    pause_s: Int = Field(default=0, ge=0, le=MAX_TEMPO_PHASE_S)
    lift_s: Int = Field(default=1, ge=1, le=MAX_TEMPO_PHASE_S)
    order: TempoOrder = Field(
        default=TempoOrder.LOWER_FIRST,
        description="Which phase each rep starts with; the pause comes between the two.",
    )

    @property
    def rep_s(self) -> int:
        return self.lower_s + self.pause_s + self.lift_s

    def phases(self) -> tuple[tuple[TempoPhase, int], ...]:
        """Each phase of one rep with its seconds, in the order it is done (no empty pause)."""
        lower, lift = (TempoPhase.LOWER, self.lower_s), (TempoPhase.LIFT, self.lift_s)
        first, last = (lower, lift) if self.order == TempoOrder.LOWER_FIRST else (lift, lower)
        pause = ((TempoPhase.PAUSE, self.pause_s),) if self.pause_s else ()
        return (first, *pause, last)

    def label(self) -> str:
        """'3-1-1' lowering first (the usual notation), '1-1-3 lifting first' otherwise."""
        if self.order == TempoOrder.LOWER_FIRST:
            return f"{self.lower_s}-{self.pause_s}-{self.lift_s}"
        return f"{self.lift_s}-{self.pause_s}-{self.lower_s} lifting first"


class Cue(_Strict):
    """A form cue spoken inside every work step of its exercise; one meant for after the
    effort (at=end: "lower slowly", "walk back down") is said as the step after it begins."""

    text: CueText
    at: CueAt = CueAt.START
    offset_s: Int | None = Field(
        default=None,
        ge=0,
        le=MAX_HOLD_S,
        validate_default=True,
        description="Seconds after the start (at=after) or before the end (at=before_end).",
    )

    @field_validator("offset_s")
    @classmethod
    def _offset_matches_timing(cls, value: int | None, info: ValidationInfo) -> int | None:
        at = info.data.get("at")
        needs_offset = at in (CueAt.AFTER, CueAt.BEFORE_END)
        if needs_offset and value is None:
            raise ValueError(f"required when at is '{at}'")
        if not needs_offset and at is not None and value is not None:
            raise ValueError(f"only allowed when at is 'after' or 'before_end', not '{at}'")
        return value


class Position(_Strict):
    """Getting into position before a hold's clock starts (the lift into a bridge): what is
    said, and the seconds it takes. The hold is timed from the end of it."""

    text: CueText
    seconds: Int = Field(default=DEFAULT_POSITION_S, ge=1, le=MAX_POSITION_S)


def _only_for(mode: Mode, value: object, info: ValidationInfo) -> None:
    """A field that means something in one mode only is refused in the others. (With no
    valid mode, nothing is said here: that error is reported on its own.)"""
    current = info.data.get("mode")
    if value is not None and current is not None and current != mode:
        raise ValueError(f"only allowed when mode is '{mode}', not '{current}'")


class Source(_Strict):
    """An article: the one a template comes from, or an exercise's when it is another."""

    title: ShortText
    publisher: ShortText | None = None


def _required_for(mode: Mode, value: object, info: ValidationInfo) -> None:
    """Mode-specific fields: required for their mode, refused for the others."""
    if info.data.get("mode") == mode and value is None:
        raise ValueError(f"required when mode is '{mode}'")
    _only_for(mode, value, info)


class Exercise(_Strict):
    id: Slug
    name: ShortText
    mode: Mode
    sides: Sides = Sides.BOTH
    sets: Amount = Field(default_factory=lambda: Amount(target=1))
    hold_s: Amount | None = Field(default=None, validate_default=True)
    reps: Amount | None = Field(default=None, validate_default=True)
    tempo: Tempo | None = Field(default=None, validate_default=True)
    position: Position | None = Field(
        default=None,
        validate_default=True,
        description="A hold's moment to get into position before its clock starts.",
    )
    seconds_per_rep: Float = Field(
        default=3.0,
        ge=SECONDS_PER_REP[0],
        le=SECONDS_PER_REP[1],
        description="Pace of reps with no tempo, to time the set.",
    )
    work_s: Int | None = Field(default=None, ge=1, le=MAX_HOLD_S, validate_default=True)
    goal: ShortText | None = Field(
        default=None, validate_default=True, description="What ends an open step: '20 yards'."
    )
    expected_s: Int | None = Field(
        default=None,
        ge=1,
        le=MAX_HOLD_S,
        validate_default=True,
        description=(
            "Seconds an open step is expected to take (20 yards of inchworms: about 40);"
            f" {DEFAULT_EXPECTED_S} when not given. The session moves on after it."
        ),
    )
    wait_for_done: Bool = Field(
        default=False,
        validate_default=True,
        description="An open step waits for Done instead of moving on after its expected time.",
    )
    prepare_s: Int = Field(default=10, ge=PREPARE_S[0], le=PREPARE_S[1])
    rest_between_sides_s: RestSeconds = 10
    rest_between_sets_s: RestSeconds = 60
    setup: list[LongText] = Field(default_factory=list, max_length=12)
    cues: list[Cue] = Field(default_factory=list, max_length=MAX_LIST)
    equipment: list[ShortText] = Field(default_factory=list, max_length=12)
    caution: LongText | None = None
    notes: LongText | None = None
    source: Source | None = Field(
        default=None,
        description="The article this exercise comes from, when it is not the template's.",
    )
    sourced_numbers: list[SourcedNumber] = Field(
        default_factory=list,
        max_length=len(SourcedNumber),
        description="Which of its numbers its article gives; every other number is"
        " hamtimer's own choice.",
    )

    figure: Slug | None = Field(
        default=None,
        description="The figure shown for this exercise: an id from the figure catalogue, or"
        f" '{NO_FIGURE}'. Without it, the figure named like the exercise's id, if any.",
    )

    @property
    def figure_id(self) -> str | None:
        """The figure to show: the one named, else the one named like the exercise; None
        when the template asks for no figure."""
        if self.figure == NO_FIGURE:
            return None
        return self.figure or self.id

    @field_validator("hold_s")
    @classmethod
    def _hold_for_hold_mode(cls, value: Amount | None, info: ValidationInfo) -> Amount | None:
        _required_for(Mode.HOLD, value, info)
        return value

    @field_validator("reps")
    @classmethod
    def _reps_for_reps_mode(cls, value: Amount | None, info: ValidationInfo) -> Amount | None:
        _required_for(Mode.REPS, value, info)
        if value is not None and (value.max or value.target) > MAX_REPS:
            raise ValueError(f"at most {MAX_REPS} reps")
        return value

    @field_validator("tempo")
    @classmethod
    def _tempo_only_for_reps(cls, value: Tempo | None, info: ValidationInfo) -> Tempo | None:
        _only_for(Mode.REPS, value, info)
        return value

    @field_validator("position")
    @classmethod
    def _position_only_for_holds(
        cls, value: Position | None, info: ValidationInfo
    ) -> Position | None:
        _only_for(Mode.HOLD, value, info)
        return value

    @field_validator("work_s")
    @classmethod
    def _work_for_timed_mode(cls, value: int | None, info: ValidationInfo) -> int | None:
        _required_for(Mode.TIMED, value, info)
        return value

    @field_validator("goal", "expected_s")
    @classmethod
    def _only_for_open_steps(cls, value: object, info: ValidationInfo) -> object:
        _only_for(Mode.OPEN, value, info)
        return value

    @field_validator("wait_for_done")
    @classmethod
    def _waiting_only_for_open(cls, value: bool, info: ValidationInfo) -> bool:
        _only_for(Mode.OPEN, value or None, info)  # false is every other mode's way too
        return value

    @field_validator("cues")
    @classmethod
    def _cues_inside_the_step(cls, cues: list[Cue], info: ValidationInfo) -> list[Cue]:
        """A cue timed past the end of a hold, timed work or an open step's expected time
        could never be spoken."""
        hold, work = info.data.get("hold_s"), info.data.get("work_s")
        length = hold.target if isinstance(hold, Amount) else work or info.data.get("expected_s")
        if not isinstance(length, int):
            return cues
        for number, cue in enumerate(cues, start=1):
            if cue.offset_s is not None and cue.offset_s >= length:
                where = "after the start" if cue.at == CueAt.AFTER else "before the end"
                raise ValueError(
                    f"cue {number} ('{cue.text[:30]}') is {cue.offset_s} s {where}, outside the"
                    f" {length} s step; it must be less than {length}"
                )
        return cues

    @field_validator("sourced_numbers")
    @classmethod
    def _sourced_numbers_are_set(
        cls, numbers: list[SourcedNumber], info: ValidationInfo
    ) -> list[SourcedNumber]:
        """Crediting the article with a number the exercise does not have would mislead."""
        if len(set(numbers)) != len(numbers):
            raise ValueError("lists a number twice; list each once")
        for number in numbers:
            # A field that failed validation is missing from info.data and reported on its own.
            if number.value in info.data and info.data[number.value] is None:
                raise ValueError(f"lists '{number}', which this exercise does not set")
        return numbers

    @field_validator("sets")
    @classmethod
    def _sets_bounded(cls, value: Amount) -> Amount:
        if (value.max or value.target) > MAX_SETS:
            raise ValueError(f"at most {MAX_SETS} sets")
        return value

    @property
    def expected_duration_s(self) -> int:
        """How long an open step is expected to take (`expected_s`, or the default)."""
        return self.expected_s or DEFAULT_EXPECTED_S

    def amount_label(self) -> str:
        """'3 x 20-30 s hold', '3 x 10-12 reps', ... as shown in lists and `show`."""
        per_side = " each side" if self.sides == Sides.EACH else ""
        sets = f"{self.sets.label()} x "
        if self.hold_s is not None:
            return f"{sets}{self.hold_s.label()} s hold{per_side}"
        if self.reps is not None:
            tempo = f" at tempo {self.tempo.label()}" if self.tempo else ""
            return f"{sets}{self.reps.label()} reps{per_side}{tempo}"
        if self.work_s is not None:
            return f"{sets}{self.work_s} s{per_side}"
        return f"{sets}{self.goal or 'until done'}{per_side}"


class Template(_Strict):
    schema_version: Literal[1] = Field(description="Format version of this file.")
    id: Slug
    name: ShortText
    version: Int = Field(
        default=1, ge=1, le=MAX_VERSION, description="This template's own revision."
    )
    description: LongText | None = None
    source: Source
    level: Level = Level.BEGINNER
    first_side: Leg = Leg.LEFT
    countdown_s: Int = Field(
        default=3, ge=0, le=MAX_COUNTDOWN_S, description="Spoken 3-2-1 before step ends."
    )
    rest_between_exercises_s: RestSeconds = 90
    warmup: list[Exercise] = Field(default_factory=list, max_length=MAX_LIST)
    exercises: list[Exercise] = Field(min_length=1, max_length=MAX_LIST)
    choose_per_session: Int | None = Field(
        default=None,
        ge=1,
        le=MAX_LIST,
        description="Run this many of the main exercises in each session, taking turns with"
        " the others over sessions; none runs them all.",
    )
    cooldown: list[Exercise] = Field(default_factory=list, max_length=MAX_LIST)
    notes: LongText | None = None
    sourcing_note: LongText | None = Field(
        default=None,
        description="In words: which numbers come from the article and which are hamtimer's"
        " own choice.",
    )

    @field_validator("choose_per_session")
    @classmethod
    def _fewer_than_the_main_exercises(cls, value: int | None, info: ValidationInfo) -> int | None:
        exercises = info.data.get("exercises")
        if value is not None and isinstance(exercises, list) and value >= len(exercises):
            raise ValueError(
                f"must be fewer than the {len(exercises)} main exercises; leave it out to run"
                " them all"
            )
        return value

    @model_validator(mode="after")
    def _exercise_ids_unique(self) -> Self:
        seen: set[str] = set()
        for exercise in self.all_exercises():
            if exercise.id in seen:
                raise PydanticCustomError(
                    DUPLICATE_ID,
                    "exercise id '{id}' is used twice; ids must be unique",
                    {"id": exercise.id},
                )
            seen.add(exercise.id)
        return self

    def blocks(self) -> list[tuple[Block, list[Exercise]]]:
        """Warm-up, main and cool-down, in session order, each with its exercises."""
        return [
            (Block.WARMUP, self.warmup),
            (Block.MAIN, self.exercises),
            (Block.COOLDOWN, self.cooldown),
        ]

    def all_exercises(self) -> list[Exercise]:
        return [exercise for _block, exercises in self.blocks() for exercise in exercises]

    def equipment(self) -> list[str]:
        """Everything the session needs, in order of first use, each once."""
        return list(dict.fromkeys(item for ex in self.all_exercises() for item in ex.equipment))
