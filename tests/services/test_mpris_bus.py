"""The MPRIS player on a real, private session bus (dbus-daemon), called by a jeepney client
as a desktop would: the name while the player runs, the methods, the properties, the
PropertiesChanged signal, and the name gone when it closes."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from jeepney import DBusAddress, MatchRule, new_method_call
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection

from hamtimer.services.mpris import (
    BUS_NAME,
    OBJECT_PATH,
    PLAYER_INTERFACE,
    PROPERTIES_INTERFACE,
    MprisPlayer,
    PlayerState,
)
from hamtimer.services.remote import RemoteCommand
from tests.support.session_bus import private_session_bus

pytestmark = pytest.mark.e2e  # the real dbus-daemon

PLAYER = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=PLAYER_INTERFACE)
PROPERTIES = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=PROPERTIES_INTERFACE)


@pytest.fixture
def bus() -> Iterator[str]:
    with private_session_bus() as address:
        yield address


@pytest.fixture
def client(bus: str) -> Iterator[DBusConnection]:
    with open_dbus_connection(bus) as connection:
        yield connection


def _owned(client: DBusConnection) -> bool:
    reply = client.send_and_get_reply(message_bus.NameHasOwner(BUS_NAME), timeout=5)
    return bool(reply.body[0])


def test_methods_over_the_bus_reach_the_frontend_and_the_name_goes_with_the_player(
    bus: str, client: DBusConnection
) -> None:
    heard: list[RemoteCommand] = []
    arrived = threading.Event()

    def on_command(command: RemoteCommand) -> None:
        heard.append(command)
        arrived.set()

    player = MprisPlayer(on_command, bus)
    player.start()
    assert player.ready.wait(5) and player.name == BUS_NAME
    assert _owned(client)
    for member in ("PlayPause", "Next", "Previous", "Stop"):
        client.send_and_get_reply(new_method_call(PLAYER, member), timeout=5)
    assert heard == [
        RemoteCommand.TOGGLE_PAUSE,
        RemoteCommand.NEXT,
        RemoteCommand.PREVIOUS,
        RemoteCommand.STOP,
    ]
    player.close()
    player.join(5)
    assert not _owned(client)


def test_a_published_state_is_signalled_and_read_back(bus: str, client: DBusConnection) -> None:
    rule = MatchRule(type="signal", interface=PROPERTIES_INTERFACE, path=OBJECT_PATH)
    client.send_and_get_reply(message_bus.AddMatch(rule), timeout=5)
    player = MprisPlayer(lambda _command: None, bus)
    player.start()
    assert player.ready.wait(5)
    try:
        with client.filter(rule) as signals:
            player.publish(PlayerState("Playing", {"xesam:title": ("s", "Bridge hold")}, 0, 0))
            signal = client.recv_until_filtered(signals, timeout=5)
        interface, changed, _invalidated = signal.body
        assert interface == PLAYER_INTERFACE
        assert changed["PlaybackStatus"] == ("s", "Playing")
        assert changed["Metadata"] == ("a{sv}", {"xesam:title": ("s", "Bridge hold")})
        get = new_method_call(PROPERTIES, "Get", "ss", (PLAYER_INTERFACE, "PlaybackStatus"))
        assert client.send_and_get_reply(get, timeout=5).body == (("s", "Playing"),)
    finally:
        player.close()
        player.join(5)


def test_a_second_player_takes_the_per_instance_name(bus: str) -> None:
    first, second = MprisPlayer(lambda _c: None, bus), MprisPlayer(lambda _c: None, bus)
    try:
        for player in (first, second):
            player.start()
            assert player.ready.wait(5)
        assert first.name == BUS_NAME
        assert second.name is not None and second.name.startswith(BUS_NAME + ".instance")
    finally:
        for player in (first, second):
            player.close()
            player.join(5)
