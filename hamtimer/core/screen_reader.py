"""What a screen reader hears during a session (issue 20), decided once for every frontend.

A screen reader speaks in its own voice, on top of hamtimer's. So:
- a new step is always announced (phase, exercise, side, set), and the end of the session;
- the countdown never floods it: the seconds left are announced every `seconds_every_s`
  (10 by default; 0 means only on request, the "status" key), never in the last three
  seconds, where hamtimer's countdown (or its beeps) counts;
- form cues are announced only when the reader carries them (`reader_speaks_cues`, when
  hamtimer's voice says no phrases): otherwise the two voices would say the same words at once.
- `status` is the whole state in one sentence, for the key that asks for it.
The frontend sends each text as a polite announcement (it waits for the reader's current
sentence) and keeps every label's accessible text current, so a reader moving through the
screen reads what is shown.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hamtimer.core.engine import (
    CueDue,
    EngineEvent,
    EngineState,
    SessionFinished,
    SessionPaused,
    SessionResumed,
    SessionStopped,
    Snapshot,
    StepStarted,
)
from hamtimer.core.plan import CueKind, Step
from hamtimer.core.vocabulary import Side

READER_CUES = frozenset(
    {CueKind.SETUP, CueKind.CAUTION, CueKind.FORM, CueKind.HALFWAY, CueKind.NEXT}
)
"""The cues a reader carries: not the step's announcement (the step sentence says it) nor
tempo counts (a reader's delay would put them off the beat; the tempo line shows them)."""
QUIET_LAST_S = 3
"""hamtimer's own countdown (or its beeps) owns the last seconds of a step."""


@dataclass(frozen=True, slots=True)
class ReaderSettings:
    seconds_every_s: int = 10
    """How often the seconds left are announced during a timed step; 0: only on request."""
    reader_speaks_cues: bool = False
    """hamtimer's voice says no phrases; the screen reader announces the form cues too."""


class Announcements:
    """Turns a session's events and snapshots into the sentences a screen reader announces."""

    def __init__(self, settings: ReaderSettings = ReaderSettings()) -> None:
        self.settings = settings
        self._last_seconds_told: int | None = None

    def for_event(self, event: EngineEvent) -> list[str]:
        if isinstance(event, StepStarted):
            self._last_seconds_told = None
            return [step_sentence(event.step)]
        if isinstance(event, CueDue):
            speaks = self.settings.reader_speaks_cues and event.cue.kind in READER_CUES
            return [event.cue.text] if speaks else []
        if isinstance(event, SessionPaused):
            return ["Paused."]
        if isinstance(event, SessionResumed):
            return ["Resumed."]
        if isinstance(event, SessionFinished):
            return ["Session complete."]
        if isinstance(event, SessionStopped):
            return ["Session stopped."]
        return []

    def for_snapshot(self, snapshot: Snapshot) -> list[str]:
        """The seconds left, every `seconds_every_s` of a timed step (on whole multiples of
        it, so a 30 s hold hears 20 and 10), never in the last seconds or while paused."""
        every = self.settings.seconds_every_s
        if every <= 0 or snapshot.state != EngineState.RUNNING or snapshot.remaining_s is None:
            return []
        seconds = snapshot.display_seconds
        due = seconds % every == 0 and seconds > QUIET_LAST_S
        if not due or seconds == self._last_seconds_told or _just_started(snapshot):
            return []
        self._last_seconds_told = seconds
        return [seconds_sentence(seconds)]


def _just_started(snapshot: Snapshot) -> bool:
    """The step's own announcement already gave its length."""
    return snapshot.elapsed_s < 1.0


def step_sentence(step: Step) -> str:
    """ "Hold. Single-leg bridge, left leg, set 2 of 3, 30 seconds." """
    parts = [step.phase.caption.capitalize() + "."]
    what = [step.exercise_name] if step.exercise_name else []
    if step.side != Side.BOTH:
        what.append(step.side.phrase.lower())
    if step.set_count > 1:
        what.append(f"set {step.set_number} of {step.set_count}")
    if step.reps is not None:
        what.append(f"{step.reps} reps")
    elif step.duration_s is not None:
        what.append(duration_words(step.duration_s))
    if what:
        parts.append(", ".join(what) + ".")
    return " ".join(parts)


def status_sentence(snapshot: Snapshot) -> str:
    """Everything the run screen shows, in one sentence: for the key that asks for it."""
    step = snapshot.step
    if step is None:
        return "No session is running."
    sentence = step_sentence(step)
    if snapshot.state == EngineState.PAUSED:
        sentence = "Paused. " + sentence
    if snapshot.remaining_s is not None:
        sentence += " " + seconds_sentence(snapshot.display_seconds)
    else:
        sentence += f" {duration_words(snapshot.elapsed_s)} so far; press Enter when done."
    if step.next_title:
        sentence += f" Next: {step.next_title}."
    return sentence


def seconds_sentence(seconds: int) -> str:
    return f"{duration_words(seconds)} left."


def duration_words(seconds: float) -> str:
    """ "45 seconds", "1 minute", "2 minutes 30 seconds"."""
    whole = max(0, math.ceil(seconds - 1e-9))
    minutes, rest = divmod(whole, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute" + ("s" if minutes != 1 else ""))
    if rest or not minutes:
        parts.append(f"{rest} second" + ("s" if rest != 1 else ""))
    return " ".join(parts)
