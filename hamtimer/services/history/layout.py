"""Where each file of the history lives, by name. The synced folder holds only these:

    sessions/2026-11/<id>.json   one finished session, written once, replaced only by an edit
    tombstones/<id>.json         a deleted session's id and when it was deleted
    trash/                       deleted sessions' files (and merged conflict copies), kept
    damaged/                     files that could not be read, set aside with a stamp
    legacy-2026-12-01/           the month files of hamtimer 0.1, as they were before converting

Journals of running sessions, the device id and the index cache are this computer's own and
live in its state folder (`local_dir`), never here.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from pathlib import Path

from hamtimer.services.atomic_file import PART_SUFFIX

STORE_VERSION = 2
"""schema_version of session files and tombstones (1 was the month files of hamtimer 0.1)."""

SESSIONS = "sessions"
TOMBSTONES = "tombstones"
TRASH = "trash"
DAMAGED = "damaged"
LEGACY_PREFIX = "legacy-"

JOURNALS = "journals"
INDEX_NAME = "index.json"
DEVICE_NAME = "device-id"

_PLAIN_ID = re.compile(r"[A-Za-z0-9_-]{1,100}")


def file_stem(record_id: str) -> str:
    """A session's file name without `.json`: its id when that is a plain name (the app's
    ids always are); otherwise a digest, so no id from an imported file can name a path."""
    if _PLAIN_ID.fullmatch(record_id):
        return record_id
    return "id-" + hashlib.sha256(record_id.encode()).hexdigest()[:32]


def session_path(folder: Path, record_id: str, started: datetime) -> Path:
    return folder / home_of(record_id, started)


def home_of(record_id: str, started: datetime) -> str:
    """A session file's own place, relative to the history folder ('/' between parts; as a
    string because a load compares 10,000 of them, where Path objects cost 100 ms)."""
    utc = started.astimezone(UTC)
    return f"{SESSIONS}/{utc.year:04d}-{utc.month:02d}/{file_stem(record_id)}.json"


def tombstone_path(folder: Path, record_id: str) -> Path:
    return folder / TOMBSTONES / f"{file_stem(record_id)}.json"


def is_data_name(name: str) -> bool:
    """A session file, a tombstone, or a sync tool's copy of one (`x.sync-conflict-….json`,
    `x (conflicted copy).json`); not a temp file of ours or of a sync tool (`.syncthing.*`)."""
    return name.endswith(".json") and not name.startswith(".")


def is_stale_part(name: str) -> bool:
    return name.endswith(PART_SUFFIX)
