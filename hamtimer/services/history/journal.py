"""A running session's journal: the session so far, rewritten at every step boundary into
this computer's state folder (never the synced one, so another computer never takes it for an
interrupted session), and locked while its session runs.

When the final save fails (a read-only or full history folder, a history from a newer
hamtimer), the finished session is written here once more, marked `final`: the next start
saves it as it ended (completed, stopped), not as interrupted."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path

from hamtimer.core.history import (
    HISTORY_SCHEMA_VERSION,
    RecordError,
    record_from_json,
    record_to_json,
)
from hamtimer.core.session_record import SessionRecord
from hamtimer.services.atomic_file import write_atomic
from hamtimer.services.file_lock import HeldLock, try_hold
from hamtimer.services.guarded_file import read_json

JOURNAL_PATTERN = "journal-*.json"
MAX_JOURNAL_BYTES = 20_000_000


def journal_lock(path: Path) -> Path:
    return path.with_suffix(".lock")


class SessionJournal:
    def __init__(self, folder: Path, record_id: str) -> None:
        self.path = folder / f"journal-{record_id}.json"
        self._held: HeldLock | None = try_hold(journal_lock(self.path))

    def write(self, record: SessionRecord, final: bool = False) -> None:
        """The session so far (or, `final`, as it ended): one small atomic write."""
        document = {
            "schema_version": HISTORY_SCHEMA_VERSION,
            "final": final,
            "session": record_to_json(record),
        }
        write_atomic(self.path, json.dumps(document, separators=(",", ":")))

    def release(self) -> None:
        """Keep the journal but let the next start (or another hamtimer) recover it."""
        if self._held is not None:
            self._held.release()
            self._held = None

    def close(self) -> None:
        """The session is in the history (or thrown away): the journal goes."""
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        if self._held is not None:
            self._held.release()
            with contextlib.suppress(OSError):
                self._held.path.unlink()
            self._held = None


@dataclass(frozen=True, slots=True)
class JournalContent:
    record: SessionRecord
    final: bool
    """The session had ended and only its save failed: its status stands as recorded."""


def read_journal(path: Path) -> JournalContent:
    """The session a journal holds; raises OSError, ValueError (RecordError) if unusable."""
    data = read_json(path, max_bytes=MAX_JOURNAL_BYTES)
    if not isinstance(data, dict) or data.get("schema_version") != HISTORY_SCHEMA_VERSION:
        raise RecordError(path.name, f"schema_version must be {HISTORY_SCHEMA_VERSION}")
    final = data.get("final", False)
    if not isinstance(final, bool):
        raise RecordError(path.name, "final must be true or false")
    return JournalContent(record_from_json(data.get("session"), path.name), final)
