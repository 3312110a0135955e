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
CONSOLE_FORMAT = "hamtimer: %(levelname)s %(name)s: %(message)s"
QT_LOGGER = "qt"
"""The logger Qt's messages are routed to (ui.application.route_qt_messages)."""
FILE_ONLY = {"file_only": True}
"""`extra=` for a record that stderr must not show without -v."""
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
            handler = QuietFileHandler(log_file, encoding="utf-8")
        except OSError as error:
            warning = f"hamtimer: cannot write the log file {log_file}: {error.strerror}"
        else:
            handler.setFormatter(logging.Formatter(FORMAT))
            root.addHandler(handler)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    if verbose:
        console.setFormatter(logging.Formatter(CONSOLE_FORMAT))
    else:
        console.setFormatter(OneLineFormatter(CONSOLE_FORMAT))
        console.addFilter(_not_for_the_console)
    root.addHandler(console)
    return warning


class QuietFileHandler(logging.FileHandler):
    """A log file that can't be written (a full disk) says so once, in one line, and is then
    left alone: not logging's traceback on stderr at every record."""

    def __init__(self, filename: Path, encoding: str) -> None:
        super().__init__(filename, encoding=encoding)
        self.failed = False

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        if self.failed:
            return
        self.failed = True
        error = sys.exc_info()[1]
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        sys.stderr.write(f"hamtimer: the log file {self.baseFilename} can't be written: {reason}\n")

    def emit(self, record: logging.LogRecord) -> None:
        if not self.failed:
            super().emit(record)

    def close(self) -> None:
        try:
            super().close()
        except OSError:  # what was buffered could not be written either: said already
            self.failed = True


class OneLineFormatter(logging.Formatter):
    """Without -v, stderr gets one line per record: never a traceback (the file has it)."""

    def format(self, record: logging.LogRecord) -> str:
        if record.exc_info or record.exc_text or record.stack_info:
            # A copy: the file handler may have cached the traceback on the record itself.
            plain = dict(record.__dict__, exc_info=None, exc_text=None, stack_info=None)
            record = logging.makeLogRecord(plain)
        return super().format(record)


def _not_for_the_console(record: logging.LogRecord) -> bool:
    """Qt's own warnings and records marked FILE_ONLY go to the log file only (without -v):
    the first mean nothing to a runner, the second are followed by the app's own line."""
    if getattr(record, "file_only", False):
        return False
    return record.name != QT_LOGGER and not record.name.startswith(QT_LOGGER + ".")
