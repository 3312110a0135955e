"""This computer's id in the history: stamps every write, so two computers' edits of one
session are told apart (core.history_merge). Kept in the state folder, never synced: a copy
of it on the other computer would make two computers one."""

from __future__ import annotations

import contextlib
import uuid
from pathlib import Path

from hamtimer.services.atomic_file import write_atomic


def device_id(path: Path) -> str:
    """The id stored at `path`, made (a random 12 hex digits) the first time."""
    with contextlib.suppress(OSError, UnicodeDecodeError):
        known = path.read_text(encoding="utf-8").strip()
        if known:
            return known
    made = uuid.uuid4().hex[:12]
    with contextlib.suppress(OSError):  # a read-only state folder: stamps still carry an id
        write_atomic(path, made + "\n")
    return made
