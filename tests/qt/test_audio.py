"""The window's player: why it can't be heard, in words (a real missing audio server, and Qt
Multimedia failing to load as it does without Debian's libpulse0, faked: the library can't be
removed from under a test); and, with a real PulseAudio sink, that it stops every sound itself
rather than letting Qt end it on the audio thread."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hamtimer.qt.audio import STOP_AFTER_END_S, TAIL_SILENCE_S, QtAudioPlayer, window_audio
from hamtimer.services.speech.wav import read_pcm, wav_length_s
from tests.support.audio_capture import pulse_sink

PRINT_PROBLEM = "from hamtimer.qt.audio import audio_problem; print(audio_problem())"

NO_LIBPULSE = """
import importlib.abc, sys

class NoLibpulse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "PySide6.QtMultimedia":
            raise ImportError("libpulse.so.0: cannot open shared object file: No such file")
        return None

sys.meta_path.insert(0, NoLibpulse())
"""


def problem_in_child(tmp_path: Path, prelude: str = "") -> str:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_RUNTIME_DIR=str(tmp_path),
        PULSE_SERVER=f"unix:{tmp_path / 'no-such-server'}",
    )
    done = subprocess.run(
        [sys.executable, "-c", prelude + PRINT_PROBLEM],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


def test_no_sound_server_means_no_audio_output(tmp_path: Path) -> None:
    assert problem_in_child(tmp_path) == "no audio output device found"


def test_qt_multimedia_without_libpulse_names_the_package_to_install(tmp_path: Path) -> None:
    assert problem_in_child(tmp_path, NO_LIBPULSE) == (
        "the audio library is missing (libpulse0); install it to hear cues"
    )


PLAY_ONCE = """
import json, sys, time
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QTimer
from hamtimer.qt.audio import QtAudioPlayer

app = QCoreApplication([])
sound, copies = Path(sys.argv[1]), Path(sys.argv[2])
player = QtAudioPlayer(copies)
player.preload(sound)
loaded = player._sounds[sound]
seen = []
moments = []
loaded.stopper.timeout.connect(lambda: seen.append("player stops it"))
loaded.effect.playingChanged.connect(
    lambda: seen.append("playing" if loaded.effect.isPlaying() else "ended")
)
for signal in (loaded.stopper.timeout, loaded.effect.playingChanged):
    signal.connect(lambda: moments.append(round(time.monotonic(), 3)))
def play_when_ready():
    if loaded.effect.status() == loaded.effect.Status.Ready:
        player.play(sound, 0.5)

loaded.effect.statusChanged.connect(play_when_ready)
QTimer.singleShot(10_000, app.quit)
loaded.effect.playingChanged.connect(lambda: "ended" in seen and QTimer.singleShot(100, app.quit))
app.exec()
print(json.dumps({
    "source": loaded.effect.source().toLocalFile(),
    "stop_after_ms": loaded.stopper.interval(),
    "seen": seen,
    "moments": moments,
}))
"""


@pytest.mark.e2e  # a real PulseAudio sink
def test_the_player_stops_each_sound_in_its_silent_tail(tmp_path: Path) -> None:
    sound = Path(__file__).parents[2] / "assets" / "sounds" / "go.wav"
    with pulse_sink(tmp_path) as env:
        done = subprocess.run(
            [sys.executable, "-c", PLAY_ONCE, str(sound), str(tmp_path / "copies")],
            env=dict(env, QT_QPA_PLATFORM="offscreen"),
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
    played = json.loads(done.stdout.strip().splitlines()[-1])
    copy = Path(played["source"])
    assert copy.parent == tmp_path / "copies" and copy.stem.startswith("go-")
    assert wav_length_s(copy) == pytest.approx(wav_length_s(sound) + TAIL_SILENCE_S, abs=0.001)
    assert played["stop_after_ms"] == round((wav_length_s(sound) + STOP_AFTER_END_S) * 1000)
    # Stopped by the player's timer (the stop runs before the test's own slot on that timer),
    # during the silence: never left to end by itself on Qt's audio thread, 0.4 s later.
    assert played["seen"] == ["playing", "ended", "player stops it"]
    _started, ended, stop_fired = played["moments"]
    assert stop_fired - ended < 0.05


def test_the_silent_tailed_copy_is_made_once_and_named_by_content(tmp_path: Path) -> None:
    sound = Path(__file__).parents[2] / "assets" / "sounds" / "tick.wav"
    player = QtAudioPlayer(tmp_path / "copies")

    copy, length_s = player._with_silent_tail(sound)
    made = copy.stat().st_mtime_ns
    again, length_again = player._with_silent_tail(sound)

    assert (again, length_again) == (copy, length_s) and length_s == wav_length_s(sound)
    assert copy.stat().st_mtime_ns == made
    assert copy.name.startswith("tick-") and copy.suffix == ".wav"


def test_a_sound_that_cannot_be_copied_plays_as_it_is(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.wav"
    damaged.write_bytes(b"RIFF not really a wav")

    assert QtAudioPlayer(tmp_path / "copies")._with_silent_tail(damaged) == (damaged, None)


@pytest.mark.usefixtures("qapp")
def test_keep_awake_loops_the_quiet_tone_until_told_to_stop(tmp_path: Path) -> None:
    """Offscreen, with no device the loop can't sound, but it is set up: the tone's file (one
    -60 dBFS 20 Hz second, whole periods) and an effect that loops it for ever."""
    from PySide6.QtMultimedia import QSoundEffect

    player = QtAudioPlayer(tmp_path / "copies")
    player.keep_awake(True)
    tone = read_pcm(tmp_path / "copies" / "keep-alive-20hz.wav")
    assert 0 < tone.peak() <= 33 and tone.rate == 22050
    effect = player._keep_alive
    assert effect is not None
    assert effect.loopCount() == QSoundEffect.Loop.Infinite.value
    player.keep_awake(False)
    player.close()
    assert not effect.isPlaying()


def test_the_window_plays_through_a_stream_opened_on_demand_and_falls_back_to_qt_multimedia(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from hamtimer.services.speech import stream_audio
    from hamtimer.services.speech.session_stream import SessionStreamPlayer

    monkeypatch.setattr(stream_audio, "stream_problem", lambda: None)
    audio, problem = window_audio(tmp_path)
    assert isinstance(audio, SessionStreamPlayer) and problem is None
    assert not audio.is_open  # no device is held until a session is chosen

    monkeypatch.setattr(
        stream_audio, "stream_problem", lambda: "PortAudio is not available (no libportaudio2)"
    )
    monkeypatch.setattr("hamtimer.qt.audio.audio_problem", lambda: "no audio output device found")
    audio, problem = window_audio(tmp_path)
    assert isinstance(audio, QtAudioPlayer) and problem == "no audio output device found"
    lines = [r.getMessage() for r in caplog.records if "Qt Multimedia" in r.getMessage()]
    assert lines == [
        "audio: PortAudio is not available (no libportaudio2); playing with Qt Multimedia instead"
    ]
