"""The speaking rate as a slider in words a minute, the engine's default in the middle:
slower to the left, faster to the right, and what it is now in words ("175 words a minute,
the engine's default")."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QSlider, QWidget

ENGINE_DEFAULT_RATE = 175
"""espeak-ng's own rate (words a minute): what "default" speaks at."""
RATE_SPAN = 95
"""As far either side of the default as the slider goes: 80 to 270 words a minute."""
RATE_STEP = 5


class RateSlider(QWidget):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("speechRate")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("speechRateSlider")
        self.slider.setAccessibleName("Speaking rate, words a minute")
        self.slider.setRange(ENGINE_DEFAULT_RATE - RATE_SPAN, ENGINE_DEFAULT_RATE + RATE_SPAN)
        self.slider.setSingleStep(RATE_STEP)
        self.slider.setPageStep(4 * RATE_STEP)
        self.slider.setTickInterval(RATE_SPAN // 5 * 1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.reading = QLabel()
        self.reading.setObjectName("speechRateValue")
        self.reading.setAccessibleName("Speaking rate now")
        marks = QGridLayout()
        for column, (text, alignment) in enumerate(
            (
                (f"slower · {self.slider.minimum()}", Qt.AlignmentFlag.AlignLeft),
                (f"default · {ENGINE_DEFAULT_RATE}", Qt.AlignmentFlag.AlignHCenter),
                (f"{self.slider.maximum()} · faster", Qt.AlignmentFlag.AlignRight),
            )
        ):
            mark = QLabel(text)
            mark.setObjectName(f"speechRateMark{column}")
            mark.setAccessibleName(text)
            mark.setProperty("role", "hint")
            marks.addWidget(mark, 0, column, alignment)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 0, 0)
        layout.addLayout(marks, 1, 0)
        layout.addWidget(self.reading, 2, 0)
        self.slider.valueChanged.connect(self._moved)
        self.set_rate(None)

    def rate(self) -> int | None:
        """None at the engine's default (it speaks at its own rate), else words a minute."""
        value = self.slider.value()
        return None if value == ENGINE_DEFAULT_RATE else value

    def set_rate(self, rate: int | None) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(ENGINE_DEFAULT_RATE if rate is None else rate)
        self.slider.blockSignals(False)
        self._show()

    def text(self) -> str:
        return self.reading.text()

    def _moved(self) -> None:
        value = self.slider.value()
        snapped = round(value / RATE_STEP) * RATE_STEP  # a drag lands on round numbers
        if snapped != value:
            self.slider.setValue(snapped)
            return
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        value = self.slider.value()
        if value == ENGINE_DEFAULT_RATE:
            words = f"{value} words a minute, the engine's default"
        else:
            how = "slower" if value < ENGINE_DEFAULT_RATE else "faster"
            words = f"{value} words a minute ({how} than the default {ENGINE_DEFAULT_RATE})"
        self.reading.setText(words)
        self.slider.setAccessibleDescription(words)
