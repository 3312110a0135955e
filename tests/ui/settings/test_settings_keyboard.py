"""Settings by keyboard alone: Tab goes down the page as it reads, every section included; a
status line is a stop after the controls it is about while it has something to say, never an
empty one; the focus shows on every stop."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hamtimer.services.settings import ReminderSettings
from hamtimer.ui.main_window import SETTINGS_ROW, MainWindow
from tests.ui.conftest import NOT_IN_TESTS
from tests.ui.tab_walk import assert_focus_shows, names, walk_page

CONTROLS = [
    "appearance",
    "textSize",
    "voiceSearch",
    "voiceChoice",
    "speechRateSlider",
    "volume",
    "speakCues",
    "playSounds",
    "formCues",
    "openStepsWaitForDone",
    "keepSpeakersAwake",
    "testVoice",
    "pedalKey",
    "noPedal",
    "readerSecondsEvery",
    "readerSpeaksCues",
    "listenHint",  # why voice commands can't work here (its box is off)
    "remindersOn",
    "reminderTime",
    "historyFolder",
    "chooseHistoryFolder",
    "defaultHistoryFolder",
]


def test_tab_goes_down_the_page_and_every_stop_shows_its_focus(window: MainWindow) -> None:
    window.navigation.setCurrentRow(SETTINGS_ROW)
    page = window.settings_page

    stops = walk_page(window, page)

    assert names(stops) == CONTROLS
    assert page.listen_hint.accessibleName() == f"Voice commands: {NOT_IN_TESTS}"
    assert page.history_folder.accessibleName().startswith("History folder: Kept in ")
    assert_focus_shows(window, stops)


def test_a_status_line_is_a_stop_after_its_controls_while_it_says_something(
    window: MainWindow,
) -> None:
    window.navigation.setCurrentRow(SETTINGS_ROW)
    page = window.settings_page
    page.show_status("Voice: espeak")
    page.show_reminders(ReminderSettings(True, time(18, 0)), "Reminders on at 18:00.")

    order = names(walk_page(window, page))

    assert order[order.index("noPedal") + 1] == "settingsStatus"
    assert order[order.index("reminderTime") + 1] == "remindersStatus"
    assert page.reminders_status.accessibleName() == "Reminders: Reminders on at 18:00."
    page.show_reminders(ReminderSettings(True, time(18, 0)))  # nothing new to say
    assert "remindersStatus" not in names(walk_page(window, page))


def test_shift_tab_leaves_the_pedal_key_and_is_not_taken_for_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    """It recorded Shift+Tab as the pedal's key, and the keyboard could not leave backwards."""
    window.navigation.setCurrentRow(SETTINGS_ROW)
    page = window.settings_page
    pedal = page.pedal_key
    before = pedal.keySequence().toString()
    pedal.setFocus(Qt.FocusReason.TabFocusReason)

    qtbot.keyClick(pedal, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)

    assert QApplication.focusWidget() is page.test_button
    assert pedal.keySequence().toString() == before
    pedal.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(pedal, Qt.Key.Key_F9)  # any other key is still the pedal's
    qtbot.waitUntil(lambda: window.pedal_key == "F9")
    qtbot.keyClick(pedal, Qt.Key.Key_B, Qt.KeyboardModifier.ShiftModifier)  # with its modifier
    qtbot.waitUntil(lambda: window.pedal_key == "Shift+B")
