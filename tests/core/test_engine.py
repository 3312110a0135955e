from __future__ import annotations

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
from hamtimer.core.plan import Plan, compile_plan
from hamtimer.core.vocabulary import Outcome, StepKind
from tests.builders import open_template, template
from tests.fakes import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def plan() -> Plan:
    return compile_plan(template())


def make_engine(plan: Plan, clock: FakeClock) -> SessionEngine:
    return SessionEngine(plan, clock=clock, wall_clock=clock.wall)


def run_to_end(engine: SessionEngine, clock: FakeClock, lateness: float = 0.0) -> list[EngineEvent]:
    """Sleep until each deadline (plus `lateness`, as a busy machine would) and poll."""
    events = engine.start()
    while (deadline := engine.next_deadline()) is not None:
        clock.advance(max(0.0, deadline - clock.now) + lateness)
        events += engine.poll()
    return events


def test_start_begins_the_first_step_and_says_its_announcement(
    plan: Plan, clock: FakeClock
) -> None:
    engine = make_engine(plan, clock)
    events = engine.start()
    assert isinstance(events[0], StepStarted) and events[0].step.kind == StepKind.PREPARE
    assert isinstance(events[1], CueDue) and events[1].cue.at_s == 0.0
    assert engine.state == EngineState.RUNNING


def test_whole_session_emits_every_step_cue_and_countdown_in_order(
    plan: Plan, clock: FakeClock
) -> None:
    engine = make_engine(plan, clock)
    events = run_to_end(engine, clock)
    started = [e.step.index for e in events if isinstance(e, StepStarted)]
    assert started == list(range(len(plan.steps)))
    cues = sum(len(s.cues) for s in plan.steps)
    assert sum(isinstance(e, CueDue) for e in events) == cues
    ticks = [e.number for e in events if isinstance(e, CountdownTick)]
    assert ticks == [3, 2, 1] * sum(1 for s in plan.steps if s.countdown_s)
    assert sum(isinstance(e, HalfwayReached) for e in events) == 4
    assert isinstance(events[-1], SessionFinished)
    assert engine.state == EngineState.FINISHED
    planned = [e.planned_at for e in events]
    assert planned == sorted(planned)


def test_countdown_numbers_land_on_whole_seconds_before_the_end(
    plan: Plan, clock: FakeClock
) -> None:
    engine = make_engine(plan, clock)
    events = run_to_end(engine, clock)
    hold_start = next(e for e in events if isinstance(e, StepStarted) and e.step.index == 1)
    ticks = [e for e in events if isinstance(e, CountdownTick) and e.step.index == 1]
    assert [round(t.planned_at - hold_start.planned_at, 9) for t in ticks] == [17.0, 18.0, 19.0]


def test_late_handling_never_accumulates_into_drift(plan: Plan, clock: FakeClock) -> None:
    """Each handling 40 ms late (a busy machine): step starts still follow the plan exactly."""
    engine = make_engine(plan, clock)
    start = clock.now
    events = run_to_end(engine, clock, lateness=0.040)
    starts = [e.planned_at - start for e in events if isinstance(e, StepStarted)]
    expected = [sum(s.duration_s or 0 for s in plan.steps[:i]) for i in range(len(plan.steps))]
    assert starts == pytest.approx(expected, abs=1e-9)
    finished = events[-1]
    assert finished.planned_at - start == pytest.approx(plan.total_s, abs=1e-9)


def test_next_deadline_includes_each_display_second(plan: Plan, clock: FakeClock) -> None:
    engine = make_engine(plan, clock)
    engine.start()
    clock.advance(0.3)
    engine.poll()
    deadline = engine.next_deadline()
    assert deadline is not None
    assert deadline - (clock.now - 0.3) == pytest.approx(1.0)


def test_pause_freezes_time_and_resume_continues_where_it_was(plan: Plan, clock: FakeClock) -> None:
    engine = make_engine(plan, clock)
    engine.start()
    clock.advance(4.0)
    engine.poll()
    paused = engine.pause()
    assert isinstance(paused[-1], SessionPaused) and paused[-1].reason == PauseReason.USER
    assert engine.next_deadline() is None
    clock.advance(120.0)
    assert engine.poll() == []
    assert engine.snapshot().elapsed_s == pytest.approx(4.0)
    resumed = engine.resume()
    assert isinstance(resumed[0], SessionResumed) and resumed[0].paused_s == pytest.approx(120.0)
    assert engine.snapshot().elapsed_s == pytest.approx(4.0)
    assert engine.snapshot().session_elapsed_s == pytest.approx(4.0)


