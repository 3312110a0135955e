"""Export of the history: JSON (every record, importable again) or CSV (one row per exercise
and leg, for a spreadsheet). Written atomically: a half-written export never replaces a file."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hamtimer.core.history import (
    HISTORY_SCHEMA_VERSION,
    RecordError,
    record_from_json,
    record_to_json,
)
from hamtimer.core.safe_text import csv_cell
from hamtimer.core.session_record import SessionRecord
from hamtimer.services.atomic_file import write_atomic
from hamtimer.services.guarded_file import GuardedFileError, read_json

CSV_HEADERS = (
    "started", "ended", "template_id", "template", "status", "length_s", "exercise", "side",
    "sets_done", "sets_planned", "sets_skipped", "hold_s", "reps", "effort", "pain", "notes",
)  # fmt: skip


def export_history(records: Sequence[SessionRecord], target: Path) -> int:
    """Write `records` to `target` (.csv for CSV, anything else JSON); returns how many."""
    if target.suffix.lower() == ".csv":
        write_atomic(target, _csv(records))
    else:
        document = {
            "schema_version": HISTORY_SCHEMA_VERSION,
            "sessions": [record_to_json(record) for record in records],
        }
        write_atomic(target, json.dumps(document, indent=1))
    return len(records)


MAX_IMPORT_BYTES = 200_000_000


def read_export(source: Path) -> list[SessionRecord]:
    """The sessions of a JSON export. Raises OSError if unreadable, RecordError (naming the
    field) if it is not an export this hamtimer can read; nothing is imported partially."""
    try:
        document = read_json(source, max_bytes=MAX_IMPORT_BYTES)
    except GuardedFileError as error:
        raise RecordError(source.name, f"is not a JSON export ({error})") from None
    if not isinstance(document, dict) or not isinstance(document.get("sessions"), list):
        raise RecordError(source.name, "has no 'sessions' list")
    version = document.get("schema_version")
    if version != HISTORY_SCHEMA_VERSION:
        raise RecordError(source.name, f"is from history version {version!r}")
    return [record_from_json(item, f"sessions[{i}]") for i, item in enumerate(document["sessions"])]


def _csv(records: Sequence[SessionRecord]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADERS)
    for record in records:
        for leg in record.legs:
            _safe_row(
                writer,
                (
                    record.started.isoformat(),
                    record.ended.isoformat(),
                    record.template_id,
                    record.template_name,
                    record.status.value,
                    f"{record.length_s:g}",
                    leg.exercise_name,
                    leg.side,
                    leg.sets_done,
                    leg.sets_planned,
                    leg.sets_skipped,
                    " ".join(f"{seconds:g}" for seconds in leg.hold_s),
                    leg.reps,
                    "" if record.log.effort is None else record.log.effort,
                    "" if record.log.pain is None else record.log.pain,
                    record.log.notes,
                ),
            )
    return out.getvalue()


def _safe_row(writer: Any, cells: Sequence[object]) -> None:
    """Text cells never start a formula: names and notes can come from an imported file."""
    writer.writerow([csv_cell(cell) if isinstance(cell, str) else cell for cell in cells])
