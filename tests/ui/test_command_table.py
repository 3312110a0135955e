"""One table of commands: the window's actions, the menus, the run screen's buttons and the
`?` sheet are all made from it, and every key hamtimer ever had still works."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from hamtimer.ui.command_table import COMMANDS, Where, shortcut_help
from hamtimer.ui.main_window import MainWindow
from hamtimer.ui.templates.template_editor import TemplateEditorPage

KEYS_BEFORE = {
    "pause": ("Space", "B", ".", "Media Play", "Toggle Media Play/Pause"),
    "skip": ("Right", "N", "PgDown", "Media Next"),
    "back": ("Left", "PgUp", "Media Previous"),
    "remote_pause": ("Media Pause",),
    "remote_stop": ("Media Stop",),
    "enter": ("Return", "Enter"),
    "stop": ("Escape",),
    "fullscreen": ("F", "F11"),
    "mute": ("M",),
    "help": ("?", "Shift+?"),
    "save": ("Ctrl+S",),
    "undo": ("Ctrl+Z",),
    "quit": ("Ctrl+Q",),
}
"""Every key of the window before the table (and the editor's Ctrl+S and Ctrl+Z)."""


def test_every_key_there_was_is_in_the_table() -> None:
    table = {command.name: command.keys for command in COMMANDS}
    for name, keys in KEYS_BEFORE.items():
        assert set(keys) <= set(table[name]), name


def test_the_help_sheet_lists_every_command_that_has_a_key(window: MainWindow) -> None:
    sheet = shortcut_help("F8")
    for text in ("<b>Ctrl+S</b>", "<b>Ctrl+Z</b>", "<b>Ctrl+Q</b>", "<b>Esc</b>", "<b>F11</b>"):
        assert text in sheet
    for command in COMMANDS:
        if command.name != "done":
            assert command.does in sheet or command.media in sheet, command.name


def test_the_window_has_an_action_per_command_with_its_keys_on_the_run_screen(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.browser.request_start()
    for command in COMMANDS:
        if command.name in ("done", "save", "undo", "redo"):  # Enter's, and the editor's own
            continue
        action = window.actions_by_name[command.name]
        keys = command.keys if command.where & Where.RUN else ()  # the sections: not now
        assert [key.toString() for key in action.shortcuts()] == [
            QKeySequence(key).toString() for key in keys
        ], command.name
    buttons = window.run_screen.buttons
    assert list(buttons) == [command.name for command in COMMANDS if command.on_run_screen]
    assert all(not button.icon().isNull() for button in buttons.values())


def test_form_pages_keep_only_the_quiet_keys(window: MainWindow) -> None:
    window.navigation.setCurrentRow(3)  # Settings: Space and letters belong to its fields
    keys = {name: action.shortcuts() for name, action in window.actions_by_name.items()}
    assert keys["pause"] == [] and keys["mute"] == []
    assert [k.toString() for k in keys["fullscreen"]] == ["F11"]
    assert [k.toString() for k in keys["quit"]] == ["Ctrl+Q"]


def test_the_editor_takes_its_keys_from_the_table(window: MainWindow) -> None:
    editor = window.template_editor
    assert isinstance(editor, TemplateEditorPage)
    keys = {action.objectName(): action.shortcuts() for action in editor.actions()}
    assert [k.toString() for k in keys["saveAction"]] == ["Ctrl+S"]
    assert [k.toString() for k in keys["undoAction"]] == ["Ctrl+Z"]


def test_the_navigation_has_an_icon_and_a_label_for_every_page(window: MainWindow) -> None:
    labels = []
    for row in range(window.navigation.count()):
        item = window.navigation.item(row)
        assert item is not None and not item.icon().isNull()
        labels.append(item.text())
    assert labels == ["Train", "Templates", "History", "Settings"]
