"""A year of training days at a glance: one square per day, a column per week (Monday on
top), darker for more sessions that day, months named along the top. Colours come from the
palette (its highlight on its base), so it follows the theme."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from hamtimer.core.history_stats import week_start

WEEKS = 53
CELL = 11
GAP = 2
TOP = 16
"""Room for the month names."""
LEFT = 26
"""Room for the day names."""
DAY_NAMES = {0: "Mon", 2: "Wed", 4: "Fri"}


class CalendarHeatMap(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("trainingCalendar")
        self.setAccessibleName("Training days over the last year")
        self.days: Counter[date] = Counter()
        self.today = date.today()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # its words (the description) by keyboard

    def show_days(self, days: Counter[date], today: date) -> None:
        self.days, self.today = days, today
        trained = sum(1 for day in days if self.first_day() <= day <= today)
        self.setToolTip(f"{trained} days trained in the last {WEEKS} weeks")
        self.setAccessibleDescription(self.toolTip())
        self.update()

    def first_day(self) -> date:
        return week_start(self.today) - timedelta(weeks=WEEKS - 1)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(LEFT + WEEKS * (CELL + GAP), TOP + 7 * (CELL + GAP))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(LEFT + 20 * (CELL + GAP), TOP + 7 * (CELL + GAP))

    def cell_colour(self, count: int) -> QColor:
        palette = self.palette()
        if count <= 0:
            return palette.color(QPalette.ColorRole.AlternateBase)
        colour = QColor(palette.color(QPalette.ColorRole.Highlight))
        colour.setAlphaF(min(1.0, 0.45 + 0.3 * (count - 1)))
        return colour

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        font = painter.font()
        font.setPixelSize(10)
        painter.setFont(font)
        weeks = min(WEEKS, max(1, (self.width() - LEFT) // (CELL + GAP)))
        first = week_start(self.today) - timedelta(weeks=weeks - 1)
        painter.setPen(text)
        for row, name in DAY_NAMES.items():
            y = TOP + row * (CELL + GAP)
            painter.drawText(
                QRectF(0, y - 1, LEFT - 4, CELL + 2), Qt.AlignmentFlag.AlignRight, name
            )
        for week in range(weeks):
            monday = first + timedelta(weeks=week)
            x = LEFT + week * (CELL + GAP)
            if monday.day <= 7:  # the first Monday of a month names it
                painter.setPen(text)
                painter.drawText(QRectF(x, 0, 4 * CELL, TOP - 2), f"{monday:%b}")
            for weekday in range(7):
                day = monday + timedelta(days=weekday)
                if day > self.today:
                    break
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(self.cell_colour(self.days.get(day, 0)))
                y = TOP + weekday * (CELL + GAP)
                painter.drawRoundedRect(QRectF(x, y, CELL, CELL), 2, 2)
        painter.end()
