"""TerminalSession on a fake clock: a whole session runs in milliseconds, keys come scripted."""

from __future__ import annotations

import io
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest

from hamtimer.core.engine import (
    CountdownTick,
    CueDue,
    EngineEvent,
    EventSink,
    SessionFinished,
    StepFinished,
    StepStarted,
)
from hamtimer.core.plan import Plan, compile_plan
from hamtimer.core.session_record import QuickLog, SessionRecord
from hamtimer.services.session import open_session
from hamtimer.terminal.session_runner import (
    KeySource,
    SleepOnly,
    TerminalKeys,
    TerminalSession,
    ask_quick_log,
    keys_for,
    save_asked_log,
)
from tests.builders import template
from tests.fakes import START, FakeClock, ScriptedKeys, fake_services


def _plan() -> Plan:
    return compile_plan(template())


def _run(
    keys: KeySource,
    clock: FakeClock,
    plan: Plan | None = None,
    event_log: EventSink | None = None,
    out: io.StringIO | None = None,
) -> SessionRecord:
    """A terminal session through the one pipeline, its history in a temporary home."""
    terminal = TerminalSession(out or io.StringIO(), keys, clock)
    with tempfile.TemporaryDirectory() as home:
        services = fake_services(Path(home), event_log=event_log)
        session = open_session(
            services, plan or _plan(), terminal.show, clock=clock, wall_clock=clock.wall
        )
        return terminal.run(session)


def _session(
    script: Sequence[tuple[float, str]] = (),
    plan: Plan | None = None,
) -> tuple[str, SessionRecord, list[tuple[EngineEvent, float]], ScriptedKeys, FakeClock]:
    clock = FakeClock(start=START)
    keys = ScriptedKeys(clock, script)
    received: list[tuple[EngineEvent, float]] = []

    def sink(event: EngineEvent, actual: float) -> None:
        received.append((event, actual))

    out = io.StringIO()
    record = _run(keys, clock, plan, sink, out)
    return out.getvalue(), record, received, keys, clock


def _headers(output: str) -> list[str]:
    return [line for line in output.splitlines() if re.match(r"^\[\d+:\d\d\] ", line)]


# --- a whole session ------------------------------------------------------------------------


def test_whole_session_shows_every_step_header_in_order() -> None:
    output, record, _, _, clock = _session()
    assert _headers(output) == [
        "[0:00] GET READY · LEFT · 10 s · next: Bridge hold, left leg, set 1 of 2",
        "[0:10] HOLD · LEFT · Bridge hold · Set 1 of 2 · 20 s",
        "[0:30] SWITCH SIDES · RIGHT · 13 s",
        "[0:43] HOLD · RIGHT · Bridge hold · Set 1 of 2 · 20 s",
        "[1:03] REST · 30 s · next: Bridge hold, left leg, set 2 of 2",
        "[1:33] HOLD · LEFT · Bridge hold · Set 2 of 2 · 20 s",
        "[1:53] SWITCH SIDES · RIGHT · 13 s",
        "[2:06] HOLD · RIGHT · Bridge hold · Set 2 of 2 · 20 s",
    ]
    assert record.completed
    assert clock.now == pytest.approx(START + 146.0)


def test_whole_session_shows_cue_captions_and_countdowns() -> None:
    plan = _plan()
    output, _, _, _, _ = _session(plan=plan)
    for step in plan.steps:
        for cue in step.cues:
            assert f"      » {cue.text}" in output
    assert output.count("      3… 2… 1…\n") == len(plan.steps)
    hold = output.split("[0:10] HOLD")[1].split("[0:30]")[0]
    captions = [line.strip("» ").strip() for line in hold.splitlines() if "»" in line]
    assert captions == [
        "Left leg. Hold.",
        "Press through the heel",
        "Squeeze the glutes",
        "Halfway.",
        "Drive the heel down",
    ]


