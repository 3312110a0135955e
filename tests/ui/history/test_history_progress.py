"""History shows progress: the target band, round axes, week labels, one template's trend per
leg with personal bests, a calendar of training days, advice (or why there is none) always,
and what will appear while there is too little to show."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtCharts import QAreaSeries, QDateTimeAxis, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hamtimer.ui.history.history_page import NO_ADVICE_YET, HistoryPage
from tests.history_records import bridge_sets_record, store_at

TODAY = date(2026, 11, 21)
NOON = datetime(2026, 11, 21, 12, tzinfo=UTC)


def page_with(qtbot: QtBot, folder: Path, holds: list[tuple[float, float]]) -> HistoryPage:
    """A session every 3 days up to today, with these (left, right) holds per set."""
    store = store_at(folder)
    for number, (left, right) in enumerate(holds):
        started = NOON - timedelta(days=3 * (len(holds) - 1 - number))
        store.append(bridge_sets_record(number, started, left, right))
    page = HistoryPage(store)
    qtbot.addWidget(page)
    page.reload(TODAY)
    return page


def test_the_weekly_chart_has_the_target_band_and_round_ticks(qtbot: QtBot, tmp_path: Path) -> None:
    page = page_with(qtbot, tmp_path, [(20, 18)] * 5)
    chart = page.weekly_chart.chart()
    [band] = [s for s in chart.series() if isinstance(s, QAreaSeries)]
    assert band.name() == "Target: 2 to 3 a week"
    assert {p.y() for p in band.upperSeries().points()} == {3.0}
    assert {p.y() for p in band.lowerSeries().points()} == {2.0}
    [counts] = [a for a in chart.axes(Qt.Orientation.Vertical) if isinstance(a, QValueAxis)]
    assert (counts.min(), counts.max(), counts.tickCount()) == (0, 4, 5)


def test_the_trend_is_one_templates_holds_per_leg_with_bests_and_week_labels(
    qtbot: QtBot, tmp_path: Path
) -> None:
    page = page_with(qtbot, tmp_path, [(20, 18), (22, 18), (21, 19), (23, 19)])
    chart = page.legs_chart.chart()
    assert chart.title().startswith("Single-leg hamstring bridge hold: hold seconds per leg")
    lines = {s.name(): s for s in chart.series() if isinstance(s, QLineSeries)}
    bests = {s.name(): s for s in chart.series() if isinstance(s, QScatterSeries)}
    assert [p.y() for p in lines["Left leg"].points()] == [60, 66, 63, 69]
    assert [p.y() for p in bests["Left leg: best"].points()] == [60, 66, 69]
    assert [p.y() for p in bests["Right leg: best"].points()] == [54, 57]
    [values] = chart.axes(Qt.Orientation.Vertical)
    assert isinstance(values, QValueAxis) and (values.max(), values.tickCount()) == (80, 5)
    [dates] = chart.axes(Qt.Orientation.Horizontal)
    assert isinstance(dates, QDateTimeAxis)
    first, last = dates.min().date(), dates.max().date()
    assert first.dayOfWeek() == last.dayOfWeek() == 1  # Mondays
    weeks = first.daysTo(last) // 7
    assert dates.tickCount() == weeks + 1  # one label a week
    assert page.charts_hint.text() == ""


def test_the_calendar_marks_the_days_trained(qtbot: QtBot, tmp_path: Path) -> None:
    page = page_with(qtbot, tmp_path, [(20, 18)] * 3)
    days = page.calendar.days
    assert sorted(days) == [TODAY - timedelta(days=n) for n in (6, 3, 0)]
    assert page.calendar.toolTip() == "3 days trained in the last 53 weeks"
    assert page.calendar.cell_colour(2) != page.calendar.cell_colour(0)


def test_empty_and_one_session_histories_say_what_will_appear(qtbot: QtBot, tmp_path: Path) -> None:
    empty = page_with(qtbot, tmp_path / "none", [])
    assert empty.coach.text() == NO_ADVICE_YET and not empty.coach.isHidden()
    assert "appear here after your first session" in empty.charts_hint.text()
    one = page_with(qtbot, tmp_path / "one", [(20, 18)])
    assert one.charts_hint.text().startswith("One session of Single-leg hamstring bridge hold")
    assert not one.coach.isHidden() and one.coach.text()


def test_the_session_is_shown_as_a_card_per_exercise_and_leg(qtbot: QtBot, tmp_path: Path) -> None:
    page = page_with(qtbot, tmp_path, [(20, 18)])
    assert page.cards.texts() == [
        "Single-leg hamstring bridge hold · Left: 3 of 3 sets, held 20, 20, 20 s,"
        " 3 held to the end",
        "Single-leg hamstring bridge hold · Right: 3 of 3 sets, held 18, 18, 18 s,"
        " 3 held to the end",
    ]
    for card in page.cards.cards:
        assert card.property("role") == "card"
