"""The mixer places each sound on the stream frame of its planned moment, whatever the timing
of the event that brings it or of the stream's buffer requests (fake clock, a 1 kHz stream
asking for 10 frames every 10 ms, so a frame is a millisecond)."""

from __future__ import annotations

import array
import itertools

from hamtimer.services.speech.mixer import (
    FULL_SCALE,
    KEEP_ALIVE_LEVEL,
    LEAD_S,
    Mixer,
    StreamClock,
    scaled,
)
from tests.fakes import FakeClock

RATE = 1000
PERIOD = 10
LEAD_FRAMES = round(LEAD_S * RATE)


class Stream:
    """A device pulling PERIOD frames every PERIOD ms; `late_ms` delays some requests."""

    def __init__(self, mixer: Mixer, clock: FakeClock) -> None:
        self.mixer, self.clock = mixer, clock
        self.frames = array.array("h")
        self.started_at = clock.now

    def run_until(self, frame: int, late_ms: dict[int, float] | None = None) -> None:
        while len(self.frames) < frame:
            due = self.started_at + len(self.frames) / RATE
            delay = (late_ms or {}).get(len(self.frames), 0.0) / 1000
            self.clock.now = max(self.clock.now, due + delay)
            self.frames.frombytes(self.mixer.render(PERIOD))

    def first_sound(self) -> int:
        return next(i for i, value in enumerate(self.frames) if value)


def tone(length: int, value: int = 1000) -> array.array[int]:
    return array.array("h", [value] * length)


def make() -> tuple[Mixer, Stream, FakeClock]:
    clock = FakeClock()
    mixer = Mixer(RATE, clock)
    return mixer, Stream(mixer, clock), clock


def test_a_sound_added_late_still_starts_on_the_frame_of_its_moment() -> None:
    mixer, stream, _clock = make()
    stream.run_until(500)
    planned = stream.started_at + 0.480  # the event is handled 20 ms after its moment
    mixer.add(tone(50), at=planned)
    stream.run_until(800)
    assert stream.first_sound() == 480 + LEAD_FRAMES
    assert mixer.late_starts == 0


def test_a_sound_added_early_waits_for_its_frame() -> None:
    mixer, stream, _clock = make()
    stream.run_until(100)
    mixer.add(tone(50), at=stream.started_at + 0.7)
    stream.run_until(1000)
    assert stream.first_sound() == 700 + LEAD_FRAMES


def test_late_buffer_requests_do_not_move_the_sounds() -> None:
    """A busy machine wakes the audio thread late now and then; the frame count is the clock."""
    mixer, stream, _clock = make()
    stream.run_until(300, late_ms={100: 25.0, 200: 8.0})
    mixer.add(tone(50), at=stream.started_at + 0.3)
    stream.run_until(300 + LEAD_FRAMES + 100, late_ms={310: 30.0})
    assert stream.first_sound() == 300 + LEAD_FRAMES


def test_after_a_stall_the_clock_takes_the_stream_s_new_pace() -> None:
    """The device stopped for 300 ms and lost its place: once requests have kept the new pace
    for JUMP_WINDOW_S, sounds land on it again, not 300 ms late."""
    mixer, stream, _clock = make()
    stream.run_until(200)
    stream.started_at += 0.3
    stream.run_until(800)  # 600 ms at the new pace
    mixer.add(tone(50), at=stream.started_at + 0.8)
    stream.run_until(1200)
    assert stream.first_sound() == 800 + LEAD_FRAMES
    assert mixer.late_starts == 0


def test_a_sound_past_its_frame_starts_at_once_and_is_counted() -> None:
    mixer, stream, _clock = make()
    stream.run_until(600)
    mixer.add(tone(50), at=stream.started_at + 0.4)  # 140 ms late: its frame is rendered
    stream.run_until(800)
    assert stream.first_sound() == 600
    assert mixer.late_starts == 1


def test_a_sound_without_a_moment_starts_with_the_next_buffer() -> None:
    mixer, stream, _clock = make()
    stream.run_until(200)
    mixer.add(tone(30))
    stream.run_until(300)
    assert stream.first_sound() == 200
    assert list(stream.frames[200:230]) == [1000] * 30
    assert not any(stream.frames[230:])


