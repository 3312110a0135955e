"""A guided editor: exercises start from the built-ins' catalogue or blank, the common fields
come first and the rest wait under "More", a new exercise's id follows its name, cue words
have room, and the preview shows every step and cue in full."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QSplitter, QWidget
from pytestqt.qtbot import QtBot

from hamtimer.core.exercise_catalogue import exercise_catalogue
from hamtimer.services.templates import builtin_templates
from hamtimer.ui.templates import template_editor as editor_module
from hamtimer.ui.templates import timeline_preview
from hamtimer.ui.templates.exercise_catalogue import ExerciseCatalogue
from hamtimer.ui.templates.template_editor import TemplateEditorPage
from tests.support.editor import open_saved, saved, type_into

BUILTINS = [item.template for item in builtin_templates()]


def test_the_catalogue_has_every_built_in_exercise_once_with_a_figure_slot(
    qtbot: QtBot,
) -> None:
    entries = exercise_catalogue(BUILTINS)
    every_id = {exercise.id for t in BUILTINS for exercise in t.all_exercises()}
    assert {entry.exercise_id for entry in entries} == every_id
    dialog = ExerciseCatalogue(entries)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == len(every_id)
    slots = dialog.findChildren(QWidget, "figure_slot")
    assert len(slots) == len(every_id)
    assert {slot.property("exerciseId") for slot in slots} == every_id


def test_searching_the_catalogue_by_words_in_any_order(qtbot: QtBot) -> None:
    dialog = ExerciseCatalogue(exercise_catalogue(BUILTINS))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search, "hold bridge")
    names = [entry.name for entry in dialog.entries_shown()]
    assert names == ["Single-leg hamstring bridge hold"]
    assert dialog.count.text() == f"1 of {dialog.list.count()} exercises"
    dialog.search.setText("zumba")
    assert dialog.entries_shown() == []
    assert not dialog.add_button.isEnabled()
    assert dialog.count.text().startswith("No exercise matches")


def test_adding_from_the_catalogue_copies_the_exercise_with_a_free_id(
    page: TemplateEditorPage, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_saved(page, folder)
    offered: list[Any] = []

    def pick_bridge(_parent: object, entries: list[Any], taken: list[str]) -> dict[str, Any]:
        offered.append(entries)
        dialog = ExerciseCatalogue(exercise_catalogue(BUILTINS))
        dialog.search.setText("single-leg hamstring bridge")
        dialog.add_button.click()
        from hamtimer.core.exercise_catalogue import exercise_for_draft

        return exercise_for_draft(dialog.chosen, taken)  # type: ignore[arg-type]

    monkeypatch.setattr(editor_module, "choose_exercise", pick_bridge)
    page.form.buttons["add"].click()
    added = page.form.document["exercises"][-1]
    assert added["name"] == "Single-leg hamstring bridge hold"
    assert added["cues"] and added["source"]["title"].startswith("Runners Embrace")
    assert page.form.selection() == ("exercises", 1)
    assert page.form.exercise_form.name_edit.text() == added["name"]
    assert len(offered[0]) == len(exercise_catalogue([page._library.builtins[0].template]))
    assert page.save()
    assert len(saved(folder)["test-bridge.json"]["exercises"]) == 2  # type: ignore[arg-type]


def test_a_blank_exercise_or_cancel(
    page: TemplateEditorPage, qtbot: QtBot, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_saved(page, folder)
    monkeypatch.setattr(editor_module, "choose_exercise", lambda _p, _e, _t: None)
    page.form.buttons["add"].click()
    assert len(page.form.document["exercises"]) == 1  # cancelled: nothing added
    dialog = ExerciseCatalogue(exercise_catalogue(BUILTINS))
    qtbot.addWidget(dialog)
    dialog.blank_button.click()
    assert dialog.chosen is None and dialog.result() == ExerciseCatalogue.DialogCode.Accepted


def test_a_new_exercises_id_follows_its_name_until_an_id_is_typed(
    page: TemplateEditorPage, qtbot: QtBot, folder: Path
) -> None:
    open_saved(page, folder)
    saved_one = page.form.exercise_form
    type_into(qtbot, saved_one.name_edit, "Renamed bridge")
    assert page.form.document["exercises"][0]["id"] == "bridge"  # its history uses it
    page.form.add_exercise()
    exercise = page.form.exercise_form
    type_into(qtbot, exercise.name_edit, "Heel drag")
    assert exercise.id_edit.text() == "heel-drag"
    type_into(qtbot, exercise.name_edit, "Bridge")
    assert exercise.id_edit.text() == "bridge-2"  # the first exercise has 'bridge'
    type_into(qtbot, exercise.id_edit, "drag")
    type_into(qtbot, exercise.name_edit, "Heel drag on a towel")
    assert page.form.document["exercises"][1]["id"] == "drag"


def test_common_fields_first_and_the_rest_under_more(
    page: TemplateEditorPage, folder: Path
) -> None:
    open_saved(page, folder)
    exercise = page.form.exercise_form
    for field in (exercise.name_edit, exercise.sets, exercise.hold, exercise.sides):
        assert field.isVisible()
    for field in (exercise.cues, exercise.rest_sides, exercise.rest_sets):
        assert field.isVisible()
    for field in (exercise.id_edit, exercise.setup, exercise.caution, exercise.prepare):
        assert not field.isVisible()
    exercise.more_toggle.click()
    assert exercise.id_edit.isVisible() and exercise.setup.isVisible()
    exercise.more_toggle.click()
    exercise.id_edit.setText("Not An Id")  # a problem in a field under More opens it
    exercise.id_edit.textEdited.emit("Not An Id")
    page.recheck()
    assert exercise.more_toggle.isChecked()
    assert exercise.id_edit.isVisible() and exercise.id_edit.property("invalid") is True


def test_cue_words_get_the_width_of_the_form(page: TemplateEditorPage, folder: Path) -> None:
    open_saved(page, folder)
    exercise = page.form.exercise_form
    QApplication.processEvents()
    row = exercise.cues.rows[0]
    assert row.text.width() >= exercise.width() * 0.6
    assert row.text.width() > row.text.fontMetrics().horizontalAdvance(row.text.text())


def test_the_preview_shows_long_steps_and_cues_in_full(
    page: TemplateEditorPage, folder: Path
) -> None:
    open_saved(page, folder)
    row = page.form.exercise_form.cues.rows[0]
    long_cue = "Keep both hips level and push the heel down into the bench the whole time"
    row.text.setText(long_cue)
    row.text.textEdited.emit(long_cue)
    page.recheck()
    assert page.preview.steps.wordWrap()
    assert any(long_cue in line for line in page.preview.text().splitlines())


def test_long_text_shows_its_start_and_long_preview_rows_grow(
    page: TemplateEditorPage, folder: Path
) -> None:
    open_saved(page, folder)
    note = "A long note about this template that is wider than its field in the form " * 2
    page.form.notes.setText(note)
    page.form.notes.textEdited.emit(note)
    assert page.save()
    assert page.form.notes.text() == note.strip()
    assert page.form.notes.cursorPosition() == 0
    splitter = page.findChild(QSplitter)
    assert splitter is not None
    splitter.setSizes([180, 800, 300])  # a narrow preview
    QApplication.processEvents()
    page.preview.fit_rows()
    steps = page.preview.steps
    first = steps.topLevelItem(0)
    assert first is not None
    step = timeline_preview.STEP
    one_line = first.font(step).pointSizeF() * 2
    assert first.sizeHint(step).height() > one_line  # "GET READY LEFT · next: …" wraps
    # The steps fit the pane: never past its edge, never scrolled sideways ("hamstri").
    splitter.setSizes([180, 800, 0])  # as narrow as the pane goes
    QApplication.processEvents()
    assert steps.header().length() <= steps.viewport().width()


def test_the_templates_own_less_common_fields_wait_under_more_too(
    page: TemplateEditorPage, folder: Path
) -> None:
    open_saved(page, folder)
    form = page.form
    assert form.name_edit.isVisible() and form.rest_exercises.isVisible()
    assert not form.id_edit.isVisible() and not form.countdown.isVisible()
    form.choose.setValue(1)  # one main exercise only: a problem on a field under More
    page.recheck()
    assert form.more.toggle.isChecked() and form.choose.isVisible()
    assert form.choose.property("invalid") is True
