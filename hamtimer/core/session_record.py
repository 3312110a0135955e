"""A finished session's record: the one shape that the summary screen, `hamtimer run`'s closing
lines, History, coaching and the export all read.

The length of a session (`SessionRecord.length_s`) is the time it ran, pauses excluded: the sum
of the actual seconds of every step it reached.
- completed: with nothing skipped or paused, exactly the plan's total (`Plan.total_s`, the
  "Total" shown before Start); a skipped step counts the seconds it ran before the skip.
- stopped: up to the moment of Stop, the stopped step's part included.
- interrupted (the app or the computer died; recovered from the journal): the steps that had
  ended before it died. The step in progress died with the process.
The wall-clock span `ended - started` is kept as a fact of the record, but it is never shown as
the length: it counts pauses and the seconds before the first step.

A session's status is decided here and nowhere else (`session_status`), from how it ended and
how much of its planned work was done (`SessionRecord.work`: sets, each counted by the share
of its planned length that was done):
- interrupted: the app was ended (a logout, SIGTERM) or died (recovered from the journal);
- stopped: the user pressed Stop; or the plan reached its end with less than half of its work
  done (skipping through to the end after a few seconds is a stop, not a completed session);
- skipped: the plan reached its end with no work done at all (every exercise step skipped);
- completed: the plan reached its end with at least half of its work done.
A session counts as training (weekly totals, the streak, coaching) when at least half of its
planned work was done (`counts_as_training`), whatever its status: a completed one always
does, a skipped one never.

Plain data, no I/O; `core.history` turns it into JSON and back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from hamtimer.core.vocabulary import Mode, Outcome, Side, StepKind

if TYPE_CHECKING:  # the engine and the plan: not imported to read or write a history
    from hamtimer.core.engine import StepResult
    from hamtimer.core.plan import Plan

FULL_HOLD_SLACK_S = 0.05
"""A hold that ended within this of its planned length counts as held in full (timer jitter)."""


TRAINING_SHARE = 0.5
"""A session counts as training once this share of its planned work was done."""


class SessionStatus(StrEnum):
    COMPLETED = "completed"
    STOPPED = "stopped"
    """Ended by the user before the plan's end, or skipped through to it with little done."""
    INTERRUPTED = "interrupted"
    """The app or the computer stopped mid-session; recovered from the journal."""
    SKIPPED = "skipped"
    """Run to the end with every exercise step skipped: no work done."""


class SessionEnd(StrEnum):
    """How a run ended, as the recorder saw it; `session_status` turns it into a status."""

    FINISHED = "finished"
    """The plan's last step ended (done or skipped)."""
    STOPPED = "stopped"
    """The user pressed Stop."""
    INTERRUPTED = "interrupted"
    """The app was ended or died mid-session."""


@dataclass(frozen=True, slots=True)
class StepColumns:
    """Every step of the plan that was reached, in order, one tuple per field.

    Columns, not one object per step: a history of 10,000 sessions holds ~200,000 steps, which
    load as a few hundred thousand list items this way rather than as many objects."""

    kind: tuple[str, ...] = ()
    exercise: tuple[str, ...] = ()
    side: tuple[str, ...] = ()
    planned_s: tuple[float | None, ...] = ()
    actual_s: tuple[float, ...] = ()
    outcome: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LegRecord:
    """One exercise on one side (left, right, both legs together, or alternating)."""

    exercise_id: str
    exercise_name: str
    mode: Mode
    side: Side
    sets_planned: int
    sets_done: int
    sets_skipped: int
    hold_s: tuple[float, ...] = ()
    """Each hold's achieved length, in order."""
    reps: int = 0
    full_holds: int = 0
    """Holds that ran their whole planned length."""


@dataclass(frozen=True, slots=True)
class QuickLog:
    """What the user adds after the session: effort (RPE 0-10), hamstring pain (0-10), notes."""

    effort: int | None = None
    pain: int | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class SessionRecord:
    id: str
    template_id: str
    template_name: str
    template_version: int
    started: datetime
    ended: datetime
    status: SessionStatus
    steps: StepColumns = field(default_factory=StepColumns)
    legs: tuple[LegRecord, ...] = ()
    log: QuickLog = field(default_factory=QuickLog)
    not_training: bool = False
    """Marked by the user as not a training session (a test, a mistake): kept and listed, but
    left out of the charts and of coaching."""

    @property
    def length_s(self) -> float:
        """How long the session ran, pauses excluded (the rule is in the module's docstring)."""
        return session_length_s(self.steps.actual_s)

    @property
    def completed(self) -> bool:
        return self.status == SessionStatus.COMPLETED

    @property
    def work(self) -> tuple[float, int]:
        """(sets done, sets planned): every set of every exercise on every side weighs one,
        and a set counts by the share of its planned length that was done."""
        return work_done(self.steps), sum(leg.sets_planned for leg in self.legs)

    @property
    def skipped_steps(self) -> int:
        return self.steps.outcome.count(Outcome.SKIPPED.value)

    def exercises(self) -> list[tuple[str, Mode, list[LegRecord]]]:
        """The legs grouped by exercise, in the order the session met them."""
        grouped: dict[str, tuple[str, Mode, list[LegRecord]]] = {}
        for leg in self.legs:
            grouped.setdefault(leg.exercise_id, (leg.exercise_name, leg.mode, []))[2].append(leg)
        return list(grouped.values())


def session_length_s(actual_s: Sequence[float]) -> float:
    return round(sum(actual_s), 2)


