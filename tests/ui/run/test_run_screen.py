"""The run screen, built for 3 m: every text at least 3% of the window's height in every
state, the rep as the big figure of a rep step, a count-in when going back into a hold, a
PAUSED overlay that says how to carry on, buttons that hide while the mouse is still, and a
full screen with nothing but the session on it."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from hamtimer.core.announcements import Sound
from hamtimer.core.vocabulary import StepKind
from hamtimer.services.settings import TextSize, VoiceSettings
from hamtimer.services.speech.cue_voice import CueVoice
from hamtimer.services.templates import LoadedTemplate
from hamtimer.ui import theme
from hamtimer.ui.main_window import MainWindow
from hamtimer.ui.run.session_controller import SOUND_POLL_MS, SOUND_WAIT_S
from hamtimer.ui.voice_bridge import VoiceBridge
from tests.builders import exercise_template, many_exercises, reps_template, template
from tests.fakes import FakeClock, FakeRenderer, HoldingAudio, fake_services
from tests.support.window import advance_into_step


def shown_texts(screen: QWidget) -> Iterator[tuple[str, int]]:
    """(object name, pixel size) of every visible text on the screen."""
    for widget in screen.findChildren(QLabel) + screen.findChildren(QAbstractButton):
        if widget.isVisibleTo(screen.window()) and widget.text():
            yield widget.objectName(), QFontInfo(widget.font()).pixelSize()


def assert_readable_from_the_mat(window: MainWindow) -> None:
    smallest = math.floor(window.height() * theme.RUN_TEXT_MIN_SHARE)
    small = [(name, px) for name, px in shown_texts(window.run_screen) if px < smallest]
    assert not small, f"under {smallest}px at {window.width()}x{window.height()}: {small}"


def open_window(qtbot: QtBot, tmp_path: Path, clock: FakeClock, template: object) -> MainWindow:
    library = [LoadedTemplate(template, "built-in", builtin=True)]  # type: ignore[arg-type]
    window = MainWindow.complete(fake_services(tmp_path, library), clock, clock.wall)
    window.load_templates()
    qtbot.addWidget(window)
    window.show()
    return window


def go_to(window: MainWindow, kind: StepKind, into: float, clock: FakeClock) -> None:
    runner = window.runner
    assert runner is not None
    while runner.engine.current_step is not None and runner.engine.current_step.kind != kind:
        runner.skip()
    advance_into_step(window, clock, into)


@pytest.mark.parametrize("size", [(1024, 600), (1280, 800), (1920, 1080)])
def test_every_text_is_at_least_3_percent_of_the_window_height_in_every_state(
    window: MainWindow, qtbot: QtBot, clock: FakeClock, size: tuple[int, int]
) -> None:
    window.resize(*size)
    window.browser.request_start()
    qtbot.wait(5)
    advance_into_step(window, clock, 3.0)  # get ready, its setup line captioned
    assert_readable_from_the_mat(window)
    for kind in (StepKind.WORK, StepKind.SWITCH, StepKind.REST):
        go_to(window, kind, 2.0, clock)
        assert_readable_from_the_mat(window)
    window.run_command("pause")
    assert window.run_screen.overlay.isVisible()
    assert_readable_from_the_mat(window)


def test_a_rep_step_shows_the_rep_as_the_big_figure(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock
) -> None:
    """Reps with no tempo are spread over the set at its seconds a rep (3 s by default)."""
    template = exercise_template(
        mode="reps", hold_s=None, reps={"target": 8}, sides="both", cues=[], seconds_per_rep=3
    )
    window = open_window(qtbot, tmp_path, clock, template)
    window.browser.request_start()
    go_to(window, StepKind.WORK, 0.5, clock)
    screen = window.run_screen
    assert (screen.countdown_label.text(), screen.tempo_label.text()) == ("1", "rep 1 of 8")
    advance_into_step(window, clock, 9.0)  # 9.5 s in: the fourth rep
    assert (screen.countdown_label.text(), screen.tempo_label.text()) == ("4", "rep 4 of 8")
    assert_readable_from_the_mat(window)


def test_a_tempo_rep_step_follows_its_cadence(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock
) -> None:
    template = reps_template({"lower_s": 3, "pause_s": 1, "lift_s": 1}, [], reps=4)
    window = open_window(qtbot, tmp_path, clock, template)
    window.browser.request_start()
    go_to(window, StepKind.WORK, 0.0, clock)
    runner = window.runner
    assert runner is not None and runner.engine.current_step is not None
    first = runner.engine.current_step.tempo[0].at_s  # after the announcement
    screen = window.run_screen
    assert screen.countdown_label.text() == "4" and "reps" in screen.tempo_label.text()
    advance_into_step(window, clock, first + 5.5)  # the second rep's lowering
    assert screen.countdown_label.text() == "2"
    assert screen.tempo_label.text() == "rep 2 of 4 · lower…"


def test_back_into_a_hold_shows_the_count_in(window: MainWindow, clock: FakeClock) -> None:
    window.browser.request_start()
    go_to(window, StepKind.WORK, 8.0, clock)
    window.run_command("back")
    screen = window.run_screen
    assert screen.phase_label.text() == "GET READY"
    assert screen.countdown_label.text() == "3"
    advance_into_step(window, clock, 3.0)
    assert screen.phase_label.text() == "HOLD" and screen.countdown_label.text() == "20"


def test_the_paused_overlay_says_how_to_carry_on(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Return)
    overlay = window.run_screen.overlay
    assert not overlay.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert overlay.isVisible() and overlay.title.text() == "PAUSED"
    how = overlay.how.text()
    assert "Space" in how and "pedal (F8)" in how and "remote" in how
    assert window.run_screen.controls.isVisible()  # the buttons stay while paused
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert not overlay.isVisible()


def test_the_buttons_hide_when_the_mouse_is_still_and_come_back_on_a_move_or_key(
    window: MainWindow, qtbot: QtBot
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Return)
    screen = window.run_screen
    screen._hide_controls.setInterval(50)  # not the real few seconds
    screen.wake_controls()
    qtbot.waitUntil(lambda: not screen.controls.isVisible(), timeout=2000)
    qtbot.mouseMove(screen.progress, QPoint(20, 20))
    qtbot.waitUntil(screen.controls.isVisible, timeout=2000)
    qtbot.waitUntil(lambda: not screen.controls.isVisible(), timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_M)  # any of the session's keys
    assert screen.controls.isVisible()


def test_full_screen_shows_nothing_but_the_session(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Return)
    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen)
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert window.menuBar().isVisible() and window.statusBar().isVisible()


def test_the_figure_follows_the_session_and_stands_still_when_it_should(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock
) -> None:
    # The test template's exercise pictured as the single-leg bridge (a hold, per leg).
    template = exercise_template(figure="single-leg-bridge-hold")
    window = open_window(qtbot, tmp_path, clock, template)
    window.browser.request_start()
    screen = window.run_screen
    figure = screen.figure
    assert figure.parent() is not None and figure.isVisible()
    assert figure.figure() is not None and figure.figure().id == "single-leg-bridge-hold"

    go_to(window, StepKind.WORK, 5.0, clock)  # the left hold, lifted and held by now
    assert abs(figure.elapsed() - 5.0) < 0.5  # on the engine's clock, not its own
    qtbot.waitUntil(lambda: not figure.is_animating(), timeout=3000)  # a static hold: no frames

    window.runner.toggle_pause()  # type: ignore[union-attr]
    frozen = figure.elapsed()
    qtbot.wait(200)
    assert figure.elapsed() == frozen and not figure.is_animating()


def test_a_larger_text_size_grows_the_run_screens_text_and_is_kept(
    window: MainWindow, qtbot: QtBot, clock: FakeClock
) -> None:
    # Issue 20: a text-size setting the run screen honours (for low vision).
    window.resize(1280, 800)
    window.browser.request_start()
    advance_into_step(window, clock, 3.0)
    caption = window.run_screen.caption_label
    normal = QFontInfo(caption.font()).pixelSize()

    window.set_text_size(TextSize.LARGER)
    qtbot.wait(5)

    assert QFontInfo(caption.font()).pixelSize() >= normal * 1.4
    assert window._services.settings.text_size() == TextSize.LARGER
    assert_readable_from_the_mat(window)
    window.set_text_size(TextSize.NORMAL)
    assert QFontInfo(caption.font()).pixelSize() == normal


def test_a_sessions_figures_are_read_before_its_clock_starts(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No step waits for a figure's file: it would be read on the GUI thread mid-session."""
    from hamtimer.services import figures

    exercises = many_exercises(2, 1, 5)
    exercises[0]["figure"], exercises[1]["figure"] = "glute-bridge", "single-leg-bridge-hold"
    figures.figure_for.cache_clear()
    window = open_window(qtbot, tmp_path, clock, template(exercises=exercises))
    window.browser.request_start()

    def no_reading(_data: bytes, origin: str) -> None:
        raise AssertionError(f"{origin} read during the session")

    monkeypatch.setattr(figures, "read_figure_bytes", no_reading)
    runner = window.runner
    assert runner is not None
    while runner.engine.current_step is not None and (
        runner.engine.current_step.figure_id != "single-leg-bridge-hold"
    ):
        runner.skip()
    shown = window.run_screen.figure.figure()
    assert shown is not None and shown.id == "single-leg-bridge-hold"


