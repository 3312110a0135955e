"""The summary's arrows: each leg against the same leg in the last session of the template."""

from __future__ import annotations

from datetime import UTC, datetime

from hamtimer.core.session_compare import Trend, compare, leg_change
from hamtimer.core.session_record import LegRecord, SessionRecord, SessionStatus
from hamtimer.core.vocabulary import Mode, Side

WHEN = datetime(2026, 12, 1, 7, tzinfo=UTC)


def hold(side: Side, *seconds: float) -> LegRecord:
    return LegRecord("bridge", "Bridge", Mode.HOLD, side, 3, len(seconds), 0, seconds)


def reps(side: Side, count: int, sets: int = 2) -> LegRecord:
    return LegRecord("hinge", "Hinge", Mode.REPS, side, 2, sets, 0, (), count)


def session(*legs: LegRecord) -> SessionRecord:
    return SessionRecord("s", "t", "T", 1, WHEN, WHEN, SessionStatus.COMPLETED, legs=legs)


def test_longer_holds_point_up_and_say_by_how_much() -> None:
    change = leg_change(hold(Side.LEFT, 25, 25, 25), hold(Side.LEFT, 20, 20, 21))
    assert change.trend == Trend.UP and change.trend.arrow == "↑"
    assert change.text == "14 s longer than last time (61 s held)"


def test_fewer_reps_point_down_and_jitter_is_the_same() -> None:
    assert leg_change(reps(Side.LEFT, 17), reps(Side.LEFT, 20)).text == (
        "3 fewer reps than last time (20 reps)"
    )
    assert leg_change(reps(Side.LEFT, 19), reps(Side.LEFT, 20)).text == (
        "1 fewer rep than last time (20 reps)"
    )
    same = leg_change(hold(Side.RIGHT, 20.2, 20), hold(Side.RIGHT, 20, 20))
    assert same.trend == Trend.SAME and same.text == "the same as last time (40 s held)"


def test_each_leg_is_weighed_against_the_same_leg_and_new_ones_are_first() -> None:
    before = session(hold(Side.LEFT, 20), hold(Side.RIGHT, 30))
    now = session(hold(Side.LEFT, 25), hold(Side.RIGHT, 25), reps(Side.LEFT, 10))
    trends = {key: change.trend for key, change in compare(now, before).items()}
    assert trends == {
        ("bridge", "left"): Trend.UP,
        ("bridge", "right"): Trend.DOWN,
        ("hinge", "left"): Trend.FIRST,
    }
    assert all(c.trend == Trend.FIRST for c in compare(now, None).values())
