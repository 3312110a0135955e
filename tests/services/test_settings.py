from __future__ import annotations

from pathlib import Path

import pytest

from hamtimer.services.settings import (
    DEFAULT_PEDAL_KEY,
    Appearance,
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


def test_the_appearance_and_window_geometry_are_kept_beside_the_voice(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    assert store.appearance() == Appearance.SYSTEM  # nothing saved yet
    assert store.window_geometry() is None
    assert store.system_was_dark() is None  # never asked
    store.save(VoiceSettings(rate=150))
    store.save_appearance(Appearance.DARK)
    store.save_window_geometry("AdnQywADAAA=")
    store.save_system_was_dark(True)
    store.save(VoiceSettings(rate=160))  # saving the voice keeps the window's section
    assert store.appearance() == Appearance.DARK
    assert store.window_geometry() == "AdnQywADAAA="
    assert store.system_was_dark() is True
    assert store.load()[0].rate == 160


@pytest.mark.parametrize(
    "window",
    [
        '{"appearance": "purple", "geometry": 42, "system_dark": "yes"}',
        '{"appearance": null, "geometry": "", "system_dark": 1}',
        '"not an object"',
        '{"geometry": "' + "A" * 5000 + '"}',
    ],
)
def test_an_unusable_window_section_means_the_defaults(tmp_path: Path, window: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"schema_version": 1, "window": ' + window + "}")
    store = SettingsStore(path)
    assert store.appearance() == Appearance.SYSTEM
    assert store.window_geometry() is None
    assert store.system_was_dark() is None


def test_the_last_template_started_is_kept_beside_the_other_settings(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    assert store.last_template() is None
    store.save(VoiceSettings(rate=150))
    store.save_last_template("hinge-to-march")
    store.save_history_folder(tmp_path / "synced")
    assert store.last_template() == "hinge-to-march"
    assert store.load() == (VoiceSettings(rate=150), None)
    assert store.history_folder() == tmp_path / "synced"


@pytest.mark.parametrize(
    "content",
    [b'{"train": {"last_template": 5}}', b'{"train": []}', b'{"train": {"last_template": ""}}',
     b"\xff\xfe not json"],
)  # fmt: skip
def test_an_unusable_last_template_is_none(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    assert SettingsStore(path).last_template() is None
    assert path.read_bytes() == content  # reading it changes nothing


def test_the_screen_reader_settings_are_saved_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(path, VoiceSettings(reader_seconds_every_s=0, reader_speaks_cues=True))
    loaded = load_settings(path)[0]
    assert loaded.reader().seconds_every_s == 0 and loaded.reader().reader_speaks_cues
    for bad in ("-1", "601", "true", '"10"'):
        path.write_text(
            f'{{"schema_version": 1, "voice": {{"reader_seconds_every_s": {bad}}}}}',
            encoding="utf-8",
        )
        settings, message = load_settings(path)
        assert settings == VoiceSettings() and message is not None, bad
