"""A private Xvfb for the GUI benchmarks (started once, found by -displayfd, stopped by pid),
and the environment of a window started on it with a home of its own."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def window_env(display: str, home: Path, **extra: str) -> dict[str, str]:
    """This process's environment, on `display` (xcb), with every user folder in `home`."""
    return dict(
        os.environ,
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        **extra,
    )


@contextmanager
def xvfb_display(size: str = "1400x900x24") -> Iterator[str]:
    """Yield a DISPLAY value (":N") served by a fresh Xvfb, killed on exit."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", size, "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as reader:
            number = reader.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start (is the xvfb package installed?)")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)
