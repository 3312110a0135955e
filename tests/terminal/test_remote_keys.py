"""`hamtimer run` and remotes: a presenter clicker's keys (PageDown and PageUp arrive as escape
sequences; B and . pause), a foot pedal that types a character, and MPRIS commands that land
in the session's inbox from another thread."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from hamtimer.core.engine import EngineEvent, SessionPaused, SessionResumed, StepFinished
from hamtimer.core.plan import compile_plan
from hamtimer.services.remote import RemoteCommand, RemoteInbox
from hamtimer.services.session import open_session
from hamtimer.terminal.session_runner import (
    LEFT,
    PAGE_DOWN,
    PAGE_UP,
    RIGHT,
    SleepOnly,
    TerminalKeys,
    TerminalSession,
)
from tests.builders import template
from tests.fakes import START, FakeClock, fake_services
from tests.terminal.test_session_runner import _session


def _names(received: list[tuple[EngineEvent, float]]) -> list[str]:
    return [event.name for event, _ in received]


@pytest.mark.parametrize("key", ["b", "B", "."])
def test_b_and_period_pause_and_resume(key: str) -> None:
    output, record, received, _, _ = _session([(16.0, key), (20.0, key)])
    assert "Paused (paused)" in output and "Carrying on." in output
    assert _names(received).count("paused") == 1
    assert record.completed


@pytest.mark.parametrize("key", [PAGE_DOWN, RIGHT])
def test_page_down_and_right_skip(key: str) -> None:
    _output, record, received, _, _ = _session([(12.0, key)])
    outcomes = [e.outcome.value for e, _ in received if isinstance(e, StepFinished)]
    assert outcomes.count("skipped") == 1
    assert record.skipped_steps == 1


@pytest.mark.parametrize("key", [PAGE_UP, LEFT, "r"])
def test_page_up_left_and_r_go_back(key: str) -> None:
    output, _record, _, _, _ = _session([(15.0, key)])  # 5 s into the hold: restart it
    assert output.count("HOLD · LEFT · Bridge hold · Set 1 of 2") == 2


@pytest.fixture
def pipe() -> Iterator[tuple[io.TextIOWrapper, int]]:
    read, write = os.pipe()
    stream = os.fdopen(read, "r")
    try:
        yield stream, write
    finally:
        stream.close()
        os.close(write)


@pytest.mark.parametrize("typed", [PAGE_DOWN, PAGE_UP, LEFT, RIGHT, "\x1b", "n"])
def test_terminal_keys_read_an_escape_sequence_whole(
    pipe: tuple[io.TextIOWrapper, int], typed: str
) -> None:
    stream, write = pipe
    os.write(write, typed.encode())  # a lone Esc: nothing follows within SEQUENCE_WAIT_S
    keys = TerminalKeys(stream)
    assert keys.wait(1.0) == typed
    os.write(write, b"x")
    assert keys.wait(1.0) == "x"


def test_a_remote_command_ends_a_terminal_wait(pipe: tuple[io.TextIOWrapper, int]) -> None:
    stream, _write = pipe
    inbox = RemoteInbox()
    try:
        inbox.put(RemoteCommand.PAUSE)
        assert TerminalKeys(stream, inbox).wait(5.0) is None  # at once, not after 5 s
        assert inbox.drain() == [RemoteCommand.PAUSE]
    finally:
        inbox.close()


class FakeSleep(SleepOnly):
    """No keyboard: the fake clock moves instead of sleeping, and `script` has remote commands
    arriving at (seconds after START, command)."""

    def __init__(
        self, clock: FakeClock, inbox: RemoteInbox, script: list[tuple[float, RemoteCommand]]
    ) -> None:
        super().__init__(inbox)
        self.clock, self.inbox, self.script = clock, inbox, sorted(script)

    def wait(self, timeout: float | None) -> str | None:
        if self.script and (
            timeout is None or self.clock.now + timeout >= START + self.script[0][0]
        ):
            at, command = self.script.pop(0)
            self.clock.advance(max(0.0, START + at - self.clock.now))
            self.inbox.put(command)
            return None
        assert timeout is not None, "paused with nothing left to resume it"
        self.clock.advance(timeout)
        return None


def test_remote_commands_drive_a_session_without_a_keyboard(tmp_path: Path) -> None:
    """A pause from a remote is not undone (only a suspend's is, when nobody can press a
    key): the session waits for the remote's Play."""
    clock = FakeClock(start=START)
    inbox = RemoteInbox()
    script = [(15.0, RemoteCommand.PAUSE), (60.0, RemoteCommand.PLAY), (70.0, RemoteCommand.STOP)]
    keys = FakeSleep(clock, inbox, script)
    heard: list[EngineEvent] = []
    terminal = TerminalSession(io.StringIO(), keys, clock, remote=inbox)
    session = open_session(
        fake_services(tmp_path),
        compile_plan(template()),
        lambda event, _at: heard.append(event),
        clock=clock,
        wall_clock=clock.wall,
    )
    try:
        record = terminal.run(session)
    finally:
        inbox.close()
    paused = next(e for e in heard if isinstance(e, SessionPaused))
    resumed = next(e for e in heard if isinstance(e, SessionResumed))
    assert paused.planned_at == START + 15.0
    assert resumed.paused_s == pytest.approx(45.0)
    assert not record.completed and heard[-1].name == "session_stopped"


def test_a_pedal_typing_a_character_pauses_but_never_takes_a_keys_place(tmp_path: Path) -> None:
    clock = FakeClock(start=START)
    terminal = TerminalSession(io.StringIO(), SleepOnly(), clock)
    terminal.pedal_key = "K"
    session = open_session(
        fake_services(tmp_path),
        compile_plan(template()),
        lambda _e, _a: None,
        clock=clock,
        wall_clock=clock.wall,
    )
    session.start()
    terminal._command(session, "k")
    assert session.engine.state.value == "paused"
    terminal.pedal_key = "n"
    terminal._command(session, "n")  # still skip
    assert session.engine.state.value == "running"
    session.stop()
