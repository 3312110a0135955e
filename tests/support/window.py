"""Driving a real main window on a fake clock, as its single-shot timer and typing would."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QWidget
from pytestqt.qtbot import QtBot

from hamtimer.ui.main_window import TEMPLATES_ROW, MainWindow
from hamtimer.ui.templates.template_editor import TemplateEditorPage
from hamtimer.ui.widgets.figure_slot import FigureSlot
from tests.fakes import FakeClock


def advance_to_next_deadline(window: MainWindow, clock: FakeClock) -> None:
    """What the runner's single-shot timer does, without waiting for real time."""
    assert window.runner is not None
    deadline = window.runner.engine.next_deadline()
    assert deadline is not None
    clock.advance(max(0.0, deadline - clock.now))
    window.runner.poll_now()


def advance_into_step(window: MainWindow, clock: FakeClock, seconds: float) -> None:
    assert window.runner is not None
    clock.advance(seconds)
    window.runner.poll_now()


def type_number(qtbot: QtBot, spin: QAbstractSpinBox, text: str) -> None:
    """Type into a spin box as a user does, without confirming (no Enter, focus stays)."""
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), text)


def open_a_copy(window: MainWindow, name: str | None = None) -> TemplateEditorPage:
    """Templates, with a saved copy of the first template (named `name`) open in the editor."""
    window.navigation.setCurrentRow(TEMPLATES_ROW)
    editor = window.template_editor
    assert editor is not None
    editor.template_list.setCurrentRow(0)
    editor.duplicate_template()
    if name is not None:
        editor.form.name_edit.setText(name)
        editor.form.name_edit.textEdited.emit(name)
    assert editor.save()  # kept: the window closes without asking
    return editor


def figures_drawn(window: QWidget, timeout_s: float = 3.0) -> None:
    """Let the event loop run until every figure slot shown in `window` has drawn its figure
    (they read it after their first paint): a screenshot taken sooner shows empty rooms."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        QApplication.processEvents()
        slots = [slot for slot in window.findChildren(FigureSlot) if slot.isVisible()]
        if all(slot.settled for slot in slots):
            return
        time.sleep(0.01)
