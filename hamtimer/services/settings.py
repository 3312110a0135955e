"""The user's settings (voice, rate, volume, what to hear, whether open steps wait for Done;
where the history lives), as JSON in the config folder:
`{"schema_version": 1, "voice": {...}, "history": {"folder": "..."}}`.

A damaged settings file never stops the app: it is renamed aside (kept, never deleted), the
defaults load, and the caller gets one line to show the user.
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from hamtimer.services.atomic_file import write_atomic
from hamtimer.services.guarded_file import read_json
from hamtimer.services.logging_setup import FILE_ONLY
from hamtimer.services.set_aside import set_aside

log = logging.getLogger(__name__)

MIN_RATE, MAX_RATE = 80, 300
DEFAULT_PEDAL_KEY = "F8"
"""What a USB foot pedal is set to type, unless the user chose another key: a key nothing
else uses (most pedals can be programmed to type any key)."""
MAX_KEY_TEXT = 40
MAX_SETTINGS_BYTES = 1_000_000


@dataclass(slots=True)
class VoiceSettings:
    voice: str | None = None
    """An engine voice id; None is the engine's default."""
    rate: int | None = None
    """Words a minute; None is the engine's default (about 175 for espeak-ng)."""
    volume: float = 1.0
    voice_muted: bool = False
    sounds_muted: bool = False
    form_cues: bool = True
    open_steps_wait_for_done: bool = False
    """Open steps (distances, "until done") wait for Done instead of moving on after their
    expected time; the plan is compiled with it (`compile_plan(wait_for_done=...)`)."""
    pedal_key: str = DEFAULT_PEDAL_KEY
    """The key a foot pedal types (Qt's portable key text, e.g. "F8"); it pauses and resumes.
    Empty: no pedal."""
    keep_speakers_awake: bool = False
    """While a session runs, an inaudible tone keeps the output busy: some Bluetooth speakers
    sleep on silence and clip the first word of the next phrase."""


def load_settings(path: Path) -> tuple[VoiceSettings, str | None]:
    """The saved settings and, if the file was unusable, a message saying where it went."""
    try:
        document = read_json(path, max_bytes=MAX_SETTINGS_BYTES)
        return _from_document(document), None
    except FileNotFoundError:
        return VoiceSettings(), None
    except (OSError, UnicodeDecodeError, ValueError, TypeError) as error:
        try:
            aside = set_aside(path)  # stamped: a second damaged file never overwrites the first
        except OSError:
            aside = path
        log.warning("settings file unusable (%s); kept as %s", error, aside, extra=FILE_ONLY)
        return (
            VoiceSettings(),
            f"Your settings file was damaged; defaults are used (kept as {aside}).",
        )


def save_settings(path: Path, settings: VoiceSettings) -> None:
    """Atomic: a crash leaves the old file or the new one, never half of either."""
    _save_section(path, "voice", asdict(settings))


def _save_section(path: Path, key: str, value: object) -> None:
    """Replace one section, keeping the others (a damaged file is set aside first)."""
    try:
        document = read_json(path, max_bytes=MAX_SETTINGS_BYTES)
        if not isinstance(document, dict):
            raise TypeError("not an object")
    except FileNotFoundError:
        document = {}
    except (OSError, UnicodeDecodeError, ValueError, TypeError):
        with contextlib.suppress(OSError):
            set_aside(path)
        document = {}
    document.update({"schema_version": 1, key: value})
    write_atomic(path, json.dumps(document, indent=2))


def saved_history_folder(path: Path) -> Path | None:
    """The history folder the user chose (Settings), or None for the default. Read without
    setting anything aside: the voice settings' load reports a damaged file."""
    try:
        document = read_json(path, max_bytes=MAX_SETTINGS_BYTES)
        folder = document["history"]["folder"]
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError):
        return None
    return Path(folder) if isinstance(folder, str) and Path(folder).is_absolute() else None


class SettingsStore:
    """The settings file, for whoever reads or changes the settings (built once, in app.py)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> tuple[VoiceSettings, str | None]:
        return load_settings(self.path)

    def save(self, settings: VoiceSettings) -> None:
        save_settings(self.path, settings)

    def history_folder(self) -> Path | None:
        return saved_history_folder(self.path)

    def save_history_folder(self, folder: Path | None) -> None:
        """None goes back to the default folder."""
        _save_section(self.path, "history", {"folder": None if folder is None else str(folder)})


def _from_document(document: Any) -> VoiceSettings:
    if not isinstance(document, dict):
        raise TypeError("the settings are not a JSON object")
    values = document.get("voice", {})
    if not isinstance(values, dict):
        raise TypeError("'voice' is not an object")
    known = {f.name for f in fields(VoiceSettings)}
    settings = VoiceSettings(**{k: v for k, v in values.items() if k in known})
    _check(settings)
    return settings


def _check(settings: VoiceSettings) -> None:
    if settings.voice is not None and not isinstance(settings.voice, str):
        raise TypeError("voice must be text")
    if settings.rate is not None and not (
        isinstance(settings.rate, int) and MIN_RATE <= settings.rate <= MAX_RATE
    ):
        raise ValueError(f"rate must be {MIN_RATE}-{MAX_RATE} words a minute")
    volume = settings.volume
    if isinstance(volume, bool) or not isinstance(volume, int | float) or not 0 <= volume <= 1:
        raise ValueError("volume must be between 0 and 1")
    if not isinstance(settings.pedal_key, str) or len(settings.pedal_key) > MAX_KEY_TEXT:
        raise TypeError("pedal_key must be a key's name")
    flags = ("voice_muted", "sounds_muted", "form_cues", "open_steps_wait_for_done")
    for flag in (*flags, "keep_speakers_awake"):
        if not isinstance(getattr(settings, flag), bool):
            raise TypeError(f"{flag} must be true or false")
