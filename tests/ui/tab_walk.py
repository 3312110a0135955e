"""Walking a page by keyboard alone, as its user would: Tab (or Shift+Tab) from the sections
list, noting where the focus lands each time, until it comes back; and the checks every page
must pass (`walk_page`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from hamtimer.ui.main_window import MainWindow
from hamtimer.ui.widgets.keyboard import needs_ring, tab_chain, takes_tab

STEP_LIMIT = 200
"""More stops than any page has: a walk that never comes back is a trap."""
SAME_WIDGET_LIMIT = 4
"""Tab may stay in one widget a few times (a time box: hours, then minutes), never more."""


def name(widget: QWidget) -> str:
    """How a test names a stop: its object name, else what a screen reader calls it."""
    return widget.objectName() or widget.accessibleName() or type(widget).__name__


def names(widgets: list[QWidget]) -> list[str]:
    return [name(widget) for widget in widgets]


def walk(start: QWidget, backwards: bool = False) -> list[QWidget]:
    """Where Tab (Shift+Tab) takes the focus from `start`, `start` first, until it comes back
    to `start`; fails on a trap (the focus stuck, or going round without `start`)."""
    QApplication.processEvents()  # widgets just built show once the event loop runs
    start.setFocus(Qt.FocusReason.TabFocusReason)
    assert QApplication.focusWidget() is start, f"{name(start)} takes no focus"
    stops = [start]
    same = 0
    for _ in range(STEP_LIMIT):
        here = QApplication.focusWidget()
        assert here is not None, f"the focus left the window after {names(stops)}"
        if backwards:
            QTest.keyClick(here, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        else:
            QTest.keyClick(here, Qt.Key.Key_Tab)
        QApplication.processEvents()  # as between a person's key presses
        now = QApplication.focusWidget()
        if now is start:
            return stops
        if now is here:
            same += 1
            assert same < SAME_WIDGET_LIMIT, f"Tab is trapped in {name(here)}"
            continue
        same = 0
        assert now is not None and all(now is not seen for seen in stops), (
            f"Tab goes round without coming back: {names(stops)}, then {now and name(now)}"
        )
        stops.append(now)
    raise AssertionError(f"Tab never comes back: {names(stops)}")


def walk_page(window: MainWindow, page: QWidget) -> list[QWidget]:
    """The page's Tab stops, after checking what every page owes a keyboard user:
    - Tab from the sections goes into the page, through it and back to the sections, with
      nothing else on the way and no trap; Shift+Tab goes the same way back;
    - that is the order `tab_chain` reports, and every control that takes Tab is on it;
    - each stop is on screen, has a name a screen reader says, and words are not empty."""
    forward = walk(window.navigation)
    stops = forward[1:]
    assert stops, "Tab from the sections reaches nothing in the page"
    outside = [name(widget) for widget in stops if not page.isAncestorOf(widget)]
    assert not outside, f"Tab stops outside the page: {outside}"
    backward = walk(window.navigation, backwards=True)
    assert names(backward[1:]) == names(list(reversed(stops)))
    assert names(tab_chain(page)) == names(stops)
    takers = [widget for widget in page.findChildren(QWidget) if takes_tab(widget)]
    missed = [name(widget) for widget in takers if all(widget is not s for s in stops)]
    assert not missed, f"controls Tab never reaches: {missed}"
    for widget in stops:
        assert widget.isVisible() and not widget.size().isEmpty(), name(widget)
        button = isinstance(widget, QAbstractButton) and widget.text()
        assert widget.accessibleName() or button, f"{name(widget)} has no name to be read"
        if isinstance(widget, QLabel):
            assert widget.text().strip(), f"Tab stops on an empty label: {name(widget)}"
    return stops


def assert_focus_shows(window: MainWindow, stops: list[QWidget]) -> None:
    """Each stop, reached, shows it has the focus: the ring around it, or (buttons, fields,
    lists) the focus border the stylesheet gives it."""
    for widget in stops:
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        QApplication.processEvents()
        if needs_ring(widget):
            assert window.focus_ring.ringed() is widget, f"no ring around {name(widget)}"
        else:  # their own focus look (tests/ui/test_keyboard.py checks the stylesheet's)
            assert window.focus_ring.ringed() is None, f"two rings on {name(widget)}"
