from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hamtimer.core.engine import EngineState
from hamtimer.ui import main_window as main_window_module
from hamtimer.ui import theme
from hamtimer.ui.main_window import MainWindow
from hamtimer.ui.run import session_controller
from hamtimer.ui.run.qt_runner import APPROACH_S
from tests.fakes import FakeClock, RecordingScreenAwake, fake_services
from tests.support.window import advance_into_step, advance_to_next_deadline


def texts(window: MainWindow) -> dict[str, str]:
    screen = window.run_screen
    return {
        "phase": screen.phase_label.text(),
        "side": screen.side_label.text(),
        "set": screen.set_label.text(),
        "count": screen.countdown_label.text(),
        "caption": screen.caption_label.text(),
        "next": screen.next_label.text(),
        "status": screen.status_label.text(),
    }


def run_until_phase(window: MainWindow, clock: FakeClock, phase: str) -> dict[str, str]:
    for _ in range(500):
        if texts(window)["phase"] == phase:
            return texts(window)
        advance_to_next_deadline(window, clock)
    raise AssertionError(f"never reached {phase}")


def test_keys_alone_drive_a_whole_session_from_browser_to_summary(
    window: MainWindow, qtbot: QtBot, clock: FakeClock, awake: RecordingScreenAwake
) -> None:
    assert window.pages.currentWidget() is window.browser
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.run_screen
    assert awake.active

    shown = texts(window)
    assert shown["phase"] == "GET READY" and shown["side"] == "LEFT"
    assert shown["caption"] == "Bridge hold. Left leg first."
    advance_into_step(window, clock, 3.0)
    assert texts(window)["caption"] == "Heel on the bench."  # setup follows the announcement
    assert shown["status"].startswith("Step 1 of 8")

    hold = run_until_phase(window, clock, "HOLD")
    assert (hold["side"], hold["set"], hold["count"]) == ("LEFT", "Set 1 of 2", "20")
    advance_into_step(window, clock, 5.0)
    assert texts(window)["count"] == "15"
    assert texts(window)["caption"] == "Squeeze the glutes"

    switch = run_until_phase(window, clock, "SWITCH SIDES")
    assert switch["side"] == "RIGHT"
    right = run_until_phase(window, clock, "HOLD")
    assert (right["side"], right["count"]) == ("RIGHT", "20")

    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.runner is not None and window.runner.engine.state == EngineState.PAUSED
    assert texts(window)["phase"] == "PAUSED · HOLD"
    assert not awake.active
    clock.advance(300)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.runner.engine.state == EngineState.RUNNING and awake.active
    assert texts(window)["count"] == "20"

    rest = run_until_phase(window, clock, "REST")
    assert rest["side"] == "" and rest["next"] == "Next: Bridge hold, left leg, set 2 of 2"
    assert "Next" not in rest["caption"]  # said, but shown once: on the next line
    assert window.run_screen.exercise_label.text() == ""  # not the set just done
    qtbot.keyClick(window, Qt.Key.Key_Right)  # skip the rest
    assert texts(window)["set"] == "Set 2 of 2"
    while window.pages.currentWidget() is window.run_screen:
        advance_to_next_deadline(window, clock)

    summary = window.summary_view.text.text()
    assert "Session complete" in summary
    assert "Left" in summary and "Right" in summary and "Skipped steps: 1" in summary
    assert not awake.active
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.browser


