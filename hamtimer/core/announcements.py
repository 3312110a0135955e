"""What is heard for each engine event: a phrase to speak, a short sound, or both.

The plan already holds every spoken line (announcements, setup, form cues, halfway, switch,
rest, next, tempo counts) at its scheduled moment. This adds the countdown numbers, the
closing line, and the sounds that mark a hold, a rest, a switch and the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hamtimer.core.engine import (
    CountdownTick,
    CueDue,
    EngineEvent,
    SessionFinished,
    StepStarted,
)
from hamtimer.core.plan import CueKind, Plan
from hamtimer.core.vocabulary import StepKind


class Sound(StrEnum):
    TICK = "tick"
    GO = "go"
    REST = "rest"
    SWITCH = "switch"
    DONE = "done"
    HEARD = "heard"
    """A spoken command was understood (voice commands), not a session cue."""


STEP_SOUNDS = {
    StepKind.WORK: Sound.GO,
    StepKind.OPEN: Sound.GO,
    StepKind.REST: Sound.REST,
    StepKind.SWITCH: Sound.SWITCH,
}


@dataclass(frozen=True, slots=True)
class Announcement:
    phrase: str | None = None
    sound: Sound | None = None
    form_cue: bool = False
    """A template's form cue: the one kind of phrase the user may switch off."""
    countdown: bool = False
    """A 3-2-1 number: with the voice muted, a tick sound stands in for it."""


def announcement_for(event: EngineEvent, plan: Plan) -> Announcement | None:
    if isinstance(event, CueDue):
        return Announcement(event.cue.text, form_cue=event.cue.kind == CueKind.FORM)
    if isinstance(event, CountdownTick):
        return Announcement(countdown_phrase(event.number), Sound.TICK, countdown=True)
    if isinstance(event, StepStarted):
        sound = STEP_SOUNDS.get(event.step.kind)
        return Announcement(sound=sound) if sound else None
    if isinstance(event, SessionFinished):
        return Announcement(plan.finish_text, Sound.DONE)
    return None


def countdown_phrase(number: int) -> str:
    return str(number)


def spoken_phrases(plan: Plan) -> list[str]:
    """Every distinct phrase a session of `plan` can say, in order of first use."""
    phrases: dict[str, None] = {}
    for step in plan.steps:
        for cue in step.cues:
            phrases.setdefault(cue.text)
        for number in range(step.countdown_s, 0, -1):
            phrases.setdefault(countdown_phrase(number))
    phrases.setdefault(plan.finish_text)
    return list(phrases)
