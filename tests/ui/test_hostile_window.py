"""The window offscreen, started over a home full of hostile files (issue 15): it opens with
the built-in templates, says once what it could not load, and still ends on SIGTERM (a FIFO
among the templates once hung it past SIGTERM)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from hamtimer.core.history import record_to_json
from tests.history_records import small_record
from tests.hostile_corpus import plant, session_document
from tests.support.cli import app_environment

pytestmark = pytest.mark.e2e  # the app as a subprocess

# Once the templates are loaded (after the first frame), one JSON line says what the window has.
CHILD = """
import json
import sys
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from hamtimer.cli import main
from hamtimer.ui.main_window import MainWindow

app = QApplication([])
deadline = time.monotonic() + 60

def report_when_loaded():
    window = next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow)), None)
    if window is None or not window._templates_loaded:
        if time.monotonic() < deadline:
            QTimer.singleShot(50, report_when_loaded)
        else:
            print(json.dumps({"not loaded": True}), flush=True)
        return
    QTimer.singleShot(500, lambda: print(json.dumps({
        "templates": len(window.browser.library),
        "status": window.statusBar().currentMessage(),
    }), flush=True))

QTimer.singleShot(0, report_when_loaded)
sys.exit(main([]))
"""


def _hostile_home(home: Path) -> None:
    data, config, state = home / "data" / "hamtimer", home / "config" / "hamtimer", home / "state"
    plant(data / "templates" / "fifo.json", "fifo")
    plant(data / "templates" / "deep.json", "deep")
    plant(data / "templates" / "huge.json", "huge-integer")
    plant(config / "settings.json", "deep")
    plant(config / "template-choices.json", "surrogate")
    record = record_to_json(small_record(1))
    plant(data / "history" / "sessions" / "2026-11" / "x.json", "deep")
    plant(data / "history" / "sessions" / "2026-11" / "y.json", "nan", session_document(record))
    journal = state / "hamtimer" / "history" / "journals" / "journal-z.json"
    plant(journal, "dates", {"schema_version": 1, "session": record})


def test_the_window_opens_over_hostile_files_and_ends_on_sigterm(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    _hostile_home(home)
    env = {**app_environment(home), "QT_QPA_PLATFORM": "offscreen"}
    with subprocess.Popen(
        [sys.executable, "-c", CHILD],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as child:
        try:
            assert child.stdout is not None
            report = json.loads(child.stdout.readline())
            child.send_signal(signal.SIGTERM)
            _rest, stderr = child.communicate(timeout=20)
        finally:
            if child.poll() is None:
                child.kill()
                child.communicate()
    assert report.get("templates", 0) >= 2, report  # the built-ins, at least
    assert "can't be loaded" in report["status"]
    assert "Traceback" not in stderr, stderr
    assert child.returncode is not None
