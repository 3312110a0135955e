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
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QToolButton,
    QWidget,
)

from hamtimer.ui import theme
from hamtimer.ui.widgets.accessible import show_text

CHAIN_LIMIT = 2000
"""More widgets than any window has: a broken chain ends the walk rather than hang."""
RING_NAME = "focusRing"
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
    """Where Tab into `root` lands first (Ctrl+1 to Ctrl+4 put the keyboard there)."""
    chain = tab_chain(root)
    return chain[0] if chain else None


def set_tab_order(stops: Sequence[QWidget | None]) -> None:
    """Tab visits `stops` in this order (None: a part not built yet, left out). Widgets
    hidden now keep their place and are skipped while hidden. Qt orders only widgets that
    take the focus: one that never does is left out (it would break the chain silently)."""
    never = Qt.FocusPolicy.NoFocus
    present = [widget for widget in stops if widget is not None and widget.focusPolicy() != never]
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
    if label.parentWidget() is None:
        return  # not in its page yet: shown now, it would be a window of its own
    label.setVisible(bool(text))


def needs_ring(widget: QWidget | None) -> bool:
    """Whether the focus ring goes around `widget` (not a window, not one that shows its own
    focus: `OWN_RING`)."""
    if widget is None or widget.isWindow():
        return False
    return not isinstance(widget, OWN_RING)


class _Ring(QWidget):
    """The ring itself: a see-through widget beside the one it surrounds, raised above its
    neighbours, drawn `theme.FOCUS_RING` wide in the theme's focus colour, `theme.FOCUS_GAP`
    out from it. It lives in the widget's parent (so it moves and scrolls with it), or higher
    up where the parent is too tight to show it whole (a check box flush with its cell's
    edge), never past a scrolled view; it follows moves of every widget in between."""

    PLACE_ON = (
        QEvent.Type.Move,
        QEvent.Type.Resize,
        QEvent.Type.Show,
        QEvent.Type.Hide,
        QEvent.Type.ParentChange,
        QEvent.Type.ZOrderChange,
    )

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(RING_NAME)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._around: QWidget | None = None
        self._watched: list[QWidget] = []
        """The widget and its parents up to the ring's: their moves move the ring."""
        self.hide()

    def around(self) -> QWidget | None:
        return self._around if self.isVisible() else None

    def surround(self, widget: QWidget | None) -> None:
        self._around = widget
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in self.PLACE_ON and any(watched is w for w in self._watched):
            self._place()
        return False

    def _watch(self, widgets: list[QWidget]) -> None:
        for old in self._watched:
            if shiboken6.isValid(old):
                old.removeEventFilter(self)
        self._watched = widgets
        for widget in widgets:
            widget.installEventFilter(self)

    def _place(self) -> None:
        widget = self._around
        if widget is None or not widget.isVisible():
            self._watch([])
            self.hide()
            return
        out = theme.FOCUS_GAP + theme.FOCUS_RING
        host, between = _ring_host(widget, out)
        if host is None:
            self._watch([])
            self.hide()
            return
        if [widget, *between] != self._watched:
            self._watch([widget, *between])
        if self.parentWidget() is not host:
            self.setParent(host)
        at = QRect(widget.mapTo(host, QPoint(0, 0)), widget.size())
        self.setGeometry(at.adjusted(-out, -out, out, out))
        self.raise_()
        self.show()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(theme.current().focus), theme.FOCUS_RING))
        half = theme.FOCUS_RING / 2
        inside = self.rect().toRectF().adjusted(half, half, -half, -half)
        painter.drawRoundedRect(inside, theme.RADIUS, theme.RADIUS)


def _ring_host(widget: QWidget, out: int) -> tuple[QWidget | None, list[QWidget]]:
    """Where a ring `out` pixels around `widget` lives, and the widgets between them: its
    parent, or the first one up with room for it; never a splitter (it would take the ring
    for a new pane), never past a scrolled view's viewport or the window."""
    between: list[QWidget] = []
    host = widget.parentWidget()
    while host is not None:
        parent = host.parentWidget()
        at = QRect(widget.mapTo(host, QPoint(0, 0)), widget.size()).adjusted(-out, -out, out, out)
        fits = host.rect().contains(at) and not isinstance(host, QSplitter)
        last = parent is None or host.isWindow() or isinstance(parent, QAbstractScrollArea)
        if fits or last:
            return (None if isinstance(host, QSplitter) else host), between
        between.append(host)
        host = parent
    return None, between


class FocusRing(QObject):
    """One ring around the widget with the keyboard focus in `window`: check boxes, choice
    boxes, number boxes, sliders, cards, charts and read-only words, whose own look shows the
    focus faintly or not at all."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._ring: _Ring | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow)

    @property
    def ring(self) -> _Ring | None:
        """The ring while it exists (it lives beside the widget it surrounds, and goes when
        that widget's parent goes)."""
        ring = self._ring
        return ring if ring is not None and shiboken6.isValid(ring) else None

    def ringed(self) -> QWidget | None:
        """The widget the ring is shown around now, if any."""
        ring = self.ring
        return ring.around() if ring is not None else None

    def _follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not shiboken6.isValid(self._window):
            return
        ring = self.ring
        if not needs_ring(new) or new is None or new.window() is not self._window:
            if ring is not None:
                ring.surround(None)
            return
        if ring is None:
            ring = _Ring(self._window)
            self._ring = ring
        # The ring only ever holds the widget with the focus, and Qt moves the focus away
        # before a widget is hidden or deleted: so it never holds a widget that is gone.
        ring.surround(new)
