"""End-of-session summary: per exercise and per leg, what was done, skipped, and total time."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from hamtimer.core.durations import clock_text
from hamtimer.core.plan import Side
from hamtimer.core.summary import SessionSummary, tally_text

SIDE_NAMES = {
    Side.LEFT: "Left",
    Side.RIGHT: "Right",
    Side.BOTH: "Both legs",
    Side.ALTERNATE: "Alternating",
}


def summary_html(summary: SessionSummary) -> str:
    state = "Session complete" if summary.completed else "Session stopped"
    rows = []
    for exercise in summary.exercises:
        cells = "".join(
            f"<tr><td>{SIDE_NAMES[t.side]}</td><td>{tally_text(exercise.mode, t)}</td></tr>"
            for t in exercise.sides.values()
        )
        rows.append(f"<tr><td colspan=2><b>{html.escape(exercise.name)}</b></td></tr>{cells}")
    skipped = f"<p>Skipped steps: {summary.skipped_steps}</p>" if summary.skipped_steps else ""
    return (
        f"<h1>{state}</h1><h2>{html.escape(summary.template_name)}</h2>"
        f"<p>Total time {clock_text(summary.total_s)}</p>{skipped}"
        f"<table cellspacing=6>{''.join(rows)}</table>"
    )


class SummaryView(QWidget):
    back_to_templates = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryView")
        self.text = QLabel()
        self.text.setObjectName("summaryText")
        self.text.setAccessibleName("Session summary")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        font = self.text.font()
        font.setPixelSize(22)
        self.text.setFont(font)
        self.close_button = QPushButton("Back to templates  [Enter]")
        self.close_button.setObjectName("summaryCloseButton")
        self.close_button.setAccessibleName("Back to templates")
        self.close_button.setMinimumHeight(48)
        self.close_button.clicked.connect(self.back_to_templates)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.close_button)

    def show_summary(self, summary: SessionSummary) -> None:
        self.text.setText(summary_html(summary))
