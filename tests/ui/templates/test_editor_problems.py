"""Problems in plain words next to the field they are about: each marks its own field (a
frame and a note under it), and the mark goes as soon as the field is fixed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from hamtimer.services.user_templates import UserTemplates
from hamtimer.ui.templates.exercise_form import ExerciseForm
from hamtimer.ui.templates.field_marks import note_of
from hamtimer.ui.templates.template_editor import TemplateEditorPage
from tests.builders import document, template
from tests.support.editor import choose, open_saved, problem_lines, saved

Step = Callable[[TemplateEditorPage], None]


def exercise(page: TemplateEditorPage) -> ExerciseForm:
    return page.form.exercise_form


def set_text(edit: object, text: str) -> None:
    edit.setText(text)  # type: ignore[attr-defined]
    edit.textEdited.emit(text)  # type: ignore[attr-defined]


def bad_sets_range(page: TemplateEditorPage) -> None:
    sets = exercise(page).sets
    sets.target.setValue(3)
    sets.is_range.setChecked(True)
    sets.low.setValue(6)
    sets.high.setValue(4)


def late_cue(page: TemplateEditorPage) -> None:
    cues = exercise(page).cues
    cues.add_cue()
    row = cues.rows[-1]
    set_text(row.text, "Drive the heel down")
    choose(row.at, "after")
    row.offset.setValue(25)  # the hold's target is 20 s


CASES: dict[str, tuple[Step, Callable[[TemplateEditorPage], QWidget], str, Step]] = {
    "sets range, fixed by unticking range": (
        bad_sets_range,
        lambda page: exercise(page).sets,
        "Sets: the target (3) must be between the minimum (6) and the maximum (4)",
        lambda page: exercise(page).sets.is_range.setChecked(False),
    ),
    "hold outside its range, fixed by unticking range": (
        lambda page: exercise(page).hold.target.setValue(45),
        lambda page: exercise(page).hold,
        "Hold: the target (45) must be between the minimum (20) and the maximum (30)",
        lambda page: exercise(page).hold.is_range.setChecked(False),
    ),
    "a cue past the end of the hold": (
        late_cue,
        lambda page: exercise(page).cues.rows[-1].offset,
        "Cue 4 (seconds): 'Drive the heel down' is 25 s after the start, outside the 20 s"
        " step; it must be less than 20",
        lambda page: exercise(page).cues.rows[-1].offset.setValue(5),
    ),
    "an empty exercise name": (
        lambda page: set_text(exercise(page).name_edit, ""),
        lambda page: exercise(page).name_edit,
        'Name: got ""; must be at least 1 character(s) of text',
        lambda page: set_text(exercise(page).name_edit, "Bridge"),
    ),
    "a template id with capitals": (
        lambda page: set_text(page.form.id_edit, "Not An Id"),
        lambda page: page.form.id_edit,
        'Id: got "Not An Id"; must be lowercase letters, digits and dashes',
        lambda page: set_text(page.form.id_edit, "not-an-id"),
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_problem_marks_its_own_field_and_clears_when_fixed(
    page: TemplateEditorPage, folder: Path, case: str
) -> None:
    break_it, field_of, words, fix = CASES[case]
    open_saved(page, folder)
    break_it(page)
    page.recheck()
    QApplication.processEvents()  # a cue row added just now is shown by the event loop
    field = field_of(page)
    marked = [path for path, widget in page.form.fields().items() if widget.property("invalid")]
    assert len(marked) == 1, marked  # its own field, and no other
    assert field.property("invalid") is True
    note = note_of(field)
    assert note is not None and note.isVisible()
    assert note.text().startswith(words)
    assert problem_lines(page)[0].split(" · ", 1)[-1].startswith(words)
    assert "details: $." in problem_lines(page)[0]

    fix(page)
    page.recheck()
    assert field.property("invalid") is False
    assert not note.isVisible()
    assert not any(w.property("invalid") for w in page.form.fields().values())
    assert problem_lines(page) == ["None: this template can be saved and run."]


def test_a_cue_problem_frames_the_cue_not_the_add_cue_button(
    page: TemplateEditorPage, folder: Path
) -> None:
    open_saved(page, folder)
    late_cue(page)
    page.recheck()
    cues = exercise(page).cues
    assert cues.rows[-1].offset.property("invalid") is True
    assert not cues.add_button.property("invalid")
    assert not cues.property("invalid")


def test_saving_an_invalid_template_says_why_and_goes_to_the_field(
    page: TemplateEditorPage, folder: Path
) -> None:
    open_saved(page, folder)
    bad_sets_range(page)
    assert not page.save()
    assert page.note.isVisible()
    assert page.note.text.text() == (
        "Not saved: fix this first: Bridge hold · Sets: the target (3) must be between the"
        " minimum (6) and the maximum (4)."
    )
    assert saved(folder)["test-bridge.json"]["version"] == 1


def test_cues_with_no_room_are_warnings_counted_and_marked_but_saving_works(
    page: TemplateEditorPage, folder: Path
) -> None:
    cues = [
        {"text": "Hips up", "at": "start"},
        {"text": "Squeeze the glutes", "at": "after", "offset_s": 3},
        {"text": "Breathe out slowly", "at": "halfway"},
        {"text": "Drive the heel down", "at": "before_end", "offset_s": 2},
    ]
    bridge = {**document()["exercises"][0], "hold_s": {"target": 8}, "cues": cues}
    UserTemplates(folder).save(template(exercises=[bridge]))
    page.reload()
    page.template_list.setCurrentRow(1)
    assert page.problems_heading.text() == "<b>Problems</b>: no problems, 3 warnings"
    lines = problem_lines(page)
    assert lines[0].startswith("⚠ Bridge hold · Cue 3: 'Breathe out slowly' is not said any of")
    assert lines[-1].startswith("No problems: it can be saved and run, but not as written")
    rows = exercise(page).cues.rows
    assert [row.property("invalid") for row in rows] == [False, "warning", "warning", "warning"]
    assert note_of(rows[2]) is not None
    assert any(line.strip().startswith("⚠ not said") for line in page.preview.text().splitlines())
    set_text(exercise(page).name_edit, "Bridge")
    assert page.save()  # a warning never blocks saving
