"""`--log-events PATH`: one JSON object per line for every step and cue, planned vs actual.

The log is how boundary error, drift and cue timing are measured (see tests/bench/).
"""

from __future__ import annotations

import json
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from hamtimer.core.engine import (
    CountdownTick,
    CueDue,
    EngineEvent,
    SessionPaused,
    SessionResumed,
    StepFinished,
    StepStarted,
)


def event_record(event: EngineEvent, actual: float) -> dict[str, Any]:
    """A flat, JSON-ready description of `event` handled at monotonic time `actual`."""
    record: dict[str, Any] = {
        "event": event.name,
        "planned": round(event.planned_at, 6),
        "actual": round(actual, 6),
    }
    step = getattr(event, "step", None)
    if step is not None:
        record.update(step=step.index, kind=step.kind.value, side=step.side.value)
        record["exercise"] = step.exercise_id
    if isinstance(event, StepStarted):
        record["duration"] = event.step.duration_s
    elif isinstance(event, StepFinished):
        record.update(outcome=event.outcome.value, actual_s=round(event.actual_s, 6))
    elif isinstance(event, CueDue):
        record.update(text=event.cue.text, cue_kind=event.cue.kind.value, at_s=event.cue.at_s)
    elif isinstance(event, CountdownTick):
        record["number"] = event.number
    elif isinstance(event, SessionPaused):
        record["reason"] = event.reason.value
    elif isinstance(event, SessionResumed):
        record["paused_s"] = round(event.paused_s, 6)
    return record


class EventLog:
    """Appends records; line-buffered so a crash loses at most the line being written."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file: TextIO = path.open("a", encoding="utf-8", buffering=1)

    def write(self, event: EngineEvent, actual: float) -> None:
        self._file.write(json.dumps(event_record(event, actual)) + "\n")

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> EventLog:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
