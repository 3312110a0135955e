"""End-of-session summary: per exercise and per leg, what was done, skipped, and total time;
and the log (effort, pain, notes), saved as it is typed and on every way out."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hamtimer.core.durations import clock_text
from hamtimer.core.session_record import QuickLog, SessionRecord, tally_text
from hamtimer.ui.widgets.form_rows import add_row

SAVE_SETTLE_MS = 500
"""The log is saved once typing pauses this long (and at once on every way out)."""


def summary_html(record: SessionRecord) -> str:
    state = "Session complete" if record.completed else f"Session {record.status.value}"
    rows = []
    for name, _mode, legs in record.exercises():
        cells = "".join(
            f"<tr><td>{leg.side.label}</td><td>{tally_text(leg)}</td></tr>" for leg in legs
        )
        rows.append(f"<tr><td colspan=2><b>{html.escape(name)}</b></td></tr>{cells}")
    skipped = f"<p>Skipped steps: {record.skipped_steps}</p>" if record.skipped_steps else ""
    return (
        f"<h1>{state}</h1><h2>{html.escape(record.template_name)}</h2>"
        f"<p>Total time {clock_text(record.length_s)}</p>{skipped}"
        f"<table cellspacing=6>{''.join(rows)}</table>"
    )


def _score_box(name: str, accessible: str) -> QSpinBox:
    box = QSpinBox()
    box.setObjectName(name)
    box.setAccessibleName(accessible)
    box.setRange(-1, 10)
    box.setSpecialValueText("not rated")  # shown at -1: the log is optional
    box.setValue(-1)
    box.setMinimumWidth(140)
    return box


class SummaryView(QWidget):
    back_to_templates = Signal()
    quick_log = Signal(object)
    """The `QuickLog` as the user has it now: emitted once typing settles and on `flush`
    (leaving by any way), whenever it differs from the one last emitted."""

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
        self.effort = _score_box("effortScore", "Effort, 0 to 10 (RPE)")
        self.pain = _score_box("painScore", "Hamstring pain or soreness, 0 to 10")
        self.notes = QLineEdit()
        self.notes.setObjectName("sessionNotes")
        self.notes.setAccessibleName("Notes")
        self.notes.setPlaceholderText("e.g. left side felt weaker")
        self.close_button = QPushButton("Save and back to templates  [Enter]")
        self.close_button.setObjectName("summaryCloseButton")
        self.close_button.setAccessibleName("Save the log and go back to templates")
        self.close_button.setMinimumHeight(48)
        self.close_button.clicked.connect(self.leave)
        self.notes.returnPressed.connect(self.leave)
        self._saved = QuickLog()
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SAVE_SETTLE_MS)
        self._settle.timeout.connect(self.flush)
        self.effort.valueChanged.connect(self._edited)
        self.pain.valueChanged.connect(self._edited)
        self.notes.textChanged.connect(self._edited)
        self.text.setWordWrap(True)
        # A long session's summary scrolls: as a bare label it set the window's minimum
        # height (1183x1235 on an 800 px screen, kept until restart).
        scroller = QScrollArea()
        scroller.setObjectName("summaryScroll")
        scroller.setWidgetResizable(True)
        scroller.setWidget(self.text)
        layout = QVBoxLayout(self)
        layout.addWidget(scroller, 1)
        layout.addWidget(self._log_box())
        layout.addWidget(self.close_button)

    def _log_box(self) -> QGroupBox:
        box = QGroupBox("How did it go? (optional)")
        box.setObjectName("quickLog")
        form = QFormLayout(box)
        add_row(form, "Effort (RPE 0 to 10)", self.effort, "effort")
        add_row(form, "Hamstring pain or soreness (0 to 10)", self.pain, "pain")
        add_row(form, "Notes", self.notes, "notes")
        return box

    def show_summary(self, record: SessionRecord) -> None:
        self.flush()  # the last session's log, if typing had not settled yet
        self.text.setText(summary_html(record))
        for box in (self.effort, self.pain, self.notes):
            box.blockSignals(True)
        self.effort.setValue(-1)
        self.pain.setValue(-1)
        self.notes.clear()
        for box in (self.effort, self.pain, self.notes):
            box.blockSignals(False)
        self._saved = QuickLog()

    def entered_log(self) -> QuickLog | None:
        log = self._current_log()
        return None if log == QuickLog() else log

    def _current_log(self) -> QuickLog:
        effort, pain = self.effort.value(), self.pain.value()
        return QuickLog(
            None if effort < 0 else effort, None if pain < 0 else pain, self.notes.text().strip()
        )

    def _edited(self) -> None:
        self._settle.start()

    def flush(self) -> None:
        """Emit the log now if it changed since it was last emitted (every way out calls
        this: Enter, navigation, quitting, closing the window, SIGTERM, a new session)."""
        self._settle.stop()
        log = self._current_log()
        if log != self._saved:
            self._saved = log
            self.quick_log.emit(log)

    def leave(self) -> None:
        self.flush()
        self.back_to_templates.emit()
