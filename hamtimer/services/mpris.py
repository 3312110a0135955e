"""While a session runs, hamtimer is an MPRIS 2 media player on the D-Bus session bus
(`org.mpris.MediaPlayer2.hamtimer`), so desktop media controls, media keys, Bluetooth headset
buttons (BlueZ's MPRIS proxy) and `playerctl` drive it.

Qt-free (jeepney, blocking), so `hamtimer run` has it too. `MprisPlayer` owns its own
connection and one thread that does all of its D-Bus I/O: it answers method calls and property
reads, and sends PropertiesChanged for the states the session publishes. jeepney's blocking
connection has no locks, hence one thread for everything on it. The thread sleeps in select()
on the bus socket and a wake-up socket: it never polls, so it takes no GIL time from a session
between the moments something happens.

The player exists only while a session runs: the name is taken at the first step and given up
(the connection closed) when the session ends. A player left registered between sessions would
sit in the desktop's media controls with nothing to control, and could take media keys from a
music player the user starts afterwards.
"""

from __future__ import annotations

import logging
import queue
import select
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hamtimer.core.engine import (
    EngineEvent,
    EngineState,
    SessionEngine,
    SessionFinished,
    SessionPaused,
    SessionResumed,
    SessionStopped,
    StepStarted,
)
from hamtimer.services.remote import RemoteCommand, Wakeup

if TYPE_CHECKING:
    from jeepney import Message
    from jeepney.io.blocking import DBusConnection

    from hamtimer.core.plan import Plan, Step

log = logging.getLogger(__name__)

BUS_NAME = "org.mpris.MediaPlayer2.hamtimer"
OBJECT_PATH = "/org/mpris/MediaPlayer2"
ROOT_INTERFACE = "org.mpris.MediaPlayer2"
PLAYER_INTERFACE = "org.mpris.MediaPlayer2.Player"
PROPERTIES_INTERFACE = "org.freedesktop.DBus.Properties"
INTROSPECTABLE_INTERFACE = "org.freedesktop.DBus.Introspectable"
CONNECT_TIMEOUT_S = 2.0
SEEK_SLACK_S = 0.5
"""A position this far from where the last state would have got to is a jump (a restarted
step): clients, which run the position on by themselves, are sent Seeked."""

COMMANDS = {
    "PlayPause": RemoteCommand.TOGGLE_PAUSE,
    "Play": RemoteCommand.PLAY,
    "Pause": RemoteCommand.PAUSE,
    "Next": RemoteCommand.NEXT,
    "Previous": RemoteCommand.PREVIOUS,
    "Stop": RemoteCommand.STOP,
}
"""MPRIS methods and what they ask of the session."""

Variant = tuple[str, Any]
"""A D-Bus variant as jeepney writes it: (signature, value)."""


@dataclass(frozen=True, slots=True)
class PlayerState:
    """What the player shows: the session's state at `at` (the session's clock)."""

    status: str = "Stopped"
    """MPRIS PlaybackStatus: Playing, Paused or Stopped."""
    metadata: dict[str, Variant] = field(default_factory=dict)
    position_s: float = 0.0
    """Time into the step at `at`; it runs on from there while Playing."""
    at: float = 0.0


def player_state(engine: SessionEngine, now: float) -> PlayerState:
    """The engine as an MPRIS player: a step is a track, its time the position."""
    snapshot = engine.snapshot()
    status = {EngineState.RUNNING: "Playing", EngineState.PAUSED: "Paused"}.get(
        snapshot.state, "Stopped"
    )
    if snapshot.step is None:
        return PlayerState(status, {}, 0.0, now)
    metadata = step_metadata(engine.plan, snapshot.step)
    return PlayerState(status, metadata, snapshot.elapsed_s, now)


def step_metadata(plan: Plan, step: Step) -> dict[str, Variant]:
    """The exercise as the title; side, set and phase as the artist; the step's length."""
    details = [step.side.phrase, step.phase.caption.capitalize()]
    if step.is_exercise and step.set_count > 1:
        details.insert(1, step.set_label)
    metadata: dict[str, Variant] = {
        "mpris:trackid": ("o", f"/org/hamtimer/step/{step.index}"),
        "xesam:title": ("s", step.exercise_name or step.title),
        "xesam:artist": ("as", [" · ".join(details)]),
        "xesam:album": ("s", plan.template_name),
    }
    if step.duration_s is not None:
        metadata["mpris:length"] = ("x", round(step.duration_s * 1_000_000))
    return metadata


