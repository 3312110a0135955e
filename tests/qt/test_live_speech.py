"""Qt's text-to-speech fallback with real Qt engines: the built-in "mock" engine speaks, an
engine that does not exist fails with a reason. Both are built off the GUI thread."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from hamtimer.qt.live_speech import QtLiveSpeech


@pytest.fixture
def made() -> Iterator[list[QtLiveSpeech]]:
    speeches: list[QtLiveSpeech] = []
    yield speeches
    for speech in speeches:
        speech.close()


def test_the_mock_engine_starts_off_the_gui_thread_and_speaks(
    qtbot: QtBot, made: list[QtLiveSpeech]
) -> None:
    statuses: list[bool | None] = []
    speech = QtLiveSpeech("mock", on_status=lambda: statuses.append(speech.usable))
    made.append(speech)
    qtbot.waitUntil(lambda: speech.usable is not None)

    assert speech.usable is True and statuses == [True]
    assert speech.name == "Qt speech (mock)"
    assert speech._thread is not QThread.currentThread()
    with qtbot.waitSignal(speech._worker.said, timeout=5000) as said:
        speech.say("Switch sides.", 0.7)
    assert said.args == ["Switch sides."]


def test_an_engine_that_cannot_start_says_why(qtbot: QtBot, made: list[QtLiveSpeech]) -> None:
    speech = QtLiveSpeech("no-such-engine")
    made.append(speech)
    qtbot.waitUntil(lambda: speech.usable is not None)

    assert speech.usable is False
    assert "not initialized" in speech.problem
    speech.say("ignored", 1.0)  # nothing to speak with: no error either
