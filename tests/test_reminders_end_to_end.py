"""Reminders end to end: the real `hamtimer remind` process on a private D-Bus session bus,
the real dunst notification daemon under Xvfb, and the clock pushed to two seconds before the
reminder time (`--pretend-now`). The notification appears (dunst runs a recording script for
it and counts it as displayed), `dunstctl action 0` clicks it, and the Start command runs: a
stand-in that writes its arguments down, in the place of the window."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.support.cli import app_environment
from tests.support.session_bus import private_session_bus
from tests.support.xvfb import xvfb_display

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(
        not all(shutil.which(tool) for tool in ("dunst", "dunstctl", "Xvfb", "dbus-daemon")),
        reason="needs dunst, Xvfb and dbus-daemon (packaging/debian-packages.txt)",
    ),
]

WAIT_S = 30.0


def _wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        assert time.monotonic() < deadline, f"no {what} after {WAIT_S} s"
        time.sleep(0.1)


@pytest.fixture
def bus() -> Iterator[str]:
    with private_session_bus() as address:
        yield address


@pytest.fixture
def display() -> Iterator[str]:
    with xvfb_display("640x480x24") as number:
        yield number


@pytest.fixture
def dunst(tmp_path: Path, bus: str, display: str) -> Iterator[Path]:
    """dunst on the private bus and display; yields the file its rule script appends every
    hamtimer notification to (app name, summary and body)."""
    shown = tmp_path / "shown.txt"
    script = tmp_path / "record.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s|%s|%s\\n" "$1" "$2" "$3" >> {shown}\n')
    script.chmod(0o755)
    config = tmp_path / "dunstrc"
    config.write_text(f"[global]\n    font = Monospace 8\n[record]\n    appname = hamtimer\n"
                      f"    script = {script}\n")  # fmt: skip
    env = {**os.environ, "DISPLAY": display, "DBUS_SESSION_BUS_ADDRESS": bus}
    daemon = subprocess.Popen(
        ["dunst", "-config", str(config)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(lambda: _dunstctl(bus, "is-paused").returncode == 0, "dunst on the bus")
        yield shown
    finally:
        daemon.terminate()
        daemon.wait(10)


def _dunstctl(bus: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": bus}
    return subprocess.run(
        ["dunstctl", *args], env=env, capture_output=True, text=True, timeout=10, check=False
    )


def _hamtimer(home: Path, bus: str | None) -> Callable[..., subprocess.CompletedProcess[str]]:
    env = app_environment(home)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    if bus is not None:
        env["DBUS_SESSION_BUS_ADDRESS"] = bus

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "hamtimer", *args],
            env=env, cwd=home, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip

    run.env = env  # type: ignore[attr-defined]
    return run


def _planned_today(home: Path, bus: str | None) -> Callable[..., subprocess.CompletedProcess[str]]:
    """A home whose plan has a session today (no hard runs: every day is allowed), with
    reminders switched on at 18:00."""
    hamtimer = _hamtimer(home, bus)
    chose = hamtimer("plan", "--program", "isometric-base", "--hard-days", "", "--long-run", "none")
    assert chose.returncode == 0, chose.stderr
    assert "Today: " in hamtimer("today").stdout
    switched = hamtimer("remind", "--on", "--at", "18:00")
    assert switched.returncode == 0, switched.stderr
    return hamtimer


def _just_before_six() -> str:
    return datetime.now().replace(hour=17, minute=59, second=58, microsecond=0).isoformat()


def test_the_reminder_appears_at_its_time_and_start_runs_the_start_command(
    tmp_path: Path, bus: str, dunst: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    hamtimer = _planned_today(home, bus)
    autostart = home / "config" / "autostart" / "hamtimer-remind.desktop"
    assert "remind" in autostart.read_text().split("Exec=")[1].splitlines()[0]
    started = tmp_path / "started.txt"
    record_arguments = f"import sys; open({str(started)!r}, 'w').write(' '.join(sys.argv[1:]))"
    stand_in = [sys.executable, "-c", record_arguments, "--start", "today"]
    process = subprocess.Popen(
        [sys.executable, "-m", "hamtimer", "remind", "--pretend-now", _just_before_six(),
         "--start-command", shlex.join(stand_in)],
        env=hamtimer.env,  # type: ignore[attr-defined]
        cwd=home, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        _wait_for(lambda: _dunstctl(bus, "count", "displayed").stdout.strip() == "1",
                  "notification displayed")  # fmt: skip
        _wait_for(dunst.exists, "recorded notification")
        app, summary, body = dunst.read_text().split("|", 2)
        assert app == "hamtimer"
        assert summary.startswith("Hamstring session today: Single-leg hamstring bridge hold")
        assert body.startswith("Isometric base, 6 weeks: week 1 of 6, session 1 of 3.")
        assert process.poll() is None  # waiting for the user
        assert _dunstctl(bus, "action", "0").returncode == 0
        _wait_for(started.exists, "start command run")
        assert started.read_text() == "--start today"
        state = home / "state" / "hamtimer" / "reminders.json"
        assert datetime.now().date().isoformat() in state.read_text()
    finally:
        process.terminate()
        _out, errors = process.communicate(timeout=10)
    assert "Traceback" not in errors


def test_no_notification_service_is_one_log_line(tmp_path: Path, bus: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    hamtimer = _planned_today(home, bus)
    after_six = (datetime.now().replace(hour=18, minute=0, second=5)).isoformat()
    result = hamtimer("remind", "--once", "--pretend-now", after_six)
    assert result.returncode == 0
    (line,) = result.stderr.strip().splitlines()
    # ServiceUnknown, or a failed activation where dunst is installed but cannot start
    assert "no reminder shown: no notification service (org.freedesktop.DBus.Error." in line


def test_no_session_bus_is_one_log_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    hamtimer = _planned_today(home, None)
    after_six = (datetime.now().replace(hour=18, minute=0, second=5)).isoformat()
    result = hamtimer("remind", "--once", "--pretend-now", after_six)
    assert result.returncode == 0
    (line,) = result.stderr.strip().splitlines()
    assert line.endswith("no reminder shown: no D-Bus session bus")
    off = hamtimer("remind", "--off")
    assert off.returncode == 0, off.stderr
    assert not list((home / "config" / "autostart").glob("*.desktop"))
    late = (datetime.now().replace(hour=18) + timedelta(minutes=1)).isoformat()
    assert "Reminders are off" in hamtimer("remind", "--pretend-now", late).stdout