INTROSPECTION = f"""<!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd">
<node>
 <interface name="{INTROSPECTABLE_INTERFACE}">
  <method name="Introspect"><arg name="xml" type="s" direction="out"/></method>
 </interface>
 <interface name="{PROPERTIES_INTERFACE}">
  <method name="Get"><arg type="s" direction="in"/><arg type="s" direction="in"/>
   <arg type="v" direction="out"/></method>
  <method name="GetAll"><arg type="s" direction="in"/><arg type="a{{sv}}" direction="out"/>
  </method>
  <method name="Set"><arg type="s" direction="in"/><arg type="s" direction="in"/>
   <arg type="v" direction="in"/></method>
  <signal name="PropertiesChanged"><arg type="s"/><arg type="a{{sv}}"/><arg type="as"/>
  </signal>
 </interface>
 <interface name="{ROOT_INTERFACE}">
  <method name="Raise"/><method name="Quit"/>
  <property name="CanQuit" type="b" access="read"/>
  <property name="CanRaise" type="b" access="read"/>
  <property name="HasTrackList" type="b" access="read"/>
  <property name="Identity" type="s" access="read"/>
  <property name="DesktopEntry" type="s" access="read"/>
  <property name="SupportedUriSchemes" type="as" access="read"/>
  <property name="SupportedMimeTypes" type="as" access="read"/>
 </interface>
 <interface name="{PLAYER_INTERFACE}">
  <method name="Next"/><method name="Previous"/><method name="Pause"/>
  <method name="PlayPause"/><method name="Stop"/><method name="Play"/>
  <method name="Seek"><arg type="x" direction="in"/></method>
  <method name="SetPosition"><arg type="o" direction="in"/><arg type="x" direction="in"/>
  </method>
  <method name="OpenUri"><arg type="s" direction="in"/></method>
  <signal name="Seeked"><arg type="x"/></signal>
  <property name="PlaybackStatus" type="s" access="read"/>
  <property name="Rate" type="d" access="readwrite"/>
  <property name="Metadata" type="a{{sv}}" access="read"/>
  <property name="Volume" type="d" access="readwrite"/>
  <property name="Position" type="x" access="read"/>
  <property name="MinimumRate" type="d" access="read"/>
  <property name="MaximumRate" type="d" access="read"/>
  <property name="CanGoNext" type="b" access="read"/>
  <property name="CanGoPrevious" type="b" access="read"/>
  <property name="CanPlay" type="b" access="read"/>
  <property name="CanPause" type="b" access="read"/>
  <property name="CanSeek" type="b" access="read"/>
  <property name="CanControl" type="b" access="read"/>
 </interface>
</node>
"""

ROOT_PROPERTIES: dict[str, Variant] = {
    "CanQuit": ("b", False),
    "CanRaise": ("b", False),
    "HasTrackList": ("b", False),
    "Identity": ("s", "hamtimer"),
    "DesktopEntry": ("s", "hamtimer"),
    "SupportedUriSchemes": ("as", []),
    "SupportedMimeTypes": ("as", []),
}
FIXED_PLAYER_PROPERTIES: dict[str, Variant] = {
    "Rate": ("d", 1.0),
    "Volume": ("d", 1.0),
    "MinimumRate": ("d", 1.0),
    "MaximumRate": ("d", 1.0),
    "CanSeek": ("b", False),
    "CanControl": ("b", True),
}


