"""Why the window can't be heard, in words: a real missing audio server, and Qt Multimedia
failing to load as it does without Debian's libpulse0 (faked: the library can't be removed
from under a test)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PRINT_PROBLEM = (
    "from hamtimer.services.speech.qt_audio import audio_problem; print(audio_problem())"
)

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
