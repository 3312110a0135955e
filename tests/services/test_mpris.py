"""The MPRIS player's logic, without a bus: which remote command each method asks for, what
each property reads, what the session does with each command, and what the player shows of
each step. The same player on a real private bus is in test_mpris_bus.py."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from jeepney import DBusAddress, Message, MessageType, new_method_call

from hamtimer.core.engine import EngineState
from hamtimer.core.plan import compile_plan
from hamtimer.services.mpris import (
    BUS_NAME,
    COMMANDS,
    OBJECT_PATH,
    PLAYER_INTERFACE,
    PROPERTIES_INTERFACE,
    ROOT_INTERFACE,
    MediaPlayerUpdates,
    MprisPlayer,
    PlayerState,
    player_state,
)
from hamtimer.services.remote import RemoteCommand, RemoteInbox
from hamtimer.services.session import Session, open_session
from tests.builders import template
from tests.fakes import FakeClock, fake_services


def _call(interface: str, member: str, signature: str = "", body: tuple[Any, ...] = ()) -> Message:
    address = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=interface)
    return new_method_call(address, member, signature or None, body)


class Recorded:
    def __init__(self) -> None:
        self.commands: list[RemoteCommand] = []

    def __call__(self, command: RemoteCommand) -> None:
        self.commands.append(command)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def session(tmp_path: Path, clock: FakeClock) -> Session:
    return open_session(
        fake_services(tmp_path),
        compile_plan(template()),
        view=lambda _event, _at: None,
        clock=clock,
        wall_clock=clock.wall,
    )


# --- methods and properties -----------------------------------------------------------------


@pytest.mark.parametrize(("member", "command"), sorted(COMMANDS.items()))
def test_each_player_method_asks_for_its_remote_command(
    member: str, command: RemoteCommand
) -> None:
    heard = Recorded()
    reply = MprisPlayer(heard)._answer(_call(PLAYER_INTERFACE, member))
    assert reply.header.message_type == MessageType.method_return
    assert heard.commands == [command]


def test_the_six_methods_are_play_pause_resume_pause_next_previous_and_stop() -> None:
    assert COMMANDS == {
        "PlayPause": RemoteCommand.TOGGLE_PAUSE,
        "Play": RemoteCommand.PLAY,
        "Pause": RemoteCommand.PAUSE,
        "Next": RemoteCommand.NEXT,
        "Previous": RemoteCommand.PREVIOUS,
        "Stop": RemoteCommand.STOP,
    }


def test_properties_follow_the_published_state_and_position_runs_while_playing(
    clock: FakeClock,
) -> None:
    player = MprisPlayer(Recorded(), clock=clock)
    player._state = PlayerState("Playing", {"xesam:title": ("s", "Bridge hold")}, 2.0, clock.now)
    clock.advance(1.5)
    get = _call(PROPERTIES_INTERFACE, "Get", "ss", (PLAYER_INTERFACE, "Position"))
    assert player._answer(get).body == (("x", 3_500_000),)
    every = player._answer(_call(PROPERTIES_INTERFACE, "GetAll", "s", (PLAYER_INTERFACE,))).body[0]
    assert every["PlaybackStatus"] == ("s", "Playing")
    assert every["Metadata"] == ("a{sv}", {"xesam:title": ("s", "Bridge hold")})
    assert every["CanGoNext"] == ("b", True)
    player._state = PlayerState("Paused", {}, 3.5, clock.now)
    clock.advance(10)
    assert player._answer(get).body == (("x", 3_500_000),)  # a paused position stands still


def test_root_properties_introspection_and_unknown_calls() -> None:
    player = MprisPlayer(Recorded())
    identity = _call(PROPERTIES_INTERFACE, "Get", "ss", (ROOT_INTERFACE, "Identity"))
    assert player._answer(identity).body == (("s", "hamtimer"),)
    xml = player._answer(_call("org.freedesktop.DBus.Introspectable", "Introspect")).body[0]
    assert PLAYER_INTERFACE in xml and "PlaybackStatus" in xml
    unknown = player._answer(_call(PLAYER_INTERFACE, "Explode"))
    assert unknown.header.message_type == MessageType.error
    missing = _call(PROPERTIES_INTERFACE, "Get", "ss", (PLAYER_INTERFACE, "Nope"))
    assert player._answer(missing).header.message_type == MessageType.error


# --- what the session does with each command ------------------------------------------------


def test_remote_pause_play_toggle_next_previous_and_stop_drive_the_session(
    session: Session, clock: FakeClock
) -> None:
    session.start()
    first = session.snapshot().step_index
    session.remote(RemoteCommand.PAUSE)
    assert session.engine.state == EngineState.PAUSED
    session.remote(RemoteCommand.PAUSE)  # already paused: stays paused (not a toggle)
    assert session.engine.state == EngineState.PAUSED
    session.remote(RemoteCommand.PLAY)
    assert session.engine.state == EngineState.RUNNING
    session.remote(RemoteCommand.TOGGLE_PAUSE)
    assert session.engine.state == EngineState.PAUSED
    session.remote(RemoteCommand.TOGGLE_PAUSE)
    session.remote(RemoteCommand.NEXT)
    assert session.snapshot().step_index == first + 1
    session.remote(RemoteCommand.PREVIOUS)  # in the step's first seconds: the one before
    assert session.snapshot().step_index == first
    session.remote(RemoteCommand.STOP)
    assert session.engine.state == EngineState.STOPPED


# --- what the player shows ------------------------------------------------------------------


def test_a_step_is_a_track_titled_by_its_exercise_with_side_set_and_length(
    session: Session, clock: FakeClock
) -> None:
    session.start()
    while (step := session.snapshot().step) is not None and not step.is_exercise:
        session.skip()
    state = player_state(session.engine, clock.now)
    assert state.status == "Playing"
    assert state.metadata["xesam:title"] == ("s", "Bridge hold")
    assert state.metadata["xesam:artist"] == ("as", ["Left leg · Set 1 of 2 · Hold"])
    assert state.metadata["xesam:album"] == ("s", "Test bridge")
    assert state.metadata["mpris:length"] == ("x", 20_000_000)
    session.pause()
    assert player_state(session.engine, clock.now).status == "Paused"


class NoThreadPlayer(MprisPlayer):
    """Records what the listener asks, on no bus."""

    def __init__(self) -> None:
        super().__init__(Recorded())
        self.started = False
        self.closed = False
        self.published: list[PlayerState] = []

    def start(self) -> None:
        self.started = True

    def publish(self, state: PlayerState) -> None:
        self.published.append(state)

    def close(self) -> None:
        self.closed = True


def test_the_listener_publishes_once_a_batch_is_out_and_closes_at_the_end(
    session: Session, clock: FakeClock
) -> None:
    player = NoThreadPlayer()
    updates = MediaPlayerUpdates(player, session.engine)
    events = session.start()
    for event in events:
        updates(event, clock.now)
    assert not player.started and player.published == []  # nothing during the batch
    updates.hand_over()
    assert player.started and [s.status for s in player.published] == ["Playing"]
    for event in session.stop():
        updates(event, clock.now)
    updates.hand_over()
    assert [s.status for s in player.published] == ["Playing", "Stopped"]
    assert player.closed


def test_the_player_is_one_of_the_sessions_listeners_only_with_a_bus_and_a_remote(
    tmp_path: Path,
) -> None:
    from dataclasses import replace

    services = fake_services(tmp_path)
    plan = compile_plan(template())
    plain = open_session(services, plan, view=lambda _e, _a: None, remote=Recorded())
    with_bus = open_session(
        replace(services, mpris_bus="unix:path=/nonexistent"),
        plan,
        view=lambda _e, _a: None,
        remote=Recorded(),
    )
    assert not any(isinstance(item, MediaPlayerUpdates) for item in plain._listeners)
    assert any(isinstance(item, MediaPlayerUpdates) for item in with_bus._listeners)


def test_no_session_bus_is_one_info_line_not_an_error(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    player = MprisPlayer(Recorded())
    player.start()
    assert player.ready.wait(5)
    player.join(5)
    assert player.name is None
    lines = [r for r in caplog.records if r.name == "hamtimer.services.mpris"]
    assert [(r.levelno, r.getMessage()) for r in lines] == [
        (logging.INFO, "no media controls: no D-Bus session bus")
    ]


def test_the_inbox_wakes_its_reader_and_hands_over_commands_in_order() -> None:
    import select
    import threading

    inbox = RemoteInbox()
    try:
        thread = threading.Thread(target=lambda: [inbox.put(c) for c in RemoteCommand])
        thread.start()
        thread.join()
        ready, _, _ = select.select([inbox], [], [], 1.0)
        assert ready == [inbox]
        assert inbox.drain() == list(RemoteCommand)
        assert select.select([inbox], [], [], 0)[0] == []  # drained: no wake-up left
    finally:
        inbox.close()


def test_a_restarted_step_is_a_seek_a_pause_or_a_new_step_is_not(clock: FakeClock) -> None:
    player = MprisPlayer(Recorded(), clock=clock)
    track = {"mpris:trackid": ("o", "/org/hamtimer/step/1")}
    other = {"mpris:trackid": ("o", "/org/hamtimer/step/2")}
    playing = PlayerState("Playing", track, 0.0, clock.now)
    clock.advance(5.0)
    assert player._jumped(playing, PlayerState("Playing", track, 0.0, clock.now))  # back
    assert not player._jumped(playing, PlayerState("Paused", track, 5.0, clock.now))
    assert not player._jumped(playing, PlayerState("Playing", other, 0.0, clock.now))
    assert not player._jumped(playing, PlayerState("Stopped", {}, 0.0, clock.now))


def test_odd_calls_get_an_error_and_a_gone_frontend_does_not_end_the_player() -> None:
    def gone(_command: RemoteCommand) -> None:
        raise RuntimeError("Internal C++ object already deleted")

    player = MprisPlayer(gone)
    odd = _call(PROPERTIES_INTERFACE, "Get", "sas", (PLAYER_INTERFACE, ["Position"]))
    assert player._safe_answer(odd).header.message_type == MessageType.error
    pause = player._safe_answer(_call(PLAYER_INTERFACE, "Pause"))
    assert pause.header.message_type == MessageType.error
