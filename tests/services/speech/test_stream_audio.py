"""The in-process player of `hamtimer run`: files in, samples on the stream at their moment."""

from __future__ import annotations

import array
import sys
from pathlib import Path

import pytest

from hamtimer.services.speech.mixer import LEAD_S, Mixer
from hamtimer.services.speech.stream_audio import (
    RATE,
    NoOutputStreamError,
    StreamAudioPlayer,
    open_sounddevice_stream,
    stream_problem,
)
from hamtimer.services.speech.wav import PcmAudio, write_pcm
from tests.fakes import FakeClock, FakeStream


def wav(tmp_path: Path, samples: list[int], rate: int = RATE, name: str = "a.wav") -> Path:
    path = tmp_path / name
    write_pcm(path, PcmAudio(array.array("h", samples), rate))
    return path


def player(clock: FakeClock) -> tuple[StreamAudioPlayer, Mixer, FakeStream]:
    mixer, stream = Mixer(RATE, clock), FakeStream()
    return StreamAudioPlayer(mixer, stream, sleep=clock.advance, clock=clock), mixer, stream


def rendered(mixer: Mixer, clock: FakeClock, seconds: float) -> array.array[int]:
    """The stream's next `seconds`, asked for 10 ms at a time as the clock runs."""
    out = array.array("h")
    period = RATE // 100
    for _ in range(round(seconds * 100)):
        out.frombytes(mixer.render(period))
        clock.advance(period / RATE)
    return out


def test_a_file_plays_at_its_moment_and_volume(tmp_path: Path) -> None:
    clock = FakeClock()
    audio, mixer, _stream = player(clock)
    rendered(mixer, clock, 0.1)
    start = clock.now
    assert audio.play(wav(tmp_path, [1000] * 100), 0.5, at=start + 0.2)
    out = rendered(mixer, clock, 0.5)
    first = next(i for i, value in enumerate(out) if value)
    assert first == round((0.2 + LEAD_S) * RATE)
    assert list(out[first : first + 100]) == [500] * 100


def test_a_file_at_another_rate_is_resampled(tmp_path: Path) -> None:
    clock = FakeClock()
    audio, mixer, _stream = player(clock)
    assert audio.play(wav(tmp_path, [800] * 110, rate=RATE // 2), 1.0)
    out = rendered(mixer, clock, 0.1)
    assert sum(1 for value in out if value) == 220


def test_a_damaged_or_missing_file_is_not_played(tmp_path: Path) -> None:
    damaged = tmp_path / "bad.wav"
    damaged.write_bytes(b"RIFF nonsense")
    audio, mixer, _stream = player(FakeClock())
    assert not audio.play(damaged, 1.0)
    assert not audio.play(tmp_path / "absent.wav", 1.0)
    assert mixer.idle


def test_keep_awake_and_close(tmp_path: Path) -> None:
    clock = FakeClock()
    audio, mixer, stream = player(clock)
    audio.keep_awake(True)
    assert mixer.keep_alive
    audio.play(wav(tmp_path, [100] * 50), 1.0)
    mixer.render(10)  # the sound has started: close lets it finish
    audio.close()
    assert stream.closed and not mixer.keep_alive


def test_stop_all_silences_the_stream(tmp_path: Path) -> None:
    clock = FakeClock()
    audio, mixer, _stream = player(clock)
    audio.play(wav(tmp_path, [100] * RATE), 1.0)
    audio.stop_all()
    assert not any(rendered(mixer, clock, 0.1))


def test_no_device_is_an_error_the_terminal_can_fall_back_from(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No sound server or card: PortAudio refuses the stream; that is no device."""
    import sounddevice

    def refuse(**_settings: object) -> None:
        raise sounddevice.PortAudioError("Error querying device -1")

    monkeypatch.setattr(sounddevice, "RawOutputStream", refuse)
    with pytest.raises(NoOutputStreamError, match="no audio device"):
        StreamAudioPlayer.open(open_sounddevice_stream)


class WakingDevice:
    """Asks for one buffer when opened, then nothing for `wake_s` (a sound server starting),
    then 10 ms every 10 ms; time passes as the player sleeps."""

    def __init__(self, clock: FakeClock, wake_s: float) -> None:
        self.clock, self.wake_s = clock, wake_s
        self.mixer: Mixer | None = None

    def open(self, mixer: Mixer) -> FakeStream:
        self.mixer, self.opened = mixer, self.clock.now
        mixer.render(RATE // 100)
        return FakeStream()

    def sleep(self, seconds: float) -> None:
        assert self.mixer is not None
        end = self.clock.now + seconds
        while self.clock.now + 0.01 <= end:
            self.clock.advance(0.01)
            if self.clock.now - self.opened >= self.wake_s:
                self.mixer.render(RATE // 100)
        self.clock.now = end


def test_open_waits_until_the_stream_keeps_pace() -> None:
    clock = FakeClock()
    device = WakingDevice(clock, wake_s=1.0)
    start = clock.now
    player = StreamAudioPlayer.open(device.open, clock, device.sleep)
    assert device.mixer is not None and device.mixer.steady
    assert 1.5 <= clock.now - start <= 1.6  # awake, then STEADY_S at pace
    player.close()


def test_open_gives_up_waiting_for_a_stream_that_never_keeps_pace() -> None:
    clock = FakeClock()
    device = WakingDevice(clock, wake_s=60.0)
    start = clock.now
    StreamAudioPlayer.open(device.open, clock, device.sleep)
    assert 3.0 <= clock.now - start <= 3.1


def test_stream_problem_names_a_missing_portaudio_or_device(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sounddevice

    def no_device(**_settings: object) -> None:
        raise sounddevice.PortAudioError("Error querying device -1")

    monkeypatch.setattr(sounddevice, "check_output_settings", no_device)
    assert stream_problem() == "no audio device opened (Error querying device -1)"
    monkeypatch.setitem(sys.modules, "sounddevice", None)  # import fails as without PortAudio
    problem = stream_problem()
    assert problem is not None and problem.startswith("PortAudio is not available")
