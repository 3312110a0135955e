"""Commands from outside the keyboard's focus (MPRIS: media keys, headset buttons, playerctl),
and the inbox that carries them to the thread that owns the session.

A remote command arrives on another thread; the engine is not thread-safe and its timing must
not be disturbed, so the frontend's own loop runs it: the window through a queued Qt signal,
the terminal through `RemoteInbox`, whose pipe its select() loop also waits on.
"""

from __future__ import annotations

import contextlib
import os
import queue
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


class RemoteInbox:
    """Thread-safe: `put` from any thread; the owner waits on `fileno()` (select) and then
    takes the commands with `drain`."""

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[RemoteCommand] = queue.SimpleQueue()
        self._read, self._write = os.pipe()
        os.set_blocking(self._read, False)

    def fileno(self) -> int:
        return self._read

    def put(self, command: RemoteCommand) -> None:
        self._queue.put(command)
        with contextlib.suppress(OSError):  # closed, or a full pipe: a wake-up is pending
            os.write(self._write, b"!")

    def drain(self) -> list[RemoteCommand]:
        with contextlib.suppress(OSError):
            while os.read(self._read, 512):
                pass
        commands = []
        while not self._queue.empty():
            commands.append(self._queue.get_nowait())
        return commands

    def close(self) -> None:
        for fd in (self._read, self._write):
            with contextlib.suppress(OSError):
                os.close(fd)
