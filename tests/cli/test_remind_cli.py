"""`hamtimer remind --on/--off/--at` through the real command line: the setting, the
autostart entry or the systemd units, and one line for a bad option."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.support.cli import Hamtimer

pytestmark = pytest.mark.e2e


def _config(tmp_path: Path) -> Path:
    return tmp_path / "home" / "config"


def test_on_writes_the_autostart_entry_and_off_removes_it(
    hamtimer: Hamtimer, tmp_path: Path
) -> None:
    on = hamtimer("remind", "--on", "--at", "7:30")
    assert on.returncode == 0, on.stderr
    entry = _config(tmp_path) / "autostart" / "hamtimer-remind.desktop"
    assert "Reminders on, at 07:30" in on.stdout and f"Wrote {entry}." in on.stdout
    assert entry.read_text().startswith("[Desktop Entry]\n")
    settings = json.loads((_config(tmp_path) / "hamtimer" / "settings.json").read_text())
    assert settings["reminders"] == {"enabled": True, "time": "07:30"}
    off = hamtimer("remind", "--off")
    assert off.returncode == 0 and f"Removed {entry}." in off.stdout
    assert not entry.exists()
    assert "Reminders are off" in hamtimer("remind", "--once").stdout


@pytest.mark.skipif(shutil.which("systemctl") is None, reason="needs systemctl")
def test_on_with_systemd_writes_the_units_instead(hamtimer: Hamtimer, tmp_path: Path) -> None:
    hamtimer("remind", "--on")
    result = hamtimer("remind", "--on", "--systemd", "--at", "19:15")
    assert result.returncode == 0, result.stderr
    units = _config(tmp_path) / "systemd" / "user"
    timer = (units / "hamtimer-remind.timer").read_text()
    assert "OnCalendar=*-*-* 19:15:00" in timer
    assert "remind --once" in (units / "hamtimer-remind.service").read_text()
    assert not (_config(tmp_path) / "autostart" / "hamtimer-remind.desktop").exists()
    # A session without a user manager (this one): the command to run instead.
    assert "systemctl --user enable --now hamtimer-remind.timer" in result.stdout or (
        "Enabled the systemd user timer" in result.stdout
    )
    moved = hamtimer("remind", "--at", "6:00")  # keeps the way it starts, changes the time
    assert "OnCalendar=*-*-* 06:00:00" in (units / "hamtimer-remind.timer").read_text(), moved


@pytest.mark.parametrize("at", ["25:00", "soon"])
def test_a_bad_time_is_one_line_and_changes_nothing(
    hamtimer: Hamtimer, tmp_path: Path, at: str
) -> None:
    result = hamtimer("remind", "--on", "--at", at)
    assert result.returncode == 1
    assert result.stderr.strip() == f"hamtimer: --at '{at}' is not a time like 18:00"
    assert not (_config(tmp_path) / "autostart").exists()
