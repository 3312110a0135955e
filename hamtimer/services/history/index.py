"""The index: what the list needs of every file in the synced folder, cached on this computer
so a load reads only the files that changed since. Never the source of truth: it is checked
against every file's signature (inode, size, modification time) at each load, and a missing,
damaged or foreign index is simply rebuilt from the files.

A folder whose signature (inode, modification and change times) is as the index saw it had
no file added, replaced or removed, so its rows are taken whole; in a changed folder each
file's own signature is checked. A file or folder changed within RACY_NS of the index being
written may have changed again within the same clock tick without its times moving (git's
"racily clean" problem): it is checked again at the next load rather than trusted.

Each file is one flat row, kept as JSON values until needed: a load of 10,000 sessions parses
every entry once, and times and stamps only where two copies of one session meet.
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from hamtimer.core.history import HistoryEntry, parse_moment
from hamtimer.core.history_merge import Stamp
from hamtimer.core.session_record import QuickLog, SessionStatus
from hamtimer.core.vocabulary import Side
from hamtimer.services.atomic_file import write_atomic
from hamtimer.services.guarded_file import read_json
from hamtimer.services.history.layout import SESSIONS, STORE_VERSION, file_stem, home_of

log = logging.getLogger(__name__)

RACY_NS = 2_000_000_000
MAX_INDEX_BYTES = 200_000_000

Signature = tuple[int, int, int]
"""A file's (inode, size, modification time in ns): every write replaces the file, so its
inode changes too (on Windows st_ino is the file index, which does the same). A folder's
(inode, modification time, change time in ns)."""


@dataclass(frozen=True, slots=True)
class FileFacts:
    """What one file says: whose session, its stamp and tie-break, and (for a session file,
    not a tombstone) the list's entry, as an index row."""

    record_id: str
    at: str
    by: str
    digest: str
    entry_row: list[Any] | None

    @classmethod
    def of(cls, record_id: str, stamp: Stamp, digest: str, entry: HistoryEntry | None) -> FileFacts:
        row = None if entry is None else _entry_row(entry)
        return cls(record_id, stamp.at.isoformat(), stamp.by, digest, row)

    @property
    def is_session(self) -> bool:
        return self.entry_row is not None

    def stamp(self) -> Stamp:
        return Stamp(datetime.fromisoformat(self.at), self.by)

    def home(self) -> str:
        """Where the session's file belongs (layout.home_of), from the row's own text when its
        start is written in UTC, as the app writes it: no date arithmetic for 10,000 rows."""
        assert self.entry_row is not None
        started: str = self.entry_row[3]
        if started.endswith("+00:00") and started[4] == "-":
            return f"{SESSIONS}/{started[:7]}/{file_stem(self.record_id)}.json"
        return home_of(self.record_id, datetime.fromisoformat(started))

    def entry(self) -> HistoryEntry:
        """Raises TypeError, ValueError or KeyError for a damaged row (the index is rebuilt)."""
        assert self.entry_row is not None
        return _entry_from_row(self.entry_row)


_SIDES = {side.value: side for side in Side}


def _entry_row(entry: HistoryEntry) -> list[Any]:
    """An entry as a flat list: a third of the size of its JSON object, and read back with
    no field-by-field checks (the file it came from was checked when it was read)."""
    return [
        entry.id,
        entry.template_id,
        entry.template_name,
        entry.started.isoformat(),
        entry.ended.isoformat(),
        entry.status.value,
        entry.length_s,
        [[side.value, seconds] for side, seconds in entry.hold_s],
        [[side.value, count] for side, count in entry.reps],
        entry.log.effort,
        entry.log.pain,
        entry.log.notes,
        entry.not_training,
        entry.work_done,
        entry.work_planned,
    ]


def _entry_from_row(row: list[Any]) -> HistoryEntry:
    (record_id, template_id, name, started, ended, status, length, holds, reps) = row[:9]
    effort, pain, notes, not_training, work_done, work_planned = row[9:]
    return HistoryEntry(
        id=str(record_id),
        template_id=str(template_id),
        template_name=str(name),
        started=parse_moment(started, "index row"),  # a hand-edited index must not overflow
        ended=parse_moment(ended, "index row"),
        status=SessionStatus(status),
        length_s=float(length),
        hold_s=tuple((_SIDES[side], float(seconds)) for side, seconds in holds),
        reps=tuple((_SIDES[side], int(count)) for side, count in reps),
        log=QuickLog(effort, pain, str(notes)),
        work_done=float(work_done),
        work_planned=int(work_planned),
        not_training=bool(not_training),
    )


@dataclass(slots=True)
class Folder:
    """One folder of the history as the index last saw it: its own signature, and a row for
    each data file in it (the file's signature's three numbers, then FileFacts' fields)."""

    signature: Signature
    rows: dict[str, list[Any]] = field(default_factory=dict)


@dataclass(slots=True)
class Index:
    folders: dict[str, Folder] = field(default_factory=dict)
    """By path relative to the history folder, '/' between parts: `sessions/2026-11`."""
    written_ns: int = 0

    def unchanged(self, relative: str, signature: Signature) -> Folder | None:
        """The folder's rows when no file in it was added, removed or replaced since: every
        such change touches the folder's modification and change times (which no program
        can set back: a sync tool that sets modification times moves the change time)."""
        known = self.folders.get(relative)
        if known is None or known.signature != signature or self._racy(signature):
            return None
        return known

    def trusted(self, folder: str, name: str, signature: Signature) -> FileFacts | None:
        known = self.folders.get(folder)
        row = known.rows.get(name) if known is not None else None
        if row is None or (row[0], row[1], row[2]) != signature or self._racy(signature):
            return None
        return FileFacts(*row[3:])

    def _racy(self, signature: Signature) -> bool:
        return max(signature[1:]) >= self.written_ns - RACY_NS


def add_row(folder: Folder, name: str, signature: Signature, facts: FileFacts) -> None:
    folder.rows[name] = [*signature, *_fields(facts)]


def facts_of(row: list[Any]) -> FileFacts:
    return FileFacts(*row[3:])


def _fields(facts: FileFacts) -> list[Any]:
    return [facts.record_id, facts.at, facts.by, facts.digest, facts.entry_row]


def read_index(path: Path, folder: Path) -> Index:
    """The cached index of `folder`, or an empty one (rebuilt then) if there is none usable.
    Rows are checked when used: a wrong one makes the store rebuild the index."""
    try:
        data = read_json(path, max_bytes=MAX_INDEX_BYTES)
        if data.get("schema_version") != STORE_VERSION or data.get("folder") != str(folder):
            return Index()
        folders = {
            name: Folder((item["sig"][0], item["sig"][1], item["sig"][2]), item["files"])
            for name, item in data["folders"].items()
        }
        return Index(folders, int(data["written_ns"]))
    except FileNotFoundError:
        return Index()
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:
        log.info("history index to be rebuilt: %s", error)
        return Index()


def write_index(path: Path, folder: Path, index: Index) -> None:
    """Best effort: an index that can't be written is rebuilt next time."""
    document = {
        "schema_version": STORE_VERSION,
        "folder": str(folder),
        "written_ns": index.written_ns,
        "folders": {
            name: {"sig": list(known.signature), "files": known.rows}
            for name, known in index.folders.items()
        },
    }
    try:
        write_atomic(path, json.dumps(document, separators=(",", ":")), sync_folder=False)
    except OSError as error:
        log.info("history index not written: %s", error)
        with contextlib.suppress(OSError):
            path.unlink()