def held_voice(window: MainWindow) -> HoldingAudio:
    """The window's voice through an output held per session (the stream), not ready yet."""
    sounds = {sound: Path(f"{sound.value}.wav") for sound in Sound}
    audio = HoldingAudio()
    window.attach_voice(
        CueVoice(FakeRenderer(), audio, sounds, VoiceSettings()), VoiceBridge(window)
    )
    return audio


def test_start_waits_for_the_sound_stream_to_keep_pace(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock
) -> None:
    """A stream just opened would speak the first announcement late: Start waits for it."""
    window = open_window(qtbot, tmp_path, clock, exercise_template())
    audio = held_voice(window)
    window.browser.request_start()
    qtbot.wait(3 * SOUND_POLL_MS)
    assert window.runner is None and "expect" in audio.holds
    assert window.statusBar().currentMessage() == "Getting the sound ready…"
    assert not window.browser.start_button.isEnabled()
    window.browser.request_start()  # pressed again: still one session

    audio.ready = True
    qtbot.waitUntil(lambda: window.runner is not None)
    assert window.statusBar().currentMessage() == ""
    assert window.pages.currentWidget() is window.run_screen


def test_a_stream_that_never_keeps_pace_delays_start_a_few_seconds_at_most(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock
) -> None:
    window = open_window(qtbot, tmp_path, clock, exercise_template())
    held_voice(window)
    window.browser.request_start()
    qtbot.wait(3 * SOUND_POLL_MS)
    assert window.runner is None
    clock.advance(SOUND_WAIT_S)
    qtbot.waitUntil(lambda: window.runner is not None)
