"""A real main window on a fake clock: sessions run as fast as the test advances time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractSpinBox
from pytestqt.qtbot import QtBot

from hamtimer.services.templates import LoadedTemplate
from hamtimer.ui.main_window import MainWindow
from tests.builders import template
from tests.fakes import FakeClock, RecordingScreenAwake, fake_services


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A question nobody answers would hang the suite: fail instead (tests that expect one
    replace `ask_unsaved` themselves)."""
    from hamtimer.ui import template_editor

    def unexpected(_parent: object, can_save: bool) -> str:
        raise AssertionError(f"unexpected 'unsaved changes' question (can_save={can_save})")

    monkeypatch.setattr(template_editor, "ask_unsaved", unexpected)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def awake() -> RecordingScreenAwake:
    return RecordingScreenAwake()


@pytest.fixture
def window(
    qtbot: QtBot, clock: FakeClock, awake: RecordingScreenAwake, tmp_path: Path
) -> Iterator[MainWindow]:
    library = [LoadedTemplate(template(), "built-in", builtin=True)]
    main = MainWindow(fake_services(tmp_path, library, awake), clock, clock.wall)
    main.load_templates()
    qtbot.addWidget(main)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    yield main
    if main.runner is not None:
        main.runner.stop()


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
