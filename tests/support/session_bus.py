"""A private D-Bus session bus (the real dbus-daemon) and a stand-in desktop service on it,
for the end-to-end tests of what hamtimer says over D-Bus."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from jeepney import HeaderFields, MessageType, new_error, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection


@contextmanager
def private_session_bus() -> Iterator[str]:
    """The address of a session bus that lives as long as the block."""
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # "failed to set fd limit" as root in a container
        text=True,
    )
    assert daemon.stdout is not None
    try:
        yield daemon.stdout.readline().strip()
    finally:
        daemon.terminate()
        daemon.wait(5)
        daemon.stdout.close()


Handler = Callable[[str, tuple[Any, ...]], tuple[str, tuple[Any, ...]]]


@dataclass
class FakeService:
    """Owns `name` on the bus and answers method calls with `handler(member, body)`, which
    returns (signature, body); every call is kept in `calls`."""

    address: str
    name: str
    handler: Handler
    calls: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self._connection = open_dbus_connection(self.address)
        reply = self._connection.send_and_get_reply(message_bus.RequestName(self.name), timeout=5)
        assert reply.body[0] == 1, f"could not own {self.name}"
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                message = self._connection.receive(timeout=0.1)
            except TimeoutError:
                continue
            if message.header.message_type != MessageType.method_call:
                continue
            member = message.header.fields[HeaderFields.member]
            self.calls.append((member, tuple(message.body)))
            try:
                signature, body = self.handler(member, tuple(message.body))
                self._connection.send(new_method_return(message, signature, body))
            except LookupError:
                self._connection.send(
                    new_error(message, "org.freedesktop.DBus.Error.UnknownMethod")
                )

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._connection.close()


SCREENSAVER_COOKIE = 4711


def screensaver(member: str, _body: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
    """A stand-in org.freedesktop.ScreenSaver: Inhibit gives a cookie, UnInhibit takes it."""
    if member == "Inhibit":
        return "u", (SCREENSAVER_COOKIE,)
    if member == "UnInhibit":
        return "", ()
    raise LookupError(member)
