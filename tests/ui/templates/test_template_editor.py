"""The Templates section with a real folder of user templates: create, edit, reorder, mark
problems, save and reload, delete and undo, import (by drop too), unsaved changes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import annotated_types
import pytest
from pydantic import BaseModel
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from hamtimer import commands
from hamtimer.core.model import MAX_ID_LENGTH, MAX_VERSION, Exercise, Position, Template, Tempo
from hamtimer.core.template_document import slug_of
from hamtimer.core.vocabulary import SourcedNumber
from hamtimer.services.user_templates import TemplateLibrary, UserTemplates
from hamtimer.ui.main_window import TEMPLATES_ROW, TRAIN_ROW, MainWindow
from hamtimer.ui.templates import template_editor as editor_module
from hamtimer.ui.templates.template_dialogs import CANCEL, DISCARD, SAVE
from hamtimer.ui.templates.template_editor import TemplateEditorPage
from tests.builders import document, template
from tests.support.editor import BUILTIN, choose, open_saved, problem_lines, saved, type_into
from tests.support.window import type_number


def test_builtins_are_read_only_and_duplicate_makes_an_editable_copy(
    page: TemplateEditorPage, qtbot: QtBot, folder: Path
) -> None:
    assert page.template_list.item(0).text() == "Built-in bridge  (built-in)"
    assert not page.form.name_edit.isEnabled()
    assert not page.save_button.isEnabled()
    assert "read-only" in page.banner.text()
    assert problem_lines(page) == ["None: this template can be saved and run."]
    qtbot.mouseClick(page.commands["duplicate"], Qt.MouseButton.LeftButton)
    assert page.form.name_edit.isEnabled()
    assert page.form.document["id"] == "builtin-copy"
    page.recheck()
    assert page.save_button.isEnabled()  # a copy not saved yet
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert list(saved(folder)) == ["builtin-copy.json"]
    assert saved(folder)["builtin-copy.json"]["name"] == "Built-in bridge (copy)"


def test_create_edit_and_save_then_reload_shows_it(
    page: TemplateEditorPage, qtbot: QtBot, folder: Path
) -> None:
    qtbot.mouseClick(page.commands["new"], Qt.MouseButton.LeftButton)
    type_into(qtbot, page.form.name_edit, "Tuesday bridges")
    type_into(qtbot, page.form.id_edit, "tuesday")
    exercise = page.form.exercise_form
    type_into(qtbot, exercise.name_edit, "Bridge hold")
    exercise.hold.target.setValue(45)
    page.recheck()
    assert "Total:" in page.preview.total.text() and "steps" in page.preview.total.text()
    preview = page.preview.text()
    assert "0:00 GET READY LEFT · next: Bridge hold, left leg, set 1 of 3 10 s" in preview
    assert "HOLD LEFT 1/3 · Bridge hold 45 s" in preview
    assert problem_lines(page) == ["None: this template can be saved and run."]
    assert page.save()
    written = saved(folder)["tuesday.json"]
    assert written["name"] == "Tuesday bridges"
    assert written["exercises"][0]["hold_s"] == {"target": 45}  # type: ignore[index]

    reloaded = TemplateEditorPage(TemplateLibrary(UserTemplates(folder), lambda: [BUILTIN]))
    qtbot.addWidget(reloaded)
    reloaded.template_list.setCurrentRow(1)
    assert reloaded.form.name_edit.text() == "Tuesday bridges"
    assert reloaded.form.exercise_form.hold.target.value() == 45


def test_an_edit_is_a_new_version_and_the_preview_follows(
    page: TemplateEditorPage, folder: Path
) -> None:
    open_saved(page, folder)
    before = page.preview.total.text()
    page.form.exercise_form.sets.target.setValue(4)
    page.recheck()
    assert page.preview.total.text() != before
    assert page.dirty
    assert page.save()
    written = saved(folder)["test-bridge.json"]
    assert written["version"] == 2
    assert written["exercises"][0]["sets"] == {"target": 4}  # type: ignore[index]
    assert not page.dirty


def test_reorder_exercises_and_change_a_mode(page: TemplateEditorPage, folder: Path) -> None:
    open_saved(page, folder)
    page.form.add_exercise()
    page.form.exercise_form.name_edit.setText("Curl")
    page.form.exercise_form.name_edit.textEdited.emit("Curl")
    mode = page.form.exercise_form.mode
    mode.setCurrentIndex(mode.findData("reps"))
    page.form.move_exercise(-1)
    assert page.form.selection() == ("exercises", 0)
    assert page.save()
    exercises = saved(folder)["test-bridge.json"]["exercises"]
    assert [e["name"] for e in exercises] == ["Curl", "Bridge hold"]  # type: ignore[union-attr,index]
    assert exercises[0]["reps"] == {"target": 10}  # type: ignore[index]
    assert "hold_s" not in exercises[0]  # type: ignore[operator]


def test_an_invalid_field_is_marked_and_blocks_saving_in_validates_words(
    page: TemplateEditorPage, qtbot: QtBot, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_saved(page, folder)
    hold = page.form.exercise_form.hold
    hold.target.setValue(45)  # the range is 20-30
    type_into(qtbot, page.form.id_edit, "Not An Id")
    page.recheck()
    assert hold.property("invalid") is True
    assert page.form.id_edit.property("invalid") is True
    assert hold.toolTip() == (
        "Hold: the target (45) must be between the minimum (20) and the maximum (30)"
    )
    assert page.form.name_edit.property("invalid") is False
    assert not page.save()
    assert page.form.tree.topLevelItem(1).child(0).text(0).startswith("⚠")

    draft = folder.parent / "draft.json"
    draft.write_text(json.dumps(page.form.document), "utf-8")
    assert commands.validate_files([draft]) == commands.EXIT_INVALID
    validated = [line.removeprefix(f"{draft}: ") for line in capsys.readouterr().out.splitlines()]
    assert page.problem_paths() == validated
    assert problem_lines(page)[1] == (
        "Bridge hold · Hold: the target (45) must be between the minimum (20) and the maximum"
        " (30)\n    details: $.exercises[0].hold_s"
    )
    assert saved(folder)["test-bridge.json"]["version"] == 1


def test_clicking_a_problem_goes_to_its_field(page: TemplateEditorPage, folder: Path) -> None:
    two = document(
        exercises=[
            document()["exercises"][0],
            {"id": "curl", "name": "Curl", "mode": "reps", "reps": {"target": 8}},
        ]
    )
    (folder).mkdir(parents=True, exist_ok=True)
    (folder / "two.json").write_text(json.dumps(two), "utf-8")
    page.reload()
    page.template_list.setCurrentRow(1)
    page.form.select(("exercises", 1))
    page.form.exercise_form.reps.target.setValue(1)
    page.form.exercise_form.reps.is_range.setChecked(True)
    page.form.exercise_form.reps.low.setValue(5)
    page.form.select(("exercises", 0))
    page.recheck()
    page._go_to_problem(page.problems.item(0))
    assert page.form.selection() == ("exercises", 1)


def test_unsaved_changes_are_asked_about(
    page: TemplateEditorPage, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_saved(page, folder)
    page.form.exercise_form.sets.target.setValue(5)
    answers = [CANCEL]
    monkeypatch.setattr(editor_module, "ask_unsaved", lambda _p, can_save: answers.pop(0))
    page.template_list.setCurrentRow(0)
    assert page.template_list.currentRow() == 1  # cancelled: still editing
    assert page.form.exercise_form.sets.target.value() == 5
    answers.append(SAVE)
    page.template_list.setCurrentRow(0)
    assert saved(folder)["test-bridge.json"]["exercises"][0]["sets"] == {"target": 5}  # type: ignore[index]
    page.template_list.setCurrentRow(1)
    page.form.exercise_form.sets.target.setValue(1)
    answers.append(DISCARD)
    assert page.may_leave()
    assert saved(folder)["test-bridge.json"]["exercises"][0]["sets"] == {"target": 5}  # type: ignore[index]


def test_closing_the_window_with_unsaved_changes_asks(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.navigation.setCurrentRow(TEMPLATES_ROW)
    editor = window.template_editor
    assert editor is not None and window.pages.currentWidget() is editor
    editor.new_template()
    monkeypatch.setattr(editor_module, "ask_unsaved", lambda _p, can_save: CANCEL)
    assert not window.close()
    window.navigation.setCurrentRow(TRAIN_ROW)
    assert window.pages.currentWidget() is editor
    monkeypatch.setattr(editor_module, "ask_unsaved", lambda _p, can_save: DISCARD)
    window.navigation.setCurrentRow(TRAIN_ROW)
    assert window.pages.currentWidget() is window.browser


def test_delete_then_undo(page: TemplateEditorPage, folder: Path) -> None:
    open_saved(page, folder)
    page.delete_template()
    assert saved(folder) == {}
    assert page.template_list.count() == 1
    assert page.commands["undo"].isEnabled()
    page.undo_delete()
    assert list(saved(folder)) == ["test-bridge.json"]
    assert page.selected_template() is not None
    assert page.selected_template().template.id == "test-bridge"  # type: ignore[union-attr]


def test_a_broken_file_is_listed_with_its_problems_and_left_alone(
    page: TemplateEditorPage, folder: Path
) -> None:
    folder.mkdir(parents=True)
    (folder / "broken.json").write_text('{"schema_version": 1}', "utf-8")
    UserTemplates(folder).save(template())
    page.reload()
    assert page.template_list.count() == 3
    assert page.template_list.item(2).text() == "⚠ broken.json (can't be loaded)"
    page.template_list.setCurrentRow(2)
    assert "$.id: required field is missing" in page.banner.text()
    assert not page.form.isVisible()
    assert (folder / "broken.json").read_text("utf-8") == '{"schema_version": 1}'


def test_import_by_drop_and_a_bad_file_imports_nothing(
    page: TemplateEditorPage, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(document(id="builtin", name="Dropped")), "utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document(countdown_s=50)), "utf-8")
    refused: list[list[str]] = []
    monkeypatch.setattr(editor_module, "show_refused", lambda _p, lines: refused.append(lines))

    assert page.import_files([good, bad]) == 0
    assert refused == [["bad.json: $.countdown_s: got 50; must be at most 5"]]
    assert not folder.exists()

    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(good))])
    drop = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    page.dropEvent(drop)
    assert list(saved(folder)) == ["builtin-2.json"]  # the built-in keeps its id
    assert page.selected_template() is not None
    assert page.selected_template().template.name == "Dropped"  # type: ignore[union-attr]


def test_export_one_and_all(
    page: TemplateEditorPage, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    UserTemplates(folder).save(template())
    page.reload()
    page.template_list.setCurrentRow(0)
    target = tmp_path / "out" / "one.json"
    monkeypatch.setattr(editor_module, "choose_export_file", lambda _p, _name: target)
    page.export_selected()
    assert json.loads(target.read_text("utf-8"))["id"] == "builtin"
    monkeypatch.setattr(editor_module, "choose_export_folder", lambda _p: tmp_path / "out")
    page.export_all()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["one.json", "test-bridge.json"]


def test_saving_updates_the_train_list(window: MainWindow) -> None:
    window.navigation.setCurrentRow(TEMPLATES_ROW)
    editor = window.template_editor
    assert editor is not None
    editor.new_template()
    editor.form.name_edit.setText("Fresh one")
    editor.form.name_edit.textEdited.emit("Fresh one")
    assert editor.save()
    names = [window.browser.template_list.item(i).text() for i in range(2)]
    assert names[1] == "Fresh one  (yours)"


def test_a_new_templates_id_follows_its_name_until_an_id_is_typed(
    page: TemplateEditorPage, qtbot: QtBot
) -> None:
    page.new_template()
    assert not page.commands["duplicate"].isEnabled()
    type_into(qtbot, page.form.name_edit, "Built-in")
    assert page.form.id_edit.text() == "built-in"
    type_into(qtbot, page.form.name_edit, "Builtin")
    assert page.form.id_edit.text() == "builtin-2"  # the built-in has 'builtin'
    type_into(qtbot, page.form.id_edit, "mine")
    type_into(qtbot, page.form.name_edit, "Other name")
    assert page.form.id_edit.text() == "mine"


def test_equipment_with_commas_survives_an_edit(page: TemplateEditorPage, folder: Path) -> None:
    kit = ["Dumbbells, barbell or kettlebells", "Mat"]
    UserTemplates(folder).save(
        template(exercises=[{**document()["exercises"][0], "equipment": kit}])
    )
    page.reload()
    page.template_list.setCurrentRow(1)
    page.form.exercise_form.name_edit.setText("Bridge")
    page.form.exercise_form.name_edit.textEdited.emit("Bridge")
    assert page.save()
    assert saved(folder)["test-bridge.json"]["exercises"][0]["equipment"] == kit  # type: ignore[index]


def test_ctrl_s_keeps_a_number_typed_but_not_entered(
    page: TemplateEditorPage, qtbot: QtBot, folder: Path
) -> None:
    open_saved(page, folder)
    type_number(qtbot, page.form.exercise_form.sets.target, "4")
    qtbot.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved(folder)["test-bridge.json"]["exercises"][0]["sets"] == {"target": 4}  # type: ignore[index]


def test_switching_templates_leaves_no_stray_cue_windows(
    page: TemplateEditorPage, qtbot: QtBot, folder: Path
) -> None:
    UserTemplates(folder).save(template())
    page.reload()
    for row in (1, 0, 1):
        page.template_list.setCurrentRow(row)
    qtbot.wait(50)
    from PySide6.QtWidgets import QApplication

    from hamtimer.ui.templates.exercise_form import CueRow

    strays = [w for w in QApplication.topLevelWidgets() if isinstance(w, CueRow) and w.isVisible()]
    assert strays == []


def test_undo_gives_a_free_id_when_the_old_one_was_taken_since(
    page: TemplateEditorPage, folder: Path
) -> None:
    UserTemplates(folder).save(template(id="tuesday", name="Old Tuesday"))
    page.reload()
    page.template_list.setCurrentRow(1)
    page.delete_template()
    UserTemplates(folder).save(template(id="tuesday", name="New Tuesday"))
    page.reload()
    page.undo_delete()
    ids = sorted(doc["id"] for doc in saved(folder).values())  # type: ignore[type-var]
    assert ids == ["tuesday", "tuesday-2"]
    assert page.template_list.count() == 3  # the built-in and both Tuesdays, none broken


def test_a_duplicate_exercise_id_is_marked_on_the_second_one(
    page: TemplateEditorPage, folder: Path
) -> None:
    open_saved(page, folder)
    page.form.add_exercise()
    page.form.exercise_form.id_edit.setText("bridge")
    page.form.exercise_form.id_edit.textEdited.emit("bridge")
    page.recheck()
    assert page.problem_paths() == [
        "$.exercises[1].id: exercise id 'bridge' is used twice; ids must be unique"
    ]
    assert page.form.exercise_form.id_edit.property("invalid") is True


def test_only_json_files_can_be_dropped(page: TemplateEditorPage, tmp_path: Path) -> None:
    from hamtimer.ui.templates.template_editor import _dropped_files

    text = QUrl.fromLocalFile(str(tmp_path / "notes.txt"))
    json_file = QUrl.fromLocalFile(str(tmp_path / "a.json"))
    assert _dropped_files([text]) == []
    assert _dropped_files([json_file, text]) == []
    assert _dropped_files([json_file]) == [tmp_path / "a.json"]


def add_exercise_in_mode(page: TemplateEditorPage, name: str, mode: str) -> Any:
    page.form.add_exercise()
    exercise = page.form.exercise_form
    exercise.name_edit.setText(name)
    exercise.name_edit.textEdited.emit(name)
    choose(exercise.mode, mode)
    return exercise


def test_the_editor_edits_position_tempo_order_and_open_step_fields(
    page: TemplateEditorPage, folder: Path
) -> None:
    open_saved(page, folder)
    hold = page.form.exercise_form
    hold.use_position.setChecked(True)
    hold.position_text.setText("Lift your hips")
    hold.position_text.textEdited.emit("Lift your hips")
    hold.position_seconds.setValue(4)
    bridge = add_exercise_in_mode(page, "Glute bridge", "reps")
    bridge.use_tempo.setChecked(True)
    choose(bridge.tempo_order, "lift_first")
    walk = add_exercise_in_mode(page, "Inchworms", "open")
    walk.expected.setValue(40)
    walk.wait_for_done.setChecked(True)
    page.recheck()
    assert '  at 0.0 s: "Lift your hips"' in page.preview.text().splitlines()
    assert page.save()

    written = saved(folder)["test-bridge.json"]["exercises"]
    assert written[0]["position"] == {"text": "Lift your hips", "seconds": 4}  # type: ignore[index]
    assert written[1]["tempo"]["order"] == "lift_first"  # type: ignore[index]
    assert (written[2]["expected_s"], written[2]["wait_for_done"]) == (40, True)  # type: ignore[index]


def test_the_preview_lists_a_tempo_cue_with_no_room_as_dropped(
    page: TemplateEditorPage, folder: Path
) -> None:
    open_saved(page, folder)
    reps = add_exercise_in_mode(page, "Fast tempo", "reps")
    reps.use_tempo.setChecked(True)
    for spin in reps.tempo:
        spin.setValue(1)
    reps.cues.add_cue()
    row = reps.cues.rows[-1]
    row.text.setText("Keep the hips level and still")
    row.text.textEdited.emit("Keep the hips level and still")
    choose(row.at, "after")
    row.offset.setValue(8)
    page.recheck()
    assert any(
        line.strip().startswith('⚠ not said: "Keep the hips level and still"')
        for line in page.preview.text().splitlines()
    )


def _bounds(model: type[BaseModel], name: str) -> tuple[float, float]:
    """A field's ge and le, as the model declares them."""
    metadata = model.model_fields[name].metadata
    low = next(m.ge for m in metadata if isinstance(m, annotated_types.Ge))
    high = next(m.le for m in metadata if isinstance(m, annotated_types.Le))
    return low, high


