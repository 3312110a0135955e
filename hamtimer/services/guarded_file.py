"""The one way hamtimer reads a file it did not just write: a regular file only, opened
without blocking (a FIFO named *.json must not hang the app), read up to a size limit, strict
UTF-8, and for JSON the checks of core.json_guard before parsing.

Every refusal is a `GuardedFileError` (a ValueError, so callers that already handled damaged
files handle these too) whose str() is a short reason ("not a regular file", "nested more than
64 levels deep"). FileNotFoundError and IsADirectoryError pass through unchanged: "absent" is
a normal state for most files, and reading a folder was always an OSError.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

from hamtimer.core.json_guard import (
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_DIGITS,
    UnsafeJsonError,
    decode_utf8,
    loads_guarded,
)

DEFAULT_MAX_BYTES = 10_000_000


class GuardedFileError(UnsafeJsonError):
    """A file refused by the guarded reader (not regular, too large, not UTF-8, unsafe JSON)."""


def read_bytes(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes. Raises FileNotFoundError, OSError, or GuardedFileError."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise GuardedFileError("a symbolic link loop") from None
        raise
    # Non-blocking open: a FIFO would otherwise wait for a writer forever; it is refused below.
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):  # an OSError, as reading a folder always was
            raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise GuardedFileError("not a regular file (a pipe, device or folder)")
        if info.st_size > max_bytes:
            raise _too_large(info.st_size, max_bytes)
        data = handle.read(max_bytes + 1)  # the file may have grown since fstat
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    return data


class FileTooLargeError(GuardedFileError):
    def __init__(self, size: int, max_bytes: int) -> None:
        super().__init__(f"{size / 1_000_000:.1f} MB, over the {max_bytes / 1_000_000:g} MB limit")
        self.size = size


def _too_large(size: int, max_bytes: int) -> FileTooLargeError:
    return FileTooLargeError(size, max_bytes)


def read_text(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    try:
        return decode_utf8(read_bytes(path, max_bytes=max_bytes))
    except GuardedFileError:
        raise
    except UnsafeJsonError as error:
        raise GuardedFileError(str(error)) from None


def read_json(
    path: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_number_digits: int = DEFAULT_MAX_DIGITS,
) -> Any:
    """The file's JSON document, checked as the module docstring says."""
    return parse_json(
        read_text(path, max_bytes=max_bytes), max_depth=max_depth, max_digits=max_number_digits
    )


def parse_json(
    text: str, *, max_depth: int = DEFAULT_MAX_DEPTH, max_digits: int = DEFAULT_MAX_DIGITS
) -> Any:
    """Guarded parsing of text already read (through `read_text`)."""
    try:
        return loads_guarded(text, max_depth=max_depth, max_digits=max_digits)
    except GuardedFileError:
        raise
    except UnsafeJsonError as error:
        raise GuardedFileError(str(error)) from None
