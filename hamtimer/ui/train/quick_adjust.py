"""Quick adjust on the Train page: side order, sets, hold targets and which exercises to do
today, without opening the editor. Every change is kept as the user's choice for the template."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hamtimer.core.template_choice import TemplateChoice, hold_bounds, sets_bounds
from hamtimer.core.vocabulary import Leg
from hamtimer.ui import theme
from hamtimer.ui.widgets.form_rows import spin_box
from hamtimer.ui.widgets.keyboard import readable, show_readable
from hamtimer.ui.widgets.scrolling import scrolls_down

if TYPE_CHECKING:
    from hamtimer.core.model import Exercise, Template
    from hamtimer.core.rotation import Turn

NAME_MIN_WIDTH = 80
"""An exercise's name wraps down to this width; the numbers beside it never leave the panel."""
MAX_ROWS_HEIGHT = 190
"""Long templates scroll inside the panel, so the details above keep their room."""


class NameCell(QWidget):
    """The include box and the exercise's name beside it. The name wraps, where a check
    box's own text would not: a long name ("Single-leg hamstring bridge hold") pushed the
    Sets and Hold columns out of the panel at 1024x600. A click on the name ticks the box,
    as it would on a check box's text."""

    def __init__(self, include: QCheckBox, name: str) -> None:
        super().__init__()
        self.include = include
        self.name = QLabel(name)
        self.name.setObjectName("adjustExerciseName")
        self.name.setAccessibleName(f"Exercise: {name}")
        self.name.setWordWrap(True)
        self.name.setMinimumWidth(NAME_MIN_WIDTH)
        self.name.installEventFilter(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(include, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.name, 1, Qt.AlignmentFlag.AlignVCenter)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        released = event.type() == QEvent.Type.MouseButtonRelease
        if watched is self.name and released and self.include.isEnabled():
            self.include.toggle()
            return True
        return super().eventFilter(watched, event)


class ExerciseRow:
    """One exercise's controls: include it, its sets, its hold."""

    def __init__(self, exercise: Exercise, main: bool) -> None:
        self.exercise_id = exercise.id
        self.main = main
        self.include = QCheckBox()
        self.include.setObjectName(f"include-{exercise.id}")
        self.include.setAccessibleName(f"Include {exercise.name}")
        self.cell = NameCell(self.include, exercise.name)
        low, high = sets_bounds(exercise.sets)
        self.sets = spin_box(low, high, "", f"{exercise.name}: sets")
        self.hold: QSpinBox | None = None
        if exercise.hold_s is not None:
            low, high = hold_bounds(exercise.hold_s)
            self.hold = spin_box(low, high, " s", f"{exercise.name}: hold seconds")

    def widgets(self) -> list[QWidget]:
        """The row's cells, column by column."""
        return [self.cell, self.sets, *([self.hold] if self.hold else [])]

    def controls(self) -> list[QWidget]:
        """What the user changes: the include box, sets and hold."""
        return [self.include, *self.widgets()[1:]]


class QuickAdjustPanel(QGroupBox):
    choice_changed = Signal(object)
    """A `TemplateChoice` for the template shown."""

    def __init__(self) -> None:
        super().__init__("Adjust today's session")
        self.setObjectName("quickAdjust")
        self.setAccessibleName("Adjust today's session")
        self._template: Template | None = None
        self._turn: Turn | None = None
        """A choose-some template's next session: its main rows tick that session's picks."""
        self._kept_out: frozenset[str] = frozenset()
        """Main exercises the stored choice leaves out of a choose-some template's turns."""
        self._rows: list[ExerciseRow] = []
        self.first_side = QComboBox()
        self.first_side.setObjectName("firstSide")
        self.first_side.setAccessibleName("Which leg goes first")
        for leg in Leg:
            self.first_side.addItem(leg.first_label, leg.value)
        self.reset = QPushButton("Back to the template")
        self.reset.setObjectName("resetAdjust")
        self.reset.setAccessibleName("Forget these adjustments and run the template as written")
        self.note = QLabel()
        self.note.setObjectName("adjustNote")
        self.note.setAccessibleName("What the adjustments change")
        self.note.setWordWrap(True)
        readable(self.note)
        self._grid = QGridLayout()
        self._grid.setColumnStretch(0, 1)
        for column, title in enumerate(("Exercise", "Sets", "Hold")):
            heading = QLabel(title)
            heading.setProperty("role", "caption")
            heading.setObjectName(f"adjust{title}Heading")
            heading.setAccessibleName(f"{title} column")
            self._grid.addWidget(heading, 0, column)
        self._grid.setVerticalSpacing(4)
        rows = QWidget()
        rows.setObjectName("adjustRows")
        table = QVBoxLayout(rows)
        ring = theme.FOCUS_GAP + theme.FOCUS_RING  # room for the focus ring around a box
        table.setContentsMargins(ring, ring, ring, ring)
        table.addLayout(self._grid)
        table.addStretch(1)  # spare height goes below the table, not between its rows
        scroll = scrolls_down(rows)
        scroll.setMaximumHeight(MAX_ROWS_HEIGHT)
        top = QHBoxLayout()
        top.addWidget(self.first_side)
        top.addStretch(1)
        top.addWidget(self.reset)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll)
        layout.addWidget(self.note)
        self.first_side.currentIndexChanged.connect(self._changed)
        self.reset.clicked.connect(self._reset)

    def tab_stops(self) -> list[QWidget]:
        """As the panel reads: which leg first, reset, each exercise's row, the note."""
        rows = [stop for row in self._rows for stop in (row.include, row.sets, row.hold)]
        return [self.first_side, self.reset, *(stop for stop in rows if stop), self.note]

    def shown_template(self) -> Template | None:
        return self._template

    def is_showing(self, template: Template, turn: Turn | None) -> bool:
        """Whether the rows show `template` at `turn` (the user's own ticks aside)."""
        return template is self._template and _turn_key(turn) == _turn_key(self._turn)

    def show_template(
        self, template: Template, choice: TemplateChoice, turn: Turn | None = None
    ) -> None:
        self._template = template
        self._turn = turn
        main = {exercise.id for exercise in template.exercises}
        self._kept_out = frozenset(choice.excluded & main) if turn is not None else frozenset()
        for row in self._rows:
            for widget in row.widgets():
                widget.hide()  # never shown as a window by a show queued before (details)
                widget.setParent(None)
                widget.deleteLater()
        main_ids = {exercise.id for exercise in template.exercises}
        shown_before = len(self._rows)
        self._rows = [ExerciseRow(e, e.id in main_ids) for e in template.all_exercises()]
        for number, row in enumerate(self._rows, start=1):
            for column, widget in enumerate(row.widgets()):
                self._grid.addWidget(widget, number, column)
            # Full-height rows: the panel scrolls rather than squash ten of them into its room.
            height = max(widget.sizeHint().height() for widget in row.widgets())
            self._grid.setRowMinimumHeight(number, height)
        for number in range(len(self._rows) + 1, shown_before + 1):
            self._grid.setRowMinimumHeight(number, 0)
        self._show_choice(template, choice)
        for row in self._rows:
            row.include.toggled.connect(self._changed)
            row.sets.valueChanged.connect(self._changed)
            if row.hold is not None:
                row.hold.valueChanged.connect(self._changed)

    def _show_choice(self, template: Template, choice: TemplateChoice) -> None:
        by_id = {exercise.id: exercise for exercise in template.all_exercises()}
        widgets = [
            self.first_side,
            *(control for row in self._rows for control in row.controls()),
        ]
        for widget in widgets:
            widget.blockSignals(True)
        side = choice.first_side or template.first_side
        self.first_side.setCurrentIndex(self.first_side.findData(side.value))
        picked = set(self._turn.picked) if self._turn is not None else set()
        for row in self._rows:
            exercise = by_id[row.exercise_id]
            if self._turn is not None and row.main:
                row.include.setChecked(row.exercise_id in picked)
            else:
                row.include.setChecked(row.exercise_id not in choice.excluded)
            row.sets.setValue(choice.sets.get(row.exercise_id, exercise.sets.target))
            if row.hold is not None and exercise.hold_s is not None:
                row.hold.setValue(choice.hold_s.get(row.exercise_id, exercise.hold_s.target))
        for widget in widgets:
            widget.blockSignals(False)
        self._enable_rows()
        self._show_note(choice)

    def _enable_rows(self) -> None:
        for row in self._rows:
            row.sets.setEnabled(row.include.isChecked())
            if row.hold is not None:
                row.hold.setEnabled(row.include.isChecked())

    def _show_note(self, choice: TemplateChoice) -> None:
        self.reset.setEnabled(not choice.is_default)
        notes = []
        if self._turn is not None:
            notes.append(
                f"Ticked main exercises are this session's {self._turn.count}; the others"
                " take their turns in later sessions."
            )
        if choice.picks is not None:
            notes.append("Your picks are for this session only.")
        if not choice.is_default:
            notes.append("Your adjustments are kept for next time.")
        self.say(" ".join(notes))

    def say(self, text: str) -> None:
        """One line under the rows on what the adjustments do (or why one was refused)."""
        show_readable(self.note, text, "What the adjustments change")

    def choice(self) -> TemplateChoice:
        """What the controls say, with only the differences from the template kept."""
        template = self._template
        if template is None:
            return TemplateChoice()
        side = Leg(self.first_side.currentData())
        sets, holds = self._numbers(template)
        numbers = TemplateChoice(
            side if side != template.first_side else None, sets=sets, hold_s=holds
        )
        turn = self._turn
        if turn is None:
            excluded = frozenset(r.exercise_id for r in self._rows if not r.include.isChecked())
            return replace(numbers, excluded=excluded)
        # A choose-some template: main ticks are the next session's picks, not exclusions.
        unticked = {r.exercise_id for r in self._rows if not r.main and not r.include.isChecked()}
        ticked = tuple(r.exercise_id for r in self._rows if r.main and r.include.isChecked())
        own = ticked != turn.in_turn
        return replace(
            numbers,
            excluded=frozenset(unticked) | self._kept_out,
            picks=frozenset(ticked) if own else None,
            picks_after=turn.after if own else None,
        )

    def _numbers(self, template: Template) -> tuple[dict[str, int], dict[str, int]]:
        """Sets and holds that differ from the template's, by exercise id."""
        by_id = {exercise.id: exercise for exercise in template.all_exercises()}
        sets, holds = {}, {}
        for row in self._rows:
            exercise = by_id[row.exercise_id]
            if row.sets.value() != exercise.sets.target:
                sets[row.exercise_id] = row.sets.value()
            hold = exercise.hold_s
            if row.hold is not None and hold is not None and row.hold.value() != hold.target:
                holds[row.exercise_id] = row.hold.value()
        return sets, holds

    def _changed(self) -> None:
        kept_main = [row for row in self._rows if row.main and row.include.isChecked()]
        refused = not kept_main
        if refused:  # a session needs at least one main exercise
            first_main = next(row for row in self._rows if row.main)
            first_main.include.blockSignals(True)
            first_main.include.setChecked(True)
            first_main.include.blockSignals(False)
        self._enable_rows()
        choice = self.choice()
        self._show_note(choice)
        if refused:
            self.say("A session keeps at least one of its main exercises.")
        self.choice_changed.emit(choice)

    def _reset(self) -> None:
        if self._template is not None:
            if self._turn is not None:  # the rotation's picks again, not the user's
                self._turn = replace(self._turn, picked=self._turn.in_turn)
            self._kept_out = frozenset()
            self._show_choice(self._template, TemplateChoice())
            self._changed()


def _turn_key(turn: Turn | None) -> tuple[object, ...] | None:
    """What makes the rows differ: the rotation's turn, not the user's pick inside it."""
    return None if turn is None else (turn.pool, turn.in_turn, turn.after)
