"""A number that is fixed or a range (sets, a hold, reps): target, and optionally min and max."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from hamtimer.ui.widgets.form_rows import spin_box


class AmountField(QWidget):
    changed = Signal()

    def __init__(self, ceiling: int, suffix: str, name: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.target = spin_box(1, ceiling, suffix, f"{name}: target")
        self.is_range = QCheckBox("range")
        self.is_range.setToolTip("Progress through a range: the target moves between min and max")
        self.is_range.setAccessibleName(f"{name}: use a range")
        self.low = spin_box(1, ceiling, suffix, f"{name}: min")
        self.high = spin_box(1, ceiling, suffix, f"{name}: max")
        self.range_labels = (QLabel("min"), QLabel("max"))
        # The range's min and max on a line of their own: on one line with the target they
        # set the editor column's least width (416 px), more than it has at 1024x600.
        first, second = QHBoxLayout(), QHBoxLayout()
        for line, widgets in (
            (first, (self.target, self.is_range)),
            (second, (self.range_labels[0], self.low, self.range_labels[1], self.high)),
        ):
            for widget in widgets:
                line.addWidget(widget)
            line.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(first)
        layout.addLayout(second)
        for spin in (self.target, self.low, self.high):
            spin.valueChanged.connect(self.changed)
        self.is_range.toggled.connect(self._range_toggled)
        self._show_range(False)

    def value(self) -> dict[str, int]:
        amount = {"target": self.target.value()}
        if self.is_range.isChecked():
            amount |= {"min": self.low.value(), "max": self.high.value()}
        return amount

    def set_value(self, amount: Any) -> None:
        amount = amount if isinstance(amount, dict) else {}
        widgets = (self.target, self.low, self.high, self.is_range)
        for widget in widgets:
            widget.blockSignals(True)
        target = int(amount.get("target", 1))
        self.target.setValue(target)
        ranged = "min" in amount or "max" in amount
        self.is_range.setChecked(ranged)
        self.low.setValue(int(amount.get("min", target)))
        self.high.setValue(int(amount.get("max", target)))
        self._show_range(ranged)
        for widget in widgets:
            widget.blockSignals(False)

    def _range_toggled(self, ranged: bool) -> None:
        if ranged:  # a new range starts around the current number
            self.low.setValue(self.target.value())
            self.high.setValue(self.target.value())
        self._show_range(ranged)
        self.changed.emit()

    def _show_range(self, ranged: bool) -> None:
        for widget in (*self.range_labels, self.low, self.high):
            widget.setVisible(ranged)
