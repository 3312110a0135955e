"""A logout or `kill` ends the window like closing it: the session kept, and no speech worker
left behind (a real window offscreen, a real espeak-ng worker, a real PulseAudio null sink)."""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.audio_capture import pulse_sink

pytestmark = pytest.mark.e2e  # the app as a subprocess, PulseAudio, espeak-ng

SIGTERM_CHILD = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from hamtimer.cli import main

app = QApplication([])
QTimer.singleShot(2500, lambda: print("up", flush=True))
sys.exit(main([]))
"""


def _children(pid: int) -> set[int]:
    found = set()
    for status in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = status.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.add(int(status.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_sigterm_ends_the_window_and_its_speech_worker(tmp_path: Path) -> None:
    with pulse_sink(tmp_path) as sound:
        _run_and_terminate(tmp_path, sound)


def _run_and_terminate(tmp_path: Path, sound: dict[str, str]) -> None:
    env = {
        **{k: v for k, v in sound.items() if not k.startswith("XDG_")},
        "XDG_RUNTIME_DIR": sound["XDG_RUNTIME_DIR"],
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    with subprocess.Popen(
        [sys.executable, "-c", SIGTERM_CHILD], env=env, stdout=subprocess.PIPE, text=True
    ) as child:
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "up"
            workers = _children(child.pid)
            deadline = time.monotonic() + 10
            while not workers and time.monotonic() < deadline:
                time.sleep(0.1)
                workers = _children(child.pid)
            assert workers, "the window starts a speech worker"
            child.send_signal(signal.SIGTERM)
            assert child.wait(timeout=15) == 0
        finally:
            if child.poll() is None:
                child.kill()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)]
