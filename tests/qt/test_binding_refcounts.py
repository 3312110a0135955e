"""A canary for the Qt binding itself: PySide6 6.12.0 on Python 3.11 took a reference from
None at every call of a Qt method returning nothing, and a session's window (labels set
several times a second, an animated figure painting 25 times a second) aborted with
"Fatal Python error: none_dealloc" within minutes. pyproject.toml excludes that version;
this fails on any version that does it again."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

CALLS = 1000


def test_qt_calls_returning_nothing_leave_none_alone(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    timer = QTimer()
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    pen = QPen(QColor("black"))
    before = sys.getrefcount(None)
    for number in range(CALLS):
        label.setText(str(number % 10))
        label.update()
        timer.stop()
        image.fill(0)
        with_painter = QPainter(image)
        with_painter.setPen(pen)
        with_painter.end()
    lost = before - sys.getrefcount(None)
    assert lost < CALLS // 10, f"{lost} references to None lost in {CALLS} rounds of Qt calls"
