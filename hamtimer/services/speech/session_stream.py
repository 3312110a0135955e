"""The window's player: `hamtimer run`'s in-process stream, open only while it is needed.

With one core busy, the stream put every phrase of a window session within 14 ms of its moment
where Qt Multimedia's QSoundEffect strayed up to 197 ms and now and then lost a phrase (the
README's figures). But an open stream is an audio device held and a Python callback run every
10 ms, which an idle window must not cost. So the stream opens when a session is chosen (the
Train page's selection, which also renders its phrases) and stays open while the session runs;
it closes once the session has ended and its last phrase has been heard, or when no session
starts within CHOSEN_WAIT_S of choosing one. Not later, at Start: a new stream takes a moment to
keep pace (0.9 to 1.9 s on a PulseAudio null sink, tests/bench/phrase_onset_bench.py), and the
first announcement is due the instant the session starts. A sound played while no stream is
open (Settings' "Test voice") opens one, closed AFTER_S after it has been heard.

Qt-free, thread-safe: the GUI thread plays and holds; a watcher thread, alive only while a
stream is open, closes it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from hamtimer.services.speech.stream_audio import (
    NoOutputStreamError,
    SoundBank,
    StreamAudioPlayer,
    StreamOpener,
    open_sounddevice_stream,
)

log = logging.getLogger(__name__)

CHOSEN_WAIT_S = 60.0
"""How long a stream opened for a chosen session waits for it to start."""
AFTER_S = 3.0
"""How long a stream stays open once nothing plays and no session holds it: a test phrase
still being rendered, or the next "Test voice", reuses it."""
WATCH_S = 0.25
"""How often the watcher looks whether the stream can close (only while one is open)."""

Spawn = Callable[[Callable[[], None]], None]


def _daemon_thread(job: Callable[[], None]) -> None:
    threading.Thread(target=job, name="audio-stream-watch", daemon=True).start()


class SessionStreamPlayer:
    """An `AudioOut` (services/speech/cue_voice.py) and a `HeldOutput`: the stream opens on
    `expect_session`, `hold(True)` or a sound, and closes when nothing needs it."""

    def __init__(
        self,
        opener: StreamOpener = open_sounddevice_stream,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        spawn: Spawn = _daemon_thread,
    ) -> None:
        """`clock` and `sleep` go together; `spawn` runs the watcher (a test runs it itself)."""
        self._opener = opener
        self._clock = clock
        self._sleep = sleep
        self._spawn = spawn
        self._sounds = SoundBank()
        self._lock = threading.Lock()
        self._player: StreamAudioPlayer | None = None
        self._held = False
        self._close_at = 0.0
        self.opened = 0
        """Streams opened so far (the tests count them)."""
        self._failing = False
        """The last try to open failed: said once in the log, not for every sound."""

    # -- HeldOutput ----------------------------------------------------------------------------

    def expect_session(self) -> None:
        log.debug("audio: a session was chosen: the stream is ready for it")
        self._open_until(self._clock() + CHOSEN_WAIT_S)

    def hold(self, on: bool) -> None:
        with self._lock:  # held first, so the watcher can't close the stream about to be used
            self._held = on
            # The chosen session has come: once it ends, the stream waits AFTER_S, no longer.
            self._close_at = self._clock() + AFTER_S
        if on:
            self._open_until(self._clock())

    # -- AudioOut --------------------------------------------------------------------------

    def preload(self, path: Path) -> None:
        self._sounds.preload(path)

    def play(self, path: Path, volume: float, at: float | None = None) -> bool:
        """False when the file can't be read or no stream opens (the window flashes)."""
        player = self._open_until(self._clock() + AFTER_S)
        return player is not None and player.play(path, volume, at)

    def keep_awake(self, on: bool) -> None:
        player = self._open_until(self._clock()) if on else self._player
        if player is not None:
            player.keep_awake(on)

    def stop_all(self) -> None:
        player = self._player
        if player is not None:
            player.stop_all()

    def close(self) -> None:
        """The app is leaving: what is playing is heard out (StreamAudioPlayer.close)."""
        with self._lock:
            player, self._player, self._held = self._player, None, False
        if player is not None:
            player.close()

    @property
    def is_open(self) -> bool:
        return self._player is not None

    @property
    def ready(self) -> bool:
        """The stream keeps pace, or none opens (nothing to wait for)."""
        player = self._player
        return player.steady if player is not None else self._failing

    # -- the stream ------------------------------------------------------------------------

    def close_if_unneeded(self) -> bool:
        """Close the stream when no session holds it, nothing plays and its time is up; True
        once no stream is open. Waiting for silence has a limit (a stream whose device stopped
        asking for sound would never drain)."""
        now = self._clock()
        with self._lock:
            player = self._player
            if player is None:
                return True
            due = not self._held and now >= self._close_at
            silent = player.idle or now >= self._close_at + AFTER_S
            if not (due and silent):
                return False
            self._player = None
        player.close()
        log.info("audio: stream closed, no session needs it")
        return True

    def _watch(self) -> None:
        while not self.close_if_unneeded():
            self._sleep(WATCH_S)

    def _open_until(self, close_at: float) -> StreamAudioPlayer | None:
        """The open stream, opened now if needed, kept open at least until `close_at`."""
        with self._lock:
            self._close_at = max(self._close_at, close_at)
            if self._player is not None:
                return self._player
            try:
                # wait_s=0: its first buffers are asked for at once; sounds placed meanwhile
                # start late rather than hold up the GUI thread.
                self._player = StreamAudioPlayer.open(
                    self._opener, self._clock, self._sleep, wait_s=0, sounds=self._sounds
                )
            except NoOutputStreamError as error:
                if not self._failing:
                    log.warning("audio: %s; sounds are not heard until one opens", error)
                self._failing = True
                return None
            self._failing = False
            self.opened += 1
            player = self._player
        log.info("audio: stream opened (%s)", player.backend)
        self._spawn(self._watch)
        return player
