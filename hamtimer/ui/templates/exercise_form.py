"""Every field of one exercise, edited in place in the editor's draft document."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hamtimer.core.model import (
    DEFAULT_EXPECTED_S,
    DEFAULT_POSITION_S,
    MAX_HOLD_S,
    MAX_LIST,
    MAX_POSITION_S,
    MAX_REPS,
    MAX_REST_S,
    MAX_SETS,
    MAX_TEMPO_PHASE_S,
    PREPARE_S,
    SECONDS_PER_REP,
)
from hamtimer.core.template_document import ModeMemory, slug_of, unique_id, with_mode
from hamtimer.core.vocabulary import CueAt, Mode, Sides, SourcedNumber, TempoOrder
from hamtimer.ui.templates.amount_field import AmountField
from hamtimer.ui.templates.more_fields import MoreFields
from hamtimer.ui.widgets.form_rows import editor_form, line_edit, show_starts, spin_box
from hamtimer.ui.widgets.keyboard import set_tab_order

MODE_LABELS = {
    Mode.HOLD: "Hold (isometric, timed)",
    Mode.REPS: "Reps (counted, optional tempo)",
    Mode.TIMED: "Timed work",
    Mode.OPEN: "Open (ends when you press Enter)",
}
SIDES_LABELS = {
    Sides.EACH: "Each leg in turn",
    Sides.ALTERNATE: "Alternating legs",
    Sides.BOTH: "Both legs together",
}
CUE_AT_LABELS = {
    CueAt.START: "at the start",
    CueAt.AFTER: "after the start",
    CueAt.HALFWAY: "halfway",
    CueAt.BEFORE_END: "before the end",
    CueAt.END: "after the effort",
}
"""When a cue is said, read after its seconds ("5 s after the start"): short enough to be read
whole beside them at 1024x600 ("seconds after t…" before)."""
CUE_AT_TIP = (
    "When the cue is said: at the step's start, some seconds after it, halfway, some seconds"
    " before its end, or after the effort (in the rest that follows it)"
)
TEMPO_ORDER_LABELS = {
    TempoOrder.LOWER_FIRST: "lowering first (pause at the bottom)",
    TempoOrder.LIFT_FIRST: "lifting first (pause at the top)",
}
NEEDS_OFFSET = (CueAt.AFTER, CueAt.BEFORE_END)
MORE_TEXT = "More: id, tempo, notes…"
MORE_TIP = (
    "The less common fields: id, time to get ready, tempo or position, setup, equipment,"
    " caution, notes, and the exercise's own article"
)
MAX_CUES = MAX_LIST


def combo(labels: dict[Any, str], name: str) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    for value, label in labels.items():
        box.addItem(label, value.value)
    return box


def set_text_field(document: dict[str, Any], key: str, text: str, required: bool) -> None:
    """Optional text that is empty leaves the document; required text stays (and is marked)."""
    if text.strip() or required:
        document[key] = text
    else:
        document.pop(key, None)


CUE_AT_LEAST_CHARACTERS = 8


class CueRow(QWidget):
    """One form cue: what is said, and when."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, number: int) -> None:
        super().__init__()
        self.text = QLineEdit()
        self.text.setPlaceholderText("What to say, e.g. 'Drive the heel down, keep hips level'")
        self.text.setAccessibleName(f"Cue {number}: words")
        self.at = combo(CUE_AT_LABELS, f"Cue {number}: when")
        # As narrow as a short choice, as wide as the row allows: the longest choice must
        # not set the editor column's least width.
        self.at.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.at.setMinimumContentsLength(CUE_AT_LEAST_CHARACTERS)
        self.at.setToolTip(CUE_AT_TIP)
        self.offset = spin_box(0, MAX_HOLD_S, " s", f"Cue {number}: seconds")
        remove = QPushButton("Remove")
        remove.setAccessibleName(f"Remove cue {number}")
        remove.clicked.connect(lambda: self.remove_requested.emit(self))
        # The words get the whole width (a cue is a sentence); when it is said goes below.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(2)
        layout.addWidget(self.text)
        timing = QHBoxLayout()
        timing.addWidget(self.offset)
        timing.addWidget(self.at, 1)
        timing.addWidget(remove)
        layout.addLayout(timing)
        self.stops: list[QWidget] = [self.text, self.offset, self.at, remove]
        """As the row reads: the words, then seconds, when and Remove along the line."""
        set_tab_order(self.stops)
        self.text.textEdited.connect(self.changed)
        self.at.currentIndexChanged.connect(self._timing_changed)
        self.offset.valueChanged.connect(self.changed)

    def set_value(self, cue: dict[str, Any]) -> None:
        self.text.setText(str(cue.get("text", "")))
        self.at.blockSignals(True)
        self.at.setCurrentIndex(max(0, self.at.findData(cue.get("at", CueAt.START.value))))
        self.at.blockSignals(False)
        self.offset.blockSignals(True)
        self.offset.setValue(int(cue.get("offset_s") or 0))
        self.offset.blockSignals(False)
        self._show_offset()

    def value(self) -> dict[str, Any]:
        cue: dict[str, Any] = {"text": self.text.text(), "at": self.at.currentData()}
        if CueAt(self.at.currentData()) in NEEDS_OFFSET:
            cue["offset_s"] = self.offset.value()
        return cue

    def _timing_changed(self) -> None:
        self._show_offset()
        self.changed.emit()

    def _show_offset(self) -> None:
        self.offset.setEnabled(CueAt(self.at.currentData()) in NEEDS_OFFSET)


