"""A part of a page that scrolls down when its room is short, never sideways."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def scrolls_down(content: QWidget, name: str = "") -> QScrollArea:
    """`content` in a flat scroll area as wide as its room, scrolling down only. The area is no
    Tab stop: Tab goes to the controls inside, and Qt scrolls each one into view."""
    scroll = QScrollArea()
    if name:
        scroll.setObjectName(name)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidget(content)
    return scroll
