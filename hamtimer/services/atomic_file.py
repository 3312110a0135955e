"""Files replaced whole or not at all: what the history and the settings are written with.

Temp file in the same folder, flush, fsync, `os.replace`, then fsync of the folder so the
rename itself survives a power cut. On Windows a file briefly held open by another program
(an antivirus, a backup tool) makes `os.replace` fail; it is retried a bounded number of times.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
import time
from pathlib import Path

PART_SUFFIX = ".part"
DEFAULT_MODE = 0o666
"""What `open()` asks for a new file; the umask takes away from it."""
REPLACE_RETRIES = 10
RETRY_PAUSE_S = 0.05


def write_atomic(path: Path, text: str, sync_folder: bool = True) -> None:
    """`sync_folder=False` leaves the folder's fsync to the caller, who makes several renames
    in one folder durable with one `fsync_folder` at the end.

    The file gets the permissions a file the user saves normally gets (0666 less the umask),
    or keeps those of the file it replaces: a temporary file's private 0600 must not become
    an exported file's (the mode goes with the rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed before the rename)
        "w", encoding="utf-8", dir=path.parent, prefix=path.name + ".", suffix=PART_SUFFIX,
        delete=False,
    )  # fmt: skip
    try:
        _give_normal_mode(handle.fileno(), path)
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        _replace(Path(handle.name), path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(handle.name).unlink()
        raise
    if sync_folder:
        fsync_folder(path.parent)


def _give_normal_mode(descriptor: int, path: Path) -> None:
    if os.name != "posix":
        return  # Windows files have no mode bits to speak of
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = DEFAULT_MODE & ~current_umask()
    os.fchmod(descriptor, mode)


def current_umask() -> int:
    """The process's umask, read where it is shown without changing it (Linux), else by
    setting and restoring it at once."""
    try:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


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
