"""The session state machine. It reads an injected clock and returns events; it never sleeps,
never calls Qt or speech, and never counts ticks.

Time inside a step is `now - step_started_at - paused_in_step`. When a step ends, the next one
starts at the moment the old one was *due* to end (not when it was noticed), so a late handling
never pushes the rest of the session back: lateness does not accumulate into drift.

A caller (the Qt runner, the terminal runner, a test) asks `next_deadline()`, sleeps until then,
calls `poll()`, routes the returned events and repeats.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import partial

from hamtimer.core.plan import Plan, ScheduledCue, Step
from hamtimer.core.vocabulary import Outcome, StepKind

Clock = Callable[[], float]

SUSPEND_GAP_S = 5.0
"""Monotonic and wall clocks disagreeing by more than this between polls means the machine slept."""

EPSILON_S = 1e-6
"""Float slack: a deadline computed as start + offset may read back a hair early."""

RESTART_WINDOW_S = 3.0
"""`back()` within this many seconds of a step's start goes to the previous step, else restarts."""

# Going back into timed work (a hold restarted, or a rest left for the set before it) counts
# the user in again: the step's clock starts after a 3-2-1 as long as the countdown the steps
# before it end with, as it did the first time. Without it the hold would start at once, with
# the user still lying down.


class EngineState(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


class PauseReason(StrEnum):
    USER = "user"
    SUSPEND = "suspend"


# --- events -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EngineEvent:
    planned_at: float
    """Monotonic moment the event was due; the runner compares it with when it handled it."""

    @property
    def name(self) -> str:
        return _EVENT_NAMES[type(self)]


@dataclass(frozen=True, slots=True)
class StepStarted(EngineEvent):
    step: Step


@dataclass(frozen=True, slots=True)
class StepFinished(EngineEvent):
    step: Step
    outcome: Outcome
    actual_s: float


@dataclass(frozen=True, slots=True)
class CueDue(EngineEvent):
    step: Step
    cue: ScheduledCue


@dataclass(frozen=True, slots=True)
class CountdownTick(EngineEvent):
    step: Step
    number: int


@dataclass(frozen=True, slots=True)
class HalfwayReached(EngineEvent):
    step: Step


@dataclass(frozen=True, slots=True)
class SessionPaused(EngineEvent):
    reason: PauseReason


@dataclass(frozen=True, slots=True)
class SessionResumed(EngineEvent):
    paused_s: float


@dataclass(frozen=True, slots=True)
class SessionFinished(EngineEvent):
    pass


@dataclass(frozen=True, slots=True)
class SessionStopped(EngineEvent):
    pass


EventSink = Callable[[EngineEvent, float], None]
"""Receives each event with the monotonic time it was actually handled (e.g. the event log)."""

_EVENT_NAMES: dict[type[EngineEvent], str] = {
    StepStarted: "step_started",
    StepFinished: "step_finished",
    CueDue: "cue",
    CountdownTick: "countdown",
    HalfwayReached: "halfway",
    SessionPaused: "paused",
    SessionResumed: "resumed",
    SessionFinished: "session_finished",
    SessionStopped: "session_stopped",
}


# --- results and snapshots ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StepResult:
    step: Step
    outcome: Outcome
    actual_s: float


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a view shows right now."""

    state: EngineState
    step: Step | None
    step_index: int
    elapsed_s: float
    remaining_s: float | None
    """None in an open step."""
    session_elapsed_s: float
    session_remaining_s: float
    pause_reason: PauseReason | None
    lead_in_s: float = 0.0
    """Seconds of the count-in left before the step's clock starts (after `back()` into
    timed work); 0 once it runs."""

    @property
    def display_seconds(self) -> int:
        """Whole seconds as a countdown shows them: 20.0..19.01 -> 20, open steps count up."""
        if self.remaining_s is None:
            return math.floor(self.elapsed_s)
        return math.ceil(self.remaining_s - 1e-9)

    @property
    def step_progress(self) -> float:
        if self.step is None or not self.step.duration_s:
            return 0.0
        return min(1.0, self.elapsed_s / self.step.duration_s)


# --- the engine ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Due:
    """Something inside the current step, `offset_s` after its start."""

    offset_s: float
    order: int
    make: Callable[[float], EngineEvent]


class SessionEngine:
    def __init__(
        self,
        plan: Plan,
        clock: Clock = time.monotonic,
        wall_clock: Clock = time.time,
        suspend_gap_s: float = SUSPEND_GAP_S,
    ) -> None:
        if not plan.steps:
            raise ValueError("a plan with no steps cannot run")
        self.plan = plan
        self._clock = clock
        self._wall = wall_clock
        self._suspend_gap_s = suspend_gap_s
        self.state = EngineState.READY
        self._index = 0
        self._step_started_at = 0.0
        self._paused_in_step = 0.0
        self._paused_at: float | None = None
        self._pause_reason: PauseReason | None = None
        self._due: list[_Due] = []
        self._next_due = 0
        self._last_poll: tuple[float, float] | None = None
        self._results: dict[int, StepResult] = {}
        self._session_started_at = 0.0
        self._session_paused_s = 0.0

    # -- commands --------------------------------------------------------------------------

    def start(self) -> list[EngineEvent]:
        if self.state != EngineState.READY:
            return []
        now = self._clock()
        self.state = EngineState.RUNNING
        self._session_started_at = now
        self._remember_poll(now)
        events = self._enter_step(0, now)
        return events + self._collect_due(now)

    def poll(self) -> list[EngineEvent]:
        """Everything due up to now, in order. Call it at `next_deadline()` (or any time)."""
        if self.state != EngineState.RUNNING:
            return []
        now = self._clock()
        if self._slept_since_last_poll(now):
            assert self._last_poll is not None
            return self._pause(self._last_poll[0], PauseReason.SUSPEND)
        self._remember_poll(now)
        return self._collect_due(now)

    def pause(self) -> list[EngineEvent]:
        if self.state != EngineState.RUNNING:
            return []
        events = self.poll()  # what was due before the pause still happens
        if self.state != EngineState.RUNNING:
            return events
        return events + self._pause(self._clock(), PauseReason.USER)

    def resume(self) -> list[EngineEvent]:
        if self.state != EngineState.PAUSED or self._paused_at is None:
            return []
        now = self._clock()
        paused = now - self._paused_at
        self._paused_in_step += paused
        self._session_paused_s += paused
        self._paused_at = None
        self._pause_reason = None
        self.state = EngineState.RUNNING
        self._remember_poll(now)
        return [SessionResumed(now, paused)]

    def toggle_pause(self) -> list[EngineEvent]:
        return self.resume() if self.state == EngineState.PAUSED else self.pause()

    def skip(self) -> list[EngineEvent]:
        """Leave the current step unfinished and go on to the next."""
        return self._leave_step(Outcome.SKIPPED)

    def done(self) -> list[EngineEvent]:
        """The user says the step is done: an open step is completed (whether it waits for
        Done or would move on by itself), a timed one ends early."""
        step = self.current_step
        if step is None or not step.is_exercise:
            return self.skip()
        return self._leave_step(Outcome.COMPLETED if step.done_completes else Outcome.ENDED_EARLY)

    def back(self) -> list[EngineEvent]:
        """Restart the step, or go to the previous one when the step has only just begun."""
        if self.state not in (EngineState.RUNNING, EngineState.PAUSED):
            return []
        now = self._clock()
        target = self._index
        if self._elapsed(now) < RESTART_WINDOW_S and self._index > 0:
            target = self._index - 1
        self._results.pop(target, None)
        resumed = self._resume_for_command(now)
        entered = self._enter_step(target, now, self._count_in_s(target))
        return resumed + entered + self._collect_due(now)

    def stop(self) -> list[EngineEvent]:
        if self.state not in (EngineState.RUNNING, EngineState.PAUSED):
            return []
        now = self._clock()
        step = self.plan.steps[self._index]
        elapsed = self._elapsed(now)
        self._results[self._index] = StepResult(step, Outcome.STOPPED, elapsed)
        self.state = EngineState.STOPPED
        return [StepFinished(now, step, Outcome.STOPPED, elapsed), SessionStopped(now)]

    # -- queries ---------------------------------------------------------------------------

    @property
    def current_step(self) -> Step | None:
        if self.state in (EngineState.RUNNING, EngineState.PAUSED):
            return self.plan.steps[self._index]
        return None

    def next_deadline(self) -> float | None:
        """Monotonic moment the next thing is due: an item, a boundary or a display second."""
        if self.state != EngineState.RUNNING:
            return None
        candidates = [self._display_tick_offset()]
        if self._next_due < len(self._due):
            candidates.append(self._due[self._next_due].offset_s)
        return self._step_started_at + self._paused_in_step + min(candidates)

    def snapshot(self) -> Snapshot:
        now = self._clock()
        step = self.current_step
        elapsed = self._elapsed(now) if step is not None else 0.0
        remaining = None
        if step is not None and step.duration_s is not None:
            remaining = max(0.0, step.duration_s - elapsed)
        later = self.plan.remaining_after(self._index) if step is not None else 0.0
        return Snapshot(
            state=self.state,
            step=step,
            step_index=self._index,
            elapsed_s=elapsed,
            remaining_s=remaining,
            session_elapsed_s=self._session_elapsed(now),
            session_remaining_s=(remaining or 0.0) + later,
            pause_reason=self._pause_reason,
            lead_in_s=self._lead_in_left(now) if step is not None else 0.0,
        )

    def results(self) -> list[StepResult]:
        """What happened to each step so far, in plan order."""
        return [self._results[i] for i in sorted(self._results)]

    # -- internals -------------------------------------------------------------------------

    def _elapsed(self, now: float) -> float:
        reference = self._paused_at if self._paused_at is not None else now
        return max(0.0, reference - self._step_started_at - self._paused_in_step)

    def _session_elapsed(self, now: float) -> float:
        if self.state == EngineState.READY:
            return 0.0
        reference = self._paused_at if self._paused_at is not None else now
        return max(0.0, reference - self._session_started_at - self._session_paused_s)

    def _remember_poll(self, now: float) -> None:
        self._last_poll = (now, self._wall())

    def _slept_since_last_poll(self, now: float) -> bool:
        if self._last_poll is None:
            return False
        mono_delta = now - self._last_poll[0]
        wall_delta = self._wall() - self._last_poll[1]
        return abs(wall_delta - mono_delta) > self._suspend_gap_s

    def _pause(self, at: float, reason: PauseReason) -> list[EngineEvent]:
        self.state = EngineState.PAUSED
        self._paused_at = at
        self._pause_reason = reason
        return [SessionPaused(at, reason)]

    def _resume_for_command(self, now: float) -> list[EngineEvent]:
        """Skip, back and done carry on from a pause: the user has moved on."""
        self._remember_poll(now)
        if self._paused_at is None:
            return []
        paused = now - self._paused_at
        self._session_paused_s += paused
        self._paused_at = None
        self._pause_reason = None
        self.state = EngineState.RUNNING
        return [SessionResumed(now, paused)]

    def _display_tick_offset(self) -> float:
        """Offset of the next moment the shown whole seconds change."""
        step = self.plan.steps[self._index]
        elapsed = self._elapsed(self._clock()) + EPSILON_S
        if step.duration_s is None:
            return math.floor(elapsed) + 1.0
        fraction = step.duration_s - math.floor(step.duration_s)
        return math.floor(elapsed - fraction) + 1.0 + fraction

    def _enter_step(self, index: int, entered_at: float, count_in: int = 0) -> list[EngineEvent]:
        """The step's clock starts `count_in` seconds after `entered_at`, its countdown
        numbers said in between."""
        self._index = index
        self._step_started_at = entered_at + count_in
        self._paused_in_step = 0.0
        self._due = _due_items(self.plan.steps[index], count_in)
        self._next_due = 0
        return [StepStarted(entered_at, self.plan.steps[index])]

    def _count_in_s(self, index: int) -> int:
        """How long `back()` into step `index` counts in: timed work gets the countdown the
        step before it (or the one before a get-into-position step) ended with."""
        step = self.plan.steps[index]
        if step.kind != StepKind.WORK or not step.is_timed:
            return 0
        for earlier in reversed(self.plan.steps[:index]):
            if earlier.countdown_s:
                return earlier.countdown_s
            if earlier.exercise_id != step.exercise_id:
                return 0
        return 0

    def _lead_in_left(self, now: float) -> float:
        reference = self._paused_at if self._paused_at is not None else now
        return max(0.0, self._step_started_at + self._paused_in_step - reference)

    def _collect_due(self, now: float) -> list[EngineEvent]:
        events: list[EngineEvent] = []
        while self.state == EngineState.RUNNING:
            origin = self._step_started_at + self._paused_in_step
            if self._next_due >= len(self._due):
                return events
            item = self._due[self._next_due]
            due_at = origin + item.offset_s
            if due_at > now + EPSILON_S:
                return events
            self._next_due += 1
            event = item.make(due_at)
            if isinstance(event, StepFinished):
                events += self._finish_step(event, due_at)
            else:
                events.append(event)
        return events

    def _finish_step(self, finished: StepFinished, due_at: float) -> list[EngineEvent]:
        self._results[self._index] = StepResult(finished.step, Outcome.COMPLETED, finished.actual_s)
        if self._index + 1 >= len(self.plan.steps):
            self.state = EngineState.FINISHED
            return [finished, SessionFinished(due_at)]
        return [finished, *self._enter_step(self._index + 1, due_at)]

    def _leave_step(self, outcome: Outcome) -> list[EngineEvent]:
        if self.state not in (EngineState.RUNNING, EngineState.PAUSED):
            return []
        now = self._clock()
        events = self.poll() if self.state == EngineState.RUNNING else []
        if self.state not in (EngineState.RUNNING, EngineState.PAUSED):
            return events
        step = self.plan.steps[self._index]
        elapsed = self._elapsed(now)
        self._results[self._index] = StepResult(step, outcome, elapsed)
        events += self._resume_for_command(now)
        events.append(StepFinished(now, step, outcome, elapsed))
        if self._index + 1 >= len(self.plan.steps):
            self.state = EngineState.FINISHED
            return [*events, SessionFinished(now)]
        return events + self._enter_step(self._index + 1, now) + self._collect_due(now)


def _due_items(step: Step, count_in: int = 0) -> list[_Due]:
    """Cues, halfway, countdown numbers and the end of `step`, in the order they fall due;
    a count-in's numbers before the step's start (negative offsets)."""
    items = [_Due(cue.at_s, 2, partial(CueDue, step=step, cue=cue)) for cue in step.cues]
    for number in range(count_in, 0, -1):
        items.append(_Due(-float(number), 3, partial(CountdownTick, step=step, number=number)))
    if step.halfway_s is not None:
        items.append(_Due(step.halfway_s, 1, partial(HalfwayReached, step=step)))
    if step.duration_s is not None:
        duration = step.duration_s
        for number in range(step.countdown_s, 0, -1):
            tick = partial(CountdownTick, step=step, number=number)
            items.append(_Due(duration - number, 3, tick))
        end = partial(StepFinished, step=step, outcome=Outcome.COMPLETED, actual_s=duration)
        items.append(_Due(duration, 9, end))
    items.sort(key=lambda item: (item.offset_s, item.order))
    return items
