from __future__ import annotations

from pathlib import Path

import pytest

from hamtimer.services.settings import (
    DEFAULT_PEDAL_KEY,
    SettingsStore,
    VoiceSettings,
    load_settings,
    save_settings,
)


def test_saved_settings_load_back(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.json"
    chosen = VoiceSettings(voice="gmw/en-GB", rate=150, volume=0.5, form_cues=False)
    save_settings(path, chosen)
    assert load_settings(path) == (chosen, None)
    assert not list(path.parent.glob("*.part"))


def test_keep_speakers_awake_is_off_by_default_and_saved(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert VoiceSettings().keep_speakers_awake is False
    save_settings(path, VoiceSettings(keep_speakers_awake=True))
    assert load_settings(path)[0].keep_speakers_awake is True


def test_the_open_step_setting_is_saved_and_older_files_load_without_it(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(path, VoiceSettings(open_steps_wait_for_done=True))
    assert load_settings(path)[0].open_steps_wait_for_done is True
    path.write_text('{"schema_version": 1, "voice": {"rate": 150}}', encoding="utf-8")
    assert load_settings(path) == (VoiceSettings(rate=150), None)


def test_the_pedal_key_is_saved_and_older_files_get_the_default(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(path, VoiceSettings(pedal_key="F9"))
    assert load_settings(path)[0].pedal_key == "F9"
    save_settings(path, VoiceSettings(pedal_key=""))  # no pedal
    assert load_settings(path)[0].pedal_key == ""
    path.write_text('{"schema_version": 1, "voice": {"rate": 150}}', encoding="utf-8")
    assert load_settings(path)[0].pedal_key == DEFAULT_PEDAL_KEY


@pytest.mark.parametrize("bad", ["7", "null", '"' + "x" * 100 + '"'])
def test_a_pedal_key_that_is_not_a_key_name_sets_the_file_aside(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(f'{{"schema_version": 1, "voice": {{"pedal_key": {bad}}}}}', encoding="utf-8")
    settings, message = load_settings(path)
    assert settings == VoiceSettings() and message is not None


def test_no_file_gives_defaults_without_a_message(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "settings.json") == (VoiceSettings(), None)


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe\x00garbage",
        b'{"voice": {"rate": "fast"}}',
        b'{"voice": {"volume": 7}}',
        b'{"voice": {"open_steps_wait_for_done": "yes"}}',
        b'{"voice": {"keep_speakers_awake": 1}}',
        b'{"voice": []}',
        b"[]",
    ],
)
def test_a_damaged_file_is_kept_aside_and_defaults_load(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)

    settings, message = load_settings(path)

    assert settings == VoiceSettings()
    assert message is not None and "settings.json.damaged" in message
    [aside] = tmp_path.glob("settings.json.damaged-*")  # stamped (issue 14): see below
    assert aside.read_bytes() == content


def test_a_second_damaged_file_never_overwrites_the_first(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    for content in (b"{first", b"{second"):
        path.write_bytes(content)
        load_settings(path)
    kept = sorted(aside.read_bytes() for aside in tmp_path.glob("settings.json.damaged-*"))
    assert kept == [b"{first", b"{second"]


def test_the_history_folder_is_kept_beside_the_voice_settings(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    store.save(VoiceSettings(rate=150))
    store.save_history_folder(tmp_path / "synced")
    store.save(VoiceSettings(rate=160))
    assert store.history_folder() == tmp_path / "synced"
    assert store.load() == (VoiceSettings(rate=160), None)
    store.save_history_folder(None)
    assert store.history_folder() is None
