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

Plain data, no I/O; `core.history` turns it into JSON and back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from hamtimer.core.engine import Outcome, StepResult
from hamtimer.core.plan import Plan
from hamtimer.core.vocabulary import Mode, Side, StepKind

FULL_HOLD_SLACK_S = 0.05
"""A hold that ended within this of its planned length counts as held in full (timer jitter)."""


class SessionStatus(StrEnum):
    COMPLETED = "completed"
    STOPPED = "stopped"
    """Ended by the user before the plan's end."""
    INTERRUPTED = "interrupted"
    """The app or the computer stopped mid-session; recovered from the journal."""


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


def session_record(
    plan: Plan,
    results: Sequence[StepResult],
    *,
    record_id: str,
    started: datetime,
    ended: datetime,
    status: SessionStatus,
) -> SessionRecord:
    """The record of a session of `plan` with `results` so far (a journal or a finished run)."""
    steps = StepColumns(
        tuple(r.step.kind.value for r in results),
        tuple(r.step.exercise_id for r in results),
        tuple(r.step.side.value for r in results),
        tuple(r.step.duration_s for r in results),
        tuple(round(r.actual_s, 2) for r in results),
        tuple(r.outcome.value for r in results),
    )
    return SessionRecord(
        record_id,
        plan.template_id,
        plan.template_name,
        plan.template_version,
        started,
        ended,
        status,
        steps,
        leg_records(plan, results),
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
