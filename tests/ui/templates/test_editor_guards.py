"""The editor never changes what the user didn't: the wheel scrolls past fields, a mode left
comes back as it was, and every edit can be undone and redone."""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hamtimer.ui.templates.template_editor import TemplateEditorPage
from tests.support.editor import choose, open_saved, saved, type_into

WHEEL_DOWN = -120


def wheel(widget: QWidget, delta: int = WHEEL_DOWN) -> None:
    """A wheel notch over the middle of `widget`, as the pointer passing over it gives."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, delta),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )  # fmt: skip
    QApplication.sendEvent(widget, event)


def short_page(page: TemplateEditorPage, folder: Path) -> None:
    """The user's bridge open in a window short enough for the form to scroll."""
    open_saved(page, folder)
    page.resize(1300, 420)
    page.form_scroll.verticalScrollBar().setValue(0)
    page.template_list.setFocus()


def test_the_wheel_over_an_unfocused_field_scrolls_the_form_and_changes_nothing(
    page: TemplateEditorPage, folder: Path
) -> None:
    short_page(page, folder)
    exercise = page.form.exercise_form
    before = copy.deepcopy(page.form.document)
    scroll = page.form_scroll.verticalScrollBar()
    assert scroll.maximum() > 0
    for field in (exercise.mode, exercise.sides, page.form.level, exercise.sets.target):
        wheel(field)
        wheel(field.lineEdit() if hasattr(field, "lineEdit") and field.lineEdit() else field)
    assert page.form.document == before
    assert not page.dirty
    assert scroll.value() > 0  # the wheel went to the form, which scrolled
    assert not exercise.mode.hasFocus()


def test_the_wheel_changes_a_field_that_has_the_focus(
    page: TemplateEditorPage, folder: Path
) -> None:
    short_page(page, folder)
    sets = page.form.exercise_form.sets.target
    sets.setFocus()
    assert sets.hasFocus()
    wheel(sets, delta=120)
    assert page.form.document["exercises"][0]["sets"]["target"] == 3  # one more than 2


def test_switching_mode_to_open_and_back_keeps_every_value(
    page: TemplateEditorPage, folder: Path
) -> None:
    open_saved(page, folder)
    exercise = page.form.exercise_form
    exercise.use_position.setChecked(True)
    exercise.position_seconds.setValue(4)
    kept = copy.deepcopy(page.form.document["exercises"][0])
    assert kept["hold_s"] == {"min": 20, "max": 30, "target": 20}
    page.recheck()
    total = page.preview.total.text()
    choose(exercise.mode, "open")
    assert "hold_s" not in page.form.document["exercises"][0]
    choose(exercise.mode, "reps")
    exercise.reps.target.setValue(12)
    choose(exercise.mode, "hold")
    assert page.form.document["exercises"][0] == kept
    assert exercise.hold.low.value() == 20 and exercise.hold.high.value() == 30
    assert exercise.hold.is_range.isChecked()
    choose(exercise.mode, "reps")
    assert page.form.document["exercises"][0]["reps"] == {"target": 12}
    choose(exercise.mode, "hold")
    page.recheck()
    assert page.preview.total.text() == total


def test_undo_and_redo_step_through_several_edits_with_the_keys(
    page: TemplateEditorPage, qtbot: QtBot, folder: Path
) -> None:
    open_saved(page, folder)
    form, exercise = page.form, page.form.exercise_form
    original = copy.deepcopy(form.document)
    type_into(qtbot, form.name_edit, "Renamed")
    exercise.sets.target.setValue(5)
    choose(exercise.mode, "reps")
    form.add_exercise()
    edited = copy.deepcopy(form.document)
    assert len(edited["exercises"]) == 2
    assert "unsaved changes" in page.banner.text()

    undo, redo = Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
    form.name_edit.setFocus()  # Ctrl+Z in a text field still undoes the form's last edit
    qtbot.keyClick(form.name_edit, undo, redo)
    assert len(form.document["exercises"]) == 1
    assert form.document["exercises"][0]["mode"] == "reps"
    qtbot.keyClick(page, undo, redo)
    assert form.document["exercises"][0]["mode"] == "hold"
    assert exercise.mode.currentData() == "hold"
    qtbot.keyClick(page, undo, redo)
    assert form.document["exercises"][0]["sets"] == {"target": 2}
    assert exercise.sets.target.value() == 2
    qtbot.keyClick(page, undo, redo)  # all the typing of the name is one step
    assert form.document == original
    assert form.name_edit.text() == original["name"]
    assert not page.dirty and "unsaved" not in page.banner.text()

    shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    for _ in range(4):
        qtbot.keyClick(page, undo, shift)
    assert form.document == edited
    assert form.selection() == ("exercises", 1)
    assert page.save()
    written = saved(folder)["test-bridge.json"]
    assert written["name"] == "Renamed" and len(written["exercises"]) == 2  # type: ignore[arg-type]


def test_an_undone_edit_is_gone_once_a_new_edit_is_made(
    page: TemplateEditorPage, folder: Path
) -> None:
    open_saved(page, folder)
    sets = page.form.exercise_form.sets.target
    sets.setValue(5)
    page.undo()
    assert page.redo_button.isEnabled()
    sets.setValue(4)
    assert not page.redo_button.isEnabled()
    page.redo()
    assert page.form.document["exercises"][0]["sets"] == {"target": 4}
    page.undo()
    assert page.form.document["exercises"][0]["sets"] == {"target": 2}
    assert not page.undo_button.isEnabled()


def test_ctrl_z_with_no_edit_left_brings_back_the_template_just_deleted(
    page: TemplateEditorPage, qtbot: QtBot, folder: Path
) -> None:
    open_saved(page, folder)
    page.delete_template()
    assert saved(folder) == {}
    qtbot.keyClick(page, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert list(saved(folder)) == ["test-bridge.json"]
