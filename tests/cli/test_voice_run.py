"""`hamtimer run --listen` as a real subprocess: a private PulseAudio whose null sink is both
the speakers and, through a remapped source, the default microphone. The app reads its cues
aloud into the sink and hears them back without obeying them; "timer stop" said into the
sink (espeak-ng, `paplay`) ends the session, and the terminal says what it heard."""

from __future__ import annotations

import contextlib
import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.builders import tiny_document
from tests.support.audio_capture import offscreen_session_env
from tests.support.cli import Hamtimer, app_environment
from tests.support.spoken_audio import espeak_wav
from tests.support.voice_microphone import Played

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

HOLD = {
    "schema_version": 1,
    "id": "voice-hold",
    "name": "Voice hold",
    "source": {"title": "voice command test"},
    "countdown_s": 3,
    "exercises": [
        {
            "id": "bridge",
            "name": "Bridge hold",
            "mode": "hold",
            "sides": "both",
            "hold_s": {"target": 40},
            "prepare_s": 5,
            "cues": [{"text": "Hips level", "at": "after", "offset_s": 2}],
        }
    ],
}
SAID = ("timer stop", "en-us", 200)
ATTEMPTS = 3
QUIET_AFTER_CUE_S = 3.0
"""The hold's form cue is said 2 s in; the command comes well after it and its tail."""


def lines_of(stream: object, into: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.put(line)


def test_hamtimer_run_listen_obeys_the_user_and_not_its_own_voice(tmp_path: Path) -> None:
    template = tmp_path / "hold.json"
    template.write_text(json.dumps(HOLD))
    log = tmp_path / "events.jsonl"
    with offscreen_session_env(tmp_path) as env:
        remap = ["module-remap-source", "master=hamsink.monitor", "source_name=mic"]
        subprocess.run(
            ["pactl", "load-module", *remap], env=env, check=True, timeout=10, capture_output=True
        )
        subprocess.run(["pactl", "set-default-source", "mic"], env=env, check=True, timeout=10)
        command = [sys.executable, "-m", "hamtimer", "run", str(template), "--no-keys"]
        app = subprocess.Popen(
            [*command, "--listen", "--log-events", str(log)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        out: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lines_of, args=(app.stdout, out), daemon=True).start()
        seen: list[str] = []
        try:
            while not any("Hips level" in line for line in seen):
                seen.append(out.get(timeout=90))
            time.sleep(QUIET_AFTER_CUE_S)
            for _ in range(ATTEMPTS):  # a missed command is said again, as a user would
                Played(espeak_wav(*SAID), tmp_path, env)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    app.wait(timeout=4)
                if app.poll() is not None:
                    break
            app.wait(timeout=30)
            while not out.empty():
                seen.append(out.get())
        finally:
            if app.poll() is None:
                app.kill()
                app.wait()
            errors = app.stderr.read() if app.stderr else ""
            for stream in (app.stdout, app.stderr):
                if stream is not None:
                    stream.close()
    assert app.returncode == 0, errors[-3000:]
    events = [json.loads(line)["event"] for line in log.read_text().splitlines()]
    assert any(line.startswith("Listening for “timer pause”") for line in seen), seen
    assert "  🎙  Heard “timer stop”.\n" in seen, seen
    assert "session_stopped" in events and "session_paused" not in events
    assert events.count("step_started") == 2  # get ready, then the hold it stopped


def test_without_parec_listen_is_one_line_and_the_session_runs(tmp_path: Path) -> None:
    template = tmp_path / "tiny.json"
    template.write_text(json.dumps(tiny_document(work_s=1)))
    (tmp_path / "bin").mkdir()
    env = {**app_environment(tmp_path / "home"), "PATH": str(tmp_path / "bin")}
    command = [sys.executable, "-m", "hamtimer", "run", str(template), "--no-keys", "--silent"]
    done = subprocess.run(
        [*command, "--listen"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    reason = (
        "Voice commands need PulseAudio or PipeWire's parec to hear the microphone (Linux only"
        " for now). Carrying on without voice commands.\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count(reason) == 1 and "Session complete" in done.stdout


def test_doctor_says_why_voice_commands_cannot_work_here(hamtimer: Hamtimer) -> None:
    """The test's home has a runtime folder of its own, so no sound server answers there."""
    done = hamtimer("doctor", timeout=60)
    assert done.returncode == 0, done.stderr
    assert (
        "voice commands: unavailable (No sound server (PulseAudio or PipeWire) answered, so no"
        " microphone can be heard)\n"
    ) in done.stdout