def test_mouse_alone_drives_a_session(window: MainWindow, qtbot: QtBot, clock: FakeClock) -> None:
    qtbot.mouseClick(window.browser.start_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.run_screen
    buttons = window.run_screen.buttons
    qtbot.mouseClick(buttons["skip"], Qt.MouseButton.LeftButton)
    assert texts(window)["phase"] == "HOLD"
    qtbot.mouseClick(buttons["pause"], Qt.MouseButton.LeftButton)
    assert buttons["pause"].text().startswith("Resume")
    qtbot.mouseClick(buttons["pause"], Qt.MouseButton.LeftButton)
    advance_into_step(window, clock, 1.0)
    qtbot.mouseClick(buttons["back"], Qt.MouseButton.LeftButton)
    assert texts(window)["phase"] == "GET READY"
    while window.pages.currentWidget() is window.run_screen:
        qtbot.mouseClick(buttons["skip"], Qt.MouseButton.LeftButton)
    assert "Skipped steps: 8" in window.summary_view.text.text()
    qtbot.mouseClick(window.summary_view.close_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.browser


def test_escape_asks_before_stopping(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([False, True])
    paused_while_asked: list[bool] = []

    def ask(_parent: object) -> bool:
        assert window.runner is not None
        paused_while_asked.append(window.runner.session.paused)
        return next(answers)

    monkeypatch.setattr(session_controller, "confirm_stop", ask)
    qtbot.keyClick(window, Qt.Key.Key_Return)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.run_screen
    assert window.runner is not None and not window.runner.session.paused  # "No": carries on
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.summary_view
    assert "Session stopped" in window.summary_view.text.text()
    assert paused_while_asked == [True, True]  # the clock waited while the question was open


def _open_step_window(
    qtbot: QtBot, clock: FakeClock, awake: RecordingScreenAwake, tmp_path: Path, wait: bool
) -> MainWindow:
    """A one-set open step ("20 yards", expected 40 s) started, past its get-ready."""
    from hamtimer.services.templates import LoadedTemplate
    from tests.builders import open_template
    from tests.fakes import fake_services

    inchworms = open_template(sets={"target": 1}, expected_s=40, wait_for_done=wait)
    library = [LoadedTemplate(inchworms, "x", True)]
    window = MainWindow.complete(fake_services(tmp_path, library, awake), clock, clock.wall)
    window.load_templates()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Return)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert texts(window)["phase"] == "GO"
    return window


def test_an_open_step_that_waits_counts_up_and_enter_finishes_it(
    qtbot: QtBot, clock: FakeClock, awake: RecordingScreenAwake, tmp_path: Path
) -> None:
    window = _open_step_window(qtbot, clock, awake, tmp_path, wait=True)
    advance_into_step(window, clock, 12.4)
    assert texts(window)["count"] == "12"
    assert window.run_screen.buttons["done"].text().startswith("DONE")
    qtbot.keyClick(window, Qt.Key.Key_Enter)
    assert window.pages.currentWidget() is window.summary_view
    assert "1/1 sets" in window.summary_view.text.text()


def test_an_open_step_counts_down_its_expected_time_and_enter_ends_it_sooner(
    qtbot: QtBot, clock: FakeClock, awake: RecordingScreenAwake, tmp_path: Path
) -> None:
    window = _open_step_window(qtbot, clock, awake, tmp_path, wait=False)
    advance_into_step(window, clock, 12.4)
    assert texts(window)["count"] == "28"
    assert window.run_screen.buttons["done"].text().startswith("DONE")
    qtbot.keyClick(window, Qt.Key.Key_Enter)
    assert window.pages.currentWidget() is window.summary_view
    assert "1/1 sets" in window.summary_view.text.text()


def test_mute_and_help_keys(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[bool] = []
    monkeypatch.setattr(main_window_module, "show_shortcuts", lambda _p, _k: shown.append(True))
    qtbot.keyClick(window, Qt.Key.Key_Return)
    qtbot.keyClick(window, Qt.Key.Key_M)
    assert window.muted and "muted" in window.run_screen.mute_label.text()
    qtbot.keyClick(window, Qt.Key.Key_Question, Qt.KeyboardModifier.ShiftModifier)
    assert shown == [True]


def test_runner_arms_one_precise_timer_for_the_next_deadline(
    window: MainWindow, qtbot: QtBot, clock: FakeClock
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Return)
    runner = window.runner
    assert runner is not None and runner.timer_armed
    deadline = runner.engine.next_deadline()
    assert deadline is not None
    # A long wait ends APPROACH_S early; the timer is then re-armed for exactly the rest.
    wait_ms = (deadline - clock.now) * 1000
    assert runner.timer_interval_ms == pytest.approx(wait_ms - APPROACH_S * 1000, abs=1)

    clock.advance(deadline - clock.now - APPROACH_S)
    runner.on_timer()

    assert runner.engine.next_deadline() == deadline
    assert runner.timer_armed
    assert runner.timer_interval_ms == pytest.approx(APPROACH_S * 1000, abs=1)


def test_every_control_has_a_name_and_an_accessible_name(window: MainWindow) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    assert window.run_screen and window.summary_view and window.settings_page  # built on use
    for widget in window.findChildren(QAbstractButton) + window.findChildren(QLabel):
        if widget.objectName().startswith("qt_"):
            continue
        assert widget.objectName(), widget
        assert widget.accessibleName(), widget.objectName()


def test_the_countdown_is_most_of_the_ring_and_fits_inside_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Over a quarter of the window's height (readable from the far side of a room), and
    never wider than the ring it sits in."""
    qtbot.keyClick(window, Qt.Key.Key_Return)
    for width, height in ((1280, 800), (1024, 600), (1920, 1080)):
        window.resize(width, height)
        qtbot.wait(10)
        label = window.run_screen.countdown_label
        assert label.font().pixelSize() >= 0.28 * window.height()
        text_width = QFontMetricsF(label.font()).horizontalAdvance(label.text())
        assert text_width <= window.run_screen.progress.diameter()


def test_a_template_is_compiled_once_for_its_details_its_voice_and_start(
    window: MainWindow, clock: FakeClock
) -> None:
    from hamtimer.core.announcements import Sound
    from hamtimer.services.settings import VoiceSettings
    from hamtimer.services.speech.cue_voice import CueVoice
    from hamtimer.ui.voice_bridge import VoiceBridge
    from tests.fakes import FakeRenderer, RecordingAudio

    sounds = {sound: Path(f"{sound.value}.wav") for sound in Sound}
    voice = CueVoice(FakeRenderer(), RecordingAudio(), sounds, VoiceSettings())
    window.attach_voice(voice, VoiceBridge(window))  # the voice's lengths: compiled again
    compiled = window.plans.compiled

    window.browser.template_list.setCurrentRow(0)  # selecting it again
    window.browser.refresh_details()
    window.browser.request_start()

    assert window.plans.compiled == compiled == 2  # with estimates, then with the voice
    assert window.runner is not None
    assert window.runner.session.plan is window.plans.plan(window.browser.selected())  # type: ignore[arg-type]


def test_the_desktops_colours_are_asked_once_the_frame_is_drawn_and_kept(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The frame uses last time's answer (asking builds PySide6's Qt namespace, 11 ms);
    furnished, the window asks, switches when the desktop changed, keeps the answer for the
    next frame, and follows the desktop from then on."""
    services = fake_services(tmp_path, [])
    services.settings.save_system_was_dark(False)
    desktop_dark = [True]
    monkeypatch.setattr(theme, "system_is_dark", lambda: desktop_dark[0])
    window = MainWindow(services.settings)
    qtbot.addWidget(window)
    assert not theme.current().dark  # drawn as last time
    window.furnish(services)
    assert theme.current().dark
    assert services.settings.system_was_dark() is True
    desktop_dark[0] = False
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)  # the desktop switches
    assert not theme.current().dark
    assert services.settings.system_was_dark() is False


def test_start_has_the_focus_once_the_templates_are_loaded(window: MainWindow) -> None:
    """Enter starts the session shown; it doesn't wander into Settings."""
    window.navigation.setFocus()
    window.load_templates()
    assert window.browser.start_button.hasFocus()


def test_the_frame_is_drawn_from_the_settings_and_furnished_later(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """`hamtimer` shows the frame before the history and the templates are read: it says
    what is coming, its menus are already in place (nothing shifts when they fill), and
    closing it then, or going full screen, is harmless."""
    services = fake_services(tmp_path, [])
    frame = MainWindow(services.settings)
    qtbot.addWidget(frame)
    frame.show()
    assert frame.pages.currentWidget().objectName() == "loadingPages"
    # Blank icons hold the words where the real icons will put them.
    assert all(not frame.navigation.item(row).icon().isNull() for row in range(4))
    menus = [action.text() for action in frame.menuBar().actions()]
    assert menus == ["&File", "&Session", "&View", "&Help"]
    assert all(not action.menu().actions() for action in frame.menuBar().actions())
    frame.showFullScreen()
    frame.close()  # before its pages: nothing to stop, nothing raised

    window = MainWindow(services.settings)
    qtbot.addWidget(window)
    window.show()
    window.furnish(services)
    assert window.pages.currentWidget() is window.browser
    pages = [window.pages.widget(index).objectName() for index in range(window.pages.count())]
    assert "loadingPages" not in pages
    assert window.menuBar().actions()[0].menu().actions()  # File: export, import, …
