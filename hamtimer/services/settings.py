"""The user's settings (voice, rate, volume, what to hear, whether open steps wait for Done,
whether to listen for spoken commands; where the history lives; reminders), as JSON in the
config folder: `{"schema_version": 1, "voice": {...}, "history": {"folder": "..."},
"reminders": {"enabled": true, "time": "18:00"}}`.

A damaged settings file never stops the app: it is renamed aside (kept, never deleted), the
defaults load, and the caller gets one line to show the user.
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import asdict, dataclass, fields
from datetime import time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hamtimer.services.atomic_file import write_atomic
from hamtimer.services.guarded_file import read_json
from hamtimer.services.logging_setup import FILE_ONLY
from hamtimer.services.set_aside import set_aside

if TYPE_CHECKING:
    from hamtimer.core.screen_reader import ReaderSettings

log = logging.getLogger(__name__)

MIN_RATE, MAX_RATE = 80, 300
DEFAULT_PEDAL_KEY = "F8"
"""What a USB foot pedal is set to type, unless the user chose another key: a key nothing
else uses (most pedals can be programmed to type any key)."""
MAX_KEY_TEXT = 40
MAX_SETTINGS_BYTES = 1_000_000
MAX_READER_S = 600
MAX_GEOMETRY_TEXT = 2_000
"""A window geometry is ~70 bytes of base64; anything much longer was not written by us."""


class Appearance(StrEnum):
    """The window's colours: the desktop's light or dark scheme, or one chosen here."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"
    CONTRAST = "high-contrast"

    @property
    def label(self) -> str:
        """How Settings offers it."""
        return _APPEARANCE_LABELS[self]


class TextSize(StrEnum):
    """How large the window's text is, the run screen's included (for low vision)."""

    NORMAL = "normal"
    LARGE = "large"
    LARGER = "larger"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def scale(self) -> float:
        """How much larger than the type scale's sizes."""
        return _TEXT_SCALES[self]


_TEXT_SCALES = {TextSize.NORMAL: 1.0, TextSize.LARGE: 1.25, TextSize.LARGER: 1.5}


_APPEARANCE_LABELS = {
    Appearance.SYSTEM: "Follow the system",
    Appearance.LIGHT: "Light",
    Appearance.DARK: "Dark",
    Appearance.CONTRAST: "High contrast",
}


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
    listen_for_commands: bool = False
    """Voice commands ("timer pause"…): the microphone is open while a session runs. Off
    unless the user turns it on (Settings, or `hamtimer run --listen` for one session)."""
    reader_seconds_every_s: int = 10
    """With a screen reader: how often it is told the seconds left (0: only on request)."""
    reader_speaks_cues: bool = False
    """The screen reader says the form cues; hamtimer's own voice says no phrases then (its
    sounds stay), so the two never talk over each other."""

    def reader(self) -> ReaderSettings:
        from hamtimer.core.screen_reader import ReaderSettings  # the engine: after start-up

        return ReaderSettings(self.reader_seconds_every_s, self.reader_speaks_cues)


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


DEFAULT_REMINDER_TIME = time(18, 0)
"""After work, before dinner: a time most runners are home, with the laptop."""


@dataclass(frozen=True, slots=True)
class ReminderSettings:
    """A desktop notification on planned days at `at` (local time), with a Start action.
    The planned sessions' calendar events are put at this time too."""

    enabled: bool = False
    at: time = DEFAULT_REMINDER_TIME

    def to_document(self) -> dict[str, Any]:
        return {"enabled": self.enabled, "time": f"{self.at:%H:%M}"}


def parse_reminder_time(text: str) -> time:
    """'18:00' or '7:30' -> a time; ValueError says what is expected."""
    hours, _, minutes = text.strip().partition(":")
    try:
        return time(int(hours), int(minutes))
    except ValueError:
        raise ValueError(f"'{text}' is not a time like 18:00") from None


