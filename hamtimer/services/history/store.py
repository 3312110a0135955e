"""The history: one JSON file per finished session, in a folder that can be synced between
computers (services/history/layout.py says what lives where; README, History, says why).

- **Append** writes the session's own file once, atomically: two computers never write the
  same file unless they edit the same session.
- **Edit** (the log, Not training) replaces that one file atomically, stamped later.
- **Delete** writes a small tombstone (so the deletion reaches the other computer even through
  a sync tool that never deletes) and moves the file into `trash/`; Undo brings it back.
- **Load** reads only the files the index (this computer's cache, services/history/index.py)
  has not seen as they are now, and applies core.history_merge's rules: one version per
  session, the later edit winning; tombstones deleting. It then tidies: the winner is put at
  its own name and every other copy (a sync tool's conflict copy, read and merged) goes to
  `trash/`.
- A file that can't be read is set aside in `damaged/` with a stamped name, and the user is
  told once. A file from a newer hamtimer makes the history read-only.

Every write is atomic (services/atomic_file.py); none needs a lock, because no two writes
share a file except edits of one session, where the later stamp wins anyway.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hamtimer.core.history import HistoryEntry, entry_of
from hamtimer.core.history_merge import Stamp, Version, deleted, winner
from hamtimer.core.session_record import QuickLog, SessionRecord, SessionStatus
from hamtimer.services.atomic_file import fsync_folder, write_atomic
from hamtimer.services.file_lock import file_lock, try_hold
from hamtimer.services.guarded_file import read_text
from hamtimer.services.history import layout, legacy
from hamtimer.services.history.device import device_id
from hamtimer.services.history.documents import (
    NewerVersionError,
    SessionFile,
    digest,
    read_session,
    read_tombstone,
    session_text,
    tombstone_text,
)
from hamtimer.services.history.index import (
    FileFacts,
    Folder,
    Index,
    add_row,
    facts_of,
    read_index,
    write_index,
)
from hamtimer.services.history.journal import JOURNAL_PATTERN, SessionJournal, read_journal
from hamtimer.services.history.relocate import move_history
from hamtimer.services.logging_setup import FILE_ONLY
from hamtimer.services.set_aside import set_aside, stamped_name

MAX_SESSION_BYTES = 20_000_000
"""One session's file; a real one is a few kilobytes."""

log = logging.getLogger(__name__)

STALE_PART_S = 3600
"""A temp file this old is a write that was cut off (a kill, a power cut), not one under way."""
TICK = timedelta(microseconds=1)


class ReadOnlyHistoryError(RuntimeError):
    """Writing was refused: the history was written by a newer hamtimer or can't be replaced."""


class UnknownSessionError(LookupError):
    """No session has that id (or id prefix); the message says so in one line."""


@dataclass
class HistoryLoad:
    entries: list[HistoryEntry] = field(default_factory=list)
    """Newest first."""
    messages: list[str] = field(default_factory=list)
    """What the user should be told once: damaged files set aside, read-only mode."""
    read_only: bool = False


@dataclass(frozen=True, slots=True)
class _Found:
    """A data file as found on disk: where, and what it says."""

    relative: str
    facts: FileFacts


