"""`hamtimer run` as a real subprocess on a private session bus, driven by the real
`playerctl`: pause, resume, skip, go back and stop, and the metadata following the step."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli import app_environment
from tests.support.playerctl import playerctl, wait_for
from tests.support.session_bus import private_session_bus

pytestmark = pytest.mark.e2e  # dbus-daemon, playerctl and the app as a subprocess

LONG = {
    "schema_version": 1,
    "id": "long",
    "name": "Long enough to drive",
    "source": {"title": "A test"},
    "countdown_s": 0,
    "rest_between_exercises_s": 0,
    "exercises": [
        {
            "id": "go",
            "name": "Quick go",
            "mode": "timed",
            "work_s": 60,
            "prepare_s": 60,
            "rest_between_sides_s": 0,
            "rest_between_sets_s": 0,
        }
    ],
}
TITLE = ("metadata", "--format", "{{title}} | {{artist}} | {{mpris:length}}")


def test_playerctl_pauses_resumes_skips_goes_back_and_stops_a_terminal_session(
    tmp_path: Path,
) -> None:
    path = tmp_path / "long.json"
    path.write_text(json.dumps(LONG), encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    with private_session_bus() as bus:
        app = subprocess.Popen(
            [sys.executable, "-m", "hamtimer", "run", str(path), "--no-keys", "--silent"],
            env={**app_environment(home), "DBUS_SESSION_BUS_ADDRESS": bus},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=Path.cwd(),
        )
        try:
            assert wait_for(bus, ("status",), "Playing", timeout=30) == "Playing"
            first = playerctl(bus, *TITLE)
            assert first.startswith("Quick go | Both legs · Get ready") and first.endswith(
                "60000000"
            ), first
            playerctl(bus, "pause")
            assert wait_for(bus, ("status",), "Paused") == "Paused"
            playerctl(bus, "play")
            assert wait_for(bus, ("status",), "Playing") == "Playing"
            playerctl(bus, "next")
            second = wait_for(bus, TITLE, "Quick go | Both legs · Work | 60000000")
            assert second == "Quick go | Both legs · Work | 60000000"
            playerctl(bus, "previous")  # in the step's first seconds: the one before
            assert wait_for(bus, TITLE, first) == first
            playerctl(bus, "play-pause")
            assert wait_for(bus, ("status",), "Paused") == "Paused"
            playerctl(bus, "stop")  # ends the session without asking
            out, err = app.communicate(timeout=30)
        finally:
            if app.poll() is None:
                app.kill()
                app.communicate()
        assert playerctl(bus, "status") == ""  # the player is gone with the session
    assert app.returncode == 0, err
    assert "Traceback" not in err
    assert out.count("Paused (paused)") == 2
    assert "Carrying on." in out
    assert "(skipped)" in out
    assert "Session stopped." in out
    assert out.index("WORK") < out.rindex("GET READY")  # went back to the first step
