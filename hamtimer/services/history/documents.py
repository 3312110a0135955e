"""The two kinds of document in the synced folder, as JSON text and back:

    session file  {"schema_version": 2, "edited": {"at": ISO time, "by": device id},
                   "session": <the record, core.history.record_to_json>}
    tombstone     {"schema_version": 2, "id": "...", "deleted": {"at": ..., "by": ...}}

A document from a newer hamtimer raises NewerVersionError (the history then opens read-only);
anything else wrong raises RecordError (a ValueError) naming the field.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from hamtimer.core.history import RecordError, parse_moment, record_from_json, record_to_json
from hamtimer.core.history_merge import Stamp
from hamtimer.core.session_record import SessionRecord
from hamtimer.services.guarded_file import parse_json
from hamtimer.services.history.layout import STORE_VERSION


class NewerVersionError(Exception):
    """Written by a newer hamtimer: not to be read, nor written over."""


@dataclass(frozen=True, slots=True)
class SessionFile:
    record: SessionRecord
    stamp: Stamp


def session_text(record: SessionRecord, stamp: Stamp) -> str:
    document = {
        "schema_version": STORE_VERSION,
        "edited": _stamp_json(stamp),
        "session": record_to_json(record),
    }
    return json.dumps(document, separators=(",", ":"))


def tombstone_text(record_id: str, stamp: Stamp) -> str:
    document = {"schema_version": STORE_VERSION, "id": record_id, "deleted": _stamp_json(stamp)}
    return json.dumps(document, separators=(",", ":"))


def read_session(text: str, name: str) -> SessionFile:
    data = _document(text, name)
    return SessionFile(
        record_from_json(data.get("session"), f"{name}: session"),
        _stamp(data.get("edited"), f"{name}: edited"),
    )


def read_tombstone(text: str, name: str) -> tuple[str, Stamp]:
    data = _document(text, name)
    record_id = data.get("id")
    if not isinstance(record_id, str):
        raise RecordError(f"{name}: id", "must be text")
    return record_id, _stamp(data.get("deleted"), f"{name}: deleted")


def digest(text: str) -> str:
    """The last tie-break between two versions stamped alike (core.history_merge)."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _document(text: str, name: str) -> dict[str, Any]:
    data = parse_json(text)
    if not isinstance(data, dict):
        raise RecordError(name, "must be a JSON object")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < STORE_VERSION:
        raise RecordError(f"{name}: schema_version", f"must be a whole number from {STORE_VERSION}")
    if version > STORE_VERSION:
        raise NewerVersionError(name)
    return data


def _stamp_json(stamp: Stamp) -> dict[str, str]:
    return {"at": stamp.at.isoformat(), "by": stamp.by}


def _stamp(value: object, path: str) -> Stamp:
    if not isinstance(value, dict):
        raise RecordError(path, "must be an object")
    at, by = value.get("at"), value.get("by")
    if not isinstance(at, str) or not isinstance(by, str):
        raise RecordError(path, "needs 'at' and 'by' as text")
    return Stamp(parse_moment(at, f"{path}.at"), by)
