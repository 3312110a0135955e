"""End-of-session summary, as one card: per exercise and per leg what was done, against the
last session of the same template (arrows up or down); and the log (effort and pain as 0-10
chips, notes), saved as it is typed and on every way out. It scrolls rather than grow the
window."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hamtimer.core.durations import clock_text
from hamtimer.core.session_compare import LegChange, compare
from hamtimer.core.session_record import QuickLog, SessionRecord, tally_text
from hamtimer.ui.widgets.accessible import role_label, show_rich_text
from hamtimer.ui.widgets.keyboard import readable, set_tab_order
from hamtimer.ui.widgets.score_chips import UNRATED, ScoreChips

SAVE_SETTLE_MS = 500
"""The log is saved once typing pauses this long (and at once on every way out)."""


def _change_cell(change: LegChange | None) -> str:
    if change is None:
        return ""
    return f"<td><b>{change.trend.arrow}</b> {html.escape(change.text)}</td>"


def summary_html(record: SessionRecord, before: SessionRecord | None = None) -> str:
    """What was done, per exercise and leg; with `before` (the last session of the same
    template), each leg against it."""
    state = "Session complete" if record.completed else f"Session {record.status.value}"
    changes = compare(record, before) if before is not None else {}
    rows = []
    for name, _mode, legs in record.exercises():
        cells = "".join(
            f"<tr><td>{leg.side.label}</td><td>{tally_text(leg)}</td>"
            f"{_change_cell(changes.get((leg.exercise_id, leg.side.value)))}</tr>"
            for leg in legs
        )
        rows.append(f"<tr><td colspan=3><b>{html.escape(name)}</b></td></tr>{cells}")
    skipped = f" · Skipped steps: {record.skipped_steps}" if record.skipped_steps else ""
    against = (
        f"<p>Against your last session of it, {before.started.astimezone():%a %d %b}:"
        " ↑ more, ↓ less, = the same.</p>"
        if before is not None
        else "<p>Your first session of it: next time shows how it compares.</p>"
    )
    return (
        f"<h1>{state}</h1><h2>{html.escape(record.template_name)}</h2>"
        f"<p>Total time {clock_text(record.length_s)}{skipped}</p>{against}"
        f"<table cellspacing=6>{''.join(rows)}</table>"
    )


def _caption(text: str, name: str) -> QLabel:
    return role_label(text, "heading", name)


class SummaryView(QWidget):
    back_to_train = Signal()
    """Leave for Train (where the button says it goes)."""
    quick_log = Signal(object)
    """The `QuickLog` as the user has it now: emitted once typing settles and on `flush`
    (leaving by any way), whenever it differs from the one last emitted."""

    def __init__(
        self,
        parent: QWidget | None = None,
        previous: Callable[[SessionRecord], SessionRecord | None] | None = None,
    ) -> None:
        """`previous(record)`: the last session of the same template before it, if any."""
        super().__init__(parent)
        self.setObjectName("summaryView")
        self._previous = previous
        self.text = QLabel()
        self.text.setObjectName("summaryText")
        self.text.setAccessibleName("Session summary")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setProperty("size", "large")
        readable(self.text)  # the numbers, for a keyboard and a screen reader
        self.effort = ScoreChips("effortScore", "Effort, 0 to 10 (RPE)")
        self.pain = ScoreChips("painScore", "Hamstring pain or soreness, 0 to 10")
        self.notes = QLineEdit()
        self.notes.setObjectName("sessionNotes")
        self.notes.setAccessibleName("Notes")
        self.notes.setPlaceholderText("e.g. left side felt weaker")
        self.close_button = QPushButton("Save and back to Train  [Enter]")
        self.close_button.setObjectName("summaryCloseButton")
        self.close_button.setAccessibleName("Save the log and go back to Train")
        self.close_button.setProperty("role", "primary")
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
        scroll = QScrollArea()
        scroll.setObjectName("summaryScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab reaches the card's parts
        scroll.setWidget(self._card())
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.close_button)
        set_tab_order([self.text, self.effort, self.pain, self.notes, self.close_button])

    def _card(self) -> QFrame:
        """The summary and the log in one card; the scroll area around it keeps a long one
        from growing the window's minimum size."""
        card = QFrame()
        card.setObjectName("summaryCard")
        card.setProperty("role", "card")
        layout = QVBoxLayout(card)
        layout.addWidget(self.text)
        layout.addWidget(_caption("How did it go? (optional)", "logHeading"))
        for text, name, widget in (
            (
                "Effort (RPE): 0 resting, 10 all-out. Keys 0 to 9; 1 then 0 for 10.",
                "effortLabel",
                self.effort,
            ),
            ("Hamstring pain or soreness: 0 none, 10 the worst.", "painLabel", self.pain),
            ("Notes", "notesLabel", self.notes),
        ):
            label = QLabel(text)
            label.setObjectName(name)
            label.setAccessibleName(text)
            label.setProperty("role", "caption")
            label.setWordWrap(True)
            label.setBuddy(widget)
            layout.addWidget(label)
            layout.addWidget(widget)
        layout.addStretch(1)
        return card

    def show_summary(self, record: SessionRecord) -> None:
        self.flush()  # the last session's log, if typing had not settled yet
        before = self._previous(record) if self._previous is not None else None
        show_rich_text(self.text, summary_html(record, before), "Session summary")
        for box in (self.effort, self.pain, self.notes):
            box.blockSignals(True)
        self.effort.setValue(UNRATED)
        self.pain.setValue(UNRATED)
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
            None if effort == UNRATED else effort,
            None if pain == UNRATED else pain,
            self.notes.text().strip(),
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
        self.back_to_train.emit()
