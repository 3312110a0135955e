"""Adding an exercise: pick one of the built-ins' exercises (searchable, with its figure and
numbers), or start from a blank one."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hamtimer.core.exercise_catalogue import CatalogueEntry, exercise_for_draft
from hamtimer.core.template_document import new_exercise
from hamtimer.ui.widgets.accessible import show_text
from hamtimer.ui.widgets.form_rows import command_button
from hamtimer.ui.widgets.keyboard import readable, set_tab_order

if TYPE_CHECKING:
    from hamtimer.core.template_document import Document

FIGURE_SIZE = QSize(96, 72)
"""Each row's figure, still in its held pose."""
ENTRY_ROLE = Qt.ItemDataRole.UserRole


class CatalogueRow(QWidget):
    """One exercise: its figure, name, numbers and the template it comes from."""

    def __init__(self, entry: CatalogueEntry) -> None:
        super().__init__()
        self.setObjectName("catalogueRow")
        from hamtimer.ui.widgets.figure_slot import FigureSlot

        self.figure_slot = FigureSlot(FIGURE_SIZE, entry.exercise_id, entry.name)
        self.figure_slot.setProperty("exerciseId", entry.exercise_id)
        name = QLabel(entry.name)
        name.setObjectName("catalogueName")
        name.setAccessibleName(entry.name)
        name.setProperty("role", "heading")
        name.setWordWrap(True)
        numbers = QLabel(entry.summary)
        numbers.setObjectName("catalogueNumbers")
        numbers.setAccessibleName(entry.summary)
        numbers.setProperty("role", "caption")
        numbers.setWordWrap(True)
        origin = QLabel(f"from “{entry.template_name}”")
        origin.setObjectName("catalogueOrigin")
        origin.setAccessibleName(origin.text())
        origin.setProperty("role", "hint")
        origin.setWordWrap(True)
        words = QVBoxLayout()
        words.setSpacing(2)
        for label in (name, numbers, origin):
            words.addWidget(label)
        words.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.figure_slot, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(words, 1)


class ExerciseCatalogue(QDialog):
    """`chosen` after it is accepted: the entry picked, or None for a blank exercise."""

    def __init__(self, entries: Sequence[CatalogueEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exerciseCatalogue")
        self.setWindowTitle("Add an exercise")
        self.resize(560, 560)
        self.chosen: CatalogueEntry | None = None
        self.search = QLineEdit()
        self.search.setObjectName("catalogueSearch")
        self.search.setAccessibleName("Search the exercises")
        self.search.setPlaceholderText("Search: bridge, curl, hold, stretch…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.filter)
        self.list = QListWidget()
        self.list.setObjectName("catalogueList")
        self.list.setAccessibleName("Exercises of the built-in templates")
        for entry in entries:
            item = QListWidgetItem(self.list)
            item.setData(ENTRY_ROLE, entry)
            item.setText("")  # the row widget shows it; the name stays for screen readers
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{entry.name}, {entry.summary}")
            row = CatalogueRow(entry)
            item.setSizeHint(row.sizeHint())
            self.list.setItemWidget(item, row)
        self.list.itemActivated.connect(self._take)
        self.list.itemDoubleClicked.connect(self._take)
        self.count = QLabel()
        self.count.setObjectName("catalogueCount")
        self.count.setAccessibleName("How many exercises are shown")
        self.count.setProperty("role", "hint")
        self.blank_button = command_button(
            "blankExercise", "Blank exercise", "Start from an empty exercise instead"
        )
        self.blank_button.clicked.connect(self._take_blank)
        self.add_button = command_button("addChosen", "Add", "Add the selected exercise")
        self.add_button.setProperty("role", "primary")
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(lambda: self._take(self.list.currentItem()))
        cancel = command_button("cancelCatalogue", "Cancel", "Add nothing")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.blank_button)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.add_button)
        intro = QLabel(
            "Start from an exercise of the built-in templates (its numbers, cues and article "
            "come with it, and you can change them), or from a blank one."
        )
        intro.setWordWrap(True)
        intro.setObjectName("catalogueIntro")
        intro.setAccessibleName(intro.text())
        intro.setProperty("role", "hint")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        layout.addLayout(buttons)
        readable(intro, self.count)
        set_tab_order(
            [intro, self.search, self.list, self.count, self.blank_button, cancel, self.add_button]
        )
        self.filter("")
        self.search.setFocus()

    def entries_shown(self) -> list[CatalogueEntry]:
        items = (self.list.item(row) for row in range(self.list.count()))
        return [item.data(ENTRY_ROLE) for item in items if item is not None and not item.isHidden()]

    def filter(self, search: str) -> None:
        first: QListWidgetItem | None = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            shown = item.data(ENTRY_ROLE).matches(search)
            item.setHidden(not shown)
            if shown and first is None:
                first = item
        if first is not None:
            self.list.setCurrentItem(first)
        shown_count = len(self.entries_shown())
        show_text(
            self.count,
            f"{shown_count} of {self.list.count()} exercises"
            if shown_count
            else "No exercise matches: try another word, or start from a blank exercise.",
            "How many exercises are shown",
        )
        self.add_button.setEnabled(first is not None)

    def _take(self, item: QListWidgetItem | None) -> None:
        if item is None or item.isHidden():
            return
        self.chosen = item.data(ENTRY_ROLE)
        self.accept()

    def _take_blank(self) -> None:
        self.chosen = None
        self.accept()


def choose_exercise(
    parent: QWidget, entries: Sequence[CatalogueEntry], taken_ids: Collection[str]
) -> Document | None:
    """The exercise to add (a copy from the catalogue, or a blank one); None when cancelled."""
    dialog = ExerciseCatalogue(entries, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    if dialog.chosen is None:
        return new_exercise(taken_ids)
    return exercise_for_draft(dialog.chosen, taken_ids)
