"""Keys from remotes in the window: media keys, a presenter clicker (PageDown/PageUp, and B or
. for "blank", which pauses), a foot pedal's configurable key; and commands from the MPRIS
player's thread, which reach the session through a queued signal."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from hamtimer.core.engine import EngineState
from hamtimer.services.remote import RemoteCommand
from hamtimer.services.settings import DEFAULT_PEDAL_KEY
from hamtimer.ui.command_table import shortcut_help
from hamtimer.ui.main_window import MainWindow
from hamtimer.ui.run import session_controller
from tests.fakes import FakeClock
from tests.support.window import advance_into_step

Key = Qt.Key
PAUSE_KEYS = (
    Key.Key_Space,
    Key.Key_B,
    Key.Key_Period,
    Key.Key_MediaPlay,
    Key.Key_MediaTogglePlayPause,
)


@pytest.fixture
def running(window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    def no_question(_parent: object) -> bool:
        raise AssertionError("a remote's stop must not ask")

    monkeypatch.setattr(session_controller, "confirm_stop", no_question)
    qtbot.keyClick(window, Key.Key_Return)
    assert window.in_session
    return window


def _state(window: MainWindow) -> EngineState:
    assert window.runner is not None
    return window.runner.engine.state


def _step(window: MainWindow) -> int:
    assert window.runner is not None
    return window.runner.session.snapshot().step_index


@pytest.mark.parametrize("key", PAUSE_KEYS)
def test_each_pause_key_pauses_and_resumes(running: MainWindow, qtbot: QtBot, key: Key) -> None:
    qtbot.keyClick(running, key)
    assert _state(running) == EngineState.PAUSED
    qtbot.keyClick(running, key)
    assert _state(running) == EngineState.RUNNING


@pytest.mark.parametrize("key", [Key.Key_PageDown, Key.Key_MediaNext, Key.Key_Right])
def test_each_next_key_skips_a_step(running: MainWindow, qtbot: QtBot, key: Key) -> None:
    qtbot.keyClick(running, key)
    assert _step(running) == 1


@pytest.mark.parametrize("key", [Key.Key_PageUp, Key.Key_MediaPrevious, Key.Key_Left])
def test_each_back_key_goes_back(running: MainWindow, qtbot: QtBot, key: Key) -> None:
    qtbot.keyClick(running, Key.Key_PageDown)
    qtbot.keyClick(running, key)  # within the step's first seconds: the step before
    assert _step(running) == 0


def test_media_pause_only_pauses(running: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(running, Key.Key_MediaPause)
    qtbot.keyClick(running, Key.Key_MediaPause)
    assert _state(running) == EngineState.PAUSED


def test_media_stop_ends_the_session_without_asking(running: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(running, Key.Key_MediaStop)
    assert _state(running) == EngineState.STOPPED
    assert running.pages.currentWidget() is running.summary_view


def test_the_pedal_key_pauses_and_follows_the_setting(running: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(running, Key.Key_F8)  # the default: the F8 a pedal types
    assert DEFAULT_PEDAL_KEY == "F8"
    assert _state(running) == EngineState.PAUSED
    page = running.settings_page
    page.pedal_key.setFocus()
    qtbot.keyClick(page.pedal_key, Key.Key_F9)  # the pedal pressed in the setting's field
    qtbot.waitUntil(lambda: running.pedal_key == "F9")
    assert page._settings.pedal_key == "F9"
    qtbot.keyClick(running, Key.Key_F8)
    assert _state(running) == EngineState.PAUSED  # F8 does nothing now
    qtbot.keyClick(running, Key.Key_F9)
    assert _state(running) == EngineState.RUNNING


def test_no_pedal_clears_the_key(window: MainWindow, qtbot: QtBot) -> None:
    page = window.settings_page
    qtbot.mouseClick(page.no_pedal, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pedal_key == "")
    assert page._settings.pedal_key == ""


def test_a_pedal_key_that_is_already_a_shortcut_keeps_that_meaning(
    running: MainWindow, qtbot: QtBot
) -> None:
    running.set_pedal_key("N")
    assert running.pedal_key == ""
    qtbot.keyClick(running, Key.Key_N)
    assert _step(running) == 1  # still skip, not ambiguous (which would do nothing)


def test_the_pedal_is_off_outside_a_session(window: MainWindow, qtbot: QtBot) -> None:
    assert not window.pedal.isEnabled()


def test_help_lists_the_remote_keys_and_the_pedal(window: MainWindow) -> None:
    text = shortcut_help(window.pedal_key)
    for name in ("Page Down", "Page Up", "<b>B</b>", "<b>.</b>", "media keys", "<b>F8</b>"):
        assert name in text
    assert "no pedal key" in shortcut_help("")
    assert "<b>&lt;</b>" in shortcut_help("<")
    assert QKeySequence(window.pedal_key).toString() == "F8"


def test_a_command_from_the_players_thread_runs_on_the_gui_thread(
    running: MainWindow, qtbot: QtBot, clock: FakeClock
) -> None:
    advance_into_step(running, clock, 1.0)
    thread = threading.Thread(target=running.remote_command.emit, args=(RemoteCommand.PAUSE,))
    thread.start()
    thread.join()
    assert _state(running) == EngineState.RUNNING  # queued: not run on the player's thread
    qtbot.waitUntil(lambda: _state(running) == EngineState.PAUSED)
    running.remote_command.emit(RemoteCommand.STOP)
    qtbot.waitUntil(lambda: _state(running) == EngineState.STOPPED)  # no question asked
