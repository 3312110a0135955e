"""The editor's form: the template's own fields, its exercises by block, and the selected
exercise's fields. Edits go straight into the draft document; `changed` follows each one."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hamtimer.core.model import MAX_COUNTDOWN_S, MAX_LIST, MAX_REST_S
from hamtimer.core.template_document import (
    SECTIONS,
    exercise_ids,
    new_exercise,
    slug_of,
    unique_id,
)
from hamtimer.core.validation import path_covers
from hamtimer.core.vocabulary import Block, Leg, Level
from hamtimer.ui.templates.exercise_form import ExerciseForm, combo, set_text_field
from hamtimer.ui.templates.more_fields import MoreFields
from hamtimer.ui.widgets.form_rows import (
    command_button,
    editor_form,
    line_edit,
    show_starts,
    spin_box,
)

SECTION_TITLES = {block.key: block.heading for block in Block}
LEVEL_LABELS = {level: level.value.capitalize() for level in Level}
SIDE_LABELS = {leg: leg.first_label for leg in Leg}
PROBLEM_COLOUR = QColor("#c62828")

Selection = tuple[str, int]
"""(section, index) of an exercise in the draft."""


class TemplateForm(QWidget):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("templateForm")
        self.document: dict[str, Any] = {}
        self._loading = False
        self.taken_ids: list[str] = []
        """Ids of the other templates, for an id made from the name."""
        self.id_follows_name = False
        """A new template's id is made from its name until the user types an id."""
        self.choose_exercise: Callable[[list[str]], dict[str, Any] | None] | None = None
        """Asks which exercise to add (the catalogue), given the ids taken; None: blank."""
        self.name_edit = line_edit("Template name", "e.g. Tuesday bridges")
        self.id_edit = line_edit("Template id", "lowercase-with-dashes, used for its file name")
        self.description = line_edit("Description", "What this session is for (optional)")
        self.source_title = line_edit("Source title", "The article or coach the session follows")
        self.source_publisher = line_edit("Source publisher", "Where it was published (optional)")
        self.level = combo(LEVEL_LABELS, "Level")
        self.first_side = combo(SIDE_LABELS, "First side")
        self.countdown = spin_box(
            0, MAX_COUNTDOWN_S, " s", "Spoken countdown before each step ends"
        )
        self.rest_exercises = spin_box(0, MAX_REST_S, " s", "Rest between exercises")
        self.notes = line_edit("Notes", "Shown with the template (optional)")
        self.choose = spin_box(0, MAX_LIST, "", "Main exercises per session, taking turns")
        self.choose.setSpecialValueText("all")  # 0: no turns, every main exercise runs
        self.sourcing_note = line_edit(
            "Where the numbers come from", "Which numbers are the article's, which ours (optional)"
        )
        self.tree = QTreeWidget()
        self.tree.setObjectName("exerciseTree")
        self.tree.setAccessibleName("Exercises by block")
        self.tree.setHeaderLabels(["Exercise", "Amount"])
        self.tree.setMinimumHeight(180)
        self.exercise_form = ExerciseForm()
        self.buttons = self._tree_buttons()
        self._lay_out()
        self._connect()

    def _tree_buttons(self) -> dict[str, QPushButton]:
        return {
            name: command_button(f"{name}Exercise", text, tip)
            for name, text, tip in (
                (
                    "add",
                    "Add exercise…",
                    "Add an exercise to the selected block: pick one of"
                    " the built-ins' exercises, or start from a blank one",
                ),
                ("remove", "Remove", "Remove the selected exercise"),
                ("up", "Move up", "Move the selected exercise earlier"),
                ("down", "Move down", "Move the selected exercise later"),
            )
        }

    def _lay_out(self) -> None:
        about = QGroupBox("Template")
        self.about = about
        column_of_about = QVBoxLayout(about)
        common = QWidget()
        form = editor_form(common)
        for label, widget in (
            ("Name", self.name_edit),
            ("Description", self.description),
            ("Level", self.level),
            ("Side order", self.first_side),
            ("Rest between exercises", self.rest_exercises),
        ):
            form.addRow(label, widget)
        self.more = MoreFields(
            "moreTemplateFields",
            "More: id, source, notes…",
            "The less common fields: id, source and publisher, countdown, notes, main exercises"
            " per session, where the numbers come from",
        )
        for label, widget in (
            ("Id", self.id_edit),
            ("Source", self.source_title),
            ("Publisher", self.source_publisher),
            ("Countdown", self.countdown),
            ("Notes", self.notes),
            ("Main exercises per session", self.choose),
            ("Numbers", self.sourcing_note),
        ):
            self.more.form.addRow(label, widget)
        column_of_about.addWidget(common)
        column_of_about.addWidget(self.more)
        exercises = QGroupBox("Exercises")
        column = QVBoxLayout(exercises)
        column.addWidget(self.tree)
        # Two by two (Add, Remove; Move up, Move down): in one row they set the editor
        # column's least width, wider than its room at 1280x800.
        grid = QGridLayout()
        for index, button in enumerate(self.buttons.values()):
            grid.addWidget(button, index // 2, index % 2)
        column.addLayout(grid)
        self.exercise_box = QGroupBox("Selected exercise")
        QVBoxLayout(self.exercise_box).addWidget(self.exercise_form)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(exercises)
        layout.addWidget(self.exercise_box)

    def _connect(self) -> None:
        self.id_edit.textEdited.connect(self._id_typed)  # before _write, connected below
        for edit in (
            self.name_edit,
            self.id_edit,
            self.description,
            self.source_title,
            self.source_publisher,
            self.notes,
            self.sourcing_note,
        ):
            edit.textEdited.connect(self._write)
        for box in (self.level, self.first_side):
            box.currentIndexChanged.connect(self._write)
        for spin in (self.countdown, self.rest_exercises, self.choose):
            spin.valueChanged.connect(self._write)
        self.tree.currentItemChanged.connect(self._show_selected)
        self.exercise_form.changed.connect(self._exercise_edited)
        self.buttons["add"].clicked.connect(self._add_clicked)
        self.exercise_form.other_ids = self._other_exercise_ids
        self.buttons["remove"].clicked.connect(self.remove_exercise)
        self.buttons["up"].clicked.connect(lambda: self.move_exercise(-1))
        self.buttons["down"].clicked.connect(lambda: self.move_exercise(1))

    # -- loading ----------------------------------------------------------------------------

    def load(
        self, document: dict[str, Any], read_only: bool, select: Selection | None = ("exercises", 0)
    ) -> None:
        self.document = copy.deepcopy(document)
        self.exercise_form.forget_modes_left()
        self._loading = True
        try:
            self._show_template()
        finally:
            self._loading = False
        self._fill_tree(select)
        self.id_follows_name = False
        self.about.setEnabled(not read_only)
        for widget in (self.exercise_form, *self.buttons.values()):
            widget.setEnabled(not read_only)

    def _show_template(self) -> None:
        document = self.document
        raw_source = document.get("source")
        source: dict[str, Any] = raw_source if isinstance(raw_source, dict) else {}
        self.name_edit.setText(str(document.get("name", "")))
        self.id_edit.setText(str(document.get("id", "")))
        self.description.setText(str(document.get("description", "")))
        self.source_title.setText(str(source.get("title", "")))
        self.source_publisher.setText(str(source.get("publisher", "")))
        self.level.setCurrentIndex(max(0, self.level.findData(document.get("level", "beginner"))))
        self.first_side.setCurrentIndex(
            max(0, self.first_side.findData(document.get("first_side", Leg.LEFT.value)))
        )
        self.countdown.setValue(int(document.get("countdown_s", 3)))
        self.rest_exercises.setValue(int(document.get("rest_between_exercises_s", 90)))
        self.notes.setText(str(document.get("notes", "")))
        self.choose.setValue(int(document.get("choose_per_session") or 0))
        self.sourcing_note.setText(str(document.get("sourcing_note", "")))
        show_starts(self.about)

    def _fill_tree(self, select: Selection | None) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        chosen: QTreeWidgetItem | None = None
        for section in SECTIONS:
            top = QTreeWidgetItem([SECTION_TITLES[section], ""])
            top.setData(0, Qt.ItemDataRole.UserRole, (section, -1))
            self.tree.addTopLevelItem(top)
            for index, exercise in enumerate(self.document.get(section, [])):
                item = QTreeWidgetItem([str(exercise.get("name", "")), _amount(exercise)])
                item.setData(0, Qt.ItemDataRole.UserRole, (section, index))
                top.addChild(item)
                if select == (section, index):
                    chosen = item
            top.setExpanded(True)
        self.tree.resizeColumnToContents(0)
        self.tree.blockSignals(False)
        if chosen is None:
            chosen = next(iter(self._exercise_items()), None)
        if chosen is not None:
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(chosen)
            self.tree.blockSignals(False)
        self._show_selected()

    def _exercise_items(self) -> list[QTreeWidgetItem]:
        items: list[QTreeWidgetItem] = []
        for top_index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(top_index)
            children = [top.child(i) for i in range(top.childCount())] if top else []
            items.extend(child for child in children if child is not None)
        return items

    # -- selection --------------------------------------------------------------------------

    def selection(self) -> Selection | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        section, index = item.data(0, Qt.ItemDataRole.UserRole)
        return (section, index) if index >= 0 else None

    def selected_section(self) -> str:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole)[0] if item is not None else "exercises"

    def select(self, selection: Selection) -> None:
        for item in self._exercise_items():
            if tuple(item.data(0, Qt.ItemDataRole.UserRole)) == selection:
                self.tree.setCurrentItem(item)

    def _show_selected(self) -> None:
        selection = self.selection()
        self.exercise_box.setVisible(selection is not None)
        if selection is not None:
            section, index = selection
            self.exercise_form.load(self.document[section][index])
        enabled = selection is not None and self.exercise_form.isEnabled()
        for name in ("remove", "up", "down"):
            self.buttons[name].setEnabled(enabled)

    # -- fields and problems ----------------------------------------------------------------

    def fields(self) -> dict[str, QWidget]:
        found: dict[str, QWidget] = {
            "$.name": self.name_edit,
            "$.id": self.id_edit,
            "$.description": self.description,
            "$.source.title": self.source_title,
            "$.source.publisher": self.source_publisher,
            "$.level": self.level,
            "$.first_side": self.first_side,
            "$.countdown_s": self.countdown,
            "$.rest_between_exercises_s": self.rest_exercises,
            "$.notes": self.notes,
            "$.choose_per_session": self.choose,
            "$.sourcing_note": self.sourcing_note,
        }
        selection = self.selection()
        if selection is not None:
            found |= self.exercise_form.fields(f"$.{selection[0]}[{selection[1]}]")
        return found

    def mark_exercises(self, problem_paths: list[str]) -> None:
        """Exercises with a problem show in red in the tree, wherever the form is."""
        for item in self._exercise_items():
            section, index = item.data(0, Qt.ItemDataRole.UserRole)
            path = f"$.{section}[{index}]"
            bad = any(path_covers(path, problem) for problem in problem_paths)
            brush = QBrush(PROBLEM_COLOUR) if bad else QBrush()
            item.setForeground(0, brush)
            item.setText(0, ("⚠ " if bad else "") + str(self.document[section][index].get("name")))

    # -- edits ------------------------------------------------------------------------------

    def _id_typed(self) -> None:
        self.id_follows_name = False

    def _write(self) -> None:
        if self._loading:
            return
        if self.id_follows_name:
            taken = [i for i in self.taken_ids if i != self.document.get("id")]
            self.id_edit.setText(unique_id(slug_of(self.name_edit.text(), "my-session"), taken))
        document = self.document
        document["name"] = self.name_edit.text()
        document["id"] = self.id_edit.text()
        set_text_field(document, "description", self.description.text(), required=False)
        source = {"title": self.source_title.text()}
        if self.source_publisher.text().strip():
            source["publisher"] = self.source_publisher.text()
        document["source"] = source
        document["level"] = self.level.currentData()
        document["first_side"] = self.first_side.currentData()
        document["countdown_s"] = self.countdown.value()
        document["rest_between_exercises_s"] = self.rest_exercises.value()
        set_text_field(document, "notes", self.notes.text(), required=False)
        set_text_field(document, "sourcing_note", self.sourcing_note.text(), required=False)
        if self.choose.value():
            document["choose_per_session"] = self.choose.value()
        else:
            document.pop("choose_per_session", None)
        self.changed.emit()

    def _exercise_edited(self) -> None:
        selection = self.selection()
        item = self.tree.currentItem()
        if selection is not None and item is not None:
            exercise = self.document[selection[0]][selection[1]]
            item.setText(0, str(exercise.get("name", "")))
            item.setText(1, _amount(exercise))
        self.changed.emit()

    def _add_clicked(self) -> None:
        """Add exercise: from the catalogue when the page offers one, else a blank one."""
        if self.choose_exercise is None:
            self.add_exercise()
            return
        chosen = self.choose_exercise(exercise_ids(self.document))
        if chosen is not None:
            self.add_exercise(chosen)

    def add_exercise(self, exercise: dict[str, Any] | None = None) -> None:
        """Add `exercise` (a blank one by default) to the selected block, and select it."""
        section = self.selected_section()
        exercises = self.document.setdefault(section, [])
        if len(exercises) >= MAX_LIST:
            return
        if exercise is None:
            exercise = new_exercise(exercise_ids(self.document))
        exercises.append(exercise)
        self.exercise_form.follow_name(exercise)
        self._fill_tree((section, len(exercises) - 1))
        self.exercise_form.name_edit.setFocus()
        self.exercise_form.name_edit.selectAll()
        self.changed.emit()

    def _other_exercise_ids(self) -> list[str]:
        selection = self.selection()
        mine = self.document[selection[0]][selection[1]].get("id") if selection else None
        return [i for i in exercise_ids(self.document) if i != mine]

    def remove_exercise(self) -> None:
        selection = self.selection()
        if selection is None:
            return
        section, index = selection
        del self.document[section][index]
        remaining = len(self.document[section])
        self._fill_tree((section, min(index, remaining - 1)) if remaining else None)
        self.changed.emit()

    def move_exercise(self, step: int) -> None:
        selection = self.selection()
        if selection is None:
            return
        section, index = selection
        exercises = self.document[section]
        target = index + step
        if not 0 <= target < len(exercises):
            return
        exercises[index], exercises[target] = exercises[target], exercises[index]
        self._fill_tree((section, target))
        self.changed.emit()


def _amount(exercise: dict[str, Any]) -> str:
    """A short 'sets x amount' for the tree, from the draft (which may be invalid)."""
    sets = exercise.get("sets", {}).get("target", "?")
    for key, unit in (("hold_s", " s"), ("reps", " reps")):
        if isinstance(exercise.get(key), dict):
            return f"{sets} x {exercise[key].get('target', '?')}{unit}"
    if "work_s" in exercise:
        return f"{sets} x {exercise['work_s']} s"
    return f"{sets} x open"
