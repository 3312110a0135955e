"""The Templates editor by keyboard alone: Tab goes left to right as the page reads (the last
action's note, the list and its commands, the form, the preview, the problems, the buttons),
a new template survives Tab onto the list, a problem is reached and Enter on it goes to its
field; the exercise catalogue too."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hamtimer.core.exercise_catalogue import exercise_catalogue
from hamtimer.services.templates import builtin_templates
from hamtimer.ui.main_window import TEMPLATES_ROW, MainWindow
from hamtimer.ui.templates.exercise_catalogue import ExerciseCatalogue
from hamtimer.ui.templates.template_editor import TemplateEditorPage
from tests.ui.tab_walk import assert_focus_shows, names, walk, walk_page

LIST_AND_COMMANDS = [
    "editorTemplateList",
    "newTemplate",
    "duplicateTemplate",
    "importTemplate",
    "exportTemplate",
    "exportAllTemplate",
    "editorBanner",
]
"""The left column, then the line above the form (a built-in: nothing to delete or undo)."""


def open_editor(window: MainWindow) -> TemplateEditorPage:
    window.navigation.setCurrentRow(TEMPLATES_ROW)
    editor = window.template_editor
    assert editor is not None
    return editor


def test_a_built_in_reads_left_to_right_and_every_stop_shows_its_focus(
    window: MainWindow,
) -> None:
    editor = open_editor(window)

    stops = walk_page(window, editor)

    order = names(stops)
    assert order[: len(LIST_AND_COMMANDS)] == LIST_AND_COMMANDS
    assert order[-4:] == ["exerciseTree", "timelinePreview", "problemsHeading", "templateProblems"]
    assert editor.banner.accessibleName().startswith("About this template: Built-in templates")
    assert_focus_shows(window, stops)


def test_a_new_template_survives_tab_onto_the_list_and_its_form_is_in_order(
    window: MainWindow,
) -> None:
    """Qt makes a row current when a list with none takes the focus: that chose a template
    and asked to throw the new one away (the suite fails on any such question)."""
    editor = open_editor(window)
    editor.new_template()

    stops = walk_page(window, editor)

    assert editor.dirty is False or editor.template_list.currentRow() == -1
    assert editor.template_list.currentRow() == -1 and editor.form.isVisible()
    order = names(stops)
    at = order.index
    assert at("editorTemplateList") < at("editorBanner") < at("Template name")
    assert at("Template name") < at("exerciseTree") < at("Exercise name") < at("timelinePreview")
    assert order[-3:] == ["problemsHeading", "templateProblems", "saveTemplate"]
    editor.may_leave = lambda: True  # type: ignore[method-assign]  # closing must not ask


def test_a_problem_is_reached_by_tab_and_enter_on_it_goes_to_its_field(
    window: MainWindow, qtbot: QtBot
) -> None:
    editor = open_editor(window)
    editor.duplicate_template()
    assert editor.save()
    editor.form.exercise_form.hold.target.setValue(90)  # outside the hold's range
    editor.recheck()

    stops = walk_page(window, editor)

    order = names(stops)
    assert order[:2] == ["editorNoteText", "editorNoteDismiss"]  # "Saved …", first
    assert editor.note.text.accessibleName().startswith("What the last action did: Saved")
    assert editor.problems_heading.accessibleName().endswith("Problems: 1 problem")
    assert order[-5:] == [  # Redo is off: nothing to redo
        "problemsHeading",
        "templateProblems",
        "undoEdit",
        "revertTemplate",
        "saveTemplate",
    ]
    problems = editor.problems
    problems.setFocus(Qt.FocusReason.TabFocusReason)
    assert problems.currentRow() == 0  # the list lands on its first problem
    qtbot.keyClick(problems, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is editor.form.exercise_form.hold.target
    editor.may_leave = lambda: True  # type: ignore[method-assign]  # closing must not ask


def test_the_exercise_catalogue_reads_top_to_bottom_then_its_buttons(qtbot: QtBot) -> None:
    dialog = ExerciseCatalogue(exercise_catalogue([item.template for item in builtin_templates()]))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)

    order = names(walk(dialog.search))

    assert order == [
        "catalogueSearch",
        "catalogueList",
        "catalogueCount",
        "blankExercise",
        "cancelCatalogue",
        "addChosen",
        "catalogueIntro",
    ]
    assert dialog.count.accessibleName().startswith("How many exercises are shown: ")


def test_cues_added_and_more_fields_come_where_they_sit(window: MainWindow) -> None:
    """Cue rows are built after the page (Qt put them after Save) and "More" sits under the
    exercise's common fields (Tab reached it before the name)."""
    editor = open_editor(window)
    editor.duplicate_template()
    form = editor.form.exercise_form
    form.more_toggle.click()
    form.cues.add_cue()

    order = names(walk_page(window, editor))

    at = order.index
    cues = len(form.cues.rows)
    assert at("Rest between sets") < at("Cue 1: words") < at(f"Cue {cues}: words")
    assert order[at(f"Cue {cues}: words") :][:5] == [
        f"Cue {cues}: words",
        f"Cue {cues}: when",  # its seconds are off until "when" needs them
        f"Remove cue {cues}",
        "addCue",
        "moreFields",
    ]
    assert at("moreFields") < at("Exercise id") < at("timelinePreview")
    editor.may_leave = lambda: True  # type: ignore[method-assign]  # closing must not ask