def test_the_editor_takes_its_limits_from_the_model(page: TemplateEditorPage) -> None:
    form, exercise = page.form, page.form.exercise_form
    for spin, model, name in (
        (form.countdown, Template, "countdown_s"),
        (form.rest_exercises, Template, "rest_between_exercises_s"),
        (exercise.prepare, Exercise, "prepare_s"),
        (exercise.seconds_per_rep, Exercise, "seconds_per_rep"),
        (exercise.work, Exercise, "work_s"),
        (exercise.rest_sides, Exercise, "rest_between_sides_s"),
        (exercise.tempo[0], Tempo, "lower_s"),
        (exercise.tempo[1], Tempo, "pause_s"),
        (exercise.tempo[2], Tempo, "lift_s"),
        (exercise.position_seconds, Position, "seconds"),
        (exercise.expected, Exercise, "expected_s"),
    ):
        assert (spin.minimum(), spin.maximum()) == _bounds(model, name), name
    assert _bounds(Template, "version") == (1, MAX_VERSION)
    assert slug_of("x" * 200) == "x" * MAX_ID_LENGTH
    assert Template.model_validate(document(id="x" * MAX_ID_LENGTH))


def test_choose_some_and_sourcing_have_their_controls(
    page: TemplateEditorPage, qtbot: QtBot, folder: Path
) -> None:
    open_saved(page, folder)
    form, exercise = page.form, page.form.exercise_form
    type_into(qtbot, form.sourcing_note, "The hold is the article's; the rest is ours.")
    exercise.sourced[SourcedNumber.HOLD].setChecked(True)
    type_into(qtbot, exercise.source_title, "Another article")
    form.choose.setValue(1)  # one main exercise only: marked, as hamtimer validate says
    page.recheck()
    assert form.choose.property("invalid") is True
    assert not page.save()
    assert page.note.text.text().startswith("Not saved: fix this first: Main exercises per")
    form.choose.setValue(0)  # "all"
    page.recheck()
    assert page.save()
    written = saved(folder)["test-bridge.json"]
    assert written["sourcing_note"] == "The hold is the article's; the rest is ours."
    assert "choose_per_session" not in written
    bridge = written["exercises"][0]  # type: ignore[index]
    assert bridge["sourced_numbers"] == ["hold_s"]  # type: ignore[index]
    assert bridge["source"] == {"title": "Another article"}  # type: ignore[index]

    page.reload()
    page.template_list.setCurrentRow(1)
    assert page.form.exercise_form.sourced[SourcedNumber.HOLD].isChecked()
    assert page.form.exercise_form.source_title.text() == "Another article"
