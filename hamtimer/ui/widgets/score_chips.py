"""A 0-10 score as a row of chips: click one, or with the row focused type 0-9 (1 then 0 for
10), move with the arrows, clear with Backspace. Unrated (-1) until chosen: the log is
optional. One focus stop for the row, so Tab goes from score to score."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

TOP = 10
UNRATED = -1
CHIP_WIDTH = 52
"""Wide enough to hit with a finger or a quick mouse; eleven fit a 1024-px window."""
TEN_WINDOW_S = 1.0
"""A 0 typed this soon after a 1 makes 10 (as typing "10")."""


class ScoreChips(QFrame):
    valueChanged = Signal(int)  # noqa: N815 (named as QSpinBox's, which this replaces)
    """The score, or -1 when cleared."""

    def __init__(
        self,
        name: str,
        accessible: str,
        parent: QWidget | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._clock = clock
        self._value = UNRATED
        self._last_one_at: float | None = None
        """When a 1 was typed (a 0 right after makes it 10)."""
        self.chips: list[QPushButton] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        for score in range(TOP + 1):
            chip = QPushButton(str(score))
            chip.setObjectName(f"{name}-{score}")
            chip.setAccessibleName(f"{accessible}: {score}")
            chip.setProperty("role", "chip")
            chip.setCheckable(True)
            chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the row takes the keys
            chip.setMinimumWidth(CHIP_WIDTH)
            chip.setMaximumWidth(CHIP_WIDTH)
            chip.clicked.connect(lambda _checked, s=score: self._chip_clicked(s))
            layout.addWidget(chip)
            self.chips.append(chip)
        layout.addStretch(1)

    def value(self) -> int:
        return self._value

    def setValue(self, value: int) -> None:  # noqa: N802 (QSpinBox's name)
        value = max(UNRATED, min(TOP, value))
        changed = value != self._value
        self._value = value
        for score, chip in enumerate(self.chips):
            chip.setChecked(score == value)
            font = chip.font()
            font.setBold(score == value)  # seen in any palette, before the stylesheet's look
            chip.setFont(font)
        self.setAccessibleDescription("not rated" if value == UNRATED else f"{value} of {TOP}")
        if changed:
            self.valueChanged.emit(value)

    def _chip_clicked(self, score: int) -> None:
        """A second click on the chosen chip clears it."""
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.setValue(UNRATED if score == self._value else score)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        key, text = event.key(), event.text()
        if text.isdigit() and len(text) == 1:
            self._typed(int(text))
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Up):
            self.setValue(max(0, self._value + 1))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down):
            self.setValue(max(0, self._value - 1))
        elif key == Qt.Key.Key_Home:
            self.setValue(0)
        elif key == Qt.Key.Key_End:
            self.setValue(TOP)
        elif key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.setValue(UNRATED)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _typed(self, digit: int) -> None:
        now = self._clock()
        ten = (
            digit == 0
            and self._value == 1
            and self._last_one_at is not None
            and now - self._last_one_at <= TEN_WINDOW_S
        )
        self._last_one_at = now if digit == 1 else None
        self.setValue(TOP if ten else digit)

    # The row shows that it has the keys (the chips themselves never take the focus).
    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        self._show_focus(True)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        self._show_focus(False)
        super().focusOutEvent(event)

    def _show_focus(self, focused: bool) -> None:
        self.setProperty("focused", focused)
        self.setFrameShape(QFrame.Shape.StyledPanel if focused else QFrame.Shape.NoFrame)
