"""The --log-events JSON Lines log, fed with real events from a real plan and a fake clock."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hamtimer.core.engine import (
    CountdownTick,
    CueDue,
    EngineEvent,
    EngineState,
    HalfwayReached,
    PauseReason,
    SessionEngine,
    SessionFinished,
    SessionPaused,
    SessionResumed,
    SessionStopped,
    StepFinished,
    StepStarted,
)
from hamtimer.core.plan import compile_plan
from hamtimer.services.event_log import EventLog, event_record
from tests.builders import template
from tests.fakes import FakeClock

STEP_FIELDS = {"step", "kind", "side", "exercise"}


def _engine() -> tuple[SessionEngine, FakeClock]:
    clock = FakeClock()
    return SessionEngine(compile_plan(template()), clock, clock.wall), clock


def _run_to_end(engine: SessionEngine, clock: FakeClock) -> list[tuple[EngineEvent, float]]:
    """Poll at every deadline until the session ends, as a runner would."""
    handled = [(event, clock()) for event in engine.start()]
    for _ in range(10_000):
        deadline = engine.next_deadline()
        if deadline is None:
            return handled
        clock.advance(max(0.0, deadline - clock()) + 0.002)  # handled a little late
        handled += [(event, clock()) for event in engine.poll()]
    raise AssertionError("the session never finished")


def _first(events: list[tuple[EngineEvent, float]], kind: type[EngineEvent]) -> EngineEvent:
    return next(event for event, _ in events if isinstance(event, kind))


# --- the log file ---------------------------------------------------------------------------


def test_one_json_object_per_line(tmp_path: Path) -> None:
    engine, clock = _engine()
    handled = _run_to_end(engine, clock)
    path = tmp_path / "new" / "folder" / "events.jsonl"
    with EventLog(path) as log:
        for event, actual in handled:
            log.write(event, actual)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(handled)
    records = [json.loads(line) for line in lines]
    assert all(isinstance(record, dict) for record in records)
    for record, (event, actual) in zip(records, handled, strict=True):
        assert record["event"] == event.name
        assert record["planned"] == pytest.approx(event.planned_at, abs=1e-6)
        assert record["actual"] == pytest.approx(actual, abs=1e-6)
        assert record["actual"] >= record["planned"]
        if hasattr(event, "step"):
            assert record.keys() >= STEP_FIELDS
    plan = engine.plan
    started = [r for r in records if r["event"] == "step_started"]
    assert [r["step"] for r in started] == [step.index for step in plan.steps]
    assert [r["kind"] for r in started] == [step.kind.value for step in plan.steps]
    assert [r["side"] for r in started] == [step.side.value for step in plan.steps]
    assert records[-1]["event"] == "session_finished"


def test_log_appends_and_survives_reopening(tmp_path: Path) -> None:
    engine, clock = _engine()
    events = engine.start()
    path = tmp_path / "events.jsonl"
    with EventLog(path) as log:
        log.write(events[0], clock())
    with EventLog(path) as log:
        log.write(events[0], clock() + 1.0)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [r["actual"] for r in records] == [1000.0, 1001.0]


def test_each_line_is_written_before_close(tmp_path: Path) -> None:
    engine, clock = _engine()
    path = tmp_path / "events.jsonl"
    log = EventLog(path)
    try:
        log.write(engine.start()[0], clock())
        assert json.loads(path.read_text(encoding="utf-8"))["event"] == "step_started"
    finally:
        log.close()


# --- event_record, one event type at a time -------------------------------------------------


def test_step_started_record() -> None:
    engine, _ = _engine()
    event = engine.start()[0]
    assert isinstance(event, StepStarted)
    step = event.step
    assert event_record(event, 1000.25) == {
        "event": "step_started",
        "planned": 1000.0,
        "actual": 1000.25,
        "step": 0,
        "kind": "prepare",
        "side": step.side.value,
        "exercise": "bridge",
        "duration": step.duration_s,
    }


def test_step_finished_record() -> None:
    engine, clock = _engine()
    handled = _run_to_end(engine, clock)
    event = _first(handled, StepFinished)
    assert isinstance(event, StepFinished)
    record = event_record(event, event.planned_at + 0.002)
    assert record["event"] == "step_finished"
    assert record["outcome"] == "completed"
    assert record["actual_s"] == pytest.approx(event.step.duration_s or 0.0)
    assert record["step"] == 0
    assert record["actual"] - record["planned"] == pytest.approx(0.002, abs=1e-6)


def test_cue_record() -> None:
    engine, clock = _engine()
    event = _first(_run_to_end(engine, clock), CueDue)
    assert isinstance(event, CueDue)
    record = event_record(event, event.planned_at)
    assert record["event"] == "cue"
    assert record["text"] == event.cue.text
    assert record["cue_kind"] == event.cue.kind.value
    assert record["at_s"] == event.cue.at_s
    assert record.keys() >= STEP_FIELDS


def test_countdown_record() -> None:
    engine, clock = _engine()
    handled = _run_to_end(engine, clock)
    ticks = [event for event, _ in handled if isinstance(event, CountdownTick)]
    first_step = [tick for tick in ticks if tick.step.index == 0]
    assert [event_record(t, t.planned_at)["number"] for t in first_step] == [3, 2, 1]
    assert event_record(first_step[0], 1.0)["event"] == "countdown"


def test_halfway_record() -> None:
    engine, clock = _engine()
    event = _first(_run_to_end(engine, clock), HalfwayReached)
    record = event_record(event, event.planned_at)
    assert record["event"] == "halfway"
    assert record.keys() >= STEP_FIELDS
    assert record["kind"] == "work"


def test_session_finished_record_has_no_step() -> None:
    engine, clock = _engine()
    event = _first(_run_to_end(engine, clock), SessionFinished)
    record = event_record(event, event.planned_at)
    assert record.keys() == {"event", "planned", "actual"}
    assert record["event"] == "session_finished"
    assert record["planned"] == pytest.approx(1000.0 + engine.plan.total_s)


def test_paused_and_resumed_records() -> None:
    engine, clock = _engine()
    engine.start()
    clock.advance(4.0)
    paused = [e for e in engine.pause() if isinstance(e, SessionPaused)]
    clock.advance(12.5)
    resumed = engine.resume()
    assert len(paused) == 1
    assert isinstance(resumed[0], SessionResumed)
    paused_record = event_record(paused[0], clock())
    assert paused_record == {
        "event": "paused",
        "planned": 1004.0,
        "actual": 1016.5,
        "reason": "user",
    }
    resumed_record = event_record(resumed[0], clock())
    assert resumed_record["event"] == "resumed"
    assert resumed_record["paused_s"] == pytest.approx(12.5)


def test_suspend_pause_record() -> None:
    engine, clock = _engine()
    engine.start()
    clock.advance(1.0)
    engine.poll()
    clock.sleep_wall_only(600.0)
    events = engine.poll()
    assert engine.state == EngineState.PAUSED
    [event] = events
    assert isinstance(event, SessionPaused)
    assert event.reason == PauseReason.SUSPEND
    assert event_record(event, clock())["reason"] == "suspend"


def test_skip_and_stop_records() -> None:
    engine, clock = _engine()
    engine.start()
    clock.advance(2.0)
    skipped = [e for e in engine.skip() if isinstance(e, StepFinished)]
    clock.advance(1.5)
    stop_events = engine.stop()
    records: list[dict[str, Any]] = [event_record(e, clock()) for e in stop_events]
    assert event_record(skipped[0], clock())["outcome"] == "skipped"
    assert event_record(skipped[0], clock())["actual_s"] == pytest.approx(2.0)
    assert [r["event"] for r in records] == ["step_finished", "session_stopped"]
    assert records[0]["outcome"] == "stopped"
    assert records[0]["actual_s"] == pytest.approx(1.5)
    assert records[0]["step"] == 1
    assert isinstance(stop_events[1], SessionStopped)
    assert records[1].keys() == {"event", "planned", "actual"}


def test_records_are_json_ready() -> None:
    engine, clock = _engine()
    for event, actual in _run_to_end(engine, clock):
        record = event_record(event, actual)
        assert json.loads(json.dumps(record)) == record