class CueList(QWidget):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Form cues")
        self.rows: list[CueRow] = []
        # Rows are built after the page, and Qt puts them last of all in the Tab order (after
        # the page's Save): they go after this mark, made here, just before Add cue.
        self._tab_mark = QWidget(self)
        self._tab_mark.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Qt orders only focusable ones
        self._tab_mark.hide()  # and Tab never stops on a hidden one
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton("Add cue")
        self.add_button.setObjectName("addCue")
        self.add_button.setAccessibleName("Add a form cue")
        self.add_button.clicked.connect(self.add_cue)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._rows_layout)
        layout.addWidget(self.add_button)

    def set_value(self, cues: list[dict[str, Any]]) -> None:
        while self.rows:
            self._drop(self.rows[-1])
        for cue in cues:
            self._append().set_value(cue)

    def value(self) -> list[dict[str, Any]]:
        return [row.value() for row in self.rows]

    def add_cue(self) -> None:
        row = self._append()
        row.set_value({"text": "", "at": CueAt.START.value})
        row.text.setFocus()
        self.changed.emit()

    def _append(self) -> CueRow:
        row = CueRow(len(self.rows) + 1)
        row.changed.connect(self.changed)
        row.remove_requested.connect(self._remove)
        self.rows.append(row)
        self._rows_layout.addWidget(row)
        set_tab_order(
            [self._tab_mark, *(stop for each in self.rows for stop in each.stops), self.add_button]
        )
        self.add_button.setEnabled(len(self.rows) < MAX_CUES)
        return row

    def _remove(self, row: CueRow) -> None:
        self._drop(row)
        self.changed.emit()

    def _drop(self, row: CueRow) -> None:
        self.rows.remove(row)
        row.hide()  # else a show queued when it was added makes it a window of its own
        row.setParent(None)
        row.deleteLater()
        self.add_button.setEnabled(len(self.rows) < MAX_CUES)