def saved_reminders(path: Path) -> ReminderSettings:
    """The reminder settings; the defaults (off) when absent or unreadable. Read without
    setting anything aside: the voice settings' load reports a damaged file."""
    try:
        section = read_json(path, max_bytes=MAX_SETTINGS_BYTES)["reminders"]
        enabled, at = section["enabled"], parse_reminder_time(section["time"])
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError):
        return ReminderSettings()
    return ReminderSettings(enabled, at) if isinstance(enabled, bool) else ReminderSettings()


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

    def appearance(self) -> Appearance:
        """The colours chosen in Settings; anything unreadable means "follow the system"."""
        value = _window_value(self.path, "appearance")
        try:
            return Appearance(str(value))
        except ValueError:
            return Appearance.SYSTEM

    def save_appearance(self, appearance: Appearance) -> None:
        self._save_window_value("appearance", appearance.value)

    def text_size(self) -> TextSize:
        """The text size chosen in Settings; anything unreadable means normal."""
        try:
            return TextSize(str(_window_value(self.path, "text_size")))
        except ValueError:
            return TextSize.NORMAL

    def save_text_size(self, size: TextSize) -> None:
        self._save_window_value("text_size", size.value)

    def window_geometry(self) -> str | None:
        """The window's last size and place as the window saved it (Qt's geometry, in
        base64); None when there is none or it is not text of a sane length."""
        value = _window_value(self.path, "geometry")
        if isinstance(value, str) and 0 < len(value) <= MAX_GEOMETRY_TEXT:
            return value
        return None

    def save_window_geometry(self, geometry: str) -> None:
        self._save_window_value("geometry", geometry[:MAX_GEOMETRY_TEXT])

    def system_was_dark(self) -> bool | None:
        """Whether the desktop was dark when the window last asked (True), so the next
        window's first frame is drawn in those colours before Qt is asked (asking builds
        PySide6's whole Qt namespace, 11 ms of that frame); None when never asked."""
        value = _window_value(self.path, "system_dark")
        return value if isinstance(value, bool) else None

    def save_system_was_dark(self, dark: bool) -> None:
        self._save_window_value("system_dark", dark)

    def _save_window_value(self, key: str, value: object) -> None:
        section = _window_section(self.path)
        section[key] = value
        _save_section(self.path, "window", section)

    def reminders(self) -> ReminderSettings:
        return saved_reminders(self.path)

    def save_reminders(self, reminders: ReminderSettings) -> None:
        _save_section(self.path, "reminders", reminders.to_document())

    def last_template(self) -> str | None:
        """The id of the template last started on Train, so the next launch shows it; None
        when there is none yet or it can't be read (Train then picks one itself)."""
        try:
            document = read_json(self.path, max_bytes=MAX_SETTINGS_BYTES)
            template_id = document["train"]["last_template"]
        except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError):
            return None
        return template_id if isinstance(template_id, str) and template_id else None

    def save_last_template(self, template_id: str) -> None:
        _save_section(self.path, "train", {"last_template": template_id})


def _window_section(path: Path) -> dict[str, object]:
    """The settings file's "window" section (appearance, geometry), {} when unreadable."""
    try:
        document = read_json(path, max_bytes=MAX_SETTINGS_BYTES)
        section = document["window"]
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError):
        return {}
    return dict(section) if isinstance(section, dict) else {}


def _window_value(path: Path, key: str) -> object:
    return _window_section(path).get(key)


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
    every = settings.reader_seconds_every_s
    if isinstance(every, bool) or not isinstance(every, int) or not 0 <= every <= MAX_READER_S:
        raise ValueError(f"reader_seconds_every_s must be 0-{MAX_READER_S}")
    if not isinstance(settings.pedal_key, str) or len(settings.pedal_key) > MAX_KEY_TEXT:
        raise TypeError("pedal_key must be a key's name")
    flags = (
        "voice_muted",
        "sounds_muted",
        "form_cues",
        "open_steps_wait_for_done",
        "listen_for_commands",
        "reader_speaks_cues",
        "keep_speakers_awake",
    )
    for flag in flags:
        if not isinstance(getattr(settings, flag), bool):
            raise TypeError(f"{flag} must be true or false")
