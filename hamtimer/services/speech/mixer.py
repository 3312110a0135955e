"""Sounds placed on an output stream's own clock: each starts on the frame of its planned moment.

An output stream asks for its next buffer (`Mixer.render`) a little before it is heard; the
frames it has asked for so far are its clock. `StreamClock` ties that count to the monotonic
clock the session's events are planned on, and a sound due at moment T is placed on frame
`frame_at(T + LEAD_S)`. Whenever the event reaches the player (up to LEAD_S minus one buffer
late) the sound starts on that frame, so neither a late wake-up of the session's thread nor the
stream's buffer size shifts it; only the constant LEAD_S and the device's latency remain.

Pure Python and thread-safe: `add` runs on the session's thread, `render` on the audio thread.
Silence and a lone sound are copied whole; only sounds that overlap (a step's sound under its
first phrase) are summed sample by sample.
"""

from __future__ import annotations

import array
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

LEAD_S = 0.06
"""A sound starts this long after its planned moment: room for the event to arrive late (a
busy machine) and for the buffer being filled when it does."""
CLOCK_WINDOW_S = 1.0
"""The stream clock follows the earliest buffer request of this last stretch: requests come
late (never early) when the machine is busy, and the device's clock drifts from ours (0.2 %
measured on PulseAudio's null sink: a 2 ms lag over this window)."""
JUMP_WINDOW_S = 0.5
JUMP_S = 0.02
"""When every request of the last JUMP_WINDOW_S came this much later than the window's
earliest, the stream has moved for good (it stalled and lost its place): the clock starts
afresh from them. Not sooner: in the window, a GUI thread holding the GIL delays requests for
a while without the device losing its place (with 0.2 s, sounds then started 92 ms early)."""
STEADY_S = 0.5
PACE = 0.8
GAP_S = 0.15
"""A stream is steady (it keeps pace) when, over the last STEADY_S, it has asked for at least
PACE of that time's frames, and last asked less than GAP_S ago. A new stream is not: it fills
the device's buffer at once, then the sound server may take a moment (0.9 to 1.9 s for a
PulseAudio sink) before it asks again; on a busy machine the filling itself can be spread
over a few hundred ms, so requests alone, without their frames, looked steady too early (a
first phrase 267 ms late). Pauses in a steady stream are shorter than GAP_S: through ALSA's
PulseAudio plugin the buffers are asked for in bursts, every 30 ms with a 100 ms device buffer
and every 70 ms with 250 ms."""
KEEP_ALIVE_HZ = 20
KEEP_ALIVE_LEVEL = 10 ** (-60 / 20)
"""-60 dBFS at 20 Hz: far below hearing at that pitch, but not digital silence, which some
Bluetooth speakers take as the cue to sleep (and then clip the next phrase's first word)."""

FULL_SCALE = 32767


class StreamClock:
    """Monotonic time to frame number, from the moments the stream asked for its buffers."""

    def __init__(self, rate: int, window_s: float = CLOCK_WINDOW_S) -> None:
        self._rate = rate
        self._window = _SlidingMinimum(window_s)
        self._recent = _SlidingMinimum(JUMP_WINDOW_S)

    def observe(self, now: float, frame: int) -> None:
        """The stream asks, at `now`, for the buffer that starts at `frame`."""
        origin = now - frame / self._rate  # the moment frame 0 would have been asked for
        self._window.add(now, origin)
        self._recent.add(now, origin)
        moved = self._recent.lowest() - self._window.lowest() > JUMP_S
        if moved and self._recent.spans(now):
            self._window = self._recent.copy(CLOCK_WINDOW_S)

    def frame_at(self, moment: float) -> int:
        """The frame asked for at `moment` when the stream keeps its best pace."""
        return round((moment - self._window.lowest()) * self._rate)


class _SlidingMinimum:
    """The lowest value added in the last `span_s` seconds (a monotonic deque)."""

    def __init__(self, span_s: float) -> None:
        self._span_s = span_s
        self._items: deque[tuple[float, float]] = deque()
        self._first_seen: float | None = None

    def add(self, now: float, value: float) -> None:
        if self._first_seen is None:
            self._first_seen = now
        while self._items and self._items[-1][1] >= value:
            self._items.pop()
        self._items.append((now, value))
        while self._items[0][0] < now - self._span_s:
            self._items.popleft()

    def lowest(self) -> float:
        return self._items[0][1]

    def spans(self, now: float) -> bool:
        """Whether it has seen a whole span of observations."""
        return self._first_seen is not None and now - self._first_seen >= self._span_s

    def copy(self, span_s: float) -> _SlidingMinimum:
        other = _SlidingMinimum(span_s)
        other._items = deque(self._items)
        other._first_seen = self._first_seen
        return other


@dataclass(slots=True)
class _Voice:
    samples: array.array[int]
    at: float | None
    """Planned moment; None: as soon as possible."""
    start: int | None = None
    """Frame it starts on, fixed by the first buffer rendered after it was added."""


