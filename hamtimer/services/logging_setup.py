"""One logging configuration for the whole app: a rotating file, and stderr with -v."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def configure_logging(log_file: Path | None, verbose: bool) -> str | None:
    """Set up handlers. Returns a one-line warning when the log file cannot be opened."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        root.removeHandler(handler)
    warning = None
    if log_file is not None:
        try:
            log_file.parent.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(
                log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
            )
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
