"""Which library opens `hamtimer run`'s output stream: miniaudio or sounddevice (PortAudio)?

The same mixer (services/speech/mixer.py) feeds each library's stream in a child process with
one core kept busy; the child hands the mixer a sound every 0.35 s, each at its planned moment
(as the session does: the event reaches the player at or after its moment), for SOUNDS sounds,
into a private PulseAudio null sink whose monitor is recorded. Each sound is found in the
recording by cross-correlation (tests/support/phrase_onsets.py). Reported per library: onset
error p50 / p95 / max after the constant latency, sounds not heard, and the child's CPU time.

`python -m tests.bench.stream_backends` (a few minutes); not part of `make bench`: it chose the
library once, its figures are in the README.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Generator
from pathlib import Path
from typing import Any, cast

from hamtimer.services.speech.mixer import Mixer
from hamtimer.services.speech.stream_audio import (
    PERIOD_MS,
    RATE,
    OutputStream,
    StreamAudioPlayer,
    open_sounddevice_stream,
)
from tests.bench.busy_core import one_core_busy
from tests.support.audio_capture import pulse_sink, record_session
from tests.support.phrase_onsets import Expected, find_items, read_wav, recorded

SOUNDS = 60
SPACING_S = 0.35
RUNS = 3
LIBRARIES = ("miniaudio", "sounddevice")
SOUND = Path(__file__).resolve().parents[2] / "assets" / "sounds" / "go.wav"


def open_miniaudio_stream(mixer: Mixer) -> OutputStream:
    """miniaudio's playback device (PyPI `miniaudio`, a dev dependency for this comparison)."""
    import miniaudio

    device = miniaudio.PlaybackDevice(
        output_format=miniaudio.SampleFormat.SIGNED16,
        nchannels=1,
        sample_rate=mixer.rate,
        buffersize_msec=PERIOD_MS,
        app_name="hamtimer",
    )
    feed = _feed(mixer)
    next(feed)
    device.start(feed)
    return cast(OutputStream, device)


def _feed(mixer: Mixer) -> Generator[bytes, int, None]:
    """miniaudio's callback protocol: it sends the number of frames wanted, we yield them."""
    frames = yield b""
    while True:
        frames = yield mixer.render(frames)


def play_sounds(library: str, moments_path: Path) -> None:
    """The child: open the stream, play SOUNDS sounds at their moments, write the moments."""
    opener = open_miniaudio_stream if library == "miniaudio" else open_sounddevice_stream
    player = StreamAudioPlayer.open(opener)
    player.preload(SOUND)
    time.sleep(0.5)
    start = time.monotonic() + 0.2
    moments = []
    for n in range(SOUNDS):
        planned = start + n * SPACING_S
        time.sleep(max(0.0, planned - time.monotonic()))
        player.play(SOUND, 1.0, at=planned)
        moments.append(planned)
    player.close()
    moments_path.write_text(json.dumps({"moments": moments, "cpu_s": time.process_time()}))


def one_run(library: str, env: dict[str, str], workdir: Path, n: int) -> dict[str, Any]:
    moments_path = workdir / f"{library}-{n}.json"
    command = [sys.executable, "-m", "tests.bench.stream_backends", "--child", library]
    with one_core_busy():
        raw, _stderr = record_session([*command, str(moments_path)], env, rate=RATE)
    played = json.loads(moments_path.read_text())
    audio = read_wav(SOUND)
    items = [Expected(f"sound {i}", "sound", t, audio) for i, t in enumerate(played["moments"])]
    found = find_items(recorded(raw), items, search_s=(SPACING_S / 2, SPACING_S / 2))
    return {
        "sequence_ms": [round((f.error_s or 0) * 1000, 1) for f in found],
        "errors_ms": [abs(f.error_s) * 1000 for f in found if f.error_s is not None],
        "not_heard": sum(1 for f in found if f.onset is None),
        "cpu_s": played["cpu_s"],
    }


def measure() -> dict[str, Any]:
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp, pulse_sink(Path(tmp)) as env:
        for library in LIBRARIES:
            runs = [one_run(library, env, Path(tmp), n) for n in range(RUNS)]
            errors = sorted(e for run in runs for e in run["errors_ms"])
            figures[library] = {
                "sounds": len(errors),
                "not_heard": sum(run["not_heard"] for run in runs),
                "onset_p50_ms": statistics.median(errors),
                "onset_p95_ms": errors[round(0.95 * (len(errors) - 1))],
                "onset_max_ms": errors[-1],
                "cpu_s_per_run": statistics.median(run["cpu_s"] for run in runs),
                "first_run_ms": runs[0]["sequence_ms"],
            }
    return figures


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        play_sounds(sys.argv[2], Path(sys.argv[3]))
    else:
        print(json.dumps(measure(), indent=2))