def test_suspend_gap_between_clocks_pauses_instead_of_skipping(
    plan: Plan, clock: FakeClock
) -> None:
    engine = make_engine(plan, clock)
    engine.start()
    clock.advance(2.0)
    engine.poll()
    clock.sleep_wall_only(3600)  # lid closed for an hour
    clock.advance(0.5)
    events = engine.poll()
    assert isinstance(events[0], SessionPaused) and events[0].reason == PauseReason.SUSPEND
    assert engine.state == EngineState.PAUSED
    assert engine.snapshot().step_index == 0
    assert engine.snapshot().elapsed_s == pytest.approx(2.0)
    assert engine.snapshot().pause_reason == PauseReason.SUSPEND


def test_monotonic_jump_without_wall_jump_also_pauses(plan: Plan, clock: FakeClock) -> None:
    """Platforms whose monotonic clock runs through sleep while the wall clock is corrected."""
    engine = make_engine(plan, clock)
    engine.start()
    clock.now += 600
    events = engine.poll()
    assert isinstance(events[0], SessionPaused)


def test_skip_marks_the_step_skipped_and_starts_the_next(plan: Plan, clock: FakeClock) -> None:
    engine = make_engine(plan, clock)
    engine.start()
    clock.advance(1.0)
    events = engine.skip()
    finished = next(e for e in events if isinstance(e, StepFinished))
    assert finished.outcome == Outcome.SKIPPED and finished.actual_s == pytest.approx(1.0)
    assert engine.snapshot().step_index == 1
    assert engine.results()[0].outcome == Outcome.SKIPPED


def test_back_restarts_a_step_under_way_and_goes_back_near_its_start(
    plan: Plan, clock: FakeClock
) -> None:
    engine = make_engine(plan, clock)
    engine.start()
    engine.skip()
    clock.advance(5.0)
    engine.back()
    assert engine.snapshot().step_index == 1
    assert engine.snapshot().elapsed_s == 0.0
    clock.advance(1.0)
    engine.back()  # 1 s into the restarted hold's count-in: its clock has not started
    assert engine.snapshot().step_index == 0
    assert engine.results() == []


def test_going_back_into_a_hold_counts_in_3_2_1_before_its_clock_starts(
    plan: Plan, clock: FakeClock
) -> None:
    engine = make_engine(plan, clock)
    engine.start()
    engine.skip()  # into the left hold (20 s)
    clock.advance(8.0)
    events = engine.back()
    ticks = [event.number for event in events if isinstance(event, CountdownTick)]
    assert ticks == [3]  # said at once; the step's announcement waits for the clock
    assert not any(isinstance(event, CueDue) for event in events)
    snapshot = engine.snapshot()
    assert snapshot.step_index == 1 and snapshot.lead_in_s == 3.0
    assert snapshot.remaining_s == 20.0

    said: list[EngineEvent] = []
    for _ in range(3):
        deadline = engine.next_deadline()
        assert deadline is not None
        clock.advance(deadline - clock.now)
        said += engine.poll()
    assert [e.number for e in said if isinstance(e, CountdownTick)] == [2, 1]
    assert any(isinstance(e, CueDue) and e.cue.text.endswith("Hold.") for e in said)
    assert engine.snapshot().lead_in_s == 0.0 and engine.snapshot().remaining_s == 20.0
    clock.advance(5.0)
    engine.poll()
    assert engine.snapshot().remaining_s == 15.0


def test_a_pause_in_the_count_in_holds_it(plan: Plan, clock: FakeClock) -> None:
    engine = make_engine(plan, clock)
    engine.start()
    engine.skip()
    clock.advance(8.0)
    engine.back()
    clock.advance(1.0)
    engine.pause()
    clock.advance(60.0)
    assert engine.snapshot().lead_in_s == 2.0
    engine.resume()
    clock.advance(2.0)
    engine.poll()
    assert engine.snapshot().lead_in_s == 0.0 and engine.snapshot().remaining_s == 20.0


def test_back_from_a_rest_into_the_set_before_counts_in(clock: FakeClock) -> None:
    plan = compile_plan(template())
    rest = next(step for step in plan.steps if step.kind == StepKind.REST)
    engine = make_engine(plan, clock)
    engine.start()
    while engine.current_step is not None and engine.current_step.index < rest.index:
        engine.skip()
    clock.advance(1.0)
    engine.back()  # in the rest's first seconds: the hold before it, counted in
    snapshot = engine.snapshot()
    assert snapshot.step is not None and snapshot.step.kind == StepKind.WORK
    assert snapshot.lead_in_s == 3.0


