"""The window tells a screen reader what happens (issue 20), as core/screen_reader.py
decides: each step, the seconds now and then, and everything on the "where am I" key (I).
The real AT-SPI path is tests/ui/test_screen_reader_end_to_end.py; here the announcements
are caught where the window sends them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hamtimer.core.plan import CueKind
from hamtimer.services.settings import VoiceSettings
from hamtimer.ui.main_window import MainWindow
from hamtimer.ui.run import session_controller
from tests.fakes import FakeClock
from tests.support.window import advance_into_step, advance_to_next_deadline


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    heard: list[str] = []
    monkeypatch.setattr(session_controller, "announce", lambda _widget, text: heard.append(text))
    return heard


def test_each_step_is_announced_and_the_seconds_every_ten(
    window: MainWindow, clock: FakeClock, said: list[str]
) -> None:
    window.browser.request_start()
    while not any(text.startswith("Hold.") for text in said):
        advance_to_next_deadline(window, clock)
    assert said[0].startswith("Get ready.")
    hold = next(text for text in said if text.startswith("Hold."))
    assert "left leg" in hold and "20 seconds" in hold
    advance_into_step(window, clock, 10.0)
    assert said[-1] == "10 seconds left."


def test_the_where_am_i_key_says_everything_shown(
    window: MainWindow, qtbot: QtBot, clock: FakeClock, said: list[str]
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Return)
    qtbot.keyClick(window, Qt.Key.Key_I)
    assert said[-1].startswith("Get ready.") and "seconds left." in said[-1]


def test_the_reader_can_carry_the_cues_instead_of_hamtimers_voice(
    window: MainWindow, clock: FakeClock, said: list[str]
) -> None:
    window._services.settings.save(VoiceSettings(reader_speaks_cues=True, reader_seconds_every_s=0))
    window.browser.request_start()
    assert window.runner is not None
    plan = window.runner.engine.plan
    form_cues = [cue.text for step in plan.steps for cue in step.cues if cue.kind == CueKind.FORM]
    while window.runner.session.running:
        advance_to_next_deadline(window, clock)
    assert form_cues and all(text in said for text in form_cues)
    assert not any(text.endswith("seconds left.") for text in said)  # only on request
