"""History by keyboard alone: Tab goes as the page reads, leaves the session list at once
(arrows move in it), lands on the selected session's words and on each leg card, and reaches
each chart with its numbers in a sentence; the focus shows on every stop."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hamtimer.ui.main_window import HISTORY_ROW, MainWindow
from tests.history_records import bridge_sets_record, store_at
from tests.ui.tab_walk import assert_focus_shows, names, walk_page


def history_of_three(window: MainWindow, home: Path) -> None:
    store = store_at(home)
    for number in range(3):
        started = datetime(2026, 11, 20, 8, tzinfo=UTC) - timedelta(days=3 * number)
        store.append(bridge_sets_record(number, started, 20.0, 18.0))
    window._history = store
    window.navigation.setCurrentRow(HISTORY_ROW)
    window.history_page.reload(date(2026, 11, 21))


def test_tab_goes_as_the_page_reads_and_every_stop_shows_its_focus(
    window: MainWindow, tmp_path: Path
) -> None:
    history_of_three(window, tmp_path)
    page = window.history_page

    stops = walk_page(window, page)

    order = names(stops)
    assert order[0] == "coachAdvice"
    after_advice = [name for name in order if name != "coachAdvice"]  # each link is a stop too
    assert after_advice[after_advice.index("templateFilter") :] == [
        "templateFilter",
        "periodFilter",
        "streakLabel",
        "sessionTable",
        "sessionDetail",
        "legCard",
        "legCard",
        "editLog",
        "notTraining",
        "deleteSession",
        "weeklyChart",
        "legsChart",
        "trainingCalendar",
    ]
    assert page.detail.accessibleName().startswith("Selected session: ")
    assert [card.accessibleDescription() for card in page.cards.cards] == page.cards.texts()
    assert "Left" in page.cards.texts()[0]
    for chart in (page.weekly_chart, page.legs_chart, page.calendar):
        assert chart.accessibleDescription(), chart.objectName()  # the numbers, in words
    assert_focus_shows(window, stops)


def test_tab_leaves_the_session_list_at_once_and_arrows_move_in_it(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    history_of_three(window, tmp_path)
    table = window.history_page.table
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 1 and table.hasFocus()

    qtbot.keyClick(table, Qt.Key.Key_Tab)

    assert QApplication.focusWidget() is window.history_page.detail


def test_the_cards_of_another_session_are_in_the_order_too(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    history_of_three(window, tmp_path)
    page = window.history_page
    page.table.selectRow(2)

    order = names(walk_page(window, page))

    at = order.index
    assert at("sessionDetail") < at("legCard") < at("editLog")
    assert order.count("legCard") == len(page.cards.cards) == 2


def test_enter_on_an_advices_source_says_why_and_tab_reaches_it(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    history_of_three(window, tmp_path)
    page = window.history_page
    assert page.advice, "three sessions in a week give advice"
    window.navigation.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(window.navigation, Qt.Key.Key_Tab)  # the advice, read whole
    assert QApplication.focusWidget() is page.coach
    assert page.coach.accessibleName().startswith("Advice from your history: • ")

    qtbot.keyClick(page.coach, Qt.Key.Key_Tab)  # its first source link
    qtbot.keyClick(page.coach, Qt.Key.Key_Return)

    assert page.why.isVisible()
    assert page.why.accessibleName().startswith("Why this advice: Why: ")
    assert "adviceWhy" in names(walk_page(window, page))