def test_whole_session_ends_with_finish_text_and_summary() -> None:
    output, record, _, _, _ = _session()
    tail = output.rstrip("\n").split("\n")
    assert "  Session complete. Well done." in tail
    finished_at = tail.index("  Session complete. Well done.")
    assert tail[finished_at + 1 :] == [
        "",
        "Test bridge: completed in 2:26",
        "  Bridge hold",
        "    left         2/2 sets; holds 20, 20 s (2 full length)",
        "    right        2/2 sets; holds 20, 20 s (2 full length)",
    ]
    assert record.skipped_steps == 0
    assert record.length_s == pytest.approx(146.0)


def test_sinks_receive_every_event_with_its_actual_time() -> None:
    plan = _plan()
    _, _, received, _, _ = _session(plan=plan)
    events = [event for event, _ in received]
    started = [e.step.index for e in events if isinstance(e, StepStarted)]
    finished = [e.step.index for e in events if isinstance(e, StepFinished)]
    assert started == finished == [step.index for step in plan.steps]
    assert sum(isinstance(e, CueDue) for e in events) == sum(len(s.cues) for s in plan.steps)
    ticks = sum(isinstance(e, CountdownTick) for e in events)
    assert ticks == sum(step.countdown_s for step in plan.steps)
    assert isinstance(events[-1], SessionFinished)
    for event, actual in received:
        assert isinstance(actual, float)
        assert actual >= event.planned_at - 1e-9
        assert actual - event.planned_at < 1.0


def test_the_screen_and_the_event_log_get_the_same_events() -> None:
    clock = FakeClock(start=START)
    logged: list[tuple[str, float]] = []
    shown: list[str] = []
    terminal = TerminalSession(io.StringIO(), ScriptedKeys(clock), clock)

    def view(event: EngineEvent, actual: float) -> None:
        shown.append(event.name)
        terminal.show(event, actual)

    with tempfile.TemporaryDirectory() as home:
        services = fake_services(Path(home), event_log=lambda e, t: logged.append((e.name, t)))
        terminal.run(open_session(services, _plan(), view, clock=clock, wall_clock=clock.wall))
    assert [name for name, _ in logged] == shown
    assert logged[0] == ("step_started", START)


def test_session_sleeps_until_deadlines_not_in_fixed_ticks() -> None:
    _, _, _, keys, _ = _session()
    # Deadlines are display seconds and due items: about one wait per second, never a busy loop.
    assert len(keys.waits) < 400
    assert all(t is not None and 0.0 <= t <= 1.0 + 1e-9 for t in keys.waits)


# --- keys -----------------------------------------------------------------------------------


def test_space_pauses_and_again_resumes() -> None:
    output, record, received, _, clock = _session([(16.0, " "), (116.0, " ")])
    assert "  ⏸  Paused (paused). Press space to carry on." in output
    assert "  ▶  Carrying on." in output
    assert output.index("Paused") < output.index("Carrying on.")
    # Paused inside the first hold, after its 5 s cue and before the halfway one.
    hold = output.split("[0:10] HOLD")[1]
    assert hold.index("Squeeze the glutes") < hold.index("Paused") < hold.index("Halfway.")
    # The pause is not session time: later steps start at their planned session times.
    assert "[0:30] SWITCH SIDES" in output
    assert record.completed
    assert record.length_s == pytest.approx(146.0)
    assert "holds 20, 20 s (2 full length)" in output
    assert clock.now == pytest.approx(START + 246.0)
    names = [event.name for event, _ in received]
    assert names.count("paused") == names.count("resumed") == 1


def test_p_also_toggles_pause() -> None:
    output, record, _, _, _ = _session([(16.0, "p"), (20.0, "P")])
    assert "Paused (paused)" in output
    assert "Carrying on." in output
    assert record.completed


def test_n_skips_the_step() -> None:
    output, record, received, _, _ = _session([(12.0, "n")])
    assert "      (skipped)" in output
    headers = _headers(output)
    assert headers[1].startswith("[0:10] HOLD · LEFT")
    assert headers[2] == "[0:12] SWITCH SIDES · RIGHT · 13 s"
    assert record.completed
    assert record.skipped_steps == 1
    assert "  Skipped steps: 1" in output
    assert "    left         1/2 sets; holds 20 s (1 full length); 1 skipped" in output
    outcomes = [e.outcome.value for e, _ in received if isinstance(e, StepFinished)]
    assert outcomes.count("skipped") == 1


