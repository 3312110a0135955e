"""Train by keyboard alone: Tab goes as the page reads (the Today card, the cards, the details,
quick adjust, Start), the details and the Today card can be read stop by stop, the order holds
when another template's rows are built, and the focus shows on every stop."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hamtimer.services.settings import Appearance
from hamtimer.ui import theme
from hamtimer.ui.main_window import MainWindow
from tests.ui.tab_walk import assert_focus_shows, names, walk_page
from tests.ui.train.test_today_card import (
    WEEK_2_TUESDAY,
    follow_isometric_base,
    on,
    open_window,
)

NO_PLAN_OFFER = ["planInvite", "programChoice", "followProgram"]
"""The Today card with no plan: the offer's words, the programs, Follow."""


def test_tab_goes_as_the_page_reads_and_every_stop_shows_its_focus(window: MainWindow) -> None:
    stops = walk_page(window, window.browser)

    assert names(stops) == [
        *NO_PLAN_OFFER,
        "templateList",
        "templateDetails",
        "exerciseText",
        "templateSources",
        "firstSide",
        "include-bridge",
        "Bridge hold: sets",
        "Bridge hold: hold seconds",
        "startButton",
    ]
    details = window.browser.details_view
    assert details.details.accessibleName().startswith("Template details: Test bridge")
    assert "2 sets x 20 s hold" in details.rows[0].text.accessibleName()
    assert_focus_shows(window, stops)


def test_on_a_plan_the_today_card_is_read_before_its_start(qtbot: QtBot, tmp_path: Path) -> None:
    follow_isometric_base(tmp_path)
    window = open_window(qtbot, tmp_path, on(WEEK_2_TUESDAY))

    stops = names(walk_page(window, window.browser))

    card = window.browser.today_card
    assert stops[:3] == ["todayTitle", "todayReason", "startToday"]
    assert card.title.accessibleName() == f"Today's session: {card.title.text()}"
    assert stops[3] == "templateList" and stops[-1] == "startButton"


def test_another_template_keeps_the_order_with_its_own_rows(qtbot: QtBot, tmp_path: Path) -> None:
    """The details and quick adjust are built anew for each template: Tab still goes through
    them in reading order, every exercise's words and boxes included."""
    window = open_window(qtbot, tmp_path, on(WEEK_2_TUESDAY))
    gallery = window.browser.template_list
    gallery.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(gallery, Qt.Key.Key_Right)  # the next card, and the next at once: the
    qtbot.keyClick(gallery, Qt.Key.Key_Right)  # rows of the one between are built and dropped
    QApplication.processEvents()
    assert QApplication.activeWindow() is window  # no dropped row shown as a window of its own
    template = window.browser.selected_original()
    assert template is not None and len(template.all_exercises()) > 1

    stops = walk_page(window, window.browser)

    words = [w for w in stops if w.objectName() == "exerciseText"]
    boxes = [w for w in stops if w.objectName().startswith("include-")]
    assert len(words) == len(boxes) == len(template.all_exercises())
    at = names(stops).index
    assert at("templateList") < at("templateDetails") < at("exerciseText")
    assert at("templateSources") < at("firstSide") < at(boxes[0].objectName())
    assert names(stops)[-1] == "startButton"


def test_enter_still_starts_from_the_details(window: MainWindow, qtbot: QtBot) -> None:
    """Reading the details by Tab does not take Enter away from Start."""
    window.browser.details_view.details.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.in_session


@pytest.mark.parametrize("appearance", [Appearance.LIGHT, Appearance.DARK, Appearance.CONTRAST])
def test_the_focused_card_has_a_wider_ring_in_the_focus_colour(
    window: MainWindow, appearance: Appearance
) -> None:
    """Selected and focused looked the same: the ring now says where the keyboard is."""
    window.set_appearance(appearance)
    gallery = window.browser.template_list

    def ring_pixels() -> tuple[QColor, QColor]:
        QApplication.processEvents()
        card = gallery.visualItemRect(gallery.item(0))
        image = gallery.viewport().grab().toImage()
        middle = card.center().y()
        return (
            image.pixelColor(QPoint(card.left() + 1, middle)),  # inside both rings
            image.pixelColor(QPoint(card.left() + 4, middle)),  # inside the wider one only
        )

    window.browser.start_button.setFocus(Qt.FocusReason.TabFocusReason)
    selected = ring_pixels()
    gallery.setFocus(Qt.FocusReason.TabFocusReason)
    focused = ring_pixels()

    assert focused == (QColor(theme.current().focus), QColor(theme.current().focus))
    assert selected[1] != QColor(theme.current().focus)  # the thin ring stops short of it
