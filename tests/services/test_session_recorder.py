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
    assert recorder.wait_saved().saved and not list((tmp_path / "local").rglob("journal-*"))


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


def run_to_switch(engine: SessionEngine, recorder: SessionRecorder, clock: FakeClock) -> None:
    """Through get ready and the first (left) hold: the journal holds one hold."""
    feed(recorder, engine.start())
    while engine.current_step is not None and engine.current_step.kind.value != "switch":
        deadline = engine.next_deadline()
        assert deadline is not None
        clock.advance(deadline - clock.now)
        feed(recorder, engine.poll())


def run_to_end(engine: SessionEngine, recorder: SessionRecorder, clock: FakeClock) -> None:
    feed(recorder, engine.start())
    while (deadline := engine.next_deadline()) is not None:
        clock.advance(max(0.0, deadline - clock.now))
        feed(recorder, engine.poll())


def test_a_failed_save_keeps_the_session_as_it_ended_and_the_next_start_saves_it(
    tmp_path: Path,
) -> None:
    (tmp_path / "history").write_text("a plain file where the history folder should be")
    engine, recorder, clock = engine_and_recorder(tmp_path)
    run_to_end(engine, recorder, clock)

    outcome = recorder.wait_saved()
    assert not outcome.saved
    assert "kept in" in outcome.problem and "saved at the next start" in outcome.problem
    (tmp_path / "history").unlink()

    recovered, messages = store_at(tmp_path).recover_interrupted()

    [record] = recovered
    assert record.status == SessionStatus.COMPLETED and messages == []
    [entry] = store_at(tmp_path).load().entries
    assert entry.status == SessionStatus.COMPLETED
    assert dict(entry.hold_s) == {"left": 40.0, "right": 40.0}


def test_a_read_only_history_keeps_new_sessions_aside_and_says_why(tmp_path: Path) -> None:
    clock = FakeClock()
    engine = SessionEngine(compile_plan(template()), clock=clock, wall_clock=clock.wall)
    store = store_at(tmp_path)
    store.read_only = True  # what a history from a newer hamtimer makes it
    recorder = SessionRecorder(store, engine, InlineExecutor(), now=lambda: NOW)
    run_to_end(engine, recorder, clock)

    outcome = recorder.wait_saved()

    assert not outcome.saved and "newer hamtimer" in outcome.problem
    assert len(list((tmp_path / "local").rglob("journal-*.json"))) == 1
    assert not (tmp_path / "history").exists()  # read-only means nothing written there


def test_recovery_never_rewrites_a_session_already_saved(tmp_path: Path) -> None:
    # A kill between the final save and the journal's removal leaves a journal whose last
    # snapshot is older (interrupted, holds missing) than the saved, completed session.
    engine, recorder, clock = engine_and_recorder(tmp_path)
    run_to_switch(engine, recorder, clock)
    journal = next((tmp_path / "local").rglob("journal-*.json"))
    stale = journal.read_bytes()
    while (deadline := engine.next_deadline()) is not None:
        clock.advance(max(0.0, deadline - clock.now))
        feed(recorder, engine.poll())
    assert recorder.wait_saved().saved
    journal.write_bytes(stale)

    recovered, messages = store_at(tmp_path).recover_interrupted()

    assert recovered == [] and messages == [] and not journal.exists()
    [entry] = store_at(tmp_path).load().entries
    assert entry.status == SessionStatus.COMPLETED
    assert dict(entry.hold_s) == {"left": 40.0, "right": 40.0}


def test_a_journal_that_still_cannot_be_saved_stays_and_says_where(tmp_path: Path) -> None:
    engine, recorder, clock = engine_and_recorder(tmp_path)
    run_to_switch(engine, recorder, clock)
    recorder._journal._held.release()  # type: ignore[union-attr]  # as if the process died
    journal = next((tmp_path / "local").rglob("journal-*.json"))
    (tmp_path / "history").write_text("still a plain file")

    recovered, [message] = store_at(tmp_path).recover_interrupted()

    assert recovered == [] and journal.exists()
    assert str(journal) in message and "not in your history yet" in message