class HistoryStore:
    def __init__(
        self,
        folder: Path,
        local_dir: Path,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """`folder` is the (maybe synced) history; `local_dir` this computer's own files."""
        self.folder = folder
        self.local_dir = local_dir
        self.read_only = False
        self._now = now
        self._device: str | None = None
        self._files: dict[str, str] = {}
        """Each live session's file (the winning version, relative to the folder), from the
        last load or write."""
        self._deleted: set[str] = set()
        self._notices: list[str] = []
        """Said once, by the next `prepare` or `load`: the conversion of the old layout."""
        self._converted_for: Path | None = None
        self._newer_legacy = False
        """A month file of the old layout from a newer hamtimer: read-only until it goes."""
        self._loaded: Path | None = None
        """The folder last loaded: until then, whether it is read-only is not known."""

    @property
    def journals_dir(self) -> Path:
        return self.local_dir / layout.JOURNALS

    @property
    def device(self) -> str:
        if self._device is None:
            self._device = device_id(self.local_dir / layout.DEVICE_NAME)
        return self._device

    # -- reading ---------------------------------------------------------------------------

    def load(self) -> HistoryLoad:
        """Every live session's entry, newest first, with sync copies merged and tidied."""
        with _no_cycle_collection():
            return self._load()

    def _load(self) -> HistoryLoad:
        self._convert_legacy()
        result = HistoryLoad(messages=self._take_notices(), read_only=self._newer_legacy)
        if self.folder.is_dir():
            try:
                result.entries = self._resolve(self._scan(result), result)
            except (TypeError, ValueError, IndexError, KeyError) as error:
                # Only the index's rows can be wrong here (files read are checked): rebuild.
                log.info("history index to be rebuilt: %s", error)
                (self.local_dir / layout.INDEX_NAME).unlink(missing_ok=True)
                result.entries = self._resolve(self._scan(result), result)
            result.entries.sort(key=lambda entry: entry.started, reverse=True)
        self.read_only = result.read_only
        self._loaded = self.folder
        return result

    def record(self, entry: HistoryEntry) -> SessionRecord | None:
        """The full record behind `entry` (every step), read from its file."""
        path = self.folder / self._files.get(entry.id, layout.home_of(entry.id, entry.started))
        try:
            return _read_session_file(path).record
        except (OSError, ValueError, NewerVersionError):
            return None

    def all_records(self) -> list[SessionRecord]:
        """Every live session in full, oldest first (for export)."""
        entries = self.load().entries
        records = (self.record(entry) for entry in reversed(entries))
        return [record for record in records if record is not None]

    def find(self, reference: str) -> HistoryEntry:
        """The live session whose id is `reference` or starts with it (the CLI's ID column)."""
        entries = self.load().entries
        exact = [entry for entry in entries if entry.id == reference]
        matches = exact or [entry for entry in entries if entry.id.startswith(reference)]
        if len(matches) == 1:
            return matches[0]
        if not matches or not reference:
            raise UnknownSessionError(f"no session has the id {reference!r}")
        raise UnknownSessionError(
            f"{len(matches)} sessions have ids starting with {reference!r}: give more of it"
        )

    def _scan(self, result: HistoryLoad) -> list[_Found]:
        """Every data file's facts: from the index when it has seen the file (or its whole
        folder) as it is now, else read, and set aside if damaged. The index is written back
        when a folder had to be looked into or is gone."""
        index_path = self.local_dir / layout.INDEX_NAME
        cached = read_index(index_path, self.folder)
        fresh = Index(written_ns=time.time_ns())
        found: list[_Found] = []
        rescanned = False
        for relative, path in self._data_folders():
            status = path.stat()
            signature = (status.st_ino, status.st_mtime_ns, status.st_ctime_ns)
            known = cached.unchanged(relative, signature)
            if known is not None:
                fresh.folders[relative] = known
                found += [_Found(f"{relative}/{n}", facts_of(r)) for n, r in known.rows.items()]
                continue
            folder = fresh.folders[relative] = Folder(signature)
            rescanned = True
            for name, file_path, file_signature in _data_files(path):
                facts = cached.trusted(relative, name, file_signature)
                if facts is None:
                    facts = self._read_facts(Path(file_path), result)
                if facts is not None:
                    add_row(folder, name, file_signature, facts)
                    found.append(_Found(f"{relative}/{name}", facts))
        if rescanned or fresh.folders.keys() != cached.folders.keys():
            write_index(index_path, self.folder, fresh)
        return found

    def _data_folders(self) -> list[tuple[str, Path]]:
        months = [
            (f"{layout.SESSIONS}/{item.name}", Path(item.path))
            for item in _dirs(self.folder / layout.SESSIONS)
        ]
        tombstones = self.folder / layout.TOMBSTONES
        return [*months, (layout.TOMBSTONES, tombstones)] if tombstones.is_dir() else months

    def _read_facts(self, path: Path, result: HistoryLoad) -> FileFacts | None:
        try:
            text = read_text(path, max_bytes=MAX_SESSION_BYTES)
            if path.parent.name == layout.TOMBSTONES:
                record_id, stamp = read_tombstone(text, path.name)
                return FileFacts.of(record_id, stamp, digest(text), None)
            session = read_session(text, path.name)
        except FileNotFoundError:
            return None  # replaced or tidied by another hamtimer since it was listed
        except NewerVersionError:
            result.read_only = True
            _tell(result, f"{path.name} was written by a newer hamtimer; the history is read-only.")
            return None
        except (OSError, UnicodeDecodeError, ValueError) as error:
            self._set_aside(path, error, result)
            return None
        entry = entry_of(session.record)
        return FileFacts.of(session.record.id, session.stamp, digest(text), entry)

    def _set_aside(self, path: Path, error: Exception, result: HistoryLoad) -> None:
        log.warning("history file %s unusable: %s", path, error, extra=FILE_ONLY)
        try:
            aside = set_aside(path, self.folder / layout.DAMAGED)
        except OSError:
            result.read_only = True
            _tell(
                result, f"{path} can't be read ({error}) or moved aside; the history is read-only."
            )
            return
        _tell(result, f"{path.name} could not be read ({error}); it is kept as {aside}.")

    def _resolve(self, found: list[_Found], result: HistoryLoad) -> list[HistoryEntry]:
        """core.history_merge's rules over every file found, then the folder tidied."""
        versions: dict[str, list[_Found]] = {}
        tombstones: dict[str, list[_Found]] = {}
        for item in found:
            group = versions if item.facts.is_session else tombstones
            group.setdefault(item.facts.record_id, []).append(item)
        self._files, self._deleted = {}, set()
        entries = []
        for record_id, copies in versions.items():
            stones = tombstones.get(record_id)
            only = copies[0]
            if len(copies) == 1 and not stones and only.relative == only.facts.home():
                entries.append(only.facts.entry())  # nearly every session: nothing to merge
                self._files[record_id] = only.relative
                continue
            best = winner([Version(c.facts.stamp(), c.facts.digest, c) for c in copies]).item
            tombstone = max((t.facts.stamp() for t in stones or []), default=None)
            if deleted(best.facts.stamp(), tombstone):
                self._deleted.add(record_id)
                self._tidy(copies, None, None, result)
                continue
            entry = best.facts.entry()
            entries.append(entry)
            self._files[record_id] = self._tidy(copies, best, entry, result)
        for record_id, stones in tombstones.items():
            self._deleted.add(record_id)
            self._tidy_tombstones(record_id, stones, result)
        return entries

    def _tidy(
        self,
        copies: list[_Found],
        keep: _Found | None,
        entry: HistoryEntry | None,
        result: HistoryLoad,
    ) -> str:
        """Put the winning copy (`keep`, holding `entry`) at its own name and move every other
        copy (read and merged) to trash/. Returns where the winner now is. Not when read-only."""
        if result.read_only:
            return keep.relative if keep is not None else ""
        kept = ""  # a deleted session keeps no copy
        if keep is not None and entry is not None:
            kept = layout.home_of(entry.id, entry.started)
            if keep.relative != kept:
                _copy_atomic(self.folder / keep.relative, self.folder / kept)
        for copy in copies:
            if copy.relative != kept:
                self._to_trash(self.folder / copy.relative)
        return kept

    def _tidy_tombstones(self, record_id: str, stones: list[_Found], result: HistoryLoad) -> None:
        """Two computers deleting one session: keep the latest tombstone at its own name."""
        home = layout.tombstone_path(self.folder, record_id)
        if result.read_only or [self.folder / s.relative for s in stones] == [home]:
            return
        latest = max(stones, key=lambda stone: (stone.facts.stamp(), stone.facts.digest))
        if self.folder / latest.relative != home:
            _copy_atomic(self.folder / latest.relative, home)
        for stone in stones:
            if self.folder / stone.relative != home:
                with contextlib.suppress(FileNotFoundError):
                    (self.folder / stone.relative).unlink()  # read: its stamp is merged

    def _to_trash(self, path: Path) -> None:
        trash = self.folder / layout.TRASH
        trash.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):  # another hamtimer tidied it first
            path.rename(stamped_name(trash, path.name, "trashed"))

    # -- writing ---------------------------------------------------------------------------

    def append(self, record: SessionRecord) -> None:
        """Add `record` (or replace the one with its id). Returns once it is on disk."""
        self._convert_legacy()
        self._write(record, self._stamp_after(None))

    def import_records(self, records: Iterable[SessionRecord]) -> int:
        """Merge exported sessions; ones already here (same id), or deleted here, are left.
        All or nothing: if one file can't be written, the ones written are taken back, so
        "Nothing was imported" is true. An id twice in the export counts once."""
        self.load()
        known = self._files.keys() | self._deleted
        new = list({record.id: record for record in records if record.id not in known}.values())
        self._write_many(new, all_or_nothing=True)
        return len(new)

    def set_quick_log(self, entry: HistoryEntry, quick_log: QuickLog) -> None:
        """The effort, pain and notes the user adds after a session (or corrects later)."""
        self.update(entry.id, lambda record: replace(record, log=quick_log))

    def set_not_training(self, record_id: str, not_training: bool) -> None:
        """Marked as not a training session: kept and listed, left out of charts and coaching."""
        self.update(record_id, lambda record: replace(record, not_training=not_training))

    def update(
        self, record_id: str, change: Callable[[SessionRecord], SessionRecord]
    ) -> SessionRecord:
        """Replace a session's file with `change` applied, stamped later than it was."""
        self._check_writable()
        _path, current = self._current(record_id)
        changed = change(current.record)
        self._write(changed, self._stamp_after(current.stamp))
        return changed

    def delete(self, record_id: str) -> None:
        """A tombstone (the deletion syncs), and the file moved to trash/ (Undo: `restore`)."""
        self._check_writable()
        path, current = self._current(record_id)
        stamp = self._stamp_after(current.stamp)
        write_atomic(
            layout.tombstone_path(self.folder, record_id), tombstone_text(record_id, stamp)
        )
        self._to_trash(path)
        self._files.pop(record_id, None)
        self._deleted.add(record_id)

    def restore(self, record_id: str) -> SessionRecord:
        """Undo a deletion: the session's latest copy in trash/ back, stamped after the
        tombstone (so the restore wins on every computer), and the tombstone removed."""
        self._check_writable()
        trashed = self._trashed_copies(record_id)
        if not trashed:
            raise UnknownSessionError(f"no deleted session has the id {record_id!r}")
        path, latest = max(trashed, key=lambda item: item[1].stamp)
        tombstone = layout.tombstone_path(self.folder, record_id)
        after = self._stone_stamp(tombstone) or latest.stamp
        self._write(latest.record, self._stamp_after(max(after, latest.stamp)))
        with contextlib.suppress(FileNotFoundError):
            tombstone.unlink()
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        self._deleted.discard(record_id)
        return latest.record

    def _trashed_copies(self, record_id: str) -> list[tuple[Path, SessionFile]]:
        prefix = f"{layout.file_stem(record_id)}.json."
        copies = []
        for path in (self.folder / layout.TRASH).glob(f"{prefix}*"):
            with contextlib.suppress(OSError, ValueError, NewerVersionError):
                copy = _read_session_file(path)
                if copy.record.id == record_id:
                    copies.append((path, copy))
        return copies

    @staticmethod
    def _stone_stamp(path: Path) -> Stamp | None:
        try:
            return read_tombstone(read_text(path, max_bytes=MAX_SESSION_BYTES), path.name)[1]
        except (OSError, ValueError, NewerVersionError):
            return None

    def _current(self, record_id: str) -> tuple[Path, SessionFile]:
        """The session's file and what it holds now; looked for again (a load) if it is not
        known or has moved since (tidied by another hamtimer, or by a sync)."""
        for attempt in range(2):
            if attempt or record_id not in self._files:
                self.load()
            if record_id not in self._files:
                break
            path = self.folder / self._files[record_id]
            with contextlib.suppress(FileNotFoundError):
                return path, _read_session_file(path)
        raise UnknownSessionError(f"no session has the id {record_id!r}")

    def _write(self, record: SessionRecord, stamp: Stamp) -> None:
        self._check_writable()
        home = layout.home_of(record.id, record.started)
        path = self.folder / home
        _make_folder(path.parent)
        write_atomic(path, session_text(record, stamp))
        self._files[record.id] = home
        self._deleted.discard(record.id)

    def _write_many(self, records: list[SessionRecord], all_or_nothing: bool = False) -> None:
        """Many sessions (an import, the conversion): each file written atomically, each
        folder made durable once at the end rather than after every file. With
        `all_or_nothing`, a failure removes the files this call wrote before it re-raises."""
        self._check_writable()
        folders: set[Path] = set()
        written: list[tuple[str, Path]] = []
        try:
            for record in records:
                home = layout.home_of(record.id, record.started)
                path = self.folder / home
                _make_folder(path.parent)
                stamp = Stamp(max(record.ended, record.started), self.device)
                write_atomic(path, session_text(record, stamp), sync_folder=False)
                written.append((record.id, path))
                self._files[record.id] = home
                folders.add(path.parent)
            for folder in folders:
                fsync_folder(folder)
        except BaseException:
            if all_or_nothing:
                self._take_back(written)
            raise

    def _take_back(self, written: list[tuple[str, Path]]) -> None:
        for record_id, path in written:
            with contextlib.suppress(OSError):
                path.unlink()
            self._files.pop(record_id, None)

    def _stamp_after(self, previous: Stamp | None) -> Stamp:
        """Now, by this computer; later than `previous` even if the clock went back."""
        now = self._now()
        if previous is not None and now <= previous.at:
            now = previous.at + TICK
        return Stamp(now, self.device)

    def _check_writable(self) -> None:
        if not self.read_only and self._loaded != self.folder:
            self.load()  # a history from a newer hamtimer is found before anything is written
        if self.read_only:
            raise ReadOnlyHistoryError("the history is read-only")

    def relocate(self, target: Path) -> int:
        """Move every file of the history to `target` (relocate.folder_problem first) and use
        it from now on; returns how many files moved."""
        moved = move_history(self.folder, target)
        self.folder = target
        self._files, self._deleted = {}, set()
        self._converted_for = None
        return moved

    # -- the old layout, once --------------------------------------------------------------

    def _convert_legacy(self) -> None:
        if self._converted_for == self.folder and not self._newer_legacy:
            return
        self._converted_for = self.folder
        if not self.folder.is_dir() or not legacy.has_legacy_files(self.folder):
            return
        with file_lock(self.local_dir / "conversion.lock"):
            done = legacy.convert(self.folder, self.journals_dir, self._write_many)
        self._newer_legacy = done.read_only
        self.read_only = self.read_only or done.read_only
        self._notices += done.messages

    def _take_notices(self) -> list[str]:
        notices, self._notices = self._notices, []
        return notices

    # -- the running session ---------------------------------------------------------------

    def start_journal(self, record_id: str) -> SessionJournal:
        """The journal of a session starting now: rewritten at every step boundary, and
        locked while it runs, so another hamtimer never takes it for an interrupted one."""
        self.journals_dir.mkdir(parents=True, exist_ok=True)
        return SessionJournal(self.journals_dir, record_id)

    def prepare(self) -> tuple[list[SessionRecord], list[str]]:
        """What every command that reads the history does first: the old layout converted,
        and sessions cut off last time saved (see `recover_interrupted`)."""
        self._convert_legacy()
        recovered, messages = self.recover_interrupted()
        return recovered, [*self._take_notices(), *messages]

    def recover_interrupted(self) -> tuple[list[SessionRecord], list[str]]:
        """Sessions whose journal was left behind, saved: cut off by a crash, a kill or a power
        cut (as interrupted), or ended but not saved last time (as they ended). Recovery only
        adds what the history lacks: a session already saved is never rewritten. Also what to
        tell the user about journals that could not be used or saved."""
        self._convert_legacy()
        recovered: list[SessionRecord] = []
        messages: list[str] = []
        for path in sorted(self.journals_dir.glob(JOURNAL_PATTERN)):
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

    def waiting_sessions(self) -> list[Path]:
        """Journals no running hamtimer holds: sessions not in the history yet (their save
        failed, or they were cut off), to be saved by the next `recover_interrupted`."""
        waiting = []
        for path in sorted(self.journals_dir.glob(JOURNAL_PATTERN)):
            held = try_hold(path.with_suffix(".lock"))
            if held is not None:
                held.release()
                waiting.append(path)
        return waiting

    def _recover_journal(self, path: Path, messages: list[str]) -> SessionRecord | None:
        try:
            content = read_journal(path)
        except (OSError, UnicodeDecodeError, ValueError) as error:
            log.warning("journal %s unusable: %s", path, error, extra=FILE_ONLY)
            with contextlib.suppress(OSError):
                aside = set_aside(path)
                messages.append(f"An interrupted session could not be recovered; kept as {aside}.")
            return None
        record = content.record
        if not content.final:
            record = replace(record, status=SessionStatus.INTERRUPTED)
        if self._has_saved(record):
            # The save went through; only the journal's removal was cut off (a kill, a crash).
            path.unlink()
            return None
        try:
            self.append(record)
        except SAVE_ERRORS as error:
            messages.append(kept_aside_text(record, path, error))
            return None
        path.unlink()
        return record

    def _has_saved(self, record: SessionRecord) -> bool:
        """Whether the history holds `record`'s session in a readable file (one that can't be
        read is set aside first, so the save that follows never replaces it)."""
        home = self.folder / layout.home_of(record.id, record.started)
        try:
            _read_session_file(home)
        except FileNotFoundError:
            return False
        except (OSError, UnicodeDecodeError, ValueError) as error:
            log.warning("%s unreadable before recovery: %s", home, error, extra=FILE_ONLY)
            with contextlib.suppress(OSError):
                set_aside(home)
            return False
        return True


