"""Driving a real main window on a fake clock, as its single-shot timer and typing would."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractSpinBox
from pytestqt.qtbot import QtBot

from hamtimer.ui.main_window import MainWindow
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