def is_full_hold(planned_s: float | None, actual_s: float) -> bool:
    return actual_s >= (planned_s or 0.0) - FULL_HOLD_SLACK_S


def counts_as_training(done: float, planned: int) -> bool:
    """At least half of the planned work done (sets, as `SessionRecord.work` counts them)."""
    return planned > 0 and done >= planned * TRAINING_SHARE


def session_status(ended_by: SessionEnd, done: float, planned: int) -> SessionStatus:
    """The one status rule (see the module's docstring)."""
    if ended_by == SessionEnd.INTERRUPTED:
        return SessionStatus.INTERRUPTED
    if ended_by == SessionEnd.STOPPED:
        return SessionStatus.STOPPED
    if done <= 0:
        return SessionStatus.SKIPPED
    if not counts_as_training(done, planned):
        return SessionStatus.STOPPED  # skipped through to the end: in effect a stop
    return SessionStatus.COMPLETED


_DONE_OUTCOMES = (Outcome.COMPLETED.value, Outcome.ENDED_EARLY.value)
_EXERCISE_KINDS = (StepKind.WORK.value, StepKind.OPEN.value)


def work_done(steps: StepColumns) -> float:
    """Exercise sets done, each by the share of its planned length held or worked (an open
    step, with no planned length, counts whole once done). Skipped and stopped sets add
    nothing, as they add nothing to a leg's sets done."""
    done = 0.0
    for kind, planned, actual, outcome in zip(
        steps.kind, steps.planned_s, steps.actual_s, steps.outcome, strict=True
    ):
        if kind not in _EXERCISE_KINDS or outcome not in _DONE_OUTCOMES:
            continue
        if not planned or is_full_hold(planned, actual):  # jitter is not a shortfall
            done += 1.0
        else:
            done += actual / planned
    return round(done, 2)


def session_record(
    plan: Plan,
    results: Sequence[StepResult],
    *,
    record_id: str,
    started: datetime,
    ended: datetime,
    ended_by: SessionEnd,
) -> SessionRecord:
    """The record of a session of `plan` with `results` so far (a journal or a finished run),
    with its status from how it ended (`session_status`)."""
    steps = StepColumns(
        tuple(r.step.kind.value for r in results),
        tuple(r.step.exercise_id for r in results),
        tuple(r.step.side.value for r in results),
        tuple(r.step.duration_s for r in results),
        tuple(round(r.actual_s, 2) for r in results),
        tuple(r.outcome.value for r in results),
    )
    legs = leg_records(plan, results)
    status = session_status(ended_by, work_done(steps), sum(leg.sets_planned for leg in legs))
    return SessionRecord(
        record_id,
        plan.template_id,
        plan.template_name,
        plan.template_version,
        started,
        ended,
        status,
        steps,
        legs,
    )


@dataclass(slots=True)
class _LegCount:
    """A leg being counted; frozen into a `LegRecord` once every result is in."""

    planned: int = 0
    done: int = 0
    skipped: int = 0
    holds: list[float] = field(default_factory=list)
    full_holds: int = 0
    reps: int = 0


_DONE = (Outcome.COMPLETED, Outcome.ENDED_EARLY)


def leg_records(plan: Plan, results: Sequence[StepResult]) -> tuple[LegRecord, ...]:
    """Per exercise and side: sets planned, done and skipped, each hold, reps (in plan order)."""
    counts: dict[tuple[str, Side], _LegCount] = {}
    names: dict[str, tuple[str, Mode]] = {}
    for step in plan.steps:
        if step.is_exercise:
            names.setdefault(step.exercise_id, (step.exercise_name, step.mode))
            counts.setdefault((step.exercise_id, step.side), _LegCount()).planned += 1
    for result in results:
        if result.step.is_exercise:
            _count(counts[result.step.exercise_id, result.step.side], result)
    return tuple(
        LegRecord(
            exercise_id,
            *names[exercise_id],
            side,
            count.planned,
            count.done,
            count.skipped,
            tuple(count.holds),
            count.reps,
            count.full_holds,
        )
        for (exercise_id, side), count in counts.items()
    )


def _count(leg: _LegCount, result: StepResult) -> None:
    step = result.step
    if result.outcome == Outcome.SKIPPED:
        leg.skipped += 1
        return
    if result.outcome not in _DONE:
        return
    leg.done += 1
    if step.mode == Mode.HOLD:
        leg.holds.append(round(result.actual_s, 1))
        leg.full_holds += is_full_hold(step.duration_s, result.actual_s)
    elif step.reps is not None and step.kind == StepKind.WORK:
        fraction = 1.0
        if result.outcome == Outcome.ENDED_EARLY and step.duration_s:
            fraction = min(1.0, result.actual_s / step.duration_s)
        leg.reps += round(step.reps * fraction)


def tally_text(leg: LegRecord) -> str:
    """'2/3 sets; holds 20, 14 s (1 full length); 1 skipped', for terminal and window alike."""
    text = f"{leg.sets_done}/{leg.sets_planned} sets"
    if leg.mode == Mode.HOLD and leg.hold_s:
        holds = ", ".join(f"{seconds:.0f}" for seconds in leg.hold_s)
        text += f"; holds {holds} s ({leg.full_holds} full length)"
    elif leg.reps:
        text += f"; {leg.reps} reps"
    if leg.sets_skipped:
        text += f"; {leg.sets_skipped} skipped"
    return text