class MprisPlayer:
    """The player on the bus. `on_command` is called on the player's thread: the frontend
    hands the command to the session's own thread (a queued signal, a `RemoteInbox`)."""

    def __init__(
        self,
        on_command: Callable[[RemoteCommand], None],
        bus_address: str = "SESSION",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._on_command = on_command
        self._bus_address = bus_address
        self._clock = clock
        self._inbox: queue.SimpleQueue[PlayerState] = queue.SimpleQueue()
        self._wakeup: Wakeup | None = None
        """Made with the thread (and closed by it): a player never started holds nothing."""
        self._state = PlayerState()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.name: str | None = None
        """The bus name owned, once the thread has taken it."""
        self.ready = threading.Event()
        """Set once the thread has taken its name or given up (tests wait for it)."""

    def start(self) -> None:
        self._wakeup = Wakeup()
        self._thread = threading.Thread(target=self._run, name="hamtimer-mpris", daemon=True)
        self._thread.start()

    def publish(self, state: PlayerState) -> None:
        """Show `state` (from any thread: the player's thread sends it)."""
        self._inbox.put(state)
        if self._wakeup is not None:
            self._wakeup.wake()

    def close(self) -> None:
        """Give the name up and end the thread, after it has sent the last state."""
        self._stop.set()
        if self._wakeup is not None:
            self._wakeup.wake()

    def join(self, timeout: float) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    # -- the player's thread ---------------------------------------------------------------

    def _run(self) -> None:
        assert self._wakeup is not None
        connection = self._connect()
        self.ready.set()
        if connection is None:
            self._wakeup.close()
            return
        try:
            self._send_new_state(connection)  # what was published while connecting
            self._serve(connection, self._wakeup)
            self._send_new_state(connection)  # Stopped, for clients that see it before the end
        except OSError as error:
            log.info("media controls ended: %s", error)
        finally:
            connection.close()  # the bus drops the name with the connection
            self._wakeup.close()

    def _connect(self) -> DBusConnection | None:
        from jeepney.io.blocking import open_dbus_connection

        try:
            connection = open_dbus_connection(self._bus_address, auth_timeout=CONNECT_TIMEOUT_S)
        except KeyError:
            log.info("no media controls: no D-Bus session bus")
            return None
        except (OSError, ValueError, RuntimeError) as error:
            log.info("no media controls: cannot reach the session bus (%s)", error)
            return None
        self.name = self._request_name(connection)
        if self.name is None:
            connection.close()
            return None
        log.info("media controls: %s on the session bus", self.name)
        return connection

    @staticmethod
    def _request_name(connection: DBusConnection) -> str | None:
        """The usual name or, if another hamtimer has it, the spec's per-instance one."""
        from jeepney.bus_messages import message_bus

        do_not_queue = 4
        for name in (BUS_NAME, f"{BUS_NAME}.instance{threading.get_native_id()}"):
            try:
                reply = connection.send_and_get_reply(
                    message_bus.RequestName(name, do_not_queue), timeout=CONNECT_TIMEOUT_S
                )
            except (OSError, TimeoutError) as error:
                log.info("no media controls: %s", error)
                return None
            if reply.body and reply.body[0] in (1, 4):  # primary owner, or already owner
                return name
        log.info("no media controls: the MPRIS names are taken")
        return None

    def _serve(self, connection: DBusConnection, wakeup: Wakeup) -> None:
        while not self._stop.is_set():
            readable, _, _ = select.select([connection.sock, wakeup], [], [])
            if wakeup in readable:
                wakeup.clear()
                self._send_new_state(connection)
            if connection.sock in readable:
                self._answer_waiting(connection)

    def _answer_waiting(self, connection: DBusConnection) -> None:
        """Every message read so far. jeepney may have read two in one recv(): they are all
        taken before the next select(), which sees only the socket, not jeepney's buffer."""
        from jeepney import MessageType

        while True:
            try:
                message = connection.receive(timeout=0)
            except TimeoutError:
                return
            if message.header.message_type == MessageType.method_call:
                connection.send(self._safe_answer(message))

    def _safe_answer(self, message: Message) -> Message:
        """Any client may call: a call with odd arguments gets an error back, and a frontend
        that is gone (its window deleted) costs a log line; neither ends the player."""
        from jeepney import new_error

        try:
            return self._answer(message)
        except (TypeError, ValueError, LookupError) as error:
            log.info("media controls: a bad call (%s)", error)
            return new_error(message, "org.freedesktop.DBus.Error.InvalidArgs")
        except RuntimeError as error:
            log.info("media controls: the command was not taken (%s)", error)
            return new_error(message, "org.freedesktop.DBus.Error.Failed")

    def _send_new_state(self, connection: DBusConnection) -> None:
        from jeepney import DBusAddress, new_signal

        before = self._state
        while not self._inbox.empty():
            self._state = self._inbox.get_nowait()
        changed = self._changed(before, self._state)
        if changed:
            emitter = DBusAddress(OBJECT_PATH, interface=PROPERTIES_INTERFACE)
            body: tuple[object, ...] = (PLAYER_INTERFACE, changed, [])
            connection.send(new_signal(emitter, "PropertiesChanged", "sa{sv}as", body))
        if self._jumped(before, self._state):
            player = DBusAddress(OBJECT_PATH, interface=PLAYER_INTERFACE)
            position = round(self._position_s(self._state) * 1_000_000)
            connection.send(new_signal(player, "Seeked", "x", (position,)))

    def _jumped(self, before: PlayerState, after: PlayerState) -> bool:
        """The same step, at another time than it would have reached: restarted (back)."""
        same_track = before.metadata.get("mpris:trackid") == after.metadata.get("mpris:trackid")
        if after.status == "Stopped" or not same_track:
            return False
        return abs(self._position_s(before) - self._position_s(after)) > SEEK_SLACK_S

    def _changed(self, before: PlayerState, after: PlayerState) -> dict[str, Variant]:
        now = self._player_properties(after)
        then = self._player_properties(before)
        return {
            key: now[key]
            for key in (
                "PlaybackStatus",
                "Metadata",
                "CanPlay",
                "CanPause",
                "CanGoNext",
                "CanGoPrevious",
            )
            if now[key] != then[key]
        }

    # -- answers ---------------------------------------------------------------------------

    def _answer(self, message: Message) -> Message:
        from jeepney import HeaderFields, new_error, new_method_return

        fields = message.header.fields
        interface = fields.get(HeaderFields.interface)
        member = fields.get(HeaderFields.member, "")
        if interface in (PLAYER_INTERFACE, None) and member in COMMANDS:
            self._on_command(COMMANDS[member])
            return new_method_return(message)
        if interface == PROPERTIES_INTERFACE:
            return self._answer_properties(message, member)
        if member == "Introspect":
            return new_method_return(message, "s", (INTROSPECTION,))
        if member in ("Raise", "Quit", "Seek", "SetPosition", "OpenUri"):
            return new_method_return(message)  # not for a timer: accepted, nothing happens
        return new_error(message, "org.freedesktop.DBus.Error.UnknownMethod")

    def _answer_properties(self, message: Message, member: str) -> Message:
        from jeepney import new_error, new_method_return

        if member == "Set":
            return new_method_return(message)  # Rate and Volume stay as they are
        every = self._properties(message.body[0] if message.body else "")
        if member == "GetAll":
            return new_method_return(message, "a{sv}", (every,))
        if member == "Get" and len(message.body) == 2 and message.body[1] in every:
            return new_method_return(message, "v", (every[message.body[1]],))
        return new_error(message, "org.freedesktop.DBus.Error.InvalidArgs")

    def _properties(self, interface: str) -> dict[str, Variant]:
        if interface == ROOT_INTERFACE:
            return ROOT_PROPERTIES
        if interface == PLAYER_INTERFACE:
            return self._player_properties(self._state, with_position=True)
        return {}

    def _player_properties(
        self, state: PlayerState, with_position: bool = False
    ) -> dict[str, Variant]:
        running = state.status != "Stopped"
        properties: dict[str, Variant] = {
            **FIXED_PLAYER_PROPERTIES,
            "PlaybackStatus": ("s", state.status),
            "Metadata": ("a{sv}", state.metadata),
            "CanPlay": ("b", running),
            "CanPause": ("b", running),
            "CanGoNext": ("b", running),
            "CanGoPrevious": ("b", running),
        }
        if with_position:  # read on demand: MPRIS clients extrapolate it between reads
            properties["Position"] = ("x", round(self._position_s(state) * 1_000_000))
        return properties

    def _position_s(self, state: PlayerState) -> float:
        if state.status != "Playing":
            return state.position_s
        return state.position_s + max(0.0, self._clock() - state.at)


@dataclass(slots=True)
class MediaPlayerUpdates:
    """The session's listener for the player: it starts the player with the first step,
    publishes each new state once a batch of events is out (the player's thread sends it),
    and closes the player when the session ends."""

    player: MprisPlayer
    engine: SessionEngine
    clock: Callable[[], float] = time.monotonic
    """The session's clock (the player runs the position on with the same one)."""
    _changed: bool = False
    _started: bool = False
    _ended: bool = False

    def __call__(self, event: EngineEvent, _actual: float) -> None:
        # Only noted here: the state (metadata and all) is built after the batch is out.
        if isinstance(event, StepStarted | SessionPaused | SessionResumed):
            self._changed = True
        elif isinstance(event, SessionFinished | SessionStopped):
            self._changed = self._ended = True

    def hand_over(self) -> None:
        if not self._started:
            self._started = True
            self.player.start()  # a thread start: its connection is made on that thread
        if self._changed:
            self._changed = False
            self.player.publish(player_state(self.engine, self.clock()))
        if self._ended:
            self.player.close()
