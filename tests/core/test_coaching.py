from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hamtimer.core.coaching import next_hold, warnings, weaker_leg
from hamtimer.core.history import HistoryEntry
from hamtimer.core.session_record import QuickLog, SessionStatus
from hamtimer.core.vocabulary import Side

TODAY = date(2026, 11, 21)


def entry(days_ago: int, effort: int | None = 6, pain: int | None = 2) -> HistoryEntry:
    moment = datetime(2026, 11, 21, 12, tzinfo=UTC) - timedelta(days=days_ago)
    return HistoryEntry(
        f"s{days_ago}", "bridge", "Bridge", moment, moment + timedelta(minutes=10),
        SessionStatus.COMPLETED, 600.0, ((Side.LEFT, 60.0), (Side.RIGHT, 60.0)), (),
        QuickLog(effort, pain), 6.0, 6,
    )  # fmt: skip


def test_three_manageable_sessions_suggest_five_more_seconds_within_the_range() -> None:
    done = [entry(2), entry(4), entry(6)]
    advice = next_hold(done, "bridge", target_s=30, max_s=45)
    assert advice is not None and "try 35 s holds" in advice.text
    assert "try 45 s" in next_hold(done, "bridge", 42, 45).text  # type: ignore[union-attr]
    assert next_hold(done, "bridge", 45, 45) is None  # at the top of the range
    assert next_hold(done, "bridge", 30, None) is None  # a fixed hold


def test_no_progress_after_a_hard_or_painful_or_unlogged_session() -> None:
    assert next_hold([entry(2, effort=8), entry(4), entry(6)], "bridge", 30, 45) is None
    assert next_hold([entry(2, pain=4), entry(4), entry(6)], "bridge", 30, 45) is None
    assert next_hold([entry(2, effort=None), entry(4), entry(6)], "bridge", 30, 45) is None
    stopped = replace(entry(2), status=SessionStatus.STOPPED)
    assert next_hold([stopped, entry(4), entry(6)], "bridge", 30, 45) is None


def test_training_on_consecutive_days_asks_for_a_rest_day() -> None:
    [advice] = warnings([entry(1), entry(0)], TODAY)
    assert advice.kind == "rest" and "today and yesterday" in advice.text
    assert warnings([entry(2), entry(4)], TODAY) == []


def test_rising_pain_says_ease_off() -> None:
    rising = [entry(1, pain=5), entry(3, pain=3), entry(5, pain=2)]
    kinds = [a.kind for a in warnings(rising, TODAY)]
    assert "ease_off" in kinds
    low = [entry(2, pain=3), entry(4, pain=2), entry(6, pain=1)]
    assert warnings(low, TODAY) == []


def test_the_weaker_leg_is_named_when_it_holds_clearly_less() -> None:
    uneven = [replace(entry(d), hold_s=(("left", 60.0), ("right", 48.0))) for d in (2, 4, 6)]
    advice = weaker_leg(uneven)
    assert advice is not None and "right leg held 20% less" in advice.text
    even = [replace(entry(d), hold_s=(("left", 60.0), ("right", 57.0))) for d in (2, 4)]
    assert weaker_leg(even) is None
