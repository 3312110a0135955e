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


def write_atomic(path: Path, text: str, sync_folder: bool = True, mode: int | None = None) -> None:
    """`sync_folder=False` leaves the folder's fsync to the caller, who makes several renames
    in one folder durable with one `fsync_folder` at the end. The file is private (0600, as
    temporary files are made) unless `mode` says otherwise (for a file meant to be shared)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed before the rename)
        "w", encoding="utf-8", dir=path.parent, prefix=path.name + ".", suffix=PART_SUFFIX,
        delete=False,
    )  # fmt: skip
    try:
        with handle:
            handle.write(text)
            if mode is not None and os.chmod in os.supports_fd:  # not on Windows
                os.chmod(handle.fileno(), mode)  # noqa: PTH101 (by descriptor, no path race)
            handle.flush()
            os.fsync(handle.fileno())
        _replace(Path(handle.name), path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(handle.name).unlink()
        raise
    if sync_folder:
        fsync_folder(path.parent)


def link_atomic(source: Path, target: Path) -> bool:
    """Make `target` another name for `source`'s current contents (a hard link, renamed into
    place), with no data to copy or fsync. False where the filesystem has no hard links."""
    temp = target.with_name(target.name + PART_SUFFIX)
    try:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        os.link(source, temp)
        _replace(temp, target)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()
        return False
    return True


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
