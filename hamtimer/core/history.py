"""Sessions as the history keeps them: the `SessionRecord` (core.session_record) as JSON, and
the `HistoryEntry` that lists, charts and coaching load for every session.

The store decides where documents live. Reading checks every type and says where a document is
wrong (RecordError), so a damaged file is recognised and set aside rather than half-loaded.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TypeVar

from hamtimer.core.session_record import (
    LegRecord,
    QuickLog,
    SessionRecord,
    SessionStatus,
    StepColumns,
    counts_as_training,
    is_full_hold,
)
from hamtimer.core.vocabulary import Mode, Outcome, Side, StepKind

HISTORY_SCHEMA_VERSION = 1
EARLIEST_YEAR, LATEST_YEAR = 1971, 2999
"""Sessions outside these years are damage; inside them every time-zone conversion is safe."""
MAX_SECONDS = 7 * 24 * 3600
"""No duration in a record is longer than a week (a step left waiting for Done included)."""


class RecordError(ValueError):
    """A history document that does not hold what it should; `path` says where."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path


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
    length_s: float
    """`SessionRecord.length_s`: pauses excluded (see core.session_record)."""
    hold_s: tuple[tuple[Side, float], ...]
    """Total hold seconds per side, in the order of first use."""
    reps: tuple[tuple[Side, int], ...]
    log: QuickLog
    work_done: float
    """`SessionRecord.work`: sets done, each by the share of its planned length done ..."""
    work_planned: int
    """... out of the sets the plan held (every exercise, every side)."""
    not_training: bool = False
    """`SessionRecord.not_training`: the user said it was not training (a test, a mistake):
    listed, but left out of the charts and coaching."""

    @property
    def is_training(self) -> bool:
        """Counts toward weekly totals, the streak and coaching: half its work or more done,
        and not marked as not training."""
        return not self.not_training and counts_as_training(self.work_done, self.work_planned)


def entry_of(record: SessionRecord) -> HistoryEntry:
    holds: dict[Side, float] = {}
    reps: dict[Side, int] = {}
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
        record.length_s,
        tuple(holds.items()),
        tuple(reps.items()),
        record.log,
        *record.work,
        record.not_training,
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
                "mode": leg.mode.value,
                "side": leg.side.value,
                "sets_planned": leg.sets_planned,
                "sets_done": leg.sets_done,
                "sets_skipped": leg.sets_skipped,
                "hold_s": list(leg.hold_s),
                "full_holds": leg.full_holds,
                "reps": leg.reps,
            }
            for leg in record.legs
        ],
        "log": {"effort": record.log.effort, "pain": record.log.pain, "notes": record.log.notes},
        "not_training": record.not_training,
    }


def record_from_json(document: object, path: str = "session") -> SessionRecord:
    data = _object(document, path)
    template = _object(data.get("template"), f"{path}.template")
    steps = _steps(data.get("steps"), f"{path}.steps")
    started, ended = _moment(data, "started", path), _moment(data, "ended", path)
    if ended < started:
        raise RecordError(f"{path}.ended", "is before the session started")
    return SessionRecord(
        id=_text(data, "id", path),
        template_id=_text(template, "id", f"{path}.template"),
        template_name=_text(template, "name", f"{path}.template"),
        template_version=_integer(template, "version", f"{path}.template"),
        started=started,
        ended=ended,
        status=_status(data, path),
        steps=steps,
        legs=tuple(
            _leg(item, f"{path}.legs[{i}]", steps)
            for i, item in enumerate(_array(data.get("legs"), f"{path}.legs"))
        ),
        log=_log(data.get("log"), f"{path}.log"),
        not_training=_flag(data, "not_training", path),
    )


