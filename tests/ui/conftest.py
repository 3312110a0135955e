"""A real main window on a fake clock: sessions run as fast as the test advances time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hamtimer.services.templates import LoadedTemplate
from hamtimer.ui.main_window import MainWindow
from tests.builders import template
from tests.fakes import FakeClock, RecordingScreenAwake, fake_services


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A question nobody answers would hang the suite: fail instead (tests that expect one
    replace `ask_unsaved` themselves)."""
    from hamtimer.ui.templates import template_editor

    def unexpected(_parent: object, can_save: bool) -> str:
        raise AssertionError(f"unexpected 'unsaved changes' question (can_save={can_save})")

    monkeypatch.setattr(template_editor, "ask_unsaved", unexpected)


NOT_IN_TESTS = "Voice commands are not tried in these tests."


@pytest.fixture(autouse=True)
def no_microphone_probe(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Settings page and a session ask whether voice commands can work (pactl, up to
    2 s, on a thread the tests run inline): answer at once (tests that listen replace it)."""
    from hamtimer.services import voice_commands

    monkeypatch.setattr(voice_commands, "voice_commands_unavailable", lambda: NOT_IN_TESTS)


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
    main = MainWindow.complete(fake_services(tmp_path, library, awake), clock, clock.wall)
    main.load_templates()
    qtbot.addWidget(main)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    yield main
    if main.runner is not None:
        main.runner.stop()
