"""A session's record while it runs (journal) and when it ends (history), on a fake clock."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from hamtimer.core.engine import SessionEngine
from hamtimer.core.plan import compile_plan
from hamtimer.core.session_record import SessionStatus
from hamtimer.services.session_recorder import SessionRecorder
from tests.builders import template
from tests.fakes import FakeClock, InlineExecutor
from tests.history_records import store_at

NOW = datetime(2026, 11, 21, 7, 0, tzinfo=UTC)


def engine_and_recorder(tmp_path: Path) -> tuple[SessionEngine, SessionRecorder, FakeClock]:
    clock = FakeClock()
    engine = SessionEngine(compile_plan(template()), clock=clock, wall_clock=clock.wall)
    recorder = SessionRecorder(store_at(tmp_path), engine, InlineExecutor(), now=lambda: NOW)
    return engine, recorder, clock


def feed(recorder: SessionRecorder, events: list[object]) -> None:
    for event in events:
        recorder(event, 0.0)  # type: ignore[arg-type]
    recorder.hand_over()


def test_a_finished_session_is_saved_and_its_journal_removed(tmp_path: Path) -> None:
    engine, recorder, clock = engine_and_recorder(tmp_path)
    feed(recorder, engine.start())
    while (deadline := engine.next_deadline()) is not None:
        clock.advance(max(0.0, deadline - clock.now))
        feed(recorder, engine.poll())

    [entry] = store_at(tmp_path).load().entries
    assert entry.status == SessionStatus.COMPLETED
    assert dict(entry.hold_s) == {"left": 40.0, "right": 40.0}
    assert recorder.wait_saved() and not list((tmp_path / "local").rglob("journal-*"))


def test_a_session_cut_off_midway_is_recovered_with_what_was_done(tmp_path: Path) -> None:
    engine, recorder, clock = engine_and_recorder(tmp_path)
    feed(recorder, engine.start())
    while engine.current_step is not None and engine.current_step.kind.value != "switch":
        deadline = engine.next_deadline()  # through get ready and the first (left) hold
        assert deadline is not None
        clock.advance(deadline - clock.now)
        feed(recorder, engine.poll())
    recorder._journal._held.release()  # type: ignore[union-attr]  # as if the process died

    recovered, _messages = store_at(tmp_path).recover_interrupted()

    [record] = recovered
    assert record.status == SessionStatus.INTERRUPTED
    left = next(leg for leg in record.legs if leg.side == "left")
    assert left.hold_s == (20.0,)


def test_a_stopped_session_is_saved_as_stopped(tmp_path: Path) -> None:
    engine, recorder, _clock = engine_and_recorder(tmp_path)
    feed(recorder, engine.start())
    feed(recorder, engine.stop())
    [entry] = store_at(tmp_path).load().entries
    assert entry.status == SessionStatus.STOPPED


def test_a_session_skipped_to_its_end_is_saved_as_skipped(tmp_path: Path) -> None:
    # → through every step makes the engine finish: it was saved as completed and counted
    engine, recorder, _clock = engine_and_recorder(tmp_path)
    feed(recorder, engine.start())
    while engine.current_step is not None:
        feed(recorder, engine.skip())
    [entry] = store_at(tmp_path).load().entries
    assert entry.status == SessionStatus.SKIPPED and not entry.is_training
