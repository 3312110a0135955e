"""Running the real `hamtimer` command in a home of its own, for the end-to-end CLI tests."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

Hamtimer = Callable[..., subprocess.CompletedProcess[str]]


def app_environment(home: Path) -> dict[str, str]:
    """The parent's environment minus any display, with every user folder inside `home`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
        and not key.startswith("XDG_")
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_RUNTIME_DIR=str(home / "runtime"),
        PYTHONIOENCODING="utf-8",
    )
    return env


def hamtimer_in(home: Path, cwd: Path) -> Hamtimer:
    """`run(*args, timeout=30)`: the app as a user starts it, its output decoded leniently so
    a test can assert on whatever bytes a hostile input produced."""

    def run(*args: str, timeout: float = 30.0) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "hamtimer", *args],
            env=app_environment(home),
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
            check=False,
        )

    return run