class Mixer:
    def __init__(
        self,
        rate: int,
        clock: Callable[[], float] = time.monotonic,
        lead_s: float = LEAD_S,
    ) -> None:
        self.rate = rate
        self._clock = clock
        self._lead_s = lead_s
        self._stream_clock = StreamClock(rate)
        self._lock = threading.Lock()
        self._voices: list[_Voice] = []
        self._written = 0
        self.keep_alive = False
        self._tone = keep_alive_tone(rate)
        self.late_starts = 0
        """Sounds that could not start on their frame (their moment was already rendered)."""
        self._last_request: float | None = None
        self._requests: deque[tuple[float, int]] = deque()
        """(when, frames asked for by then) of the last STEADY_S and the one before."""

    def add(self, samples: array.array[int], at: float | None = None) -> None:
        """Play `samples` (mono 16-bit at `rate`), starting at monotonic moment `at`."""
        with self._lock:
            self._voices.append(_Voice(samples, at))

    def clear(self) -> None:
        with self._lock:
            self._voices.clear()

    @property
    def idle(self) -> bool:
        with self._lock:
            return not self._voices

    @property
    def steady(self) -> bool:
        """Whether the stream keeps pace (see STEADY_S): sounds added now land on time."""
        last = self._last_request
        if last is None or self._clock() - last > GAP_S:
            return False
        try:  # read while the audio thread appends: the ends only, never iterated
            (start, start_frames), (end, end_frames) = self._requests[0], self._requests[-1]
        except IndexError:
            return False
        span = end - start
        return span >= STEADY_S and end_frames - start_frames >= PACE * span * self.rate

    def render(self, frames: int) -> bytes:
        """The next `frames` frames of the stream (16-bit mono, native byte order)."""
        first = self._written
        now = self._clock()
        self._last_request = now
        self._requests.append((now, first + frames))
        while len(self._requests) > 2 and self._requests[1][0] <= now - STEADY_S:
            self._requests.popleft()
        self._stream_clock.observe(now, first)
        self._written += frames
        with self._lock:
            for voice in self._voices:
                if voice.start is None:
                    voice.start = self._start_frame(voice, first)
            self._voices = [v for v in self._voices if _end(v) > first]
            playing = [v for v in self._voices if _starts_before(v, first + frames)]
        return self._mixed(playing, first, frames)

    def _start_frame(self, voice: _Voice, first: int) -> int:
        if voice.at is None:
            return first
        wanted = self._stream_clock.frame_at(voice.at + self._lead_s)
        if wanted < first:
            self.late_starts += 1
        return max(first, wanted)

    def _mixed(self, playing: list[_Voice], first: int, frames: int) -> bytes:
        if not playing and not self.keep_alive:
            return bytes(2 * frames)
        out = (
            self._tone_at(first, frames) if self.keep_alive else array.array("h", bytes(2 * frames))
        )
        touched = [False] * frames if len(playing) > 1 else None
        for voice in playing:
            assert voice.start is not None
            begin = max(first, voice.start)
            end = min(first + frames, _end(voice))
            source = voice.samples[begin - voice.start : end - voice.start]
            lo, hi = begin - first, end - first
            if touched is None or not any(touched[lo:hi]):
                out[lo:hi] = source  # nothing else there yet: copied whole
            else:
                for i, value in enumerate(source, lo):
                    out[i] = max(-FULL_SCALE - 1, min(FULL_SCALE, out[i] + value))
            if touched is not None:
                touched[lo:hi] = [True] * (hi - lo)
        return out.tobytes()

    def _tone_at(self, first: int, frames: int) -> array.array[int]:
        period = len(self._tone)
        offset = first % period
        repeats = (offset + frames) // period + 1
        return (self._tone * repeats)[offset : offset + frames]


def _end(voice: _Voice) -> int:
    assert voice.start is not None
    return voice.start + len(voice.samples)


def _starts_before(voice: _Voice, frame: int) -> bool:
    assert voice.start is not None
    return voice.start < frame


def keep_alive_tone(rate: int) -> array.array[int]:
    """Whole periods of the keep-alive tone (two at 22050 Hz), so it repeats seamlessly (the
    window loops it with Qt Multimedia)."""
    periods = next(n for n in range(1, 100) if (n * rate) % KEEP_ALIVE_HZ == 0)
    length = periods * rate // KEEP_ALIVE_HZ
    amplitude = KEEP_ALIVE_LEVEL * FULL_SCALE
    return array.array(
        "h",
        (
            round(amplitude * math.sin(2 * math.pi * KEEP_ALIVE_HZ * i / rate))
            for i in range(length)
        ),
    )


def scaled(samples: array.array[int], volume: float) -> array.array[int]:
    """`samples` at `volume` (0-1); the same array at full volume."""
    if volume >= 1.0:
        return samples
    return array.array("h", (round(value * volume) for value in samples))
