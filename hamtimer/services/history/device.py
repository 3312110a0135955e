"""This computer's id in the history: stamps every write, so two computers' edits of one
session are told apart (core.history_merge). Kept in the state folder, never synced: a copy
of it on the other computer would make two computers one."""

from __future__ import annotations

import contextlib
import re
import uuid
from pathlib import Path

from hamtimer.services.atomic_file import write_atomic
from hamtimer.services.guarded_file import read_text

_ID = re.compile(r"[0-9A-Za-z_-]{1,64}")


def device_id(path: Path) -> str:
    """The id stored at `path`, made (a random 12 hex digits) the first time. A file that is
    not a short id (a FIFO, garbage, escape sequences) is replaced: the id stamps every write."""
    with contextlib.suppress(OSError, ValueError):
        known = read_text(path, max_bytes=1000).strip()
        if _ID.fullmatch(known):
            return known
    made = uuid.uuid4().hex[:12]
    with contextlib.suppress(OSError):  # a read-only state folder: stamps still carry an id
        write_atomic(path, made + "\n")
    return made
