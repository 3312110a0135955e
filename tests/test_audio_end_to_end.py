"""The one real end-to-end audio test: the real window speaks through a real PulseAudio sink.

A PulseAudio daemon with a null sink gives Qt Multimedia a real output; `parec` records the
sink's monitor while a short session runs through the real entry point (tests/bench/
gui_session.py, offscreen). The onsets found in the recording must be spaced as the plan says:
the spoken 3-2-1 and a form cue, within +-30 ms. Spacing needs no clock shared with the app.
"""

from __future__ import annotations

import array
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

RATE = 44100
WINDOW_S = 0.005
LOUD = 800
TOLERANCE_S = 0.030

TINY = {
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


@pytest.fixture
def pulse_sink(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A private PulseAudio daemon with a null sink; stopped by its pid."""
    assert shutil.which("pulseaudio") and shutil.which("parec"), "make test installs pulseaudio"
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime), HOME=str(tmp_path))
    subprocess.run(
        [
            "pulseaudio",
            "-D",
            "--exit-idle-time=-1",
            "-n",
            "--load=module-null-sink sink_name=hamsink",
            "--load=module-native-protocol-unix",
            f"--log-target=file:{runtime / 'pa.log'}",
        ],
        env=env,
        check=True,
    )
    pid_file = runtime / "pulse" / "pid"
    try:
        yield env
    finally:
        if pid_file.exists():
            os.kill(int(pid_file.read_text().split()[0]), 15)


def onsets(raw: bytes) -> list[float]:
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


def test_spoken_countdown_and_cue_are_heard_where_the_plan_puts_them(
    pulse_sink: dict[str, str], tmp_path: Path
) -> None:
    template = tmp_path / "tiny.json"
    template.write_text(json.dumps(TINY))
    events = tmp_path / "events.jsonl"
    env = dict(
        pulse_sink,
        QT_QPA_PLATFORM="offscreen",
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    recorder = subprocess.Popen(
        ["parec", "-d", "hamsink.monitor", "--format=s16le", f"--rate={RATE}", "--channels=1"],
        stdout=subprocess.PIPE,
        env=env,
    )
    try:
        time.sleep(0.3)
        subprocess.run(
            [sys.executable, "-m", "tests.bench.gui_session", str(template), str(events)],
            env=env,
            check=True,
            timeout=90,
            capture_output=True,
        )
    finally:
        recorder.terminate()
        raw, _ = recorder.communicate(timeout=10)
    heard = onsets(raw)
    records = [json.loads(line) for line in events.read_text().splitlines()]
    spoken = [r for r in records if r["event"] == "countdown" or r.get("text") == "Heels down"]
    planned = [r["planned"] - spoken[0]["planned"] for r in spoken]
    assert len(planned) == 7  # 3-2-1 before the hold, the cue, 3-2-1 before the end

    def matches(anchor: float) -> list[float]:
        return [min(heard, key=lambda t: abs(t - anchor - p)) - anchor - p for p in planned]

    errors = min((matches(anchor) for anchor in heard), key=lambda e: max(map(abs, e)))
    assert max(map(abs, errors)) <= TOLERANCE_S, (errors, heard)
