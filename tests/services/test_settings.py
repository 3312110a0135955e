from __future__ import annotations

from pathlib import Path

import pytest

from hamtimer.services.settings import VoiceSettings, load_settings, save_settings


def test_saved_settings_load_back(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.json"
    chosen = VoiceSettings(voice="gmw/en-GB", rate=150, volume=0.5, form_cues=False)
    save_settings(path, chosen)
    assert load_settings(path) == (chosen, None)
    assert not list(path.parent.glob("*.part"))


def test_the_open_step_setting_is_saved_and_older_files_load_without_it(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(path, VoiceSettings(open_steps_wait_for_done=True))
    assert load_settings(path)[0].open_steps_wait_for_done is True
    path.write_text('{"schema_version": 1, "voice": {"rate": 150}}', encoding="utf-8")
    assert load_settings(path) == (VoiceSettings(rate=150), None)


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
    assert (tmp_path / "settings.json.damaged").read_bytes() == content
