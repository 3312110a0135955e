"""The words templates and plans share: modes, sides, legs, levels, cue timings.

Plain enums with no pydantic, so the plan, the engine and the window can load without the
schema machinery (pydantic costs ~100 ms and ~20 MB, paid only when a template is parsed).
"""

from __future__ import annotations

from enum import StrEnum

SCHEMA_VERSION = 1
DUPLICATE_ID = "duplicate_exercise_id"
"""The error type of an exercise id used twice: reported at the second use, not the whole file."""


class Mode(StrEnum):
    HOLD = "hold"
    REPS = "reps"
    TIMED = "timed"
    OPEN = "open"


class Sides(StrEnum):
    EACH = "each"
    ALTERNATE = "alternate"
    BOTH = "both"


class Leg(StrEnum):
    LEFT = "left"
    RIGHT = "right"


class Level(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class CueAt(StrEnum):
    START = "start"
    AFTER = "after"
    HALFWAY = "halfway"
    BEFORE_END = "before_end"
