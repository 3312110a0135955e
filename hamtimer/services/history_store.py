"""The history: finished sessions as JSON under the user data folder, never lost.

Layout (chosen by the figures in the README: 10,000 sessions load in under 100 ms, and an
append rewrites one month of sessions and one year's summary, not the whole history):

    history/sessions-2026-11.json      every session of that month in full (steps, legs)
    history/sessions-2026-11.json.bak  that file as it was before its last write
    history/summary-2026.json          one small entry per session of 2026: what the list,
                                       the charts and coaching need
    history/journal-<id>.json          a running session, rewritten at every step boundary
    history/.lock                      held while any process writes

Starting the app reads only the yearly summaries; a session's full record is read when it is
opened. A summary is derived data: it records which version (inode, size, modification time)
of each month file it was made from, and is rebuilt from them when they differ (a write cut
off between the two, a file damaged or changed by something else) or when it is damaged.

Every write is atomic (services/atomic_file.py) and made under the lock, after re-reading the
month file, so two running hamtimers never drop each other's sessions. A month file that can't
be read is renamed aside (never deleted), its last good copy (`.bak`) is loaded and restored,
and the user is told once. A file written by a newer hamtimer opens the history read-only.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hamtimer.core.history import (
    HISTORY_SCHEMA_VERSION,
    HistoryEntry,
    RecordError,
    entry_from_json,
    entry_of,
    entry_to_json,
    record_from_json,
    record_to_json,
)
from hamtimer.core.session_record import QuickLog, SessionRecord, SessionStatus
from hamtimer.services.atomic_file import PART_SUFFIX, fsync_folder, link_atomic, write_atomic
from hamtimer.services.file_lock import LockTimeoutError, file_lock, try_hold

log = logging.getLogger(__name__)

MONTH_PATTERN = "sessions-*.json"
JOURNAL_PATTERN = "journal-*.json"
LOCK_NAME = ".lock"
BACKUP_SUFFIX = ".bak"

Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}
"""MIGRATIONS[n] turns a version-n document into version n+1; applied in a chain on load."""


class ReadOnlyHistoryError(RuntimeError):
    """Writing was refused: the history was written by a newer hamtimer or can't be replaced."""


class _NewerVersionError(Exception):
    pass


@dataclass
class HistoryLoad:
    entries: list[HistoryEntry] = field(default_factory=list)
    """Newest first."""
    messages: list[str] = field(default_factory=list)
    """What the user should be told once: damaged files set aside, read-only mode."""
    read_only: bool = False


class HistoryStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.read_only = False

    # -- reading ---------------------------------------------------------------------------

    def load(self) -> HistoryLoad:
        """Every session's entry, from the summaries (rebuilt where they are out of date)."""
        result = HistoryLoad()
        if not self.folder.exists():
            return result
        self._remove_stale_parts()
        seen: set[str] = set()
        for year, months in sorted(self._months_by_year().items()):
            for entry in self._year_entries(year, months, result):
                if entry.id not in seen:
                    seen.add(entry.id)
                    result.entries.append(entry)
        result.entries.sort(key=lambda entry: entry.started, reverse=True)
        self.read_only = result.read_only
        return result

    def record(self, entry: HistoryEntry) -> SessionRecord | None:
        """The full record behind `entry` (every step), read from its month file."""
        path = self._month_path(entry.started)
        try:
            records = _month_records(path)
        except (OSError, ValueError, _NewerVersionError):
            return None
        return next((record for record in records if record.id == entry.id), None)

    def all_records(self) -> list[SessionRecord]:
        """Every session in full, oldest first (for export)."""
        records: list[SessionRecord] = []
        for path in sorted(self.folder.glob(MONTH_PATTERN)):
            with contextlib.suppress(OSError, ValueError, _NewerVersionError):
                records += _month_records(path)
        return sorted(records, key=lambda record: record.started)

    def _months_by_year(self) -> dict[str, list[Path]]:
        years: dict[str, list[Path]] = {}
        for path in _sorted_by_name(self.folder.glob(MONTH_PATTERN)):
            years.setdefault(path.name[len("sessions-") :][:4], []).append(path)
        return years

    def _months_of(self, year: str) -> list[Path]:
        """One year's month files: an append lists only these, not decades of them."""
        return _sorted_by_name(self.folder.glob(f"sessions-{year}-*.json"))

    def _year_entries(
        self, year: str, months: list[Path], result: HistoryLoad
    ) -> list[HistoryEntry]:
        summary = self.folder / f"summary-{year}.json"
        try:
            document = _document(summary.read_text(encoding="utf-8"), summary.name)
            entries = document.get("entries")
            if document.get("made_from") == _signatures(months) and isinstance(entries, list):
                name = summary.name
                return [entry_from_json(e, f"{name}[{i}]") for i, e in enumerate(entries)]
        except _NewerVersionError:
            return self._newer(summary, result)
        except (OSError, ValueError) as error:
            log.info("summary %s to be rebuilt: %s", summary.name, error)
        return self._rebuild_summary(summary, months, result)

    def _rebuild_summary(
        self, summary: Path, months: list[Path], result: HistoryLoad
    ) -> list[HistoryEntry]:
        entries: list[HistoryEntry] = []
        for path in months:
            try:
                records = _month_records(path)
            except _NewerVersionError:
                return self._newer(path, result)
            except (OSError, UnicodeDecodeError, ValueError) as error:
                records = self._recover(path, error, result)
            entries += [entry_of(record) for record in records]
        with contextlib.suppress(OSError):
            present = [path for path in months if path.exists()]
            _write_summary(summary, present, [entry_to_json(entry) for entry in entries])
        return entries

    def _recover(self, path: Path, error: Exception, result: HistoryLoad) -> list[SessionRecord]:
        log.warning("history file %s unusable: %s", path, error)
        aside = path.with_name(f"{path.name}.damaged-{_stamp()}")
        try:
            path.replace(aside)
        except OSError:
            result.read_only = True
            result.messages.append(
                f"{path} can't be read ({error}) or moved aside; the history is read-only."
            )
            return []
        backup = path.with_name(path.name + BACKUP_SUFFIX)
        try:
            text = backup.read_text(encoding="utf-8")
            records = _records(_document(text, backup.name), backup.name)
        except (OSError, UnicodeDecodeError, ValueError, _NewerVersionError):
            result.messages.append(
                f"{path.name} was damaged and has no good copy; it is kept as {aside}."
            )
            return []
        write_atomic(path, text)
        result.messages.append(
            f"{path.name} was damaged; it is kept as {aside}, and its last good copy is back"
            " (the newest session saved in it may be missing)."
        )
        return records

    def _newer(self, path: Path, result: HistoryLoad) -> list[HistoryEntry]:
        result.read_only = True
        message = f"{path.name} was written by a newer hamtimer; the history is read-only."
        if message not in result.messages:
            result.messages.append(message)
        return []

    def _remove_stale_parts(self) -> None:
        """Temp files of writes that were cut off (a kill, a power cut): never user data.
        Only under the lock: a part file may be another hamtimer's write in progress."""
        with contextlib.suppress(LockTimeoutError), file_lock(self.folder / LOCK_NAME, 0.2):
            for pattern in (f"sessions-*{PART_SUFFIX}", f"summary-*{PART_SUFFIX}"):
                for part in self.folder.glob(pattern):
                    with contextlib.suppress(OSError):
                        part.unlink()

    # -- writing ---------------------------------------------------------------------------

    def append(self, record: SessionRecord) -> None:
        """Add `record` (or replace the one with its id). Returns once it is on disk."""
        self._update_month(record.started, lambda sessions: _merged(sessions, [record]))

    def set_quick_log(self, entry: HistoryEntry, quick_log: QuickLog) -> None:
        """The effort, pain and notes the user adds after a session."""
        logged = {"effort": quick_log.effort, "pain": quick_log.pain, "notes": quick_log.notes}

        def change(sessions: list[Any]) -> tuple[list[Any], set[str]]:
            for item in sessions:
                if isinstance(item, dict) and item.get("id") == entry.id:
                    item["log"] = logged
            return sessions, {entry.id}

        self._update_month(entry.started, change)

    def import_records(self, records: Iterable[SessionRecord]) -> int:
        """Merge exported sessions; ones already here (same id) are left as they are."""
        by_year: dict[str, list[SessionRecord]] = {}
        for record in records:
            by_year.setdefault(f"{record.started.astimezone(UTC):%Y-%m}", []).append(record)
        added = 0
        for group in by_year.values():

            def merge(
                sessions: list[Any], group: list[SessionRecord] = group
            ) -> tuple[list[Any], set[str]]:
                return _merged(sessions, group, keep_existing=True)

            added += len(self._update_month(group[0].started, merge))
        return added

    def _update_month(
        self, moment: datetime, change: Callable[[list[Any]], tuple[list[Any], set[str]]]
    ) -> set[str]:
        """Apply `change` to the month's sessions (as JSON) under the lock; it returns the new
        list and the ids it added or changed, whose summary entries are made again."""
        if self.read_only:
            raise ReadOnlyHistoryError("the history is read-only")
        path = self._month_path(moment)
        with file_lock(self.folder / LOCK_NAME):
            try:
                old_text: str | None = path.read_text(encoding="utf-8")
            except FileNotFoundError:
                old_text = None
            try:
                document = _document(old_text, path.name) if old_text else {"sessions": []}
            except _NewerVersionError:
                raise ReadOnlyHistoryError(f"{path.name} was written by a newer hamtimer") from None
            sessions = document.get("sessions")
            if not isinstance(sessions, list):
                raise RecordError(path.name, "'sessions' must be a list")
            year = path.name[len("sessions-") :][:4]
            months = self._months_of(year)
            before = _signatures(months)
            updated, touched = change(sessions)
            if old_text is not None:
                _keep_backup(path, old_text)
            new = {"schema_version": HISTORY_SCHEMA_VERSION, "sessions": updated}
            write_atomic(path, json.dumps(new, separators=(",", ":")), sync_folder=False)
            summary = self.folder / f"summary-{year}.json"
            months = self._months_of(year)
            entries = _summary_entries(summary, before, months, updated, touched)
            if entries is not None:
                _write_summary(summary, months, entries, sync_folder=False)
            fsync_folder(self.folder)  # one fsync makes the three renames durable
        return touched

    def _month_path(self, moment: datetime) -> Path:
        return self.folder / f"sessions-{moment.astimezone(UTC):%Y-%m}.json"

    # -- the running session ---------------------------------------------------------------

    def start_journal(self, record_id: str) -> SessionJournal:
        """The journal of a session starting now: rewritten at every step boundary, and
        locked while it runs, so another hamtimer never takes it for an interrupted one."""
        return SessionJournal(self.folder, record_id)

    def recover_interrupted(self) -> tuple[list[SessionRecord], list[str]]:
        """Sessions cut off by a crash, a kill or a power cut, saved as interrupted; and what
        to tell the user about journals that could not be used."""
        recovered: list[SessionRecord] = []
        messages: list[str] = []
        for path in sorted(self.folder.glob(JOURNAL_PATTERN)):
            held = try_hold(path.with_suffix(".lock"))
            if held is None:
                continue  # its session is running in another hamtimer
            try:
                record = self._recover_journal(path, messages)
                if record is not None:
                    recovered.append(record)
            finally:
                held.release()
                with contextlib.suppress(OSError):
                    held.path.unlink()
        return recovered, messages

    def _recover_journal(self, path: Path, messages: list[str]) -> SessionRecord | None:
        try:
            document = _document(path.read_text(encoding="utf-8"), path.name)
            record = record_from_json(document.get("session"), path.name)
        except (OSError, UnicodeDecodeError, ValueError, _NewerVersionError) as error:
            aside = path.with_name(f"{path.name}.damaged-{_stamp()}")
            with contextlib.suppress(OSError):
                path.replace(aside)
            log.warning("journal %s unusable: %s", path, error)
            messages.append(f"An interrupted session could not be recovered; kept as {aside}.")
            return None
        record = replace(record, status=SessionStatus.INTERRUPTED)
        self.append(record)
        path.unlink()
        return record


