"""Playback in-process for `hamtimer run`: one output stream for the whole run, every sound
mixed into it on the frame of its planned moment (services/speech/mixer.py).

Why not one player process per sound (services/speech/command_audio.py, still the fallback):
starting a process and connecting it to the sound server takes from a few ms to a few hundred
when the machine is busy, so a phrase could start late and run into the next one. Here the
stream is opened once, before the session, and a sound costs a list append.

The stream is PortAudio's, through `sounddevice` (Debian: libportaudio2; its Windows and macOS
wheels carry PortAudio). miniaudio was measured too (tests/bench/stream_backends.py, one core
busy, the same mixer): its PulseAudio backend changed its buffering under load, and sounds
landed up to 116 ms off (p95 50 ms) where PortAudio's stayed within 29 ms (p95 4.4 ms); with
PortAudio's 100 ms buffer, 49 ms against 1.2 ms in a second pair of runs. A stream
that cannot open (no PortAudio, no device) raises `NoOutputStreamError`, and `hamtimer run` uses
the command player.
"""

from __future__ import annotations

import array
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from hamtimer.services.speech.mixer import Mixer, scaled
from hamtimer.services.speech.wav import PcmAudio, read_pcm

log = logging.getLogger(__name__)

RATE = 22050
"""espeak-ng's rate and the app's sounds': most sounds need no resampling."""
PERIOD_MS = 10
"""The stream asks for 10 ms at a time: LEAD_S (60 ms) leaves the event 50 ms to arrive."""
LATENCY_S = 0.1
"""The device's buffer, unless the opener asks for another. PortAudio's "low" (a few ms through
ALSA's PulseAudio plugin) ran dry whenever the busy machine woke the audio thread late, and ALSA
printed each underrun on the terminal; the buffer only adds a constant delay (the mixer
schedules by the frames asked for). `hamtimer run` asks for more (terminal/voice.py)."""
CLOSE_WAIT_S = 5.0
SETTLE_WAIT_S = 3.0
DRAIN_S = 0.25
"""Once the mixer has handed out its last sound, the device still has this much to play."""


class NoOutputStreamError(Exception):
    """No audio output could be opened in-process."""


class OutputStream(Protocol):
    backend: str
    """The sound system it plays through (PulseAudio, ALSA...)."""

    def close(self) -> None: ...


StreamOpener = Callable[[Mixer], OutputStream]


def open_sounddevice_stream(mixer: Mixer, latency_s: float = LATENCY_S) -> OutputStream:
    """A PortAudio stream (sounddevice) that pulls from `mixer` on PortAudio's audio thread,
    with a device buffer of `latency_s`."""
    try:
        import sounddevice
    except (ImportError, OSError) as error:  # OSError: the PortAudio library is missing
        raise NoOutputStreamError(f"PortAudio is not available ({error})") from error
    return _PortAudioStream(sounddevice, mixer, latency_s)


def stream_problem() -> str | None:
    """Why no stream would open (no PortAudio, no output device, or none for our format),
    asked without opening one; None when one should."""
    try:
        import sounddevice
    except (ImportError, OSError) as error:
        return f"PortAudio is not available ({error})"
    try:
        sounddevice.check_output_settings(samplerate=RATE, channels=1, dtype="int16")
    except (sounddevice.PortAudioError, ValueError) as error:
        return f"no audio device opened ({error})"
    return None


class _PortAudioStream:
    def __init__(self, sounddevice: Any, mixer: Mixer, latency_s: float) -> None:
        self.underruns = 0

        def pull(outdata: Any, frames: int, _time: Any, status: Any) -> None:
            outdata[:] = mixer.render(frames)
            if status.output_underflow:
                self.underruns += 1

        try:
            self._stream = sounddevice.RawOutputStream(
                samplerate=mixer.rate,
                channels=1,
                dtype="int16",
                blocksize=round(mixer.rate * PERIOD_MS / 1000),
                latency=latency_s,
                callback=pull,
            )
            self._stream.start()
        except sounddevice.PortAudioError as error:
            raise NoOutputStreamError(f"no audio device opened ({error})") from error
        device = sounddevice.query_devices(self._stream.device)
        api = sounddevice.query_hostapis(device["hostapi"])["name"]
        self.backend = f"PortAudio: {api}, {device['name']}"
        buffer_ms = round(self._stream.latency * 1000)
        log.info("audio: %s stream at %d Hz, %d ms buffer", self.backend, mixer.rate, buffer_ms)

    def close(self) -> None:
        self._stream.stop()
        self._stream.close()
        if self.underruns:
            log.info("audio: the device ran dry %d times", self.underruns)