def test_a_get_ready_step_restarts_with_no_count_in(plan: Plan, clock: FakeClock) -> None:
    engine = make_engine(plan, clock)
    engine.start()
    clock.advance(5.0)
    engine.back()
    assert engine.snapshot().step_index == 0 and engine.snapshot().lead_in_s == 0.0


def test_done_ends_an_open_step_that_waits_for_it_as_completed(clock: FakeClock) -> None:
    plan = compile_plan(open_template(), wait_for_done=True)
    engine = make_engine(plan, clock)
    engine.start()
    engine.skip()  # past "get ready"
    assert engine.current_step is not None and engine.current_step.kind == StepKind.OPEN
    clock.advance(42.0)
    assert engine.poll() == []  # it waits for Done
    assert engine.snapshot().remaining_s is None
    assert engine.snapshot().display_seconds == 42
    events = engine.done()
    assert any(isinstance(e, StepFinished) and e.outcome == Outcome.COMPLETED for e in events)


def test_done_on_a_hold_ends_it_early(plan: Plan, clock: FakeClock) -> None:
    engine = make_engine(plan, clock)
    engine.start()
    engine.skip()
    clock.advance(12.0)
    engine.poll()
    engine.done()
    result = engine.results()[1]
    assert result.outcome == Outcome.ENDED_EARLY and result.actual_s == pytest.approx(12.0)


def test_stop_records_the_current_step_and_ends(plan: Plan, clock: FakeClock) -> None:
    engine = make_engine(plan, clock)
    engine.start()
    clock.advance(3.0)
    events = engine.stop()
    assert isinstance(events[-1], SessionStopped)
    assert engine.state == EngineState.STOPPED
    assert engine.results()[0].outcome == Outcome.STOPPED
    assert engine.next_deadline() is None
    assert engine.stop() == []


def test_display_seconds_count_down_whole_seconds(plan: Plan, clock: FakeClock) -> None:
    engine = make_engine(plan, clock)
    engine.start()
    engine.skip()
    assert engine.snapshot().display_seconds == 20
    clock.advance(0.01)
    assert engine.snapshot().display_seconds == 20
    clock.advance(0.99)
    assert engine.snapshot().display_seconds == 19
    assert engine.snapshot().step_progress == pytest.approx(0.05)


def test_session_remaining_counts_down_with_the_plan(plan: Plan, clock: FakeClock) -> None:
    engine = make_engine(plan, clock)
    engine.start()
    assert engine.snapshot().session_remaining_s == pytest.approx(plan.total_s)
    clock.advance(5.0)
    assert engine.snapshot().session_remaining_s == pytest.approx(plan.total_s - 5.0)


def test_commands_before_start_do_nothing(plan: Plan, clock: FakeClock) -> None:
    engine = make_engine(plan, clock)
    assert engine.pause() == engine.skip() == engine.back() == engine.poll() == []
    assert engine.next_deadline() is None
    assert engine.current_step is None


def test_an_open_step_moves_on_by_itself_after_a_3_2_1(clock: FakeClock) -> None:
    plan = compile_plan(open_template(expected_s=40))
    engine = make_engine(plan, clock)
    events = engine.start() + engine.skip()  # past "get ready"
    opened = clock.now
    while engine.snapshot().step_index == 1:
        deadline = engine.next_deadline()
        assert deadline is not None
        clock.advance(deadline - clock.now)
        events += engine.poll()
    ticks = [e for e in events if isinstance(e, CountdownTick) and e.step.index == 1]
    assert [(t.number, round(t.planned_at - opened, 9)) for t in ticks] == [
        (3, 37.0),
        (2, 38.0),
        (1, 39.0),
    ]
    assert engine.results()[1].outcome == Outcome.COMPLETED
    assert engine.results()[1].actual_s == 40.0


def test_done_ends_a_moving_on_open_step_early_as_completed(clock: FakeClock) -> None:
    engine = make_engine(compile_plan(open_template(expected_s=40)), clock)
    engine.start()
    engine.skip()
    clock.advance(25.0)
    engine.poll()
    engine.done()
    result = engine.results()[1]
    assert result.outcome == Outcome.COMPLETED and result.actual_s == pytest.approx(25.0)
    assert engine.snapshot().step_index == 2