def test_overlapping_sounds_are_summed_and_clipped() -> None:
    mixer, stream, _clock = make()
    stream.run_until(100)
    start = stream.started_at + 0.2
    mixer.add(tone(40, 20000), at=start)
    mixer.add(tone(40, 20000), at=start + 0.02)
    mixer.add(tone(10, -3), at=start + 0.1)
    stream.run_until(500)
    first = 200 + LEAD_FRAMES
    assert list(stream.frames[first : first + 20]) == [20000] * 20
    assert list(stream.frames[first + 20 : first + 40]) == [FULL_SCALE] * 20
    assert list(stream.frames[first + 40 : first + 60]) == [20000] * 20
    assert list(stream.frames[first + 100 : first + 110]) == [-3] * 10


def test_clear_drops_what_is_playing_and_what_is_waiting() -> None:
    mixer, stream, _clock = make()
    stream.run_until(100)
    mixer.add(tone(500), at=stream.started_at + 0.05)
    mixer.add(tone(50), at=stream.started_at + 0.9)
    stream.run_until(200)
    assert not mixer.idle
    mixer.clear()
    stream.run_until(1200)
    assert mixer.idle
    assert not any(stream.frames[200:])


def test_keep_alive_is_a_quiet_tone_instead_of_digital_silence() -> None:
    clock = FakeClock()
    mixer = Mixer(22050, clock)
    assert mixer.render(2205) == bytes(4410)
    mixer.keep_alive = True
    quiet = array.array("h", mixer.render(2205))
    peak = max(abs(value) for value in quiet)
    assert 0 < peak <= round(KEEP_ALIVE_LEVEL * FULL_SCALE)  # -60 dBFS
    # 20 Hz: 40 zero crossings a second, 4 in these 0.1 s
    crossings = sum(1 for a, b in itertools.pairwise(quiet) if a < 0 <= b or b < 0 <= a)
    assert 3 <= crossings <= 5
    assert array.array("h", mixer.render(2205)) == quiet  # seamless: whole periods repeat


def test_a_sound_plays_over_the_keep_alive_tone() -> None:
    clock = FakeClock()
    mixer = Mixer(RATE, clock)
    mixer.keep_alive = True
    mixer.add(tone(5, 500))
    out = array.array("h", mixer.render(10))
    assert list(out[:5]) == [500] * 5
    assert all(abs(value) <= 33 for value in out[5:])


def test_the_stream_clock_follows_a_device_that_runs_slow() -> None:
    """Over a window the earliest request wins; older ones age out, so drift is followed."""
    stream_clock = StreamClock(RATE, window_s=1.0)
    for n in range(300):  # the device's second is 1 % longer than ours (real ones: 0.005 %)
        stream_clock.observe(100.0 + n * 0.0101, n * 10)
    moment = 103.101
    asked_then = (moment - 100.0) / 0.0101 * 10  # 3070: what the device really asks for
    # One window's drift (10 ms) behind at most; the first request would be 31 ms off by now.
    assert abs(stream_clock.frame_at(moment) - asked_then) <= 11


def test_volume_scales_samples_and_full_volume_is_the_same_array() -> None:
    samples = array.array("h", [1000, -2000, 32767])
    assert scaled(samples, 1.0) is samples
    assert list(scaled(samples, 0.5)) == [500, -1000, 16384]


def test_a_stream_asking_in_bursts_is_steady_and_a_stalled_one_is_not() -> None:
    """Through ALSA's PulseAudio plugin a 250 ms device buffer is filled 70 ms at a time."""
    clock = FakeClock()
    mixer = Mixer(RATE, clock)
    for _burst in range(10):
        for _block in range(7):
            mixer.render(PERIOD)
        clock.advance(0.07)
    clock.advance(-0.07)  # asked just now
    assert mixer.steady
    clock.advance(0.9)  # the stall of a new PulseAudio stream
    mixer.render(PERIOD)
    assert not mixer.steady


def test_a_device_buffer_filled_slowly_on_a_busy_machine_is_not_taken_for_steady() -> None:
    """A new stream's first 120 ms, asked for over 400 ms by a late audio thread, then the
    stall: requests came often enough, but not their frames."""
    clock = FakeClock()
    mixer = Mixer(RATE, clock)
    for _block in range(12):
        mixer.render(PERIOD)
        assert not mixer.steady
        clock.advance(0.035)
