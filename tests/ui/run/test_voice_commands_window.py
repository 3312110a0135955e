"""Voice commands in a window session, with a fake microphone: what is heard (on another
thread, as the real listener's reader delivers it) pauses and skips, the caption line says
what was heard, and the microphone is closed when the session ends."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import pytest
from pytestqt.qtbot import QtBot

from hamtimer.core.engine import EngineState
from hamtimer.services import voice_commands
from hamtimer.services.remote import HeardCommand, RemoteCommand
from hamtimer.services.settings import SettingsStore, VoiceSettings
from hamtimer.ui.main_window import MainWindow
from hamtimer.ui.run import session_controller
from tests.fakes import FakeClock, home_paths


class FakeListener:
    """Stands in for `VoiceCommands`: the test says what the user said."""

    made: ClassVar[list[FakeListener]] = []

    def __init__(self, on_heard: Callable[[HeardCommand], None], **kwargs: Any) -> None:
        self.on_heard = on_heard
        self.gate = kwargs["gate"]
        self.started = False
        self.closed = False
        FakeListener.made.append(self)

    def start(self) -> None:
        self.started = True

    def close(self) -> None:
        self.closed = True

    def say(self, command: RemoteCommand, words: str) -> None:
        """Heard on another thread, as the listener's reader thread hands it on."""
        heard = HeardCommand(command, words, 0.0)
        thread = threading.Thread(target=self.on_heard, args=(heard,))
        thread.start()
        thread.join()


@pytest.fixture
def listening(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    FakeListener.made = []
    monkeypatch.setattr(voice_commands, "VoiceCommands", FakeListener)
    monkeypatch.setattr(voice_commands, "voice_commands_unavailable", lambda: None)
    SettingsStore(home_paths(tmp_path).settings_file).save(VoiceSettings(listen_for_commands=True))


def _start(window: MainWindow) -> None:
    template = window.browser.selected()
    assert template is not None
    window.start_session(template)


@pytest.mark.usefixtures("listening")
def test_spoken_pause_and_next_act_show_what_was_heard_and_the_mic_closes_at_the_end(
    window: MainWindow, qtbot: QtBot, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(session_controller, "confirm_stop", lambda _parent: True)
    _start(window)
    assert len(FakeListener.made) == 1
    listener = FakeListener.made[0]
    assert listener.started and not listener.closed
    assert listener.gate.allows()  # no voice in this window: nothing of ours to ignore
    runner = window.runner
    assert runner is not None
    first_step = runner.session.snapshot().step_index

    listener.say(RemoteCommand.PAUSE, "timer pause")
    qtbot.waitUntil(lambda: runner.engine.state == EngineState.PAUSED)
    caption = window.run_screen.caption_label
    assert caption.text() == "Heard “timer pause”."
    assert caption.accessibleName().endswith("Heard “timer pause”.")

    listener.say(RemoteCommand.NEXT, "timer next")
    qtbot.waitUntil(lambda: runner.session.snapshot().step_index == first_step + 1)
    assert caption.text() == "Heard “timer next”."

    window.run_command("stop")
    assert not window.in_session
    assert listener.closed


def test_no_listening_when_the_setting_is_off(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    FakeListener.made = []
    monkeypatch.setattr(voice_commands, "VoiceCommands", FakeListener)
    monkeypatch.setattr(voice_commands, "voice_commands_unavailable", lambda: None)
    _start(window)
    assert FakeListener.made == []


@pytest.mark.usefixtures("listening")
def test_where_voice_commands_cannot_work_the_session_runs_and_the_status_line_says_why(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        voice_commands, "voice_commands_unavailable", lambda: "No microphone found."
    )
    _start(window)
    assert FakeListener.made == []
    assert window.in_session
    qtbot.waitUntil(
        lambda: (
            window.statusBar().currentMessage()
            == "No microphone found. Carrying on without voice commands."
        )
    )


@pytest.mark.usefixtures("listening")
def test_closing_the_window_closes_the_microphone(window: MainWindow) -> None:
    _start(window)
    listener = FakeListener.made[0]
    window.close()
    assert listener.closed
