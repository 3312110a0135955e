"""The window at the sizes it must work at (1024x600, a netbook or a TV at 720p with bars;
1280x800, its default; 1920x1080): no page makes it grow past the screen, no words are cut
off, no form scrolls sideways, and its size and place are remembered."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QScrollArea,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from hamtimer.services.templates import LoadedTemplate, builtin_templates
from hamtimer.ui.main_window import HISTORY_ROW, SETTINGS_ROW, TEMPLATES_ROW, MainWindow
from tests.builders import many_exercises, template
from tests.fakes import FakeClock, fake_services
from tests.support.window import open_a_copy

SIZES = ((1024, 600), (1280, 800), (1920, 1080))  # the smallest, the default, a large one
SETTLE_MS = 150
CONTROLS = (QAbstractButton, QAbstractSpinBox, QComboBox)
BUTTON_EDGES = 16
"""A button's frame and the least room either side of its words (its padding may shrink)."""


def clipped_labels(page: QWidget) -> list[str]:
    """Visible labels whose one-line text is wider than they are (no word wrap, no elision:
    the end of the text is cut off)."""
    clipped = []
    for label in page.findChildren(QLabel):
        if not label.isVisibleTo(page) or not label.text() or label.wordWrap():
            continue
        if label.sizeHint().width() > label.width() + 1:
            clipped.append(f"{label.objectName() or label.text()[:40]}: {label.sizeHint().width()}")
    return clipped


def cut_off_controls(page: QWidget) -> list[str]:
    """Visible buttons, boxes and lists whose right edge is past the page's, or past the
    viewport of a scroll area that does not scroll sideways: the user can't see or reach
    their end (quick adjust's Hold column was cut off so at 1024x600)."""
    cut = []
    for control in page.findChildren(QWidget):
        if not isinstance(control, CONTROLS) or not control.isVisibleTo(page):
            continue
        areas = scroll_areas_around(control, page)
        if any(area.horizontalScrollBar().isVisible() for area in areas):
            continue  # its end is reached by scrolling sideways
        limits = [page, *(area.viewport() for area in areas)]
        edges = [(limit, control.mapTo(limit, QPoint(control.width(), 0)).x()) for limit in limits]
        for limit, right in edges:
            if right > limit.width() + 1:
                cut.append(f"{control.objectName() or control.accessibleName()}: {right}")
    return cut


def clipped_buttons(page: QWidget) -> list[str]:
    """Visible buttons narrower than their words ("Export all of yours…" read "port all of
    yours" at 1024x600)."""
    clipped = []
    for button in page.findChildren(QAbstractButton):
        if not button.isVisibleTo(page) or not button.text():
            continue
        if any(
            area.horizontalScrollBar().isVisible() for area in scroll_areas_around(button, page)
        ):
            continue  # reached whole by scrolling sideways
        under = (
            isinstance(button, QToolButton)
            and button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextUnderIcon
        )
        icon = 0 if button.icon().isNull() or under else button.iconSize().width() + 4
        needed = button.fontMetrics().horizontalAdvance(button.text()) + icon + BUTTON_EDGES
        if needed > button.width():
            clipped.append(f"{button.objectName() or button.text()}: {button.width()}/{needed}")
    return clipped


def forms_scrolled_sideways(page: QWidget) -> list[str]:
    """Forms (scroll areas holding widgets, not tables or lists) wider than their room: the
    labels at their left are scrolled out of sight (the editor's at 1280x800)."""
    return [
        area.objectName() or area.widget().objectName()
        for area in page.findChildren(QScrollArea)
        if area.isVisibleTo(page) and area.horizontalScrollBar().isVisible()
    ]


def scroll_areas_around(widget: QWidget, page: QWidget) -> list[QAbstractScrollArea]:
    areas = []
    parent = widget.parentWidget()
    while parent is not None and parent is not page:
        if isinstance(parent, QAbstractScrollArea):
            areas.append(parent)
        parent = parent.parentWidget()
    return areas