def entry_to_json(entry: HistoryEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "template": {"id": entry.template_id, "name": entry.template_name},
        "started": entry.started.isoformat(),
        "ended": entry.ended.isoformat(),
        "status": entry.status.value,
        "length_s": entry.length_s,
        "hold_s": dict(entry.hold_s),
        "reps": dict(entry.reps),
        "log": {"effort": entry.log.effort, "pain": entry.log.pain, "notes": entry.log.notes},
        "work": {"done": entry.work_done, "planned": entry.work_planned},
        "not_training": entry.not_training,
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
    length = data.get("length_s")
    if not _is_number(length):
        raise RecordError(f"{path}.length_s", "must be a number")
    # Required: a summary written before "work" was kept fails here, and the store rebuilds
    # it from the month files, whose records hold what it is made from.
    work = _object(data.get("work"), f"{path}.work")
    done = _number(work, "done", f"{path}.work")
    if done < 0:
        raise RecordError(f"{path}.work.done", "must be a number from 0")
    return HistoryEntry(
        _text(data, "id", path),
        _text(template, "id", f"{path}.template"),
        _text(template, "name", f"{path}.template"),
        _moment(data, "started", path),
        _moment(data, "ended", path),
        _status(data, path),
        length,  # type: ignore[arg-type]
        tuple((_enum(Side, side, f"{path}.hold_s"), s) for side, s in holds.items()),
        tuple((_enum(Side, side, f"{path}.reps"), n) for side, n in reps.items()),
        _log(data.get("log"), f"{path}.log"),
        done,
        _integer(work, "planned", f"{path}.work"),
        _flag(data, "not_training", path),
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


def _leg(value: object, path: str, steps: StepColumns) -> LegRecord:
    data = _object(value, path)
    exercise_id = _text(data, "exercise_id", path)
    side = _enum(Side, _text(data, "side", path), f"{path}.side")
    holds = _column(data, "hold_s", path, _is_number)
    full_holds = (
        _integer(data, "full_holds", path)
        if "full_holds" in data
        else _full_holds_in(steps, exercise_id, side)  # written before full_holds was kept
    )
    return LegRecord(
        exercise_id,
        _text(data, "exercise_name", path),
        _enum(Mode, _text(data, "mode", path), f"{path}.mode"),
        side,
        _integer(data, "sets_planned", path),
        _integer(data, "sets_done", path),
        _integer(data, "sets_skipped", path),
        holds,
        _integer(data, "reps", path),
        full_holds,
    )


def _full_holds_in(steps: StepColumns, exercise_id: str, side: Side) -> int:
    return sum(
        1
        for exercise, leg, kind, planned, actual, outcome in zip(
            steps.exercise,
            steps.side,
            steps.kind,
            steps.planned_s,
            steps.actual_s,
            steps.outcome,
            strict=True,
        )
        if exercise == exercise_id
        and leg == side.value
        and kind == StepKind.WORK.value
        and outcome in (Outcome.COMPLETED.value, Outcome.ENDED_EARLY.value)
        and is_full_hold(planned, actual)
    )


_Word = TypeVar("_Word", bound=StrEnum)


def _enum(kind: type[_Word], value: str, path: str) -> _Word:
    try:
        return kind(value)
    except ValueError:
        raise RecordError(path, f"unknown {kind.__name__} {value!r}") from None


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
    return _enum(SessionStatus, _text(data, "status", path), f"{path}.status")


def _moment(data: dict[str, Any], key: str, path: str) -> datetime:
    return parse_moment(_text(data, key, path), f"{path}.{key}")


def parse_moment(text: str, path: str) -> datetime:
    """An ISO date and time with its zone, between EARLIEST_YEAR and LATEST_YEAR; RecordError
    (naming `path`) otherwise. Every date read from a file goes through here."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise RecordError(path, f"not a date and time: {text!r}") from None
    if moment.tzinfo is None:
        raise RecordError(path, "has no time zone")
    try:  # near year 1 or 9999, converting to another zone overflows (history broke for good)
        in_utc = moment.astimezone(UTC)
    except OverflowError:
        in_utc = None
    if in_utc is None or not EARLIEST_YEAR <= in_utc.year <= LATEST_YEAR:
        raise RecordError(path, f"is not between {EARLIEST_YEAR} and {LATEST_YEAR}")
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


def _flag(data: dict[str, Any], key: str, path: str) -> bool:
    """An optional true/false (absent in documents written before it existed: false)."""
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise RecordError(f"{path}.{key}", "must be true or false")
    return value


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


def _number(data: dict[str, Any], key: str, path: str) -> float:
    value = data.get(key)
    if not _is_number(value):
        raise RecordError(f"{path}.{key}", "must be a number")
    return value  # type: ignore[return-value]


def _is_integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    """Every number in a record is a duration or an amount of work: finite, from 0, bounded."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    return math.isfinite(value) and 0 <= value <= MAX_SECONDS
