"""The real `playerctl`, pointed at a private session bus, for the MPRIS end-to-end tests."""

from __future__ import annotations

import os
import subprocess
import time

PLAYER = "hamtimer"


def playerctl(address: str, *args: str) -> str:
    """Run `playerctl --player=hamtimer ARGS` on the bus at `address`; its output, stripped
    ("" when it fails: no player yet, or none any more)."""
    result = subprocess.run(
        ["playerctl", f"--player={PLAYER}", *args],
        env={**os.environ, "DBUS_SESSION_BUS_ADDRESS": address},
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    return result.stdout.strip() if result.returncode == 0 else ""


def wait_for(address: str, args: tuple[str, ...], expected: str, timeout: float = 10.0) -> str:
    """Ask playerctl until it answers `expected` (the player's states change on its thread,
    at most a tenth of a second after the session's); the last answer."""
    deadline = time.monotonic() + timeout
    answer = playerctl(address, *args)
    while answer != expected and time.monotonic() < deadline:
        time.sleep(0.05)
        answer = playerctl(address, *args)
    return answer
