"""A session as the history keeps it: what was planned and done, per step and per leg.

Plain data, turned into JSON and back here; the store decides where it lives. Steps are kept
as columns (one list per field) because a history of 10,000 sessions holds ~200,000 steps:
as columns they load as a few hundred thousand list items, not as as many objects. Reading
checks every type and says where a document is wrong (RecordError), so a damaged file is
recognised and set aside rather than half-loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from hamtimer.core.engine import StepResult
from hamtimer.core.plan import Plan
from hamtimer.core.summary import summarize

HISTORY_SCHEMA_VERSION = 1


class SessionStatus(StrEnum):
    COMPLETED = "completed"
    STOPPED = "stopped"
    """Ended by the user before the plan's end."""
    INTERRUPTED = "interrupted"
    """The app or the computer stopped mid-session; recovered from the journal."""


class RecordError(ValueError):
    """A history document that does not hold what it should; `path` says where."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path


@dataclass(frozen=True, slots=True)
class StepColumns:
    """Every step of the plan that was reached, in order, one tuple per field."""

    kind: tuple[str, ...] = ()
    exercise: tuple[str, ...] = ()
    side: tuple[str, ...] = ()
    planned_s: tuple[float | None, ...] = ()
    actual_s: tuple[float, ...] = ()
    outcome: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LegRecord:
    """One exercise on one side ("left", "right", or "both" legs together)."""

    exercise_id: str
    exercise_name: str
    mode: str
    side: str
    sets_planned: int
    sets_done: int
    sets_skipped: int
    hold_s: tuple[float, ...] = ()
    """Each hold's achieved length, in order."""
    reps: int = 0


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


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """What the history list, charts and coaching need of a session: loaded for every
    session at start, while the full record (every step) is read only when opened."""

    id: str
    template_id: str
    template_name: str
    started: datetime
    ended: datetime
    status: SessionStatus
    hold_s: tuple[tuple[str, float], ...]
    """Total hold seconds per side ("left", "right", "both"), in that order of first use."""
    reps: tuple[tuple[str, int], ...]
    log: QuickLog


def entry_of(record: SessionRecord) -> HistoryEntry:
    holds: dict[str, float] = {}
    reps: dict[str, int] = {}
    for leg in record.legs:
        if leg.hold_s:
            holds[leg.side] = round(holds.get(leg.side, 0.0) + sum(leg.hold_s), 1)
        if leg.reps:
            reps[leg.side] = reps.get(leg.side, 0) + leg.reps
    return HistoryEntry(
        record.id,
        record.template_id,
        record.template_name,
        record.started,
        record.ended,
        record.status,
        tuple(holds.items()),
        tuple(reps.items()),
        record.log,
    )


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
    summary = summarize(plan, results, status == SessionStatus.COMPLETED)
    legs = tuple(
        LegRecord(
            exercise.exercise_id,
            exercise.name,
            exercise.mode.value,
            tally.side.value,
            tally.sets_planned,
            tally.sets_done,
            tally.sets_skipped,
            tuple(tally.hold_seconds),
            tally.reps_done,
        )
        for exercise in summary.exercises
        for tally in exercise.sides.values()
    )
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
        legs,
    )


# -- JSON -----------------------------------------------------------------------------------


def record_to_json(record: SessionRecord) -> dict[str, Any]:
    steps = record.steps
    return {
        "id": record.id,
        "template": {
            "id": record.template_id,
            "name": record.template_name,
            "version": record.template_version,
        },
        "started": record.started.isoformat(),
        "ended": record.ended.isoformat(),
        "status": record.status.value,
        "steps": {
            "kind": list(steps.kind),
            "exercise": list(steps.exercise),
            "side": list(steps.side),
            "planned_s": list(steps.planned_s),
            "actual_s": list(steps.actual_s),
            "outcome": list(steps.outcome),
        },
        "legs": [
            {
                "exercise_id": leg.exercise_id,
                "exercise_name": leg.exercise_name,
                "mode": leg.mode,
                "side": leg.side,
                "sets_planned": leg.sets_planned,
                "sets_done": leg.sets_done,
                "sets_skipped": leg.sets_skipped,
                "hold_s": list(leg.hold_s),
                "reps": leg.reps,
            }
            for leg in record.legs
        ],
        "log": {"effort": record.log.effort, "pain": record.log.pain, "notes": record.log.notes},
    }


def record_from_json(document: object, path: str = "session") -> SessionRecord:
    data = _object(document, path)
    template = _object(data.get("template"), f"{path}.template")
    return SessionRecord(
        id=_text(data, "id", path),
        template_id=_text(template, "id", f"{path}.template"),
        template_name=_text(template, "name", f"{path}.template"),
        template_version=_integer(template, "version", f"{path}.template"),
        started=_moment(data, "started", path),
        ended=_moment(data, "ended", path),
        status=_status(data, path),
        steps=_steps(data.get("steps"), f"{path}.steps"),
        legs=tuple(
            _leg(item, f"{path}.legs[{i}]")
            for i, item in enumerate(_array(data.get("legs"), f"{path}.legs"))
        ),
        log=_log(data.get("log"), f"{path}.log"),
    )