class SessionJournal:
    def __init__(self, folder: Path, record_id: str) -> None:
        self.path = folder / f"journal-{record_id}.json"
        self._held = try_hold(self.path.with_suffix(".lock"))

    def write(self, record: SessionRecord) -> None:
        """The session so far: one small atomic write."""
        document = {"schema_version": HISTORY_SCHEMA_VERSION, "session": record_to_json(record)}
        write_atomic(self.path, json.dumps(document, separators=(",", ":")))

    def close(self) -> None:
        """The session is in the history (or thrown away): the journal goes."""
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        if self._held is not None:
            self._held.release()
            with contextlib.suppress(OSError):
                self._held.path.unlink()
            self._held = None


def _document(text: str, name: str) -> dict[str, Any]:
    """The parsed document at the current schema version (migrated in a chain if older)."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise RecordError(name, "must be a JSON object")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise RecordError(name, "schema_version must be a whole number from 1")
    if version > HISTORY_SCHEMA_VERSION:
        raise _NewerVersionError(name)
    while version < HISTORY_SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["schema_version"] = version
    migrated: dict[str, Any] = data
    return migrated


def _month_records(path: Path) -> list[SessionRecord]:
    """Every session of a month file, checked; raises as `_document` and `record_from_json`."""
    return _records(_document(path.read_text(encoding="utf-8"), path.name), path.name)


def _records(document: dict[str, Any], name: str) -> list[SessionRecord]:
    sessions = document.get("sessions")
    if not isinstance(sessions, list):
        raise RecordError(name, "'sessions' must be a list")
    return [record_from_json(item, f"{name}: sessions[{i}]") for i, item in enumerate(sessions)]


def _sorted_by_name(paths: Iterable[Path]) -> list[Path]:
    """Sorted by file name (comparing Path objects is ten times slower, which shows with
    hundreds of month files)."""
    return sorted(paths, key=lambda path: path.name)


def _keep_backup(path: Path, old_text: str) -> None:
    """The month as it was, as its `.bak`: a hard link to the old file when the filesystem
    has them (nothing to copy), else a copy."""
    backup = path.with_name(path.name + BACKUP_SUFFIX)
    if not link_atomic(path, backup):
        write_atomic(backup, old_text, sync_folder=False)


def _write_summary(
    summary: Path, months: list[Path], entries: list[dict[str, Any]], sync_folder: bool = True
) -> None:
    document = {
        "schema_version": HISTORY_SCHEMA_VERSION,
        "made_from": _signatures(months),
        "entries": entries,
    }
    write_atomic(summary, json.dumps(document, separators=(",", ":")), sync_folder)


def _signatures(months: list[Path]) -> dict[str, list[int]]:
    """Which version of each month file a summary is made from. Every write replaces the
    file, so its inode changes too (on Windows st_ino is the file index, which does the same)."""
    signatures = {}
    for path in months:
        status = path.stat()
        signatures[path.name] = [status.st_ino, status.st_size, status.st_mtime_ns]
    return signatures


def _merged(
    sessions: list[Any], records: Iterable[SessionRecord], keep_existing: bool = False
) -> tuple[list[Any], set[str]]:
    index = {item.get("id"): i for i, item in enumerate(sessions) if isinstance(item, dict)}
    merged = list(sessions)
    touched: set[str] = set()
    for record in records:
        position = index.get(record.id)
        if position is None:
            index[record.id] = len(merged)
            merged.append(record_to_json(record))
            touched.add(record.id)
        elif not keep_existing:
            merged[position] = record_to_json(record)
            touched.add(record.id)
    return merged, touched


def _summary_entries(
    summary: Path,
    before: dict[str, list[int]],
    months: list[Path],
    sessions: list[Any],
    touched: set[str],
) -> list[dict[str, Any]] | None:
    """The year's summary entries after a write to one month: the old ones kept (when the
    summary matched the files `before` the write), the `touched` ones made again. None when
    the summary was out of date: the next load rebuilds it from the month files."""
    try:
        old = _document(summary.read_text("utf-8"), summary.name)
    except FileNotFoundError:
        old = {"made_from": {}, "entries": []}
    except (OSError, ValueError, _NewerVersionError):
        return None
    entries = old.get("entries")
    if old.get("made_from") != before or not isinstance(entries, list):
        return None
    made = {
        item["id"]: entry_to_json(entry_of(record_from_json(item, summary.name)))
        for item in sessions
        if isinstance(item, dict) and item.get("id") in touched
    }
    kept = [e for e in entries if not (isinstance(e, dict) and e.get("id") in made)]
    return kept + list(made.values())


def _stamp() -> str:
    return f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{os.getpid()}"
