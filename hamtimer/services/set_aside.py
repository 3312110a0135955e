"""Damaged files are set aside, never deleted: renamed with a stamp that no earlier set-aside
file has, so a second damaged copy never overwrites the first."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path


def set_aside(path: Path, folder: Path | None = None) -> Path:
    """Rename `path` to `<name>.damaged-<time>-<pid>` (in `folder`, or beside it) and return
    the new name. A counter is added when that name is taken. Raises OSError if it can't."""
    target_folder = folder if folder is not None else path.parent
    target_folder.mkdir(parents=True, exist_ok=True)
    target = stamped_name(target_folder, path.name, "damaged")
    path.rename(target)
    return target


def stamped_name(folder: Path, name: str, word: str) -> Path:
    """`folder/<name>.<word>-<UTC time>-<pid>`, with `-2`, `-3`… added if that name is taken."""
    base = f"{name}.{word}-{datetime.now(UTC):%Y%m%dT%H%M%S}-{os.getpid()}"
    candidate = folder / base
    number = 2
    while candidate.exists():
        candidate = folder / f"{base}-{number}"
        number += 1
    return candidate
