"""The words a step is shown with, the same on the run screen, in the terminal and in the
editor's preview: GET READY, HOLD, WORK, GO, SWITCH SIDES, REST, and LEFT / RIGHT."""

from __future__ import annotations

from hamtimer.core.plan import Side, Step, StepKind
from hamtimer.core.vocabulary import Mode

PHASE_WORDS = {
    "prepare": "GET READY",
    "hold": "HOLD",
    "work": "WORK",
    "open": "GO",
    "switch": "SWITCH SIDES",
    "rest": "REST",
    "paused": "PAUSED",
}
SIDE_WORDS = {Side.LEFT: "LEFT", Side.RIGHT: "RIGHT", Side.ALTERNATE: "ALTERNATE", Side.BOTH: ""}


def phase_key(step: Step) -> str:
    """'hold' for a timed hold, else the step kind: the key for words and colours."""
    if step.kind == StepKind.WORK:
        return "hold" if step.mode == Mode.HOLD else "work"
    return step.kind.value


def phase_word(step: Step) -> str:
    return PHASE_WORDS[phase_key(step)]


def side_word(step: Step) -> str:
    """LEFT / RIGHT / ALTERNATE, or nothing for both legs and for rests between exercises."""
    return SIDE_WORDS[step.side] if step.kind != StepKind.REST else ""
