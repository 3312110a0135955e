"""The Settings section in the real window, with a voice made of recording fakes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from hamtimer.core.announcements import Sound
from hamtimer.services.settings import VoiceSettings
from hamtimer.services.speech.cue_voice import CueVoice
from hamtimer.services.speech.renderer import RendererState, RendererStatus
from hamtimer.ui.main_window import SETTINGS_ROW, MainWindow
from hamtimer.ui.settings import settings_page
from hamtimer.ui.settings.settings_page import SETTLE_MS, TEST_PHRASE
from hamtimer.ui.settings.voice_picker import VoicePicker, voice_groups
from hamtimer.ui.voice_bridge import VoiceBridge
from tests.builders import open_template
from tests.fakes import FakeRenderer, RecordingAudio
from tests.history_records import small_record

VOICES = (("gmw/en", "English (Great Britain)"), ("roa/fr", "French"))


class VoiceParts:
    def __init__(self) -> None:
        self.renderer = FakeRenderer()
        self.renderer.status = RendererStatus(RendererState.READY, "espeak", voices=VOICES)
        self.audio = RecordingAudio()
        self.saved: list[VoiceSettings] = []
        self.renderers: list[FakeRenderer] = [self.renderer]

    def make_renderer(self, _settings: VoiceSettings) -> FakeRenderer:
        renderer = FakeRenderer()
        renderer.status = self.renderer.status
        self.renderers.append(renderer)
        return renderer


@pytest.fixture
def parts(window: MainWindow) -> VoiceParts:
    parts = VoiceParts()
    voice = CueVoice(
        parts.renderer,
        parts.audio,
        {sound: Path(f"/sounds/{sound.value}.wav") for sound in Sound},
        VoiceSettings(rate=170),
        renderer_factory=parts.make_renderer,
        save_settings=parts.saved.append,
    )
    window.attach_voice(voice, VoiceBridge(window))
    return parts


def open_settings_by_keys(window: MainWindow, qtbot: QtBot) -> None:
    window.navigation.setFocus()
    for _ in range(SETTINGS_ROW):  # Train, History, Settings
        qtbot.keyClick(window.navigation, Qt.Key.Key_Down)
    assert window.navigation.currentRow() == SETTINGS_ROW
    assert window.pages.currentWidget() is window.settings_page


def test_the_page_shows_the_saved_settings_and_the_engines_voices(
    window: MainWindow, qtbot: QtBot, parts: VoiceParts
) -> None:
    open_settings_by_keys(window, qtbot)
    page = window.settings_page
    names = page.voice_choice.names()

    assert names[0] == "Engine default" and "English (Great Britain)" in names
    assert names[-2:] == ["[French]", "French"]
    assert page.rate.text() == "170 words a minute (slower than the default 175)"
    assert page.speak_cues.isChecked() and page.play_sounds.isChecked()
    assert page.status.text() == "Voice: espeak"


def test_space_toggles_a_checkbox_on_settings_and_the_choice_is_used_and_saved(
    window: MainWindow, qtbot: QtBot, parts: VoiceParts
) -> None:
    open_settings_by_keys(window, qtbot)
    page = window.settings_page
    page.form_cues.setFocus()

    qtbot.keyClick(page.form_cues, Qt.Key.Key_Space)  # not "pause": the form owns Space here
    qtbot.waitUntil(lambda: parts.saved != [], timeout=SETTLE_MS * 5)

    assert not page.form_cues.isChecked()
    assert window.voice is not None and window.voice.settings.form_cues is False
    assert parts.saved[-1] == VoiceSettings(rate=170, form_cues=False)


def test_a_new_voice_renders_the_selected_templates_phrases_again(
    window: MainWindow, qtbot: QtBot, parts: VoiceParts
) -> None:
    page = window.settings_page
    page.voice_choice.search.setText("french")
    assert page.voice_choice.shown_names() == ["Engine default", "French"]
    page.voice_choice.list.setCurrentIndex(page.voice_choice.model.index(4, 0))
    qtbot.waitUntil(lambda: len(parts.renderers) == 2, timeout=SETTLE_MS * 5)

    assert parts.renderer.closed
    assert parts.saved[-1].voice == "roa/fr"
    assert parts.renderers[1].requests, "the new voice is asked for the template's phrases"


def test_test_voice_says_the_sample_with_the_settings_just_chosen(
    window: MainWindow, qtbot: QtBot, parts: VoiceParts
) -> None:
    page = window.settings_page
    page.volume.setValue(40)
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)

    assert parts.saved[-1].volume == 0.4  # applied at once, not after the settle delay
    renderer = parts.renderers[-1]
    assert renderer.requests[-1] == ([TEST_PHRASE], True)
    assert window.voice is not None
    window.voice.on_rendered(renderer.finish(TEST_PHRASE))
    assert parts.audio.played[-1] == (renderer.rendered[TEST_PHRASE].path, 0.4)


def test_without_sound_the_test_button_says_why(window: MainWindow, qtbot: QtBot) -> None:
    voice = CueVoice(
        None, RecordingAudio(), {}, VoiceSettings(), audio_problem="no audio output device found"
    )
    window.attach_voice(voice, VoiceBridge(window))
    page = window.settings_page
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)

    assert page.status.text() == (
        "Sound off: no audio output device found. Cues are shown as captions."
        " Nothing can be said right now."
    )


def test_every_settings_control_has_a_name_and_an_accessible_name(window: MainWindow) -> None:
    page = window.settings_page
    for control in (
        page.voice_choice,
        page.rate,
        page.volume,
        page.speak_cues,
        page.play_sounds,
        page.form_cues,
        page.wait_for_done,
        page.test_button,
    ):
        assert control.objectName() and control.accessibleName()


def test_open_steps_wait_for_done_once_the_setting_is_ticked(
    window: MainWindow, qtbot: QtBot, parts: VoiceParts
) -> None:
    inchworms = open_template(expected_s=40)
    assert window.plans.plan(inchworms).steps[1].duration_s == 40.0
    page = window.settings_page
    assert page.wait_for_done.objectName() == "openStepsWaitForDone"
    assert not page.wait_for_done.isChecked()
    box = page.wait_for_done
    on_its_words = QPoint(box.fontMetrics().horizontalAdvance("Open"), box.height() // 2)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=on_its_words)
    qtbot.waitUntil(lambda: parts.saved != [], timeout=SETTLE_MS * 5)

    assert parts.saved[-1] == VoiceSettings(rate=170, open_steps_wait_for_done=True)
    assert window.plans.plan(inchworms).steps[1].duration_s is None  # Start runs this plan


# -- where the history lives (issue 14) --------------------------------------------------------


def test_choosing_a_history_folder_moves_the_files_and_is_saved(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = window._history
    store.append(small_record(1))
    synced = tmp_path / "Sync" / "hamtimer"
    monkeypatch.setattr(settings_page, "choose_folder", lambda _parent, _start: str(synced))
    window.navigation.setCurrentRow(SETTINGS_ROW)
    page = window.settings_page
    assert page.choose_history_folder.accessibleName()

    page.choose_history_folder.click()

    assert page.history_folder.text() == f"Kept in {synced}"
    assert page.history_status.text().startswith("Moved 1 files: the history is now in")
    assert store.folder == synced and [e.id for e in store.load().entries] == ["session-1"]
    assert list((synced / "sessions").rglob("session-1.json"))
    assert window._services.settings.history_folder() == synced

    page.default_history_folder.click()  # and back
    assert store.folder == window._services.paths.history_dir
    assert window._services.settings.history_folder() is None
    assert [e.id for e in store.load().entries] == ["session-1"]


def test_a_folder_that_cannot_be_used_is_refused_in_one_sentence(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder")
    monkeypatch.setattr(settings_page, "choose_folder", lambda _parent, _start: str(a_file))
    window.navigation.setCurrentRow(SETTINGS_ROW)
    before = window._history.folder

    window.settings_page.choose_history_folder.click()

    assert window.settings_page.history_status.text() == (
        f"{a_file} is a file, not a folder: choose a folder."
    )
    assert window._history.folder == before
    assert window._services.settings.history_folder() is None


def test_the_rate_slider_has_the_engines_default_in_the_middle_in_words_a_minute(
    qtbot: QtBot,
) -> None:
    """From "Engine default" one click on the old spin box gave 89 words a minute (far
    slower): the slider starts at the engine's own rate, in the middle, and steps by 5."""
    page = settings_page.SettingsPage(VoiceSettings())
    qtbot.addWidget(page)
    slider = page.rate.slider
    assert page.rate.text() == "175 words a minute, the engine's default"
    assert slider.value() == (slider.minimum() + slider.maximum()) / 2 == 175
    slider.triggerAction(slider.SliderAction.SliderSingleStepAdd)
    assert page.rate.rate() == 180
    assert page.rate.text() == "180 words a minute (faster than the default 175)"
    slider.setValue(173)  # a drag lands on a round number
    assert slider.value() == 175 and page.rate.rate() is None


