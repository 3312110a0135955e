"""Files replaced whole or not at all: what the history and the settings are written with.

Temp file in the same folder, flush, fsync, `os.replace`, then fsync of the folder so the
rename itself survives a power cut. On Windows a file briefly held open by another program
(an antivirus, a backup tool) makes `os.replace` fail; it is retried a bounded number of times.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
from pathlib import Path

PART_SUFFIX = ".part"
REPLACE_RETRIES = 10
RETRY_PAUSE_S = 0.05


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed before the rename)
        "w", encoding="utf-8", dir=path.parent, prefix=path.name + ".", suffix=PART_SUFFIX,
        delete=False,
    )  # fmt: skip
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        _replace(Path(handle.name), path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(handle.name).unlink()
        raise
    fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows has no directory handles for this)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _replace(source: Path, target: Path) -> None:
    for attempt in range(REPLACE_RETRIES):
        try:
            source.replace(target)
            return
        except PermissionError:
            if not sys.platform.startswith("win") or attempt == REPLACE_RETRIES - 1:
                raise
            time.sleep(RETRY_PAUSE_S)