SAVE_ERRORS = (OSError, ValueError, ReadOnlyHistoryError)
"""What a save can meet: a full disk, a read-only or missing folder, a lock held too long
(TimeoutError), a history from a newer hamtimer."""


def save_problem(error: BaseException) -> str:
    """Why a save failed, as the end of a sentence a user can act on."""
    if isinstance(error, ReadOnlyHistoryError):
        return "your history was written by a newer hamtimer, so this one only reads it"
    if isinstance(error, TimeoutError):
        return "another hamtimer held the history for too long"
    if isinstance(error, OSError) and error.strerror:
        where = f" ({error.filename})" if error.filename else ""
        return f"{error.strerror.lower()}{where}"
    return str(error) or type(error).__name__


def kept_aside_text(record: SessionRecord, kept: Path, error: BaseException) -> str:
    """One line: a session not saved, why, and where it is kept until it is."""
    when = f"{record.started.astimezone():%a %d %b %H:%M}"
    return (
        f"{record.template_name} ({when}) is not in your history yet: {save_problem(error)}. "
        f"It is kept in {kept} and saved at the next start."
    )


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """A load makes some 200,000 objects (the index, the entries) and no reference cycles:
    the cycle collector, which runs every few hundred allocations and walks every object the
    app holds, would cost a third of the load's time, more with every page already loaded."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _tell(result: HistoryLoad, message: str) -> None:
    if message not in result.messages:
        result.messages.append(message)


def _read_session_file(path: Path) -> SessionFile:
    return read_session(read_text(path, max_bytes=MAX_SESSION_BYTES), path.name)


def _data_files(folder: Path) -> Iterator[tuple[str, str, tuple[int, int, int]]]:
    """(name, path, signature) of each data file in `folder`; stale temp files are removed."""
    for item in _entries(folder):
        if layout.is_data_name(item.name):
            try:
                status = item.stat()
            except OSError:  # a dangling or looping link: read (and set aside) like any file
                status = item.stat(follow_symlinks=False)
            yield item.name, item.path, (status.st_ino, status.st_size, status.st_mtime_ns)
        elif layout.is_stale_part(item.name):
            _remove_if_stale(item)


def _dirs(folder: Path) -> list[os.DirEntry[str]]:
    return [item for item in _entries(folder) if item.is_dir()]


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as items:
            return list(items)
    except (FileNotFoundError, NotADirectoryError):
        return []


def _remove_if_stale(item: os.DirEntry[str]) -> None:
    with contextlib.suppress(OSError):
        if time.time() - item.stat().st_mtime > STALE_PART_S:
            Path(item.path).unlink()


def _make_folder(folder: Path) -> None:
    """A month's folder, made durable in its parent the first time (a new session in it must
    survive a power cut with its folder)."""
    if folder.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True)
    fsync_folder(folder.parent)


def _copy_atomic(source: Path, target: Path) -> None:
    """The same bytes at `target`, replaced whole (a conflict copy put at the session's name)."""
    _make_folder(target.parent)
    write_atomic(target, read_text(source, max_bytes=MAX_SESSION_BYTES))
