"""A PulseAudio null sink as the microphone, for the voice-command end-to-end test and
benchmark: what is played into the sink (the "user" with `paplay`, or the app's own voice)
is what the listener's `parec` reads from the sink's monitor."""

from __future__ import annotations

import array
import io
import os
import select
import subprocess
import tempfile
import threading
import time
import wave
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from hamtimer.services.remote import HeardCommand, RemoteInbox
from hamtimer.services.session import Session
from tests.support.audio_capture import pulse_sink

MONITOR = "hamsink.monitor"
QUIET = 300
"""Below this a sample of espeak-ng's output is silence (its trailing pause)."""


@contextmanager
def sink_as_microphone(workdir: Path) -> Iterator[dict[str, str]]:
    """A private sink; this process's environment points at it while it lasts, so the
    listener's child (spawned, it inherits the environment) and the app's player use it."""
    with pulse_sink(workdir) as env:
        names = ("XDG_RUNTIME_DIR", "HOME")
        saved = {name: os.environ.get(name) for name in names}
        os.environ.update({name: env[name] for name in names})
        try:
            yield env
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


class Played:
    """`paplay` playing a WAV into the sink; a thread notes the moment it exits."""

    def __init__(self, wav: bytes, folder: Path, env: dict[str, str] | None = None) -> None:
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".wav", delete=False) as file:
            file.write(wav)
        with wave.open(io.BytesIO(wav)) as reader:
            length_s = reader.getnframes() / reader.getframerate()
        self.speech_s = length_s - trailing_silence_s(wav)
        """From the start of the WAV to the end of its last word."""
        self.finished = threading.Event()
        command = ["paplay", "--device=hamsink", "--latency-msec=30", file.name]
        self.started_at = time.monotonic()
        self._process = subprocess.Popen(command, env=env)
        threading.Thread(target=self._wait, daemon=True).start()

    def _wait(self) -> None:
        self._process.wait()
        self.finished.set()

    def word_end(self) -> float:
        """When the last word stopped sounding in the sink (monotonic), at the earliest: as
        if the sound began the moment paplay was started. It begins a little later (the
        program's start, its 30 ms buffer), so latencies measured from here are upper
        bounds. (paplay's exit is no guide: it waits for the null sink's buffer to drain,
        1.5 s more here.)"""
        return self.started_at + self.speech_s


def trailing_silence_s(wav: bytes) -> float:
    with wave.open(io.BytesIO(wav)) as reader:
        rate = reader.getframerate()
        samples = array.array("h", reader.readframes(reader.getnframes()))
    last = max((i for i, value in enumerate(samples) if abs(value) >= QUIET), default=0)
    return (len(samples) - 1 - last) / rate


def drive(
    session: Session,
    inbox: RemoteInbox,
    until: Callable[[], bool],
    timeout_s: float,
    on_heard: Callable[[HeardCommand, float], None] = lambda _heard, _at: None,
) -> bool:
    """The frontend's loop: wait on the inbox, run what it brings (`on_heard` gets the
    command and the moment it acted), poll the session. True once `until()`."""
    deadline = time.monotonic() + timeout_s
    while not until():
        if time.monotonic() > deadline:
            return False
        select.select([inbox], [], [], 0.02)
        for item in inbox.drain():
            if isinstance(item, HeardCommand):
                session.heard(item)
                on_heard(item, time.monotonic())
            else:
                session.remote(item)
        session.poll()
    return True
