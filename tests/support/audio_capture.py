"""A real audio output for tests and benchmarks: a private PulseAudio null sink, recorded.

Qt Multimedia (the window) and `hamtimer run`'s player play into the sink; `parec` records its
monitor. Onsets found in the recording are matched to the spoken moments of the session's
`--log-events` log. The recorder and the app share no clock, so errors are taken after
removing the one constant offset (output latency plus recording start) that fits them best.
"""

from __future__ import annotations

import array
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

RATE = 44100
WINDOW_S = 0.005
LOUD = 800
TAIL_S = 1.0
"""Recording goes on this long after the session ends: its last phrase may still be playing."""

# Two spoken 3-2-1 countdowns and a form cue in a few seconds: what the audio checks listen to.
TINY_SESSION: dict[str, Any] = {
    "schema_version": 1,
    "id": "tiny",
    "name": "Tiny",
    "source": {"title": "end-to-end audio test"},
    "countdown_s": 3,
    "exercises": [
        {
            "id": "bridge",
            "name": "Bridge hold",
            "mode": "hold",
            "sides": "both",
            "hold_s": {"target": 6},
            "prepare_s": 4,
            "cues": [{"text": "Heels down", "at": "after", "offset_s": 1}],
        }
    ],
}


@contextmanager
def pulse_sink(workdir: Path) -> Iterator[dict[str, str]]:
    """A PulseAudio daemon with a null sink `hamsink`, private to `workdir`; stopped by pid."""
    if not (shutil.which("pulseaudio") and shutil.which("parec")):
        raise RuntimeError("pulseaudio and parec are missing: `make test` installs them")
    runtime = workdir / "pulse-runtime"
    runtime.mkdir(mode=0o700)
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime), HOME=str(workdir))
    log = f"file:{runtime / 'pa.log'}"
    modules = ["--load=module-null-sink sink_name=hamsink", "--load=module-native-protocol-unix"]
    subprocess.run(
        ["pulseaudio", "-D", "--exit-idle-time=-1", "-n", *modules, f"--log-target={log}"],
        env=env,
        check=True,
    )
    pid_file = runtime / "pulse" / "pid"
    try:
        yield env
    finally:
        if pid_file.exists():
            os.kill(int(pid_file.read_text().split()[0]), 15)


@contextmanager
def offscreen_session_env(workdir: Path) -> Iterator[dict[str, str]]:
    """A private sink (`pulse_sink`), Qt offscreen, and the app's cache, state and config in
    `workdir`: the environment for one spoken session in the window without a display."""
    with pulse_sink(workdir) as env:
        yield dict(
            env,
            QT_QPA_PLATFORM="offscreen",
            XDG_CACHE_HOME=str(workdir / "cache"),
            XDG_STATE_HOME=str(workdir / "state"),
            XDG_CONFIG_HOME=str(workdir / "config"),
        )


def record_session(
    command: Sequence[str], env: dict[str, str], rate: int = RATE, cwd: Path | None = None
) -> tuple[bytes, str]:
    """Run `command` to its end while the sink is recorded: the audio and the command's stderr.

    parec writes straight into a file: a pipe nobody reads during the session fills in 0.7 s,
    then parec blocks and the server may drop what it records. It runs with a short latency
    because it holds about 2 s by default and drops that when stopped."""
    raw_format = ["--format=s16le", f"--rate={rate}", "--channels=1", "--latency-msec=10"]
    with tempfile.TemporaryFile() as recording:
        recorder = subprocess.Popen(
            ["parec", "-d", "hamsink.monitor", *raw_format], stdout=recording, env=env
        )
        try:
            time.sleep(0.3)
            session = subprocess.run(
                command, env=env, timeout=180, capture_output=True, text=True, cwd=cwd
            )
            if session.returncode != 0:
                raise AssertionError(f"session failed:\n{session.stderr[-3000:]}")
            time.sleep(TAIL_S)
        finally:
            recorder.terminate()
            recorder.wait(timeout=10)
        recording.seek(0)
        raw = recording.read()
    return raw, session.stderr[-6000:]


def onsets(raw: bytes) -> list[float]:
    """Seconds from the start of the recording at which sound begins after a quiet 5 ms."""
    samples = array.array("h")
    samples.frombytes(raw[: len(raw) // 2 * 2])
    window = int(WINDOW_S * RATE)
    found, sounding = [], False
    for start in range(0, len(samples) - window, window):
        loud = max(abs(value) for value in samples[start : start + window]) > LOUD
        if loud and not sounding:
            found.append(start / RATE)
        sounding = loud
    return found


def spoken_moments(events_log: Path) -> list[dict[str, Any]]:
    """The events heard on their own: countdown numbers and timed form and halfway cues.
    (A phrase that starts with a step also starts with the step's sound.)"""
    records = [json.loads(line) for line in events_log.read_text().splitlines()]
    return [
        r for r in records if r["event"] == "countdown" or r.get("cue_kind") in ("form", "halfway")
    ]


def onset_errors(heard: list[float], planned: list[float]) -> list[float]:
    """Each planned moment's nearest onset minus the moment, once the recording is aligned.

    Every onset is tried as the first moment's; the alignment with the smallest worst error
    wins, and its errors are centred on their median (the constant latency)."""
    if not heard or not planned:
        return []
    offsets = [p - planned[0] for p in planned]

    def errors_from(anchor: float) -> list[float]:
        return [min(heard, key=lambda t: abs(t - anchor - o)) - anchor - o for o in offsets]

    best = min((errors_from(anchor) for anchor in heard), key=lambda e: max(map(abs, e)))
    latency = statistics.median(best)
    return [error - latency for error in best]