def assert_fits(window: MainWindow, size: tuple[int, int]) -> None:
    QTest.qWait(SETTLE_MS)  # item views lay their items out on a timer
    page = window.pages.currentWidget()
    assert window.size().toTuple() == size, "the window grew by itself"
    assert window.minimumSize().width() <= 1024 and window.minimumSize().height() <= 600
    hint = page.minimumSizeHint()
    room = window.pages.size()
    assert hint.width() <= room.width() and hint.height() <= room.height(), (
        f"{page.objectName()} needs {hint.toTuple()}, has {room.toTuple()}"
    )
    assert not clipped_labels(page), clipped_labels(page)
    assert not cut_off_controls(page), cut_off_controls(page)
    assert not clipped_buttons(page), clipped_buttons(page)
    assert not forms_scrolled_sideways(page), forms_scrolled_sideways(page)


def long_template() -> LoadedTemplate:
    """Twelve exercises with long names: the longest summary a session makes."""
    exercises = many_exercises(12, 3, 20)
    for number, exercise in enumerate(exercises):
        exercise["name"] = f"Single-leg hamstring bridge hold on a high bench, variation {number}"
    long_one = template(id="long", name="A long session", exercises=exercises)
    return LoadedTemplate(long_one, "built-in", builtin=True)


def summary_of_a_long_session(window: MainWindow) -> None:
    """Every step of the long template skipped."""
    window.browser.select("long")
    window.browser.request_start()
    while window.pages.currentWidget() is window.run_screen:
        assert window.runner is not None
        window.runner.skip()


PAGES: dict[str, Callable[[MainWindow], None]] = {
    "train": lambda window: window.show_browser(),
    "templates": lambda window: window.navigation.setCurrentRow(TEMPLATES_ROW),
    "editing": open_a_copy,  # every field of an exercise, and its cues
    "history": lambda window: window.navigation.setCurrentRow(HISTORY_ROW),
    "settings": lambda window: window.navigation.setCurrentRow(SETTINGS_ROW),
    "run": lambda window: window.browser.request_start(),
    "summary": summary_of_a_long_session,
}


@pytest.fixture
def builtin_window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    clock = FakeClock()
    library = [*builtin_templates(), long_template()]
    window = MainWindow.complete(fake_services(tmp_path, library), clock, clock.wall)
    window.load_templates()
    qtbot.addWidget(window)
    window.show()
    yield window
    if window.runner is not None:
        window.runner.stop()


CASES = [(page, size) for page in PAGES for size in SIZES]


@pytest.mark.slow  # every built-in template loaded, a long session run: seconds each
@pytest.mark.parametrize(("page", "size"), CASES, ids=lambda value: str(value))
def test_every_page_fits_the_window_without_growing_it(
    builtin_window: MainWindow, page: str, size: tuple[int, int]
) -> None:
    builtin_window.resize(*size)
    PAGES[page](builtin_window)
    assert_fits(builtin_window, size)


@pytest.mark.slow
def test_a_long_summary_does_not_grow_the_window_for_the_next_session(
    builtin_window: MainWindow,
) -> None:
    """The fault seen: after a long summary the window's minimum was 1183x1235 and stayed."""
    builtin_window.resize(1024, 600)
    summary_of_a_long_session(builtin_window)
    QApplication.processEvents()
    builtin_window.show_browser()
    builtin_window.browser.request_start()
    assert_fits(builtin_window, (1024, 600))
    assert builtin_window.minimumSizeHint().height() <= 600


def test_the_size_and_place_are_remembered(qtbot: QtBot, tmp_path: Path) -> None:
    clock = FakeClock()
    library = [LoadedTemplate(template(), "built-in", builtin=True)]
    first = MainWindow.complete(fake_services(tmp_path, library), clock, clock.wall)
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 500)  # inside the offscreen screen (800x600): restoring never clamps it
    qtbot.waitUntil(lambda: first.size().toTuple() == (700, 500))
    first.close()
    again = MainWindow.complete(fake_services(tmp_path, library), clock, clock.wall)
    qtbot.addWidget(again)
    assert again.size().toTuple() == (700, 500)


def test_a_damaged_remembered_size_opens_the_default_size(qtbot: QtBot, tmp_path: Path) -> None:
    clock = FakeClock()
    services = fake_services(tmp_path, [])
    services.settings.save_window_geometry("not base64 at all!")
    window = MainWindow.complete(services, clock, clock.wall)
    qtbot.addWidget(window)
    width, height = window.size().toTuple()
    assert 0 < width <= 1280 and 0 < height <= 800