class ExerciseForm(QWidget):
    """Edits `exercise` (a dict inside the draft) in place and says `changed` after each edit."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("exerciseForm")
        self._exercise: dict[str, Any] = {}
        self._loading = False
        self._ids_following: set[int] = set()
        """Exercises (by object) added in this draft whose id is made from their name until
        the user types one; an exercise that was saved keeps its id (its history uses it)."""
        self.other_ids: Callable[[], list[str]] = list
        """The ids of the draft's other exercises, for an id made from a name."""
        self._modes_left: dict[int, ModeMemory] = {}
        """Per exercise shown (by object), the fields of the modes the user switched away
        from, so switching back brings them back. Forgotten when another template loads."""
        self.id_edit = line_edit("Exercise id", "lowercase-with-dashes")
        self.name_edit = line_edit("Exercise name", "e.g. Single-leg bridge hold")
        self.mode = combo(MODE_LABELS, "Mode")
        self.sides = combo(SIDES_LABELS, "Sides")
        self.sets = AmountField(MAX_SETS, "", "Sets")
        self.hold = AmountField(MAX_HOLD_S, " s", "Hold")
        self.reps = AmountField(MAX_REPS, "", "Reps")
        self.use_tempo = QCheckBox("slow tempo")
        self.use_tempo.setAccessibleName("Use a tempo")
        self.tempo = [
            spin_box(1, MAX_TEMPO_PHASE_S, " s lower", "Tempo: seconds lowering"),
            spin_box(0, MAX_TEMPO_PHASE_S, " s pause", "Tempo: seconds paused"),
            spin_box(1, MAX_TEMPO_PHASE_S, " s lift", "Tempo: seconds lifting"),
        ]
        self.tempo_order = combo(TEMPO_ORDER_LABELS, "Tempo: which phase comes first")
        self.seconds_per_rep = QDoubleSpinBox()
        self.seconds_per_rep.setRange(*SECONDS_PER_REP)
        self.seconds_per_rep.setSingleStep(0.5)
        self.seconds_per_rep.setSuffix(" s per rep")
        self.seconds_per_rep.setAccessibleName("Pace of reps without a tempo")
        self.work = spin_box(1, MAX_HOLD_S, " s", "Work time")
        self.goal = line_edit("Goal", "What ends the step, e.g. '20 yards' (optional)")
        self.expected = spin_box(1, MAX_HOLD_S, " s", "Expected time of the open step")
        self.wait_for_done = QCheckBox("wait for Done (don't move on after the expected time)")
        self.wait_for_done.setAccessibleName("Wait for Done")
        self.use_position = QCheckBox("get into position first")
        self.use_position.setAccessibleName("Get into position before the hold's clock starts")
        self.position_text = line_edit(
            "Position: words", "What to do before the clock starts, e.g. 'Lift your hips'"
        )
        self.position_seconds = spin_box(1, MAX_POSITION_S, " s", "Position: seconds")
        self.prepare = spin_box(*PREPARE_S, " s", "Time to get ready")
        self.rest_sides = spin_box(0, MAX_REST_S, " s", "Rest between sides")
        self.rest_sets = spin_box(0, MAX_REST_S, " s", "Rest between sets")
        self.setup = QPlainTextEdit()
        self.setup.setAccessibleName("Setup instructions, one per line")
        self.setup.setPlaceholderText("One instruction per line, spoken before the first set")
        self.setup.setFixedHeight(80)
        self.setup.setTabChangesFocus(True)
        self.cues = CueList()
        self.equipment = QPlainTextEdit()
        self.equipment.setAccessibleName("Equipment, one item per line")
        self.equipment.setPlaceholderText("One item per line, e.g. Mat\nBench or sturdy chair")
        self.equipment.setFixedHeight(60)
        self.equipment.setTabChangesFocus(True)
        self.caution = line_edit("Caution", "A safety note shown with the exercise (optional)")
        self.notes = line_edit("Notes", "Anything else (optional)")
        self.source_title = line_edit(
            "Exercise's article", "Its article's title, when not the template's (optional)"
        )
        self.source_publisher = line_edit("Exercise's publisher", "Its publisher (optional)")
        self.sourced: dict[SourcedNumber, QCheckBox] = {}
        for number in SourcedNumber:
            box = QCheckBox(number.words)
            box.setObjectName(f"sourced-{number.value}")
            box.setAccessibleName(f"The article gives the {number.words}")
            self.sourced[number] = box
        # The fields most exercises need first; the rest under "More", closed until asked for
        # (or until one of them has a problem).
        common = QWidget()
        self.form = editor_form(common)
        self.more = MoreFields("moreFields", MORE_TEXT, MORE_TIP)
        self.more_toggle = self.more.toggle
        self.more_box = self.more.box
        self.more_form = self.more.form
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(common)
        column.addWidget(self.more)
        self._lay_out()
        # "More" sits under the common fields: Tab reaches it after them, not before the name.
        set_tab_order([self.cues.add_button, self.more_toggle])
        self._connect()

    def _lay_out(self) -> None:
        tempo = QWidget()
        row = QHBoxLayout(tempo)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.use_tempo)
        for spin in self.tempo:
            row.addWidget(spin)
        row.addWidget(self.tempo_order)
        row.addStretch(1)
        self.tempo_row = tempo
        self.position_row = _row(self.use_position, self.position_text, self.position_seconds)
        self.expected_row = _row(self.expected, self.wait_for_done)
        sourced = QWidget()
        boxes = QHBoxLayout(sourced)
        boxes.setContentsMargins(0, 0, 0, 0)
        for box in self.sourced.values():
            boxes.addWidget(box)
        boxes.addStretch(1)
        self.sourced_row = sourced
        article = QWidget()
        source_row = QHBoxLayout(article)
        source_row.setContentsMargins(0, 0, 0, 0)
        source_row.addWidget(self.source_title, 3)
        source_row.addWidget(self.source_publisher, 1)
        for label, widget in (
            ("Name", self.name_edit),
            ("Mode", self.mode),
            ("Sides", self.sides),
            ("Sets", self.sets),
            ("Hold", self.hold),
            ("Reps", self.reps),
            ("Work", self.work),
            ("Goal", self.goal),
            ("Expected", self.expected_row),
            ("Rest between sides", self.rest_sides),
            ("Rest between sets", self.rest_sets),
            ("Form cues", self.cues),
        ):
            self.form.addRow(label, widget)
        for label, widget in (
            ("Id", self.id_edit),
            ("Position", self.position_row),
            ("Tempo", tempo),
            ("Pace", self.seconds_per_rep),
            ("Get ready", self.prepare),
            ("Setup", self.setup),
            ("Equipment", self.equipment),
            ("Caution", self.caution),
            ("Notes", self.notes),
            ("From article", article),
            ("Article's numbers", sourced),
        ):
            self.more_form.addRow(label, widget)

    def _connect(self) -> None:
        edits: list[tuple[Any, Callable[[], None]]] = [
            (self.name_edit.textEdited, self._name_typed),
            (self.id_edit.textEdited, self._id_typed),
            (self.goal.textEdited, self._write_texts),
            (self.equipment.textChanged, self._write_texts),
            (self.caution.textEdited, self._write_texts),
            (self.notes.textEdited, self._write_texts),
            (self.source_title.textEdited, self._write_texts),
            (self.source_publisher.textEdited, self._write_texts),
            (self.setup.textChanged, self._write_texts),
            (self.mode.currentIndexChanged, self._mode_changed),
            (self.sides.currentIndexChanged, self._write_numbers),
            (self.sets.changed, self._write_numbers),
            (self.hold.changed, self._write_numbers),
            (self.reps.changed, self._write_numbers),
            (self.use_tempo.toggled, self._write_numbers),
            (self.tempo_order.currentIndexChanged, self._write_numbers),
            (self.use_position.toggled, self._write_numbers),
            (self.position_text.textEdited, self._write_numbers),
            (self.position_seconds.valueChanged, self._write_numbers),
            (self.expected.valueChanged, self._write_numbers),
            (self.wait_for_done.toggled, self._write_numbers),
            (self.seconds_per_rep.valueChanged, self._write_numbers),
            (self.work.valueChanged, self._write_numbers),
            (self.prepare.valueChanged, self._write_numbers),
            (self.rest_sides.valueChanged, self._write_numbers),
            (self.rest_sets.valueChanged, self._write_numbers),
            (self.cues.changed, self._write_cues),
        ]
        for spin in self.tempo:
            edits.append((spin.valueChanged, self._write_numbers))
        for box in self.sourced.values():
            edits.append((box.toggled, self._write_sourced))
        for signal, slot in edits:
            signal.connect(slot)

    def show_more(self, shown: bool) -> None:
        """Open or close the less common fields."""
        self.more.show_fields(shown)

    def reveal_problems(self) -> None:
        self.more.reveal_problems()

    def _set_row_visible(self, widget: QWidget, visible: bool) -> None:
        for layout in (self.form, self.more_form):
            if cast("tuple[int, object]", layout.getWidgetPosition(widget))[0] >= 0:
                layout.setRowVisible(widget, visible)

    # -- the fields, for marking problems ---------------------------------------------------

    def fields(self, prefix: str) -> dict[str, QWidget]:
        """Widgets by the JSON path of what they edit, for an exercise at `prefix`."""
        named: dict[str, QWidget] = {
            "id": self.id_edit,
            "name": self.name_edit,
            "mode": self.mode,
            "sides": self.sides,
            "sets": self.sets,
            "hold_s": self.hold,
            "reps": self.reps,
            "tempo": self.tempo_row,
            "position": self.position_row,
            "position.text": self.position_text,
            "position.seconds": self.position_seconds,
            "expected_s": self.expected,
            "wait_for_done": self.wait_for_done,
            "seconds_per_rep": self.seconds_per_rep,
            "work_s": self.work,
            "goal": self.goal,
            "prepare_s": self.prepare,
            "rest_between_sides_s": self.rest_sides,
            "rest_between_sets_s": self.rest_sets,
            "setup": self.setup,
            "cues": self.cues,
            "equipment": self.equipment,
            "caution": self.caution,
            "notes": self.notes,
            "source": self.source_title,
            "source.title": self.source_title,
            "source.publisher": self.source_publisher,
            "sourced_numbers": self.sourced_row,
        }
        found = {f"{prefix}.{key}": widget for key, widget in named.items()}
        for number, row in enumerate(self.cues.rows):
            found[f"{prefix}.cues[{number}]"] = row
            found[f"{prefix}.cues[{number}].text"] = row.text
            found[f"{prefix}.cues[{number}].at"] = row.at
            found[f"{prefix}.cues[{number}].offset_s"] = row.offset
        return found

    # -- loading ----------------------------------------------------------------------------

    def forget_modes_left(self) -> None:
        """A new document is shown: the memory of the old one's exercises does not apply."""
        self._modes_left.clear()
        self._ids_following.clear()

    def follow_name(self, exercise: dict[str, Any]) -> None:
        """`exercise` is new: its id follows its name until an id is typed."""
        self._ids_following.add(id(exercise))

    def id_follows_name(self) -> bool:
        return id(self._exercise) in self._ids_following

    def _name_typed(self) -> None:
        if self._loading:
            return
        if self.id_follows_name():
            taken = [i for i in self.other_ids() if i != self._exercise.get("id")]
            self.id_edit.setText(unique_id(slug_of(self.name_edit.text(), "exercise"), taken))
        self._write_texts()

    def _id_typed(self) -> None:
        self._ids_following.discard(id(self._exercise))
        self._write_texts()

    def load(self, exercise: dict[str, Any]) -> None:
        self._exercise = exercise
        self._loading = True
        try:
            self._show(exercise)
        finally:
            self._loading = False
        self._show_mode_fields()

    def _show(self, exercise: dict[str, Any]) -> None:
        self.name_edit.setText(str(exercise.get("name", "")))
        self.id_edit.setText(str(exercise.get("id", "")))
        self.mode.setCurrentIndex(max(0, self.mode.findData(exercise.get("mode"))))
        self.sides.setCurrentIndex(
            max(0, self.sides.findData(exercise.get("sides", Sides.BOTH.value)))
        )
        self.sets.set_value(exercise.get("sets", {"target": 1}))
        self.hold.set_value(exercise.get("hold_s", {"target": 30}))
        self.reps.set_value(exercise.get("reps", {"target": 10}))
        self._show_tempo(exercise.get("tempo"))
        self._show_position(exercise.get("position"))
        self.expected.setValue(int(exercise.get("expected_s") or DEFAULT_EXPECTED_S))
        self.wait_for_done.setChecked(bool(exercise.get("wait_for_done", False)))
        self.seconds_per_rep.setValue(float(exercise.get("seconds_per_rep", 3.0)))
        self.work.setValue(int(exercise.get("work_s", 30)))
        self.goal.setText(str(exercise.get("goal", "")))
        self.prepare.setValue(int(exercise.get("prepare_s", 10)))
        self.rest_sides.setValue(int(exercise.get("rest_between_sides_s", 10)))
        self.rest_sets.setValue(int(exercise.get("rest_between_sets_s", 60)))
        self.setup.setPlainText("\n".join(exercise.get("setup", [])))
        self.cues.set_value(exercise.get("cues", []))
        self.equipment.setPlainText("\n".join(exercise.get("equipment", [])))
        self.caution.setText(str(exercise.get("caution", "")))
        self.notes.setText(str(exercise.get("notes", "")))
        raw_source = exercise.get("source")
        source: dict[str, Any] = raw_source if isinstance(raw_source, dict) else {}
        self.source_title.setText(str(source.get("title", "")))
        self.source_publisher.setText(str(source.get("publisher", "")))
        credited = exercise.get("sourced_numbers", [])
        for number, box in self.sourced.items():
            box.setChecked(number.value in credited)
        show_starts(self)

    def _show_tempo(self, tempo: object) -> None:
        self.use_tempo.setChecked(isinstance(tempo, dict))
        shown: dict[str, Any] = tempo if isinstance(tempo, dict) else {}
        for spin, key, default in zip(
            self.tempo, ("lower_s", "pause_s", "lift_s"), (3, 0, 1), strict=True
        ):
            spin.setValue(int(shown.get(key, default)))
        order = shown.get("order", TempoOrder.LOWER_FIRST.value)
        self.tempo_order.setCurrentIndex(max(0, self.tempo_order.findData(order)))

    def _show_position(self, position: object) -> None:
        self.use_position.setChecked(isinstance(position, dict))
        shown: dict[str, Any] = position if isinstance(position, dict) else {}
        self.position_text.setText(str(shown.get("text", "")))
        self.position_seconds.setValue(int(shown.get("seconds", DEFAULT_POSITION_S)))

    def _show_mode_fields(self) -> None:
        mode = Mode(self.mode.currentData())
        shown = {
            self.hold: mode == Mode.HOLD,
            self.reps: mode == Mode.REPS,
            self.tempo_row: mode == Mode.REPS,
            self.position_row: mode == Mode.HOLD,
            self.expected_row: mode == Mode.OPEN,
            self.seconds_per_rep: mode == Mode.REPS,
            self.work: mode == Mode.TIMED,
            self.goal: mode == Mode.OPEN,
        }
        for widget, visible in shown.items():
            self._set_row_visible(widget, visible)
        for spin in self.tempo:
            spin.setEnabled(self.use_tempo.isChecked())
        self.tempo_order.setEnabled(self.use_tempo.isChecked())
        self.seconds_per_rep.setEnabled(not self.use_tempo.isChecked())
        self.position_text.setEnabled(self.use_position.isChecked())
        self.position_seconds.setEnabled(self.use_position.isChecked())

    # -- writing ----------------------------------------------------------------------------

    def _edited(self) -> None:
        if not self._loading:
            self.changed.emit()

    def _write_texts(self) -> None:
        if self._loading:
            return
        exercise = self._exercise
        exercise["name"] = self.name_edit.text()
        exercise["id"] = self.id_edit.text()
        if Mode(self.mode.currentData()) == Mode.OPEN:
            set_text_field(exercise, "goal", self.goal.text(), required=False)
        set_text_field(exercise, "caution", self.caution.text(), required=False)
        set_text_field(exercise, "notes", self.notes.text(), required=False)
        lines = [line.strip() for line in self.setup.toPlainText().splitlines() if line.strip()]
        exercise["setup"] = lines
        items = [item.strip() for item in self.equipment.toPlainText().splitlines() if item.strip()]
        exercise["equipment"] = items
        self._write_source(exercise)
        self._edited()

    def _write_source(self, exercise: dict[str, Any]) -> None:
        title, publisher = self.source_title.text(), self.source_publisher.text()
        if not title.strip() and not publisher.strip():
            exercise.pop("source", None)  # the template's article
            return
        source = {"title": title}  # a publisher alone leaves the title empty, and marked
        if publisher.strip():
            source["publisher"] = publisher
        exercise["source"] = source

    def _write_sourced(self) -> None:
        if self._loading:
            return
        credited = [number.value for number, box in self.sourced.items() if box.isChecked()]
        if credited:
            self._exercise["sourced_numbers"] = credited
        else:
            self._exercise.pop("sourced_numbers", None)
        self._edited()

    def _write_numbers(self) -> None:
        if self._loading:
            return
        exercise = self._exercise
        mode = Mode(self.mode.currentData())
        exercise["sides"] = self.sides.currentData()
        exercise["sets"] = self.sets.value()
        exercise["prepare_s"] = self.prepare.value()
        exercise["rest_between_sides_s"] = self.rest_sides.value()
        exercise["rest_between_sets_s"] = self.rest_sets.value()
        if mode == Mode.HOLD:
            exercise["hold_s"] = self.hold.value()
            self._write_position(exercise)
        elif mode == Mode.REPS:
            exercise["reps"] = self.reps.value()
            self._write_tempo(exercise)
        elif mode == Mode.TIMED:
            exercise["work_s"] = self.work.value()
        elif mode == Mode.OPEN:
            exercise["expected_s"] = self.expected.value()
            exercise["wait_for_done"] = self.wait_for_done.isChecked()
        self._show_mode_fields()
        self._edited()

    def _write_tempo(self, exercise: dict[str, Any]) -> None:
        if self.use_tempo.isChecked():
            lower, pause, lift = (spin.value() for spin in self.tempo)
            exercise["tempo"] = {
                "lower_s": lower,
                "pause_s": pause,
                "lift_s": lift,
                "order": self.tempo_order.currentData(),
            }
        else:
            exercise.pop("tempo", None)
        exercise["seconds_per_rep"] = self.seconds_per_rep.value()

    def _write_position(self, exercise: dict[str, Any]) -> None:
        if self.use_position.isChecked():
            text, seconds = self.position_text.text(), self.position_seconds.value()
            exercise["position"] = {"text": text, "seconds": seconds}
        else:
            exercise.pop("position", None)

    def _write_cues(self) -> None:
        if not self._loading:
            self._exercise["cues"] = self.cues.value()
            self._edited()

    def _mode_changed(self) -> None:
        if self._loading:
            return
        memory = self._modes_left.setdefault(id(self._exercise), {})
        replaced = with_mode(self._exercise, Mode(self.mode.currentData()), memory)
        self._exercise.clear()
        self._exercise.update(replaced)
        self.load(self._exercise)
        self._edited()


def _row(*widgets: QWidget) -> QWidget:
    """Several controls on one form row, left-aligned."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return row
