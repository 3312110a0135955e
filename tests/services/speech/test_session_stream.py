"""The window's stream: open from a chosen session to its end, closed whenever nothing needs it."""

from __future__ import annotations

import array
from collections.abc import Callable
from pathlib import Path

import pytest

from hamtimer.services.speech.mixer import Mixer
from hamtimer.services.speech.session_stream import (
    AFTER_S,
    CHOSEN_WAIT_S,
    SessionStreamPlayer,
)
from hamtimer.services.speech.stream_audio import RATE, NoOutputStreamError
from hamtimer.services.speech.wav import PcmAudio, write_pcm
from tests.fakes import FakeClock, FakeStream


class FakeDevice:
    """Opens fake streams (or refuses to) and keeps their mixers, to pull sound from them."""

    def __init__(self) -> None:
        self.streams: list[FakeStream] = []
        self.mixers: list[Mixer] = []
        self.refuse = False

    def open(self, mixer: Mixer) -> FakeStream:
        if self.refuse:
            raise NoOutputStreamError("no audio device opened (unplugged)")
        stream = FakeStream()
        self.streams.append(stream)
        self.mixers.append(mixer)
        return stream

    @property
    def open_streams(self) -> int:
        return sum(not stream.closed for stream in self.streams)


class Setup:
    def __init__(self) -> None:
        self.clock = FakeClock()
        self.device = FakeDevice()
        self.watchers: list[Callable[[], None]] = []
        self.player = SessionStreamPlayer(
            self.device.open, self.clock, self.clock.advance, self.watchers.append
        )

    def pass_time(self, seconds: float) -> None:
        """Time passes with the stream asking for 10 ms every 10 ms, as a device does."""
        for _ in range(round(seconds * 100)):
            for mixer, stream in zip(self.device.mixers, self.device.streams, strict=True):
                if not stream.closed:
                    mixer.render(RATE // 100)
            self.clock.advance(0.01)

    def watch(self) -> bool:
        """What the watcher thread does on one look; True when no stream is open."""
        return self.player.close_if_unneeded()


@pytest.fixture
def setup() -> Setup:
    return Setup()


@pytest.fixture
def sound(tmp_path: Path) -> Path:
    path = tmp_path / "beep.wav"
    write_pcm(path, PcmAudio(array.array("h", [1000] * (RATE // 2)), RATE))  # 0.5 s
    return path


def test_an_idle_window_holds_no_stream_and_preloading_opens_none(
    setup: Setup, sound: Path
) -> None:
    setup.player.preload(sound)
    assert setup.device.streams == [] and not setup.player.is_open


def test_a_session_opens_the_stream_once_and_it_closes_after_the_last_phrase(
    setup: Setup, sound: Path
) -> None:
    player = setup.player
    player.expect_session()  # chosen on the Train page: the stream gets ready
    assert setup.device.open_streams == 1 and len(setup.watchers) == 1
    setup.pass_time(2.0)
    player.hold(True)  # the session starts: the same stream
    for _ in range(3):
        assert player.play(sound, 1.0, at=setup.clock.now)
        setup.pass_time(CHOSEN_WAIT_S / 2)  # 1.5 x the chosen wait in all: held, still open
        assert not setup.watch()
    assert player.play(sound, 1.0, at=setup.clock.now)  # the closing phrase
    player.hold(False)
    assert not setup.watch()  # it is still being heard
    setup.pass_time(AFTER_S + 0.1)  # not CHOSEN_WAIT_S: the chosen session has come and gone
    assert setup.watch()
    assert setup.device.open_streams == 0 and player.opened == 1
    mixer = setup.device.mixers[0]
    assert mixer.late_starts == 0  # every sound found its frame


def test_a_chosen_session_that_never_starts_lets_the_stream_go(setup: Setup) -> None:
    setup.player.expect_session()
    setup.pass_time(CHOSEN_WAIT_S - 1)
    assert not setup.watch()
    setup.pass_time(1.1)
    assert setup.watch() and setup.device.open_streams == 0


def test_the_watcher_thread_runs_until_the_stream_is_closed(setup: Setup) -> None:
    """What `spawn` is given loops on `close_if_unneeded`, sleeping between looks."""
    setup.player.expect_session()
    (watcher,) = setup.watchers
    watcher()  # the fake sleep moves the clock, and nothing plays: it returns once closed
    assert setup.device.open_streams == 0
    assert CHOSEN_WAIT_S <= setup.clock.now - 1000.0 <= CHOSEN_WAIT_S + 1


def test_test_voice_opens_a_stream_that_closes_once_it_is_heard(setup: Setup, sound: Path) -> None:
    player = setup.player
    assert player.play(sound, 0.8)  # Settings' "Test voice", no session
    assert setup.device.open_streams == 1
    setup.pass_time(1.0)
    assert player.play(sound, 0.8)  # pressed again: the same stream
    setup.pass_time(AFTER_S + 0.6)
    assert setup.watch()
    assert player.opened == 1 and setup.device.open_streams == 0


def test_a_session_after_the_stream_closed_opens_a_new_one(setup: Setup, sound: Path) -> None:
    player = setup.player
    player.hold(True)
    player.hold(False)
    setup.pass_time(AFTER_S + 0.1)
    assert setup.watch()
    player.hold(True)
    assert player.play(sound, 1.0, at=setup.clock.now)
    assert player.opened == 2 and setup.device.open_streams == 1


def test_a_device_that_stops_asking_does_not_keep_the_stream_for_ever(
    setup: Setup, sound: Path
) -> None:
    player = setup.player
    player.play(sound, 1.0)  # queued, but the device never asks for it
    setup.clock.advance(AFTER_S)
    assert not setup.watch()
    setup.clock.advance(AFTER_S)
    assert setup.watch() and setup.device.open_streams == 0


def test_keep_awake_and_stop_reach_the_open_stream(setup: Setup, sound: Path) -> None:
    player = setup.player
    player.hold(True)
    player.keep_awake(True)
    mixer = setup.device.mixers[0]
    assert mixer.keep_alive
    player.play(sound, 1.0)
    player.stop_all()
    assert mixer.idle
    player.keep_awake(False)
    assert not mixer.keep_alive


def test_no_device_at_session_time_is_a_sound_not_heard_and_a_retry_later(
    setup: Setup, sound: Path, caplog: pytest.LogCaptureFixture
) -> None:
    setup.device.refuse = True
    setup.player.hold(True)
    assert not setup.player.play(sound, 1.0)
    assert not setup.player.play(sound, 1.0)
    assert caplog.text.count("unplugged") == 1  # said once, not for every sound
    setup.device.refuse = False
    assert setup.player.play(sound, 1.0)
    assert setup.device.open_streams == 1


def test_close_closes_the_held_stream_and_ends_the_watcher(setup: Setup, sound: Path) -> None:
    player = setup.player
    player.hold(True)
    player.play(sound, 1.0)
    player.close()  # the app is leaving, even mid-session
    assert setup.device.open_streams == 0 and not player.is_open
    assert setup.watch()  # the watcher, on its next look, ends


def test_ready_once_the_new_stream_keeps_pace_or_when_none_opens(setup: Setup) -> None:
    player = setup.player
    assert not player.ready  # nothing open: a sound now would wait for a new stream
    player.expect_session()
    assert not player.ready
    setup.pass_time(0.6)  # the device asks for its buffers, 10 ms every 10 ms
    assert player.ready
    player.close()
    setup.device.refuse = True
    player.hold(True)
    assert player.ready  # no stream opens: nothing to wait for
