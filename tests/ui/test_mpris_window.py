"""The window as an MPRIS player on a private session bus, driven by the real `playerctl`:
pause, resume, skip, go back and stop (without a question), the metadata following the step,
and the player gone once the session has ended."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hamtimer.core.engine import EngineState
from hamtimer.services.templates import LoadedTemplate
from hamtimer.ui.main_window import MainWindow
from hamtimer.ui.run import session_controller
from tests.builders import template
from tests.fakes import fake_services
from tests.support.playerctl import playerctl
from tests.support.session_bus import private_session_bus

pytestmark = pytest.mark.e2e  # dbus-daemon and playerctl

TITLE = ("metadata", "--format", "{{title}} | {{artist}} | {{mpris:length}}")
WAIT_MS = 10_000


@pytest.fixture
def bus() -> Iterator[str]:
    with private_session_bus() as address:
        yield address


@pytest.fixture
def live_window(
    qtbot: QtBot, bus: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    """A window on the real clock whose sessions are players on `bus`."""

    def no_question(_parent: object) -> bool:
        raise AssertionError("MPRIS Stop must not ask")

    monkeypatch.setattr(session_controller, "confirm_stop", no_question)
    library = [LoadedTemplate(template(), "built-in", builtin=True)]
    services = replace(fake_services(tmp_path, library), mpris_bus=bus)
    main = MainWindow.complete(services, time.monotonic, time.time)
    main.load_templates()
    qtbot.addWidget(main)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    yield main
    if main.in_session and main.runner is not None:
        main.runner.stop()


def _state(window: MainWindow) -> EngineState:
    assert window.runner is not None
    return window.runner.engine.state


def _answers(qtbot: QtBot, bus: str, args: tuple[str, ...], expected: str) -> None:
    """playerctl answers `expected` soon (the window's event loop runs meanwhile)."""
    qtbot.waitUntil(lambda: playerctl(bus, *args) == expected, timeout=WAIT_MS)


def test_playerctl_drives_a_session_in_the_window(
    live_window: MainWindow, qtbot: QtBot, bus: str
) -> None:
    qtbot.keyClick(live_window, Qt.Key.Key_Return)
    _answers(qtbot, bus, ("status",), "Playing")
    first = playerctl(bus, *TITLE)
    assert first == "Bridge hold | Left leg · Get ready | 10000000"

    playerctl(bus, "pause")
    qtbot.waitUntil(lambda: _state(live_window) == EngineState.PAUSED, timeout=WAIT_MS)
    _answers(qtbot, bus, ("status",), "Paused")
    playerctl(bus, "play")
    qtbot.waitUntil(lambda: _state(live_window) == EngineState.RUNNING, timeout=WAIT_MS)

    playerctl(bus, "next")
    _answers(qtbot, bus, TITLE, "Bridge hold | Left leg · Set 1 of 2 · Hold | 20000000")
    playerctl(bus, "previous")  # in the step's first seconds: the step before
    _answers(qtbot, bus, TITLE, first)

    playerctl(bus, "stop")
    qtbot.waitUntil(lambda: _state(live_window) == EngineState.STOPPED, timeout=WAIT_MS)
    assert live_window.pages.currentWidget() is live_window.summary_view
    _answers(qtbot, bus, ("status",), "")  # the player went with the session