class SoundBank:
    """Files read once into samples at the stream's rate, and their scaled copies: kept apart
    from any stream, so the window's sounds stay loaded while no stream is open."""

    def __init__(self, rate: int = RATE) -> None:
        self.rate = rate
        self._loaded: dict[Path, array.array[int]] = {}
        self._scaled: dict[tuple[Path, float], array.array[int]] = {}

    def preload(self, path: Path) -> None:
        if path not in self._loaded:
            try:
                self._loaded[path] = _at_rate(read_pcm(path), self.rate)
            except (OSError, ValueError) as error:
                log.warning("cannot load %s: %s", path.name, error)

    def samples(self, path: Path, volume: float) -> array.array[int] | None:
        """`path`'s samples at `volume`; None when it can't be read."""
        self.preload(path)
        samples = self._loaded.get(path)
        if samples is None:
            return None
        key = (path, round(volume, 3))
        if key not in self._scaled:
            self._scaled[key] = scaled(samples, volume)
        return self._scaled[key]


class StreamAudioPlayer:
    """Plays WAV files into one open stream, each at its moment. Any thread may call it."""

    def __init__(
        self,
        mixer: Mixer,
        stream: OutputStream,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        sounds: SoundBank | None = None,
    ) -> None:
        """`sleep` and `clock` go together (a test's fake clock moves when it sleeps)."""
        self._mixer = mixer
        self._stream = stream
        self._sleep = sleep
        self._clock = clock
        self._sounds = sounds or SoundBank(mixer.rate)

    @classmethod
    def open(
        cls,
        opener: StreamOpener = open_sounddevice_stream,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        wait_s: float = SETTLE_WAIT_S,
        sounds: SoundBank | None = None,
    ) -> StreamAudioPlayer:
        """The player once its stream keeps pace (up to `wait_s`: a sound server may take a
        moment to start, and the first phrase would wait for it; the window passes 0 and opens
        its stream ahead of the session). Raises NoOutputStreamError when there is nothing to
        play to."""
        mixer = Mixer(RATE, clock)
        player = cls(mixer, opener(mixer), sleep, clock, sounds)
        if wait_s <= 0:
            return player
        deadline = clock() + wait_s
        while not mixer.steady and clock() < deadline:
            sleep(0.02)
        if not mixer.steady:
            log.warning("audio: the output stream is not keeping pace yet; carrying on")
        return player

    def preload(self, path: Path) -> None:
        self._sounds.preload(path)

    def play(self, path: Path, volume: float, at: float | None = None) -> bool:
        """Start `path` at monotonic moment `at` (now when None); False when it can't load."""
        samples = self._sounds.samples(path, volume)
        if samples is None:
            return False
        self._mixer.add(samples, at)
        return True

    @property
    def backend(self) -> str:
        return self._stream.backend

    @property
    def idle(self) -> bool:
        """Nothing is playing or waiting to."""
        return self._mixer.idle

    @property
    def steady(self) -> bool:
        """The stream keeps pace: a sound played now starts on its frame (Mixer.steady)."""
        return self._mixer.steady

    def keep_awake(self, on: bool) -> None:
        self._mixer.keep_alive = on

    def stop_all(self) -> None:
        self._mixer.clear()

    def close(self) -> None:
        """Let what is playing finish (the closing "well done"), up to CLOSE_WAIT_S."""
        self._mixer.keep_alive = False
        deadline = self._clock() + CLOSE_WAIT_S
        while not self._mixer.idle and self._clock() < deadline:
            self._sleep(0.02)
        self._sleep(DRAIN_S)
        self._stream.close()
        if self._mixer.late_starts:
            log.info("audio: %d sounds started after their moment", self._mixer.late_starts)


def _at_rate(audio: PcmAudio, rate: int) -> array.array[int]:
    """`audio`'s samples at `rate` (linear interpolation; our files rarely need it)."""
    if audio.rate == rate or not audio.samples:
        return audio.samples
    source = audio.samples
    count = round(len(source) * rate / audio.rate)
    step = audio.rate / rate
    out = array.array("h", bytes(2 * count))
    last = len(source) - 1
    for i in range(count):
        position = i * step
        j = min(int(position), last)
        frac = position - j
        nxt = source[min(j + 1, last)]
        out[i] = round(source[j] + (nxt - source[j]) * frac)
    return out
