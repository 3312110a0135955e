"""The index: what the list needs of every file in the synced folder, cached on this computer
so a load reads only the files that changed since. Never the source of truth: it is checked
against every file's signature (inode, size, modification time) at each load, and a missing,
damaged or foreign index is simply rebuilt from the files.

A file changed within RACY_NS of the index being written may have changed again within the
same clock tick without its modification time moving (git's "racily clean" problem): such a
file is read again at the next load rather than trusted.
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from hamtimer.core.history import HistoryEntry, entry_from_json, entry_to_json
from hamtimer.core.history_merge import Stamp
from hamtimer.services.atomic_file import write_atomic
from hamtimer.services.history.layout import STORE_VERSION

log = logging.getLogger(__name__)

RACY_NS = 2_000_000_000

Signature = tuple[int, int, int]
"""(inode, size, modification time in ns): every write replaces the file, so its inode
changes too (on Windows st_ino is the file index, which does the same)."""


@dataclass(frozen=True, slots=True)
class FileFacts:
    """What one file says: whose session, its stamp and tie-break, and (for a session file,
    not a tombstone) the list's entry."""

    record_id: str
    stamp: Stamp
    digest: str
    entry: HistoryEntry | None


@dataclass(frozen=True, slots=True)
class IndexedFile:
    signature: Signature
    facts: FileFacts


@dataclass(slots=True)
class Index:
    files: dict[str, IndexedFile] = field(default_factory=dict)
    """By path relative to the history folder, with '/' between parts."""
    written_ns: int = 0

    def trusted(self, relative: str, signature: Signature) -> FileFacts | None:
        known = self.files.get(relative)
        if known is None or known.signature != signature:
            return None
        if signature[2] >= self.written_ns - RACY_NS:
            return None
        return known.facts


def read_index(path: Path, folder: Path) -> Index:
    """The cached index of `folder`, or an empty one (rebuilt then) if there is none usable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("schema_version") != STORE_VERSION or data.get("folder") != str(folder):
            return Index()
        files = {name: _indexed(item) for name, item in data["files"].items()}
        return Index(files, int(data["written_ns"]))
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
        "files": {name: _item(known) for name, known in index.files.items()},
    }
    try:
        write_atomic(path, json.dumps(document, separators=(",", ":")), sync_folder=False)
    except OSError as error:
        log.info("history index not written: %s", error)
        with contextlib.suppress(OSError):
            path.unlink()


def _item(known: IndexedFile) -> dict[str, Any]:
    facts = known.facts
    return {
        "sig": list(known.signature),
        "id": facts.record_id,
        "at": facts.stamp.at.isoformat(),
        "by": facts.stamp.by,
        "digest": facts.digest,
        "entry": None if facts.entry is None else entry_to_json(facts.entry),
    }


def _indexed(item: dict[str, Any]) -> IndexedFile:
    inode, size, mtime = item["sig"]
    entry = item["entry"]
    facts = FileFacts(
        str(item["id"]),
        Stamp(datetime.fromisoformat(item["at"]), str(item["by"])),
        str(item["digest"]),
        None if entry is None else entry_from_json(entry),
    )
    return IndexedFile((int(inode), int(size), int(mtime)), facts)
