"""Progress for the History charts: round axes, week labels, one template's trend per leg
with personal bests, training days."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hamtimer.core.history import entry_of
from hamtimer.core.history_progress import (
    leg_trend,
    round_axis,
    training_days,
    trend_sentence,
    week_axis,
)
from hamtimer.core.vocabulary import Side
from tests.history_records import bridge_sets_record, small_record


def test_round_axes_have_round_ticks() -> None:
    for highest, top, ticks in ((66, 80, 5), (4, 4, 5), (37.5, 40, 5), (100, 100, 6), (0, 1, 2)):
        axis = round_axis(highest)
        assert (axis.top, axis.ticks) == (top, ticks), highest
        step = axis.top / (axis.ticks - 1)
        assert step == int(step) and str(int(step))[0] in "125"


def test_week_axes_put_one_label_per_week_or_per_few_weeks_on_mondays() -> None:
    one_day = week_axis(date(2026, 12, 1), date(2026, 12, 1))
    assert (one_day.first, one_day.last, one_day.ticks) == (
        date(2026, 11, 30), date(2026, 12, 7), 2,
    )  # fmt: skip
    year = week_axis(date(2025, 12, 3), date(2026, 12, 1))
    assert year.first.weekday() == year.last.weekday() == 0
    assert year.ticks <= 8
    assert (year.last - year.first).days == 7 * year.weeks_per_tick * (year.ticks - 1)


def test_a_templates_trend_per_leg_marks_personal_bests_and_leaves_others_out() -> None:
    start = datetime(2026, 10, 1, 7, tzinfo=UTC)
    holds = [(60, 54), (66, 54), (63, 57), (69, 60)]
    entries = [
        entry_of(bridge_sets_record(n, start + timedelta(days=3 * n), left / 3, right / 3))
        for n, (left, right) in enumerate(holds)
    ]
    other = entry_of(replace(small_record(9, start), template_id="nordic"))
    trend = leg_trend([*reversed(entries), other], "isometric-bridge-hold")
    assert trend is not None and trend.unit == "s" and trend.sessions == 4
    left = trend.legs[Side.LEFT]
    assert [round(p.value) for p in left] == [60, 66, 63, 69]
    assert [p.best for p in left] == [True, True, False, True]
    assert [p.best for p in trend.legs[Side.RIGHT]] == [True, False, True, True]
    assert trend.bests() == {Side.LEFT: 69.0, Side.RIGHT: 60.0}
    assert leg_trend(entries, "nothing-here") is None


def test_training_days_count_sessions_by_day() -> None:
    day = datetime(2026, 10, 1, 7, tzinfo=UTC)
    entries = [entry_of(small_record(n, day + timedelta(hours=n))) for n in range(2)]
    assert training_days(entries) == {day.astimezone().date(): 2}


def test_the_trend_in_words_gives_every_value_and_each_legs_best() -> None:
    # The chart's text alternative for screen readers (issue 20).
    start = datetime(2026, 10, 1, 7, tzinfo=UTC)
    entries = [
        entry_of(bridge_sets_record(n, start + timedelta(days=3 * n), left / 3, right / 3))
        for n, (left, right) in enumerate([(60, 54), (69, 60)])
    ]
    trend = leg_trend(entries, "isometric-bridge-hold")
    assert trend is not None
    words = trend_sentence(trend)
    assert "hold seconds per leg over 2 sessions" in words
    assert "Left leg: 60, 69 s; best 69 s on 04 Oct." in words
    assert "Right leg: 54, 60 s; best 60 s on 04 Oct." in words
