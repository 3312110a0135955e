"""A step's words in one call, for the screens that show steps: its phase (GET READY, HOLD,
WORK, GO, SWITCH SIDES, REST) and its side (LEFT, RIGHT, ALTERNATE, or nothing for both legs).
The words themselves are the vocabulary's (`Phase.caption`, `Side.caption`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hamtimer.core.plan import Step


def phase_word(step: Step) -> str:
    return step.phase.caption


def side_word(step: Step) -> str:
    """LEFT / RIGHT / ALTERNATE, or nothing for both legs (which rests between sets are too)."""
    return step.side.caption