def test_a_rate_change_is_used_and_saved_once_the_slider_settles(
    window: MainWindow, qtbot: QtBot, parts: VoiceParts
) -> None:
    page = window.settings_page
    for value in (180, 190, 200):
        page.rate.slider.setValue(value)
    qtbot.waitUntil(lambda: parts.saved != [], timeout=SETTLE_MS * 5)
    assert parts.saved == [VoiceSettings(rate=200)]  # one new renderer, not three
    assert len(parts.renderers) == 2


@pytest.mark.slow  # waits for the phrase's real length (about 5 s)
def test_test_voice_shows_what_it_says_and_when_it_is_done(
    window: MainWindow, qtbot: QtBot, parts: VoiceParts
) -> None:
    page = window.settings_page
    page.test_button.click()
    assert page.test_said.text() == f"Saying: “{TEST_PHRASE}”"
    assert not page.test_button.isEnabled()
    qtbot.waitUntil(lambda: page.test_said.text().startswith("Done:"), timeout=10_000)
    assert page.test_said.text().startswith("Done: that was the voice at 170 words a minute")
    assert page.test_button.isEnabled()


def test_voices_are_grouped_by_language_with_yours_first_and_searchable(
    qtbot: QtBot,
) -> None:
    picker = VoicePicker()
    qtbot.addWidget(picker)
    voices = (
        ("gmw/af", "Afrikaans"),
        ("gmw/en-US", "English (America)"),
        ("roa/fr-BE", "French (Belgium)"),
        ("roa/fr", "French (France)"),
        ("gmw/en", "English (Great Britain)"),
    )
    picker.set_voices(voices, "en_GB")
    assert picker.names() == [
        "Engine default",
        "[Your language: English]", "English (America)", "English (Great Britain)",
        "[Afrikaans]", "Afrikaans",
        "[French]", "French (Belgium)", "French (France)",
    ]  # fmt: skip
    picker.search.setText("belg")
    assert picker.shown_names() == ["Engine default", "French (Belgium)"]
    picker.search.setText("")
    assert len(picker.shown_names()) == 6
    picker.select("roa/fr")
    assert picker.current_voice() == "roa/fr"
    picker.select("mb/mb-en1")  # a saved voice the engine doesn't list stays chosen
    assert picker.current_voice() == "mb/mb-en1"


def test_the_users_language_comes_first_in_the_voice_list() -> None:
    voices = (
        ("gmw/af", "Afrikaans"),
        ("gmw/en-US", "English (America)"),
        ("roa/fr", "French"),
        ("gmw/en", "English (Great Britain)"),
    )
    groups = voice_groups(voices, "en_GB")
    assert [heading for heading, _voices in groups] == [
        "Your language: English", "Afrikaans", "French",
    ]  # fmt: skip
    assert [name for _id, name in groups[0][1]] == ["English (America)", "English (Great Britain)"]
    assert [heading for heading, _voices in voice_groups(voices, "C")] == [
        "Afrikaans", "English", "French",
    ]  # fmt: skip
