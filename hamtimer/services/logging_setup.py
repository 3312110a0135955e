"""One logging configuration for the whole app: a log file, and stderr with -v.

The file is rotated when the app starts, once it has grown past MAX_BYTES (BACKUPS kept), not
by logging.handlers: that module pulls in socket, pickle and queue, about 5 ms of the
window's start-up, and a session never writes more than a few kilobytes.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUPS = 3


def rotate_if_large(log_file: Path) -> None:
    """app.log -> app.log.1 -> … -> app.log.BACKUPS (the oldest is dropped)."""
    try:
        if log_file.stat().st_size < MAX_BYTES:
            return
    except FileNotFoundError:
        return
    for number in range(BACKUPS - 1, 0, -1):
        older = log_file.with_name(f"{log_file.name}.{number}")
        if older.exists():
            older.replace(log_file.with_name(f"{log_file.name}.{number + 1}"))
    log_file.replace(log_file.with_name(f"{log_file.name}.1"))


def configure_logging(log_file: Path | None, verbose: bool) -> str | None:
    """Set up handlers. Returns a one-line warning when the log file cannot be opened."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for old in list(root.handlers):
        root.removeHandler(old)
    warning = None
    if log_file is not None:
        try:
            log_file.parent.mkdir(parents=True, exist_ok=True)
            rotate_if_large(log_file)
            handler = logging.FileHandler(log_file, encoding="utf-8")
        except OSError as error:
            warning = f"hamtimer: cannot write the log file {log_file}: {error.strerror}"
        else:
            handler.setFormatter(logging.Formatter(FORMAT))
            root.addHandler(handler)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("hamtimer: %(levelname)s %(name)s: %(message)s"))
    root.addHandler(console)
    return warning
