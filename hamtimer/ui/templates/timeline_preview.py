"""The editor's live preview: the total time, and every step with the cues inside it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from hamtimer.core.template_check import TemplateCheck

TIME, STEP = 0, 1
"""Each step's start and length, one above the other (beside each other, in a third column,
they left the words 87 px at 1024x600: "hamstri…"), and what it is, with its cues below."""
ROW_PADDING = 4


class TimelinePreview(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.total = QLabel()
        self.total.setObjectName("previewTotal")
        self.total.setAccessibleName("Total duration")
        font = self.total.font()
        font.setPixelSize(18)
        font.setBold(True)
        self.total.setFont(font)
        self.total.setWordWrap(True)  # '27:05 + 2 open steps · 42 steps' must not widen the window
        self.steps = QTreeWidget()
        self.steps.setObjectName("timelinePreview")
        self.steps.setAccessibleName("Compiled timeline: every step and the cues inside it")
        self.steps.setHeaderLabels(["Time", "Step"])
        self.steps.headerItem().setToolTip(TIME, "When each step starts, and how long it lasts")
        self.steps.setRootIsDecorated(False)
        # Every step and cue in full: long ones wrap instead of being cut off.
        self.steps.setWordWrap(True)
        self.steps.setUniformRowHeights(False)
        self.steps.setTextElideMode(Qt.TextElideMode.ElideNone)
        # The steps wrap to the pane, never scroll sideways: at 1024x600 a scroll bar took
        # the pane's height, and a last section stretched (never below 100 px) ran past the
        # pane's edge, cutting the words.
        header = self.steps.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TIME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(STEP, QHeaderView.ResizeMode.Stretch)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Row heights follow the wrapped text whenever the Step column's width changes.
        self.steps.header().sectionResized.connect(self._relayout_rows)
        self._fit_later = QTimer(self)
        self._fit_later.setSingleShot(True)
        self._fit_later.setInterval(0)
        self._fit_later.timeout.connect(self.fit_rows)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("<b>Preview</b>: the session as it will run")
        heading.setWordWrap(True)  # a narrow pane at 1024x600 wraps it rather than widen
        layout.addWidget(heading)
        layout.addWidget(self.total)
        layout.addWidget(self.steps, 1)

    def clear(self) -> None:
        self.steps.clear()
        self.total.setText("")

    def show_check(self, check: TemplateCheck) -> None:
        """The plan of a template that checks out; otherwise a line saying why there is none."""
        from hamtimer.core.durations import duration_text
        from hamtimer.core.timeline_text import timeline_rows

        self.steps.clear()
        if check.template is None or check.plan is None:
            self.total.setText("Total: —")
            # Under Step, where the words wrap (spanning the row, it was cut to one line).
            QTreeWidgetItem(self.steps, ["", "The timeline appears once the problems are fixed."])
            self.fit_rows()
            return
        plan = check.plan
        self.total.setText(f"Total: {duration_text(plan)} · {len(plan.steps)} steps")
        for row in timeline_rows(plan):
            item = QTreeWidgetItem(self.steps, [f"{row.start}\n{row.length}", row.what])
            item.setToolTip(TIME, f"Starts at {row.start}, lasts {row.length}")
            for column in (TIME, STEP):  # the time beside the step's first line
                item.setTextAlignment(
                    column, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
                )
            bold = item.font(STEP)
            bold.setBold(True)
            item.setFont(STEP, bold)
            item.setToolTip(STEP, row.what)  # long names are elided in a narrow pane
            for cue in row.cues:
                _cue_item(item, cue)
        self.steps.expandAll()
        self.fit_rows()

    def _relayout_rows(self, column: int, _old: int, _new: int) -> None:
        if column == STEP:
            self._fit_later.start()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_later.start()

    def fit_rows(self) -> None:
        """Each row as tall as its wrapped text in the Step column's width, and its two lines
        of time (the tree itself sizes rows for one line of text)."""
        width = max(40, self.steps.header().sectionSize(STEP) - 2 * ROW_PADDING)
        items = []
        for index in range(self.steps.topLevelItemCount()):
            item = self.steps.topLevelItem(index)
            if item is not None:
                items.append(item)
                items += [c for c in (item.child(i) for i in range(item.childCount())) if c]
        for item in items:
            metrics = QFontMetrics(item.font(STEP))
            flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
            text = metrics.boundingRect(QRect(0, 0, width, 10_000), flags, item.text(STEP))
            time_lines = len(item.text(TIME).splitlines())
            time_height = QFontMetrics(item.font(TIME)).lineSpacing() * time_lines
            height = max(text.height(), time_height) + ROW_PADDING
            item.setSizeHint(STEP, QSize(width, height))
        self.steps.scheduleDelayedItemsLayout()

    def text(self) -> str:
        """Every line, as 'start step length' with the cues indented below."""
        lines = []
        for index in range(self.steps.topLevelItemCount()):
            item = self.steps.topLevelItem(index)
            if item is None:
                continue
            start, _, length = item.text(TIME).partition("\n")
            lines.append(" ".join((start, item.text(STEP), length)).strip())
            children = (item.child(i) for i in range(item.childCount()))
            lines += [f"  {child.text(STEP)}" for child in children if child is not None]
        return "\n".join(lines)


DROPPED = "dropped: "


def _cue_item(step: QTreeWidgetItem, cue: str) -> None:
    """A cue under its step; one with no room to be said is marked (it is also a warning in
    Problems, on the cue itself)."""
    if cue.startswith(DROPPED):
        text = f"⚠ not said: {cue.removeprefix(DROPPED)}"
        item = QTreeWidgetItem(step, ["", text])
        font = item.font(STEP)
        font.setItalic(True)
        item.setFont(STEP, font)
        item.setToolTip(STEP, f"{text}\nA longer step, or another time for it, gives it room.")
        return
    QTreeWidgetItem(step, ["", cue]).setToolTip(STEP, cue)