def test_q_stops_early() -> None:
    output, record, received, _, clock = _session([(45.0, "q")])
    assert "  Session stopped." in output
    assert "Test bridge: stopped early in 0:45" in output
    assert not record.completed
    assert clock.now == pytest.approx(START + 45.0)
    assert "[1:00] REST" not in output
    assert received[-1][0].name == "session_stopped"
    assert "Session complete" not in output


def test_d_ends_a_hold_early() -> None:
    output, record, _, _, _ = _session([(25.0, "d")])
    assert "      (ended early)" in output
    assert record.completed
    assert "    left         2/2 sets; holds 15, 20 s (1 full length)" in output


def test_unknown_key_changes_nothing() -> None:
    output, record, _, _, _ = _session([(5.0, "x"), (50.0, "?")])
    plain, _, _, _, _ = _session()
    assert output == plain
    assert record.completed


def test_keyboard_interrupt_stops_the_session() -> None:
    clock = FakeClock(start=START)

    class InterruptAt(ScriptedKeys):
        def wait(self, timeout: float | None) -> str | None:
            if self.clock.now >= START + 30.0:
                raise KeyboardInterrupt
            return super().wait(timeout)

    out = io.StringIO()
    record = _run(InterruptAt(clock), clock, out=out)
    assert not record.completed
    assert "Session stopped." in out.getvalue()
    assert "stopped early" in out.getvalue()


# --- helpers --------------------------------------------------------------------------------


def test_keys_for_a_pipe_is_sleep_only() -> None:
    assert isinstance(keys_for(io.StringIO()), SleepOnly)


def test_keys_for_a_terminal_reads_keys() -> None:
    class FakeTty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert isinstance(keys_for(FakeTty()), TerminalKeys)


# --- the log after the session (issue 14) ---------------------------------------------------


def test_the_log_is_asked_for_and_enter_skips_a_question() -> None:
    answers = iter(["11", "6", "", "left felt weak"])
    out = io.StringIO()
    log = ask_quick_log(lambda _prompt: next(answers), out)
    assert log == QuickLog(effort=6, pain=None, notes="left felt weak")
    assert "A whole number from 0 to 10" in out.getvalue()  # 11 was asked again


def test_end_of_input_skips_the_log() -> None:
    def closed(_prompt: str) -> str:
        raise EOFError

    assert ask_quick_log(closed, io.StringIO()) == QuickLog()


def test_the_asked_log_is_saved_with_the_session(tmp_path: Path) -> None:
    services = fake_services(tmp_path)
    session = open_session(services, _plan(), view=lambda *_: None)
    session.start()
    session.stop()
    session.finish()
    answers = iter(["7", "2", "fine"])
    out = io.StringIO()
    save_asked_log(session, lambda _prompt: next(answers), out)
    [entry] = services.history.load().entries
    assert entry.log == QuickLog(7, 2, "fine")
    assert out.getvalue().endswith("Saved with the session in your history.\n")


class _ClosedAfter(io.StringIO):
    """stdout piped into `head`: the reader goes away after a few lines."""

    def __init__(self, lines: int) -> None:
        super().__init__()
        self.left = lines

    def flush(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_pipe_stops_the_session_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 15: `hamtimer run x | head` died with a traceback; saved as interrupted."""
    from hamtimer.core.session_record import SessionStatus
    from hamtimer.terminal import session_runner

    quieted: list[bool] = []
    monkeypatch.setattr(session_runner, "quiet_closed_stdout", lambda: quieted.append(True))
    clock = FakeClock(start=START)
    record = _run(ScriptedKeys(clock), clock, out=_ClosedAfter(3))
    assert record.status == SessionStatus.STOPPED
    assert quieted == [True]
