"""The index's rows: every field of a history entry survives the round trip (a field added to
HistoryEntry must be added to the row too, or entries loaded from the index would lose it)."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import UTC, datetime

from hamtimer.core.history import HistoryEntry, entry_of
from hamtimer.core.history_merge import Stamp
from hamtimer.core.session_record import QuickLog
from hamtimer.services.history.index import FileFacts
from tests.history_records import small_record


def test_an_entry_round_trips_through_its_index_row_with_every_field() -> None:
    record = replace(small_record(1), log=QuickLog(7, 2, "notes"), not_training=True)
    entry = entry_of(record)
    facts = FileFacts.of(entry.id, Stamp(datetime(2026, 12, 1, tzinfo=UTC), "dev"), "x", entry)
    assert facts.entry_row is not None
    flat = len(fields(HistoryEntry)) - 1 + len(fields(QuickLog))  # the log is three values
    assert len(facts.entry_row) == flat
    assert facts.entry() == entry


def test_a_file_at_its_own_place_is_known_without_date_arithmetic() -> None:
    entry = entry_of(small_record(1))
    facts = FileFacts.of(entry.id, Stamp(entry.ended, "dev"), "x", entry)
    assert facts.home() == "sessions/2026-11/session-1.json"
    odd = replace(entry, id="a/b", started=datetime.fromisoformat("2026-12-01T00:30:00+02:00"))
    odd_facts = FileFacts.of(odd.id, Stamp(odd.ended, "dev"), "x", odd)
    assert odd_facts.home().startswith("sessions/2026-11/id-")  # UTC month; no path from an id
