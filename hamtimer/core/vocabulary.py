"""The words templates, plans, screens and records share, each concept defined once here.

An enum's value is how files spell it, where files hold it (template files, history records,
the event log), and never changes; the words it is shown or spoken with are its properties,
so the run screen, `hamtimer show`, the terminal, the editor and History cannot drift apart:

- `Mode`, `Sides`, `Level`, `CueAt`, `TempoOrder`: what a template says about an exercise;
  `SourcedNumber` names the numbers of an exercise a template may say its article gives.
- `TempoPhase`: one phase of a rep at a tempo (lowering, the pause, lifting); a tempo's order
  says which comes first, and the plan, the cadence words and the run screen follow it.
- `Leg` and `Side` are two concepts on purpose. A `Leg` is a left or right leg: a template's
  `first_side` ("which leg goes first") and the weaker leg History finds. A `Side` is what one
  step of a plan works: a leg, both legs together or alternating legs, and it is what history
  records key their hold seconds by. Every leg is a side (`Leg.side`), not every side a leg;
  one enum for both would let a template start with "both" legs first.
- `StepKind` is what a plan step is; `Phase` is what the user is shown it as: a work step of a
  hold exercise is a HOLD, and a paused session is PAUSED whatever the step.
- `Block`: the warm-up, main and cool-down parts of a template. A plan step's block is its
  value ("warm-up"); a template file holds each block's exercises under its own field name,
  `Block.key` ("warmup", "exercises", "cooldown"), which existing files use and never changes.

Plain enums with no pydantic, so the plan, the engine and the window can load without the
schema machinery (pydantic costs ~100 ms and ~20 MB, paid only when a template is parsed).
"""

from __future__ import annotations

from enum import StrEnum

SCHEMA_VERSION = 1
DUPLICATE_ID = "duplicate_exercise_id"
CUE_OUTSIDE_STEP = "cue_outside_step"
"""A form cue timed past the end of its step (the problem is put on that cue's seconds)."""
"""The error type of an exercise id used twice: reported at the second use, not the whole file."""


# Enums of template fields carry no docstring: pydantic would copy it into the shipped schema.


class Outcome(StrEnum):
    """How a step ended: the engine decides it, a session's record keeps it."""

    COMPLETED = "completed"
    ENDED_EARLY = "ended_early"
    SKIPPED = "skipped"
    STOPPED = "stopped"


class Mode(StrEnum):
    HOLD = "hold"
    REPS = "reps"
    TIMED = "timed"
    OPEN = "open"


class Sides(StrEnum):
    EACH = "each"
    ALTERNATE = "alternate"
    BOTH = "both"


class Side(StrEnum):
    """The side one step of a plan works (see the module docstring for `Leg`)."""

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"
    ALTERNATE = "alternate"

    @property
    def caption(self) -> str:
        """The run screen's word: LEFT, RIGHT, ALTERNATE; none for both legs."""
        return _SIDE_CAPTIONS[self]

    @property
    def phrase(self) -> str:
        """How announcements and step details say it: "Left leg", "Both legs"."""
        return _SIDE_PHRASES[self]

    @property
    def label(self) -> str:
        """How a session summary lists it: "Left", "Right", "Both legs", "Alternating"."""
        return _SIDE_LABELS[self]


_SIDE_CAPTIONS = {
    Side.LEFT: "LEFT",
    Side.RIGHT: "RIGHT",
    Side.BOTH: "",
    Side.ALTERNATE: "ALTERNATE",
}
_SIDE_PHRASES = {
    Side.LEFT: "Left leg",
    Side.RIGHT: "Right leg",
    Side.BOTH: "Both legs",
    Side.ALTERNATE: "Alternate legs",
}
_SIDE_LABELS = {
    Side.LEFT: "Left",
    Side.RIGHT: "Right",
    Side.BOTH: "Both legs",
    Side.ALTERNATE: "Alternating",
}


