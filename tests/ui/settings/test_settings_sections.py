"""Settings' screen reader, voice commands and reminders sections, in the real window: each
choice used and saved like the voice's, voice commands greyed out with the reason when they
can't work here (asked off the GUI thread), reminders switched on and off with the autostart
entry written and removed, and greyed out where reminders can't work."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTime
from pytestqt.qtbot import QtBot

from hamtimer.services import reminders, voice_commands
from hamtimer.services.reminders import AUTOSTART_NAME
from hamtimer.services.settings import ReminderSettings, VoiceSettings
from hamtimer.services.templates import LoadedTemplate
from hamtimer.ui.main_window import MainWindow
from hamtimer.ui.settings.settings_page import LISTEN_HINT, SETTLE_MS
from tests.builders import template
from tests.fakes import FakeClock, fake_services
from tests.ui.conftest import NOT_IN_TESTS
from tests.ui.settings.test_settings_page import VoiceParts

pytest_plugins = ["tests.ui.settings.test_settings_page"]  # its `parts` fixture


@pytest.fixture(autouse=True)
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "xdg-config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


def test_screen_reader_choices_are_used_and_saved(
    window: MainWindow, qtbot: QtBot, parts: VoiceParts
) -> None:
    page = window.settings_page
    assert page.reader_every.value() == 10 and not page.reader_cues.isChecked()
    page.reader_every.setValue(0)
    assert page.reader_every.text() == "Only when I press I"
    page.reader_cues.click()
    qtbot.waitUntil(lambda: parts.saved != [], timeout=SETTLE_MS * 5)

    assert parts.saved[-1] == VoiceSettings(
        rate=170, reader_seconds_every_s=0, reader_speaks_cues=True
    )
    assert window.voice is not None and window.voice.settings.reader_speaks_cues


def test_listen_for_commands_is_greyed_out_with_the_reason_where_they_cannot_work(
    window: MainWindow,
) -> None:
    page = window.settings_page  # the conftest's probe answers NOT_IN_TESTS
    assert not page.listen.isEnabled()
    assert page.listen_hint.text() == NOT_IN_TESTS


def test_the_microphone_check_runs_off_the_gui_thread_and_ticking_listen_is_saved(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock
) -> None:
    import threading

    asked_on: list[threading.Thread] = []
    release = threading.Event()

    def slow_probe() -> None:
        asked_on.append(threading.current_thread())
        release.wait(5)  # pactl taking its time: the page is on screen meanwhile

    monkeypatch.setattr(voice_commands, "voice_commands_unavailable", slow_probe)
    background = ThreadPoolExecutor(max_workers=1)
    library = [LoadedTemplate(template(), "built-in", builtin=True)]
    window = MainWindow.complete(
        fake_services(tmp_path, library, background=background), clock, clock.wall
    )
    qtbot.addWidget(window)
    window.load_templates()
    page = window.settings_page
    assert not page.listen.isEnabled() and page.listen_hint.text() == "Checking for a microphone…"
    release.set()
    qtbot.waitUntil(page.listen.isEnabled)

    assert asked_on and asked_on[0] is not threading.main_thread()
    assert page.listen_hint.text() == LISTEN_HINT
    page.listen.click()
    saved = window._services.settings
    qtbot.waitUntil(lambda: saved.load()[0].listen_for_commands, timeout=SETTLE_MS * 5)
    background.shutdown()


def _autostart(config_home: Path) -> Path:
    return config_home / "autostart" / AUTOSTART_NAME


def test_reminders_switched_on_at_a_time_write_the_autostart_entry_and_say_so(
    window: MainWindow, qtbot: QtBot, config_home: Path
) -> None:
    page = window.settings_page
    assert not page.reminders_on.isChecked()
    assert page.reminder_time.time() == QTime(18, 0)

    page.reminders_on.click()

    assert window._services.settings.reminders() == ReminderSettings(True, time(18, 0))
    assert _autostart(config_home).is_file()
    assert page.reminders_status.text() == (
        "Reminders on at 18:00: hamtimer reminds you on planned days, from your next login."
        f" Wrote {_autostart(config_home)}."
    )

    page.reminder_time.setTime(QTime(7, 30))
    qtbot.waitUntil(
        lambda: window._services.settings.reminders().at == time(7, 30), timeout=SETTLE_MS * 5
    )
    assert page.reminders_status.text().startswith("Reminders on at 07:30:")

    page.reminders_on.click()
    assert window._services.settings.reminders() == ReminderSettings(False, time(7, 30))
    assert not _autostart(config_home).exists()
    assert page.reminders_status.text() == f"Reminders off. Removed {_autostart(config_home)}."


def test_reminders_that_cannot_be_written_say_why_and_keep_the_saved_choice(
    window: MainWindow, config_home: Path
) -> None:
    config_home.mkdir()
    (config_home / "autostart").write_text("a file where the folder should be")
    page = window.settings_page
    page.reminders_on.click()

    assert page.reminders_status.text().startswith("Reminders not changed:")
    assert not page.reminders_on.isChecked()
    assert window._services.settings.reminders() == ReminderSettings()  # as it really is


def test_reminders_are_greyed_out_where_they_cannot_work(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock
) -> None:
    monkeypatch.setattr(reminders.sys, "platform", "darwin")
    window = MainWindow.complete(fake_services(tmp_path), clock, clock.wall)
    qtbot.addWidget(window)
    page = window.settings_page
    assert not page.reminders_on.isEnabled() and not page.reminder_time.isEnabled()
    assert page.reminders_status.text() == (
        "Reminders need a Linux desktop's notifications; not available here yet."
    )


def test_the_new_controls_have_names_and_accessible_names(window: MainWindow) -> None:
    page = window.settings_page
    for control in (
        page.reader_every,
        page.reader_cues,
        page.listen,
        page.reminders_on,
        page.reminder_time,
    ):
        assert control.objectName() and control.accessibleName()
