"""Keyboard-only use of the pages: the order Tab visits a page's controls in, read-only words a
keyboard (and so a screen reader) can land on, and one focus ring around whatever has the focus.

Each page lists its Tab stops once, in reading order (top to bottom, left to right), and calls
`set_tab_order` with them, again whenever it builds rows anew. `tab_chain` says what Tab visits
in a page, as Qt decides it: the tests walk every page with it, and the window uses its first
stop to put the focus into a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFocusFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QToolButton,
    QWidget,
)

from hamtimer.ui.widgets.accessible import show_text

CHAIN_LIMIT = 2000
"""More widgets than any window has: a broken chain ends the walk rather than hang."""
RING_NAME = "focusRing"
"""The focus ring's object name, which the stylesheet draws (theme.py)."""
OWN_RING = (QPushButton, QToolButton, QLineEdit, QPlainTextEdit, QTextEdit, QAbstractItemView)
"""Widgets the stylesheet already gives a focus border of their own (lists draw their current
item too): a second ring around them would only double it."""


def takes_tab(widget: QWidget) -> bool:
    """Whether Tab stops on `widget` now: Qt's own test (focus policy, shown, enabled, no
    proxy taking the focus for it)."""
    tab = Qt.FocusPolicy.TabFocus.value
    return (
        widget.focusPolicy().value & tab == tab
        and widget.isVisible()
        and widget.isEnabled()
        and widget.focusProxy() is None
    )


def tab_chain(root: QWidget) -> list[QWidget]:
    """The widgets inside `root` that Tab visits, in the order it visits them."""
    chain: list[QWidget] = []
    widget: QWidget | None = root.nextInFocusChain()
    for _ in range(CHAIN_LIMIT):
        if widget is None or widget is root:
            break
        if root.isAncestorOf(widget) and takes_tab(widget):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def first_stop(root: QWidget) -> QWidget | None:
    chain = tab_chain(root)
    return chain[0] if chain else None


def set_tab_order(stops: Sequence[QWidget | None]) -> None:
    """Tab visits `stops` in this order (None: a part not built yet, left out). Widgets
    hidden now keep their place and are skipped while hidden."""
    present = [widget for widget in stops if widget is not None]
    for before, after in pairwise(present):
        QWidget.setTabOrder(before, after)


def readable(*labels: QLabel) -> None:
    """Read-only words Tab stops on, so a screen reader can land on them and read them (their
    accessible name says what they are and what they show: `show_readable`)."""
    for label in labels:
        label.setFocusPolicy(Qt.FocusPolicy.TabFocus)


def show_readable(label: QLabel, text: str, what: str) -> None:
    """`text` in a `readable` label, and "what: text" to a screen reader; an empty label is
    hidden, so Tab never stops on nothing."""
    show_text(label, text, what)
    label.setVisible(bool(text))


def needs_ring(widget: QWidget | None) -> bool:
    if widget is None or widget.isWindow() or isinstance(widget, QFocusFrame):
        return False
    return not isinstance(widget, OWN_RING)


class FocusRing(QObject):
    """One ring, drawn by the stylesheet (`QFocusFrame#focusRing`), around the widget with
    the keyboard focus in `window`: check boxes, choice boxes, number boxes, sliders, cards,
    charts and read-only words, whose own look shows the focus faintly or not at all."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._frame: QFocusFrame | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow)

    @property
    def frame(self) -> QFocusFrame | None:
        """The ring while it exists (it lives beside the widget it surrounds, and goes when
        that widget's parent goes)."""
        frame = self._frame
        return frame if frame is not None and shiboken6.isValid(frame) else None

    def ringed(self) -> QWidget | None:
        """The widget the ring is around now, if any."""
        frame = self.frame
        return frame.widget() if frame is not None and frame.isVisible() else None

    def _follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not shiboken6.isValid(self._window):
            return
        frame = self.frame
        if not needs_ring(new) or new is None or new.window() is not self._window:
            if frame is not None:
                frame.setWidget(None)  # type: ignore[arg-type]  # Qt's way to let go; stubs lack it
            return
        if frame is None:
            frame = QFocusFrame(self._window)
            frame.setObjectName(RING_NAME)
            self._frame = frame
        # The ring only ever holds the widget with the focus, and Qt moves the focus away
        # before a widget is hidden or deleted: so it never holds a widget that is gone.
        frame.setWidget(new)
