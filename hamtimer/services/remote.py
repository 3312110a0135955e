"""Commands from outside the keyboard's focus (MPRIS: media keys, headset buttons, playerctl;
spoken commands),
and the inbox that carries them to the thread that owns the session.

A remote command arrives on another thread; the engine is not thread-safe and its timing must
not be disturbed, so the frontend's own loop runs it: the window through a queued Qt signal,
the terminal through `RemoteInbox`, whose pipe its select() loop also waits on.
"""

from __future__ import annotations

import contextlib
import queue
import socket
from dataclasses import dataclass
from enum import StrEnum


class RemoteCommand(StrEnum):
    """What a remote can ask; `Session.remote` runs each."""

    TOGGLE_PAUSE = "toggle_pause"
    PLAY = "play"
    PAUSE = "pause"
    NEXT = "next"
    PREVIOUS = "previous"
    STOP = "stop"
    """Ends the session as stopped without asking: whoever pressed it meant it."""
    DONE = "done"
    """The step is done: an open step completes, a timed one ends early (voice: "timer done";
    MPRIS has no such method)."""


@dataclass(frozen=True, slots=True)
class HeardCommand:
    """A command the user said (voice commands): `Session.heard` runs it and confirms it."""

    command: RemoteCommand
    phrase: str
    """The words spotted, e.g. "timer pause"."""
    spotted_at: float
    """time.monotonic() when the recogniser spotted it (the latency benchmark's start)."""

    @property
    def caption(self) -> str:
        """The line shown when it has acted (the terminal prints it; the window's caption)."""
        return f"Heard “{self.phrase}”."


InboxItem = RemoteCommand | HeardCommand


class Wakeup:
    """A byte that ends a select(): `wake` from any thread, `fileno()` in the select, `clear`
    after. A socket pair, not os.pipe: a wake after `close` fails on the closed socket object
    instead of writing into whatever file has since been given the same descriptor number."""

    def __init__(self) -> None:
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)
        self._write.setblocking(False)

    def fileno(self) -> int:
        return self._read.fileno()

    def wake(self) -> None:
        with contextlib.suppress(OSError):  # closed, or full: a wake-up is pending anyway
            self._write.send(b"!")

    def clear(self) -> None:
        with contextlib.suppress(OSError):
            while self._read.recv(512):
                pass

    def close(self) -> None:
        self._read.close()
        self._write.close()


class RemoteInbox:
    """Thread-safe: `put` from any thread; the owner waits on `fileno()` (select) and then
    takes the commands with `drain`."""

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[InboxItem] = queue.SimpleQueue()
        self._wakeup = Wakeup()

    def fileno(self) -> int:
        return self._wakeup.fileno()

    def put(self, command: InboxItem) -> None:
        self._queue.put(command)
        self._wakeup.wake()

    def drain(self) -> list[InboxItem]:
        self._wakeup.clear()
        commands = []
        while not self._queue.empty():
            commands.append(self._queue.get_nowait())
        return commands

    def close(self) -> None:
        self._wakeup.close()
