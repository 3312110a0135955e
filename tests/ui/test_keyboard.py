"""Keyboard-only use of the window (hamtimer/ui/widgets/keyboard.py): Ctrl+1 to Ctrl+4 go to a
section with the keyboard on its first control; the focus ring is drawn, and seen, in every
theme; Tab orders leave out what is not there. Each page's walk is in its own tests
(tests/ui/*/test_*_keyboard.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from hamtimer.services.settings import Appearance
from hamtimer.ui import theme
from hamtimer.ui.main_window import HISTORY_ROW, SETTINGS_ROW, TEMPLATES_ROW, TRAIN_ROW, MainWindow
from hamtimer.ui.widgets.keyboard import (
    OWN_RING,
    FocusRing,
    set_tab_order,
    show_readable,
    tab_chain,
)
from tests.fakes import FakeClock
from tests.ui.run.test_summary_card import finish_session
from tests.ui.tab_walk import names, walk

NON_TEXT_CONTRAST = 3.0
"""WCAG 1.4.11: a focus indicator against what is next to it."""


def press(window: MainWindow, qtbot: QtBot, key: Qt.Key) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, key, Qt.KeyboardModifier.ControlModifier)


@pytest.mark.parametrize(
    ("key", "row"),
    [
        (Qt.Key.Key_2, TEMPLATES_ROW),
        (Qt.Key.Key_3, HISTORY_ROW),
        (Qt.Key.Key_4, SETTINGS_ROW),
        (Qt.Key.Key_1, TRAIN_ROW),
    ],
)
def test_ctrl_and_a_number_go_to_a_section_with_the_keyboard_on_its_first_control(
    window: MainWindow, qtbot: QtBot, key: Qt.Key, row: int
) -> None:
    window.navigation.setCurrentRow(SETTINGS_ROW if row == TRAIN_ROW else TRAIN_ROW)

    press(window, qtbot, key)

    page = window.pages.currentWidget()
    assert window.navigation.currentRow() == row
    focused = QApplication.focusWidget()
    if row == TRAIN_ROW:
        assert focused is window.browser.start_button  # Enter starts, as when Train opens
    else:
        assert focused is tab_chain(page)[0]


def test_ctrl_1_leaves_the_summary_for_train_and_not_a_session_for_anything(
    window: MainWindow, qtbot: QtBot, clock: FakeClock
) -> None:
    finish_session(window, clock)
    window.summary_view.notes.setText("steady")

    press(window, qtbot, Qt.Key.Key_1)

    assert window.pages.currentWidget() is window.browser
    [entry] = window._services.history.load().entries
    assert entry.log.notes == "steady"  # the log went with it, as on every way out
    window.browser.request_start()
    press(window, qtbot, Qt.Key.Key_3)
    assert window.pages.currentWidget() is window.run_screen  # the sections wait


@pytest.mark.parametrize("appearance", [Appearance.LIGHT, Appearance.DARK, Appearance.CONTRAST])
def test_the_focus_ring_is_drawn_in_the_themes_focus_colour_and_stands_out(
    window: MainWindow, appearance: Appearance
) -> None:
    window.set_appearance(appearance)
    palette = theme.current()
    for next_to in (palette.window, palette.surface):
        assert theme.contrast_ratio(palette.focus, next_to) >= NON_TEXT_CONTRAST
    window.navigation.setCurrentRow(SETTINGS_ROW)
    box = window.settings_page.speak_cues
    box.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()

    ring = window.focus_ring.ring
    assert ring is not None and window.focus_ring.ringed() is box
    assert ring.geometry().contains(box.geometry())
    drawn = ring.grab().toImage()
    middle_of_top = drawn.pixelColor(QPoint(drawn.width() // 2, theme.FOCUS_RING // 2))
    assert middle_of_top == QColor(palette.focus)


def test_the_stylesheet_shows_the_focus_of_what_the_ring_leaves_alone() -> None:
    for palette in theme.PALETTES.values():
        sheet = theme.stylesheet(palette)
        for kind in ("QPushButton", "QLineEdit", "QListWidget", "QTableView", "QTreeView"):
            assert f"{kind}:focus" in sheet
        assert "QListWidget::item:focus, QListView::item:focus, QTreeView::item:focus" in sheet
        assert palette.focus in sheet
    assert {kind.__name__ for kind in OWN_RING} == {
        "QPushButton",
        "QToolButton",
        "QLineEdit",
        "QPlainTextEdit",
        "QTextEdit",
        "QAbstractItemView",
    }


def test_tab_orders_leave_out_what_is_not_there_and_words_hide_when_empty(
    qtbot: QtBot,
) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    column = QVBoxLayout(page)
    first, last, words, frame = QLineEdit(), QCheckBox("last"), QLabel(), QWidget()
    words.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    for widget in (first, last, words, frame):  # Qt's order: as they were added
        column.addWidget(widget)
    page.show()

    set_tab_order([first, None, frame, words, last])  # a part not built, a plain frame

    show_readable(words, "", "Status")
    assert tab_chain(page) == [first, last]
    show_readable(words, "Saved.", "Status")
    assert tab_chain(page) == [first, words, last]
    assert words.accessibleName() == "Status: Saved."


def test_words_not_yet_in_their_page_are_never_shown_as_a_window(qtbot: QtBot) -> None:
    """The Today card's offer was shown this way before it had a parent: an empty window of
    its own, which a screen reader test then took for the app's."""
    words = QLabel()
    qtbot.addWidget(words)

    show_readable(words, "Train on a plan", "Plans")

    assert not words.isVisible() and words.accessibleName() == "Plans: Train on a plan"


def test_a_save_problem_is_read_by_keyboard_before_the_sections(window: MainWindow) -> None:
    """The banner sits above everything: Shift+Tab from the sections reaches it first, and Tab
    reaches it after the page, its words then Try saving again."""
    window.save_banner.show_problem("The disk is full: the session is kept aside.")

    backward = names(walk(window.navigation, backwards=True))
    forward = names(walk(window.navigation))

    assert backward[1:3] == ["retrySave", "saveProblem"]
    assert forward[-3:] == ["startButton", "saveProblem", "retrySave"]


def test_the_ring_around_a_splitters_pane_is_not_taken_for_a_new_pane(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    ring = FocusRing(window)
    splitter = QSplitter(window)
    box = QCheckBox("a pane")
    splitter.addWidget(box)
    splitter.addWidget(QLabel("another"))
    window.resize(400, 200)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    box.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()

    assert ring.ringed() is box and splitter.count() == 2
