"""Moving the history folder (the Settings choice, e.g. into a synced folder): every file goes
with it, and a folder that is not usable is refused with one sentence saying why."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hamtimer.services.guarded_file import GuardedFileError, read_bytes


def folder_problem(target: Path, current: Path, local_dir: Path) -> str | None:
    """Why `target` can't hold the history, in one sentence; None when it can."""
    if not target.is_absolute():
        return f"{target} is not a full path: choose a folder."
    if target.exists() and not target.is_dir():
        return f"{target} is a file, not a folder: choose a folder."
    resolved, here = target.resolve(), current.resolve()
    if resolved == here:
        return f"{target} is already the history folder."
    if resolved.is_relative_to(here):
        return f"{target} is inside the history folder: choose a folder outside it."
    if resolved.is_relative_to(local_dir.resolve()):
        return f"{target} is this computer's own state folder, which is never shared."
    try:
        target.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=target):
            pass
    except OSError as error:
        return f"hamtimer can't write in {target} ({error.strerror or error})."
    return None


def move_history(source: Path, target: Path) -> int:
    """Move every file from `source` to the same place under `target`; returns how many. A
    file already there with other contents is kept beside it (`… (moved <time>).json`), which
    the next load merges like a sync tool's conflict copy."""
    moved = 0
    for path in sorted(source.rglob("*")):
        if path.is_dir() or path.is_symlink():
            continue
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        if destination.exists():
            if _same_bytes(destination, path):
                path.unlink()
                continue
            stamp = f"{datetime.now(UTC):%Y%m%dT%H%M%S}"
            destination = destination.with_name(
                f"{destination.stem} (moved {stamp}){destination.suffix}"
            )
        _move_file(path, destination)
        moved += 1
    _remove_empty_folders(source)
    return moved


def _same_bytes(one: Path, other: Path) -> bool:
    """Through the guarded reader: a FIFO or a huge file in either folder is simply "not the
    same" (both are kept), never a hang."""
    try:
        return read_bytes(one, max_bytes=MAX_COMPARE_BYTES) == read_bytes(
            other, max_bytes=MAX_COMPARE_BYTES
        )
    except GuardedFileError:
        return False


MAX_COMPARE_BYTES = 200_000_000


def _move_file(path: Path, destination: Path) -> None:
    """A rename on one filesystem; across two, a copy made durable before the original goes."""
    try:
        path.rename(destination)
        return
    except OSError:
        pass
    part = destination.with_name(destination.name + ".part")
    shutil.copy2(path, part)
    with part.open("rb") as handle:
        os.fsync(handle.fileno())
    part.replace(destination)
    path.unlink()


def _remove_empty_folders(source: Path) -> None:
    for folder in sorted((p for p in source.rglob("*") if p.is_dir()), reverse=True):
        with contextlib.suppress(OSError):
            folder.rmdir()
    with contextlib.suppress(OSError):
        source.rmdir()