def entry_to_json(entry: HistoryEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "template": {"id": entry.template_id, "name": entry.template_name},
        "started": entry.started.isoformat(),
        "ended": entry.ended.isoformat(),
        "status": entry.status.value,
        "hold_s": dict(entry.hold_s),
        "reps": dict(entry.reps),
        "log": {"effort": entry.log.effort, "pain": entry.log.pain, "notes": entry.log.notes},
    }


def entry_from_json(document: object, path: str = "entry") -> HistoryEntry:
    data = _object(document, path)
    template = _object(data.get("template"), f"{path}.template")
    holds = _object(data.get("hold_s"), f"{path}.hold_s")
    reps = _object(data.get("reps"), f"{path}.reps")
    if not all(map(_is_number, holds.values())):
        raise RecordError(f"{path}.hold_s", "holds a value that is not a number")
    if not all(map(_is_integer, reps.values())):
        raise RecordError(f"{path}.reps", "holds a value that is not a whole number")
    return HistoryEntry(
        _text(data, "id", path),
        _text(template, "id", f"{path}.template"),
        _text(template, "name", f"{path}.template"),
        _moment(data, "started", path),
        _moment(data, "ended", path),
        _status(data, path),
        tuple(holds.items()),
        tuple(reps.items()),
        _log(data.get("log"), f"{path}.log"),
    )


def _steps(value: object, path: str) -> StepColumns:
    data = _object(value, path)
    columns = {
        "kind": _column(data, "kind", path, lambda v: isinstance(v, str)),
        "exercise": _column(data, "exercise", path, lambda v: isinstance(v, str)),
        "side": _column(data, "side", path, lambda v: isinstance(v, str)),
        "planned_s": _column(data, "planned_s", path, lambda v: v is None or _is_number(v)),
        "actual_s": _column(data, "actual_s", path, _is_number),
        "outcome": _column(data, "outcome", path, lambda v: isinstance(v, str)),
    }
    if len({len(column) for column in columns.values()}) > 1:
        raise RecordError(path, "the step columns differ in length")
    return StepColumns(**columns)


def _leg(value: object, path: str) -> LegRecord:
    data = _object(value, path)
    holds = _column(data, "hold_s", path, _is_number)
    return LegRecord(
        _text(data, "exercise_id", path),
        _text(data, "exercise_name", path),
        _text(data, "mode", path),
        _text(data, "side", path),
        _integer(data, "sets_planned", path),
        _integer(data, "sets_done", path),
        _integer(data, "sets_skipped", path),
        holds,
        _integer(data, "reps", path),
    )


def _log(value: object, path: str) -> QuickLog:
    if value is None:
        return QuickLog()
    data = _object(value, path)
    effort, pain = data.get("effort"), data.get("pain")
    for name, score in (("effort", effort), ("pain", pain)):
        if score is not None and not (_is_integer(score) and 0 <= score <= 10):
            raise RecordError(f"{path}.{name}", "must be a whole number from 0 to 10, or null")
    notes = data.get("notes", "")
    if not isinstance(notes, str):
        raise RecordError(f"{path}.notes", "must be text")
    return QuickLog(effort, pain, notes)


def _status(data: dict[str, Any], path: str) -> SessionStatus:
    value = _text(data, "status", path)
    try:
        return SessionStatus(value)
    except ValueError:
        raise RecordError(f"{path}.status", f"unknown status {value!r}") from None


def _moment(data: dict[str, Any], key: str, path: str) -> datetime:
    text = _text(data, key, path)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise RecordError(f"{path}.{key}", f"not a date and time: {text!r}") from None
    if moment.tzinfo is None:
        raise RecordError(f"{path}.{key}", "has no time zone")
    return moment


def _object(value: object, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise RecordError(path, "must be an object")
    return value


def _array(value: object, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise RecordError(path, "must be a list")
    return value


def _column(
    data: dict[str, Any], key: str, path: str, check: Callable[[Any], bool]
) -> tuple[Any, ...]:
    values = _array(data.get(key), f"{path}.{key}")
    if not all(map(check, values)):
        raise RecordError(f"{path}.{key}", "holds a value of the wrong type")
    return tuple(values)


def _text(data: dict[str, Any], key: str, path: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise RecordError(f"{path}.{key}", "must be text")
    return value


def _integer(data: dict[str, Any], key: str, path: str) -> int:
    value = data.get(key)
    if not _is_integer(value):
        raise RecordError(f"{path}.{key}", "must be a whole number")
    return value  # type: ignore[return-value]


def _is_integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
