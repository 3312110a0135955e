"""Less common fields kept out of the way: a "More" toggle over a form of its own, closed
until asked for, or until one of its fields has a problem (a frame nobody sees helps nobody)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton, QVBoxLayout, QWidget

from hamtimer.ui.widgets.form_rows import editor_form


class MoreFields(QWidget):
    def __init__(self, name: str, text: str, tip: str) -> None:
        super().__init__()
        self.toggle = QToolButton()
        self.toggle.setObjectName(name)
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setText(text)
        self.toggle.setToolTip(tip)
        self.toggle.setAccessibleName(f"Show more fields: {tip}")
        self.toggle.toggled.connect(self.show_fields)
        self.box = QWidget()
        self.box.setObjectName(f"{name}Box")
        self.form = editor_form(self.box)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.toggle)
        column.addWidget(self.box)
        self.show_fields(False)

    def show_fields(self, shown: bool) -> None:
        self.toggle.blockSignals(True)
        self.toggle.setChecked(shown)
        self.toggle.blockSignals(False)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.box.setVisible(shown)

    def reveal_problems(self) -> None:
        if self.box.isHidden() and any(
            widget.property("invalid") is True for widget in self.box.findChildren(QWidget)
        ):
            self.show_fields(True)

    def holds(self, widget: QWidget) -> bool:
        return self.box.isAncestorOf(widget)
