"""What a finished (or stopped) session amounts to, per exercise and per leg."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from hamtimer.core.engine import Outcome, StepResult
from hamtimer.core.plan import Plan, Side, StepKind
from hamtimer.core.vocabulary import Mode


@dataclass(slots=True)
class SideTally:
    """One exercise on one side (or both legs together)."""

    side: Side
    sets_planned: int = 0
    sets_done: int = 0
    sets_skipped: int = 0
    full_holds: int = 0
    """Holds that ran their whole planned length."""
    hold_seconds: list[float] = field(default_factory=list)
    reps_done: int = 0
    work_s: float = 0.0


@dataclass(slots=True)
class ExerciseTally:
    exercise_id: str
    name: str
    mode: Mode
    sides: dict[Side, SideTally] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SessionSummary:
    template_name: str
    exercises: list[ExerciseTally]
    skipped_steps: int
    total_s: float
    completed: bool


_DONE = (Outcome.COMPLETED, Outcome.ENDED_EARLY)


def summarize(plan: Plan, results: Sequence[StepResult], completed: bool) -> SessionSummary:
    tallies: dict[str, ExerciseTally] = {}
    for step in plan.steps:
        if step.is_exercise:
            tally = tallies.setdefault(
                step.exercise_id, ExerciseTally(step.exercise_id, step.exercise_name, step.mode)
            )
            tally.sides.setdefault(step.side, SideTally(step.side)).sets_planned += 1
    skipped = 0
    for result in results:
        skipped += result.outcome == Outcome.SKIPPED
        if result.step.is_exercise:
            _count(tallies[result.step.exercise_id].sides[result.step.side], result)
    total = sum(result.actual_s for result in results)
    return SessionSummary(plan.template_name, list(tallies.values()), skipped, total, completed)


def _count(side: SideTally, result: StepResult) -> None:
    step = result.step
    if result.outcome == Outcome.SKIPPED:
        side.sets_skipped += 1
        return
    if result.outcome not in _DONE:
        return
    side.sets_done += 1
    side.work_s += result.actual_s
    if step.mode == Mode.HOLD:
        side.hold_seconds.append(round(result.actual_s, 1))
        planned = step.duration_s or 0.0
        side.full_holds += result.actual_s >= planned - 0.05
    elif step.reps is not None and step.kind == StepKind.WORK:
        fraction = 1.0
        if result.outcome == Outcome.ENDED_EARLY and step.duration_s:
            fraction = min(1.0, result.actual_s / step.duration_s)
        side.reps_done += round(step.reps * fraction)


def tally_text(mode: Mode, tally: SideTally) -> str:
    """'2/3 sets; holds 20, 14 s (1 full length); 1 skipped', for terminal and window alike."""
    text = f"{tally.sets_done}/{tally.sets_planned} sets"
    if mode == Mode.HOLD and tally.hold_seconds:
        holds = ", ".join(f"{seconds:.0f}" for seconds in tally.hold_seconds)
        text += f"; holds {holds} s ({tally.full_holds} full length)"
    elif tally.reps_done:
        text += f"; {tally.reps_done} reps"
    if tally.sets_skipped:
        text += f"; {tally.sets_skipped} skipped"
    return text
