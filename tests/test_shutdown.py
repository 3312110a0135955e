"""A logout or `kill` ends the window like closing it: the running session kept in the history,
and no speech worker left behind (a real window offscreen, a real espeak-ng worker, a real
PulseAudio null sink)."""

from __future__ import annotations

import contextlib
import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from hamtimer.core.session_record import SessionStatus
from hamtimer.services.history import HistoryStore
from tests.support.audio_capture import pulse_sink

pytestmark = pytest.mark.e2e  # the app as a subprocess, PulseAudio, espeak-ng

# The real entry point. Once the window has its templates and its voice (both attached after
# the first frame) and the speech engine has started, Enter starts the selected session; once
# it runs (Start may wait for the audio stream), one JSON line says so. Not ready within
# READY_S: a line saying why, and exit 3.
SIGTERM_CHILD = """
import json
import sys
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from hamtimer.cli import main
from hamtimer.ui.main_window import MainWindow

READY_S = 60
app = QApplication([])
deadline = time.monotonic() + READY_S

def start_when_ready():
    window = next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow)), None)
    voice = window.voice if window is not None else None
    if voice is None or not voice.status_text().startswith("Voice: espeak"):
        if time.monotonic() < deadline:
            QTimer.singleShot(20, start_when_ready)
        else:
            print(json.dumps({"not ready": voice.status_text() if voice else "no voice"}))
            sys.stdout.flush()
            app.exit(3)
        return
    window.on_shortcut("enter")
    report_when_started(window)

def report_when_started(window):
    # Start may first wait (3 s at most) for the audio stream to keep pace.
    if not window.in_session and time.monotonic() < deadline:
        QTimer.singleShot(20, lambda: report_when_started(window))
        return
    started = {"template_id": window.browser.selected().id, "in_session": window.in_session}
    print(json.dumps(started), flush=True)

QTimer.singleShot(0, start_when_ready)
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


def test_sigterm_ends_the_window_and_its_speech_worker_and_keeps_the_session(
    tmp_path: Path,
) -> None:
    with pulse_sink(tmp_path) as sound:
        started = _run_and_terminate(tmp_path, sound)

    history = HistoryStore(
        tmp_path / "data" / "hamtimer" / "history", tmp_path / "state" / "hamtimer" / "history"
    )
    [entry] = history.load().entries
    assert entry.template_id == started["template_id"]
    # shut_down() stops the session, which the recorder saves as stopped; a session only
    # recovered from its journal at the next start would be interrupted instead.
    assert entry.status == SessionStatus.INTERRUPTED  # ended by the system, not the user
    assert entry.ended >= entry.started
    assert not list(history.journals_dir.glob("journal-*"))  # saved now, not left for recovery


def _run_and_terminate(tmp_path: Path, sound: dict[str, str]) -> dict[str, Any]:
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
            line = child.stdout.readline()
            assert line, "the app ended before a session started"
            started: dict[str, Any] = json.loads(line)
            assert started.get("in_session"), started
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
    return started
