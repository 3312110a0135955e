"""Every action in the Templates section answers: what it did, in the note at the top and the
status line, with an Undo where it can be undone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hamtimer.ui.templates import template_editor as editor_module
from hamtimer.ui.templates.template_editor import TemplateEditorPage
from tests.builders import document
from tests.support.editor import open_saved, saved


@pytest.fixture
def said(page: TemplateEditorPage) -> list[str]:
    lines: list[str] = []
    page.status.connect(lines.append)
    return lines


def note(page: TemplateEditorPage) -> str:
    assert page.note.isVisible()
    return page.note.text.text()


def test_delete_says_so_and_its_undo_button_brings_the_template_back(
    page: TemplateEditorPage, folder: Path, said: list[str]
) -> None:
    open_saved(page, folder)
    page.delete_template()
    assert note(page).startswith("Deleted 'Test bridge' (kept as ")
    assert said[-1] == note(page)
    assert page.note.undo_button.isVisible()
    page.note.undo_button.click()
    assert list(saved(folder)) == ["test-bridge.json"]
    assert note(page) == "Brought back test-bridge.json."
    assert not page.note.undo_button.isVisible()


def test_import_names_what_came_in_and_can_be_taken_back(
    page: TemplateEditorPage, folder: Path, tmp_path: Path, said: list[str]
) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps(document(id="one", name="Monday holds")), "utf-8")
    two = tmp_path / "two.json"
    two.write_text(json.dumps(document(id="two", name="Friday curls")), "utf-8")
    assert page.import_files([one, two]) == 2
    assert note(page) == "Imported 2 templates: 'Monday holds', 'Friday curls'."
    assert sorted(saved(folder)) == ["one.json", "two.json"]
    page.note.undo_button.click()
    assert saved(folder) == {}
    assert note(page) == "Took back the import of 2 templates."
    assert page.template_list.count() == 1  # the built-in


def test_export_says_where_it_wrote(
    page: TemplateEditorPage,
    folder: Path,
    tmp_path: Path,
    said: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "out" / "one.json"
    monkeypatch.setattr(editor_module, "choose_export_file", lambda _p, _name: target)
    monkeypatch.setattr(editor_module, "choose_export_folder", lambda _p: tmp_path / "all")
    page.export_all()
    assert note(page) == "You have no templates of your own to export yet."
    page.export_selected()
    assert note(page) == f"Exported 'Built-in bridge' to {target}."
    open_saved(page, folder)
    page.export_all()
    assert note(page) == f"Exported 1 template to {tmp_path / 'all'}."
    assert said[-1] == note(page)


def test_save_and_revert_answer_and_revert_can_be_undone(
    page: TemplateEditorPage, qtbot: QtBot, folder: Path
) -> None:
    open_saved(page, folder)
    page.form.exercise_form.sets.target.setValue(4)
    page.revert()
    assert page.form.document["exercises"][0]["sets"] == {"target": 2}
    assert note(page) == "Went back to the saved template."
    page.note.undo_button.click()
    assert page.form.document["exercises"][0]["sets"] == {"target": 4}
    assert page.save()
    assert note(page) == f"Saved 'Test bridge' to {folder / 'test-bridge.json'}."
    assert not page.note.undo_button.isVisible()


def test_a_failed_delete_says_why(
    page: TemplateEditorPage, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_saved(page, folder)
    warned: list[str] = []
    monkeypatch.setattr(
        editor_module.QMessageBox, "warning", lambda _p, _t, text: warned.append(text)
    )
    (folder / "test-bridge.json").unlink()  # gone behind the editor's back
    page.delete_template()
    assert warned and warned[0].startswith("Could not delete:")
    assert not page.commands["undo"].isEnabled()  # nothing was deleted, nothing to undo