class Leg(StrEnum):
    # A left or right leg: which one a template starts with, which one holds less.
    LEFT = "left"
    RIGHT = "right"

    @property
    def side(self) -> Side:
        """The plan's side this leg is; its words are the side's."""
        return Side(self.value)

    @property
    def other(self) -> Leg:
        return Leg.RIGHT if self == Leg.LEFT else Leg.LEFT

    @property
    def first_label(self) -> str:
        """The choice of leg to start with: "Left leg first"."""
        return f"{self.side.phrase} first"


class Level(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class SourcedNumber(StrEnum):
    # An exercise's numbers a template may say its article gives (the template field's name).
    SETS = "sets"
    REPS = "reps"
    HOLD = "hold_s"
    WORK = "work_s"
    GOAL = "goal"
    TEMPO = "tempo"

    @property
    def words(self) -> str:
        """How the details pane and `hamtimer show` name it: "sets", "hold time"."""
        return _SOURCED_WORDS[self]


_SOURCED_WORDS = {
    SourcedNumber.SETS: "sets",
    SourcedNumber.REPS: "reps",
    SourcedNumber.HOLD: "hold time",
    SourcedNumber.WORK: "work time",
    SourcedNumber.GOAL: "goal",
    SourcedNumber.TEMPO: "tempo",
}


class CueAt(StrEnum):
    START = "start"
    AFTER = "after"
    HALFWAY = "halfway"
    BEFORE_END = "before_end"
    END = "end"


class TempoOrder(StrEnum):
    LOWER_FIRST = "lower_first"
    LIFT_FIRST = "lift_first"


class TempoPhase(StrEnum):
    """One phase of a rep at a tempo; the pause sits between the other two."""

    LOWER = "lower"
    PAUSE = "pause"
    LIFT = "lift"


class Phase(StrEnum):
    """What the user is doing, as every screen names and colours it."""

    PREPARE = "prepare"
    HOLD = "hold"
    WORK = "work"
    OPEN = "open"
    SWITCH = "switch"
    REST = "rest"
    PAUSED = "paused"

    @property
    def caption(self) -> str:
        """GET READY, HOLD, WORK, GO, SWITCH SIDES, REST or PAUSED."""
        return _PHASE_CAPTIONS[self]


_PHASE_CAPTIONS = {
    Phase.PREPARE: "GET READY",
    Phase.HOLD: "HOLD",
    Phase.WORK: "WORK",
    Phase.OPEN: "GO",
    Phase.SWITCH: "SWITCH SIDES",
    Phase.REST: "REST",
    Phase.PAUSED: "PAUSED",
}


class StepKind(StrEnum):
    """What a step of a plan is: getting ready, work (timed or open), a switch or a rest."""

    PREPARE = "prepare"
    WORK = "work"
    OPEN = "open"
    SWITCH = "switch"
    REST = "rest"

    def phase(self, mode: Mode) -> Phase:
        """The phase a step of this kind shows, for an exercise in `mode`: a timed step of a
        hold exercise is a HOLD, every other step shows its kind."""
        if self == StepKind.WORK and mode == Mode.HOLD:
            return Phase.HOLD
        return Phase(self.value)


class Block(StrEnum):
    """A part of a template: its value names it in plans, `key` is its template field."""

    WARMUP = "warm-up"
    MAIN = "main"
    COOLDOWN = "cool-down"

    @property
    def key(self) -> str:
        """The template document's field holding this block's exercises (a file format)."""
        return _BLOCK_KEYS[self]

    @property
    def heading(self) -> str:
        """How the browser and the editor head the block: "Warm-up", "Main", "Cool-down"."""
        return _BLOCK_HEADINGS[self]


_BLOCK_KEYS = {Block.WARMUP: "warmup", Block.MAIN: "exercises", Block.COOLDOWN: "cooldown"}
_BLOCK_HEADINGS = {Block.WARMUP: "Warm-up", Block.MAIN: "Main", Block.COOLDOWN: "Cool-down"}
BLOCK_KEYS = tuple(block.key for block in Block)
"""The template's exercise lists in session order: ("warmup", "exercises", "cooldown")."""
