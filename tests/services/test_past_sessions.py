"""The history as choose-some rotation reads it: a template's latest sessions, newest first,
read once, with sessions that end later added without reading again."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from hamtimer.core.rotation import PastSession
from hamtimer.core.session_record import LegRecord, SessionRecord
from hamtimer.core.vocabulary import Mode, Side
from hamtimer.services.past_sessions import PastSessions, previous_training
from tests.history_records import START, small_record, store_at


def record(number: int, *done: str, template_id: str = "choosy") -> SessionRecord:
    legs = tuple(LegRecord(i, i, Mode.REPS, Side.BOTH, 1, 1, 0, (), 5, 0) for i in done)
    started = START + timedelta(days=number)
    return replace(small_record(number, started), template_id=template_id, legs=legs)


def test_a_templates_latest_sessions_newest_first(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    for number, done in enumerate((("a", "b"), ("c", "d"), (), ("a", "e")), start=1):
        store.append(record(number, *done))
    store.append(record(9, "x", template_id="other"))
    past = PastSessions(store)
    assert past.of("choosy", 5) == [
        PastSession("session-4", frozenset({"a", "e"})),
        PastSession("session-2", frozenset({"c", "d"})),  # session 3 did nothing
        PastSession("session-1", frozenset({"a", "b"})),
    ]
    assert [s.id for s in past.of("choosy", 2)] == ["session-4", "session-2"]
    assert past.of("nothing-yet", 5) == []


def test_a_session_that_just_ended_is_added_without_reading_again(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    store.append(record(1, "a", "b"))
    past = PastSessions(store)
    assert [s.id for s in past.of("choosy", 5)] == ["session-1"]
    later = record(2, "c", "d")
    store.append(later)
    past.add(later)
    assert [s.id for s in past.of("choosy", 5)] == ["session-2", "session-1"]

    store.append(record(3, "e"))  # written elsewhere (an import): seen after forget()
    past.forget()
    assert [s.id for s in past.of("choosy", 5)] == ["session-3", "session-2", "session-1"]


def test_the_previous_training_session_of_the_same_template(tmp_path: Path) -> None:
    """What the summary weighs a session against: the newest earlier one of its template
    that counts as training (not one marked as not training, not another template's)."""
    store = store_at(tmp_path)
    older = small_record(1, START)
    marked = replace(small_record(2, START + timedelta(days=1)), not_training=True)
    other = replace(small_record(3, START + timedelta(days=2)), template_id="another")
    now = small_record(4, START + timedelta(days=3))
    for each in (older, marked, other, now):
        store.append(each)

    found = previous_training(store, now)

    assert found is not None and found.id == older.id
    assert previous_training(store, older) is None
