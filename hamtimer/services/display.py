"""Is there a screen to open a window on? Asked before Qt is, because Qt aborts the process."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

HEADLESS_PLATFORMS = {"offscreen", "minimal", "vnc", "eglfs", "linuxfb"}

NO_DISPLAY_HINT = (
    "run the window under a virtual display with `xvfb-run -a hamtimer`, "
    "or train in the terminal with `hamtimer run TEMPLATE`"
)


def display_problem(
    environ: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    x11_socket_dir: Path = Path("/tmp/.X11-unix"),
    unix_sockets: Path = Path("/proc/net/unix"),
) -> str | None:
    """One line saying why no window can open, or None when one can (as far as we can tell)."""
    env = os.environ if environ is None else environ
    if not platform.startswith("linux"):
        return None
    requested = env.get("QT_QPA_PLATFORM", "").split(":")[0]
    if requested in HEADLESS_PLATFORMS:
        return None
    if env.get("WAYLAND_DISPLAY") and requested in ("", "wayland"):
        return None
    display = env.get("DISPLAY", "")
    if not display:
        return f"hamtimer: no display found (DISPLAY is not set); {NO_DISPLAY_HINT}"
    local = re.fullmatch(r"(?:unix)?:(\d+)(?:\.\d+)?", display)
    if local and not _x_server_listening(local.group(1), x11_socket_dir, unix_sockets):
        return f"hamtimer: no X server is running on DISPLAY={display}; {NO_DISPLAY_HINT}"
    return None


def _x_server_listening(number: str, socket_dir: Path, unix_sockets: Path) -> bool:
    """The display's socket file, or its abstract socket (a sandbox may hide /tmp)."""
    if (socket_dir / f"X{number}").exists():
        return True
    try:
        listing = unix_sockets.read_text(errors="replace")
    except OSError:
        return False
    return f"@{socket_dir}/X{number}\n" in listing or f"@{socket_dir}/X{number} " in listing
