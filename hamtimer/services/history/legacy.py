"""hamtimer 0.1's history layout, converted once: month files (`sessions-YYYY-MM.json`, each
with a `.bak`), yearly summaries and journals, all in the history folder itself.

Every session of every month file (or of its `.bak` when the month file is damaged) becomes
its own session file; then the old files move, untouched, into `legacy-<date>/` in the history
folder, and journals of sessions cut off under 0.1 move to this computer's journal folder. A
month file from a newer hamtimer stops the conversion: the history opens read-only.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from hamtimer.core.history import HISTORY_SCHEMA_VERSION, RecordError, record_from_json
from hamtimer.core.session_record import SessionRecord
from hamtimer.services.file_lock import try_hold
from hamtimer.services.guarded_file import read_json
from hamtimer.services.history.journal import JOURNAL_PATTERN, journal_lock
from hamtimer.services.history.layout import LEGACY_PREFIX
from hamtimer.services.logging_setup import FILE_ONLY

MAX_MONTH_BYTES = 200_000_000

log = logging.getLogger(__name__)

MONTH_PATTERN = "sessions-*.json"
LEGACY_PATTERNS = (
    "sessions-*.json*",  # month files, their .bak, .damaged-… and .part files
    "summary-*.json*",
    ".lock",
)


@dataclass(slots=True)
class Conversion:
    sessions: int = 0
    messages: list[str] = field(default_factory=list)
    read_only: bool = False


def has_legacy_files(folder: Path) -> bool:
    return any(folder.glob(MONTH_PATTERN)) or any(folder.glob(JOURNAL_PATTERN))


def convert(
    folder: Path, journals: Path, write: Callable[[list[SessionRecord]], None]
) -> Conversion:
    """Convert the 0.1 files in `folder`; `write` saves sessions in the new layout."""
    result = Conversion()
    months = sorted(folder.glob(MONTH_PATTERN))
    records: list[SessionRecord] = []
    for month in months:
        try:
            records += _month_records(month, result)
        except _NewerMonthError:
            result.read_only = True
            result.messages.append(
                f"{month.name} was written by a newer hamtimer; the history is read-only."
            )
            return result
    write(records)
    result.sessions = len(records)
    if months:
        aside = _legacy_folder(folder)
        _move_legacy_files(folder, aside)
        result.messages.append(
            f"Your history was converted to one file per session ({len(records)} sessions);"
            f" the old files are kept in {aside}."
        )
    _move_journals(folder, journals)
    return result


class _NewerMonthError(Exception):
    pass


def _month_records(month: Path, result: Conversion) -> list[SessionRecord]:
    try:
        return _readable_records(month, result)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        log.warning("month file %s unusable: %s", month, error, extra=FILE_ONLY)
    backup = month.with_name(month.name + ".bak")
    try:
        records = _readable_records(backup, result)
    except (OSError, UnicodeDecodeError, ValueError):
        result.messages.append(
            f"{month.name} was damaged and has no good copy; it is kept in the legacy folder."
        )
        return []
    result.messages.append(
        f"{month.name} was damaged; its last good copy was converted (the newest session"
        " saved in it may be missing). Both are kept in the legacy folder."
    )
    return records


def _readable_records(path: Path, result: Conversion) -> list[SessionRecord]:
    """Every session of a month file that can be read: one bad entry is left behind alone
    (the whole file is kept in the legacy folder), its neighbours are converted."""
    records: list[SessionRecord] = []
    bad = 0
    for index, item in enumerate(_session_items(path)):
        try:
            records.append(record_from_json(item, f"{path.name}: sessions[{index}]"))
        except ValueError as error:
            log.warning("%s", error, extra=FILE_ONLY)
            bad += 1
    if bad:
        sessions = "1 session" if bad == 1 else f"{bad} sessions"
        result.messages.append(
            f"{path.name}: {sessions} could not be read and stayed behind (the file is kept "
            "in the legacy folder); the others were converted."
        )
    return records


def _session_items(path: Path) -> list[object]:
    """The raw session entries of a month file; raises if the file itself is unusable."""
    data = read_json(path, max_bytes=MAX_MONTH_BYTES)
    if not isinstance(data, dict):
        raise RecordError(path.name, "must be a JSON object")
    version = data.get("schema_version")
    if isinstance(version, int) and version > HISTORY_SCHEMA_VERSION:
        raise _NewerMonthError(path.name)
    if version != HISTORY_SCHEMA_VERSION:
        raise RecordError(path.name, f"schema_version must be {HISTORY_SCHEMA_VERSION}")
    sessions = data.get("sessions")
    if not isinstance(sessions, list):
        raise RecordError(path.name, "'sessions' must be a list")
    return sessions


def _legacy_folder(folder: Path) -> Path:
    base = folder / f"{LEGACY_PREFIX}{datetime.now(UTC):%Y-%m-%d}"
    candidate, number = base, 2
    while candidate.exists():
        candidate = base.with_name(f"{base.name}-{number}")
        number += 1
    candidate.mkdir(parents=True)
    return candidate


def _move_legacy_files(folder: Path, aside: Path) -> None:
    for pattern in LEGACY_PATTERNS:
        for path in folder.glob(pattern):
            with contextlib.suppress(FileNotFoundError):  # another hamtimer moved it first
                path.replace(aside / path.name)


def _move_journals(folder: Path, journals: Path) -> None:
    """Journals of 0.1 sessions go where journals now live; one still running is left."""
    for path in folder.glob(JOURNAL_PATTERN):
        held = try_hold(journal_lock(path))
        if held is None:
            continue
        try:
            journals.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileNotFoundError):
                path.replace(journals / path.name)
        finally:
            held.release()
            with contextlib.suppress(OSError):
                held.path.unlink()
