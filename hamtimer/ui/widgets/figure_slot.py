"""A fixed-size room for an exercise's still figure (a card's, a details row's, the
catalogue's), filled once the room itself is on screen.

The figure is read, and the figure widget's module (with the figures' geometry) imported,
only after the room's first paint: the words painted around it come first. Reading the
figures of Train's cards and rows held the first readable cards back by 50-60 ms, and
importing the figure widget by 7 ms more. A room never shown never reads its figure; the
room stays empty when the exercise has none, so rows line up either way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from hamtimer.ui.widgets.figure_view import FigureView


class FigureSlot(QWidget):
    def __init__(self, size: QSize, figure_id: str | None, exercise: str) -> None:
        super().__init__()
        self.setObjectName("figure_slot")
        self.setFixedSize(size)
        self.setAccessibleName(f"Figure: {exercise}")
        self._figure_id = figure_id
        self._exercise = exercise
        self._waiting = True
        self.settled = False
        """Its figure has been read: drawn, or found missing (the screenshots wait for it)."""
        self.view: FigureView | None = None
        """The figure, still in its held pose, once drawn (None: not yet, or none)."""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        if self._waiting:
            self._waiting = False
            QTimer.singleShot(0, self, self._draw)

    def _draw(self) -> None:
        from hamtimer.services.figures import figure_for
        from hamtimer.ui.widgets.figure_view import FigureView

        figure = figure_for(self._figure_id)
        self.settled = True
        if figure is None:
            self.setAccessibleName(f"No figure for {self._exercise}")
            return
        view = FigureView(self)
        view.setAccessibleName(self.accessibleName())
        view.setGeometry(self.rect())
        view.show_exercise(figure)
        view.still()
        view.show()
        self.view = view
