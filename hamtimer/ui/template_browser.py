"""Train: the template list, the chosen template's details, and a large Start button."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hamtimer.core.vocabulary import Sides

if TYPE_CHECKING:
    from hamtimer.core.model import Exercise, Template
    from hamtimer.services.templates import LoadedTemplate


def _rests(exercise: Exercise) -> str:
    parts = []
    if exercise.sides == Sides.EACH:
        parts.append(f"{exercise.rest_between_sides_s} s between sides")
    if exercise.sets.target > 1:
        parts.append(f"{exercise.rest_between_sets_s} s between sets")
    return "; rest " + ", ".join(parts) if parts else ""


def details_html(template: Template) -> str:
    from hamtimer.core.durations import duration_text
    from hamtimer.core.plan import compile_plan  # shown after the first frame

    plan = compile_plan(template)
    escape = html.escape
    rows = []
    for block, exercises in (
        ("Warm-up", template.warmup),
        ("Main", template.exercises),
        ("Cool-down", template.cooldown),
    ):
        if not exercises:
            continue
        rows.append(f"<h3>{block}</h3><ul>")
        for ex in exercises:
            caution = f"<br><i>⚠ {escape(ex.caution)}</i>" if ex.caution else ""
            rows.append(
                f"<li><b>{escape(ex.name)}</b>: {escape(ex.amount_label())}"
                f"{escape(_rests(ex))}{caution}</li>"
            )
        rows.append("</ul>")
    equipment = ", ".join(template.equipment()) or "none"
    source = template.source.title + (
        f" ({template.source.publisher})" if template.source.publisher else ""
    )
    return (
        f"<h2>{escape(template.name)}</h2>"
        f"<p>{escape(template.description or '')}</p>"
        f"<p><b>Total:</b> {duration_text(plan)} · <b>Level:</b> {template.level.value}"
        f" · <b>Equipment:</b> {escape(equipment)}</p>"
        f"{''.join(rows)}"
        f"<p><b>Source:</b> {escape(source)}</p>"
        f"<p>{escape(template.notes or '')}</p>"
    )


class TemplateBrowser(QWidget):
    start_requested = Signal(object)
    """The user pressed Start (or Enter) on a `Template`."""

    def __init__(self, library: list[LoadedTemplate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateBrowser")
        self._library: list[LoadedTemplate] = []
        self.template_list = QListWidget()
        self.template_list.setObjectName("templateList")
        self.template_list.setAccessibleName("Session templates")
        font = self.template_list.font()
        font.setPixelSize(18)
        self.template_list.setFont(font)
        self.details = QLabel()
        self.details.setObjectName("templateDetails")
        self.details.setAccessibleName("Template details")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.details)
        self.start_button = QPushButton("Start session  [Enter]")
        self.start_button.setObjectName("startButton")
        self.start_button.setAccessibleName("Start the selected session")
        self.start_button.setMinimumHeight(64)
        font = self.start_button.font()
        font.setPixelSize(24)
        font.setBold(True)
        self.start_button.setFont(font)
        self.start_button.clicked.connect(self.request_start)
        right = QVBoxLayout()
        right.addWidget(scroll, 1)
        right.addWidget(self.start_button)
        layout = QHBoxLayout(self)
        layout.addWidget(self.template_list, 2)
        layout.addLayout(right, 3)
        self.template_list.currentRowChanged.connect(self._show_details)
        self.template_list.itemDoubleClicked.connect(lambda _item: self.request_start())
        self.setTabOrder(self.template_list, self.start_button)
        self.set_library(library)

    def show_loading(self) -> None:
        """Shown while the templates are read, just after the window first appears."""
        self.details.setText("<h2>Loading templates…</h2>")
        self.start_button.setEnabled(False)

    def set_library(self, library: list[LoadedTemplate]) -> None:
        self._library = list(library)
        self.template_list.clear()
        for item in self._library:
            label = item.template.name + ("" if item.builtin else "  (yours)")
            QListWidgetItem(label, self.template_list)
        self.start_button.setEnabled(bool(self._library))
        if self._library:
            self.template_list.setCurrentRow(0)
        else:
            self.details.setText("<h2>No session templates found</h2>")

    def template_by_id(self, template_id: str) -> Template | None:
        return next((t.template for t in self._library if t.template.id == template_id), None)

    def selected(self) -> Template | None:
        row = self.template_list.currentRow()
        return self._library[row].template if 0 <= row < len(self._library) else None

    def request_start(self) -> None:
        template = self.selected()
        if template is not None:
            self.start_requested.emit(template)

    def _show_details(self, row: int) -> None:
        if 0 <= row < len(self._library):
            self.details.setText(details_html(self._library[row].template))
