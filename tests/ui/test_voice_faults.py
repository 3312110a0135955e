"""The window when cues can't be heard: the session goes on, the caption flashes on each cue,
and the status line says why once."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from hamtimer.core.announcements import Sound
from hamtimer.core.vocabulary import StepKind
from hamtimer.services.settings import VoiceSettings
from hamtimer.services.speech.cue_voice import CueVoice
from hamtimer.services.speech.renderer import RendererState, RendererStatus
from hamtimer.ui.main_window import MainWindow
from hamtimer.ui.voice_bridge import VoiceBridge
from tests.fakes import FakeClock, FakeRenderer, RecordingAudio, RecordingLiveSpeech
from tests.support.window import advance_to_next_deadline

SOUNDS = {sound: Path(f"/sounds/{sound.value}.wav") for sound in Sound}


def run_to_first_hold(window: MainWindow, clock: FakeClock) -> None:
    window.browser.request_start()
    assert window.runner is not None
    while window.runner.engine.current_step.kind != StepKind.WORK:
        advance_to_next_deadline(window, clock)


def flashing(window: MainWindow) -> bool:
    return window.run_screen.flashing


def test_no_audio_device_flashes_every_cue_and_the_status_says_why(
    window: MainWindow, qtbot: QtBot, clock: FakeClock
) -> None:
    voice = CueVoice(
        None,
        RecordingAudio(),
        SOUNDS,
        VoiceSettings(),
        audio_problem="no audio output device found",
    )
    window.attach_voice(voice, VoiceBridge(window))
    run_to_first_hold(window, clock)

    assert flashing(window)
    assert window.voice_status.text() == (
        "Sound off: no audio output device found. Cues are shown as captions."
    )
    assert window.run_screen.caption_label.text()  # the cue is still there to read
    qtbot.waitUntil(lambda: not flashing(window), timeout=2000)


def test_a_speech_engine_that_dies_mid_session_hands_over_to_live_speech(
    window: MainWindow, qtbot: QtBot, clock: FakeClock
) -> None:
    renderer, live = FakeRenderer(), RecordingLiveSpeech()
    audio = RecordingAudio()
    voice = CueVoice(renderer, audio, SOUNDS, VoiceSettings(), live_factory=lambda: live)
    bridge = VoiceBridge(window)
    window.attach_voice(voice, bridge)
    window.browser.request_start()
    assert window.voice_status.text() == "Voice: espeak"

    renderer.status = RendererStatus(RendererState.UNAVAILABLE, reason="it keeps failing")
    bridge.status_changed.emit(renderer.status)
    assert window.runner is not None
    while not live.said:
        advance_to_next_deadline(window, clock)

    assert (
        window.voice_status.text() == "Voice: Qt speech, because pyttsx3 failed (it keeps failing)"
    )
    assert not flashing(window)
