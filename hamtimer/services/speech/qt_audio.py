"""Playback with Qt Multimedia: one preloaded QSoundEffect per rendered phrase and sound.

QSoundEffect is made for short, low-latency WAVs: it decodes once, then `play()` starts the
sound within a few milliseconds. Qt Multimedia is imported only here and only when the window
needs it: without Debian's libpulse0 the import fails, and the app carries on with captions.
All methods run on the GUI thread.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QSoundEffect

log = logging.getLogger(__name__)


def audio_problem() -> str | None:
    """Why nothing can be heard, in words a user understands; None when an output exists."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError as error:
        missing = "libpulse0" if "libpulse" in str(error) else str(error)
        return f"the audio library is missing ({missing}); install it to hear cues"
    if not QMediaDevices.audioOutputs():
        return "no audio output device found"
    return None


class QtAudioPlayer:
    """Plays WAV files by path. Call `preload` as soon as a file exists; `play` is then instant."""

    def __init__(self) -> None:
        self._effects: dict[Path, QSoundEffect] = {}

    def preload(self, path: Path) -> None:
        if path in self._effects:
            return
        from PySide6.QtCore import QUrl
        from PySide6.QtMultimedia import QSoundEffect

        effect = QSoundEffect()
        name = path.name
        effect.statusChanged.connect(lambda: log.debug("%s: %s", name, effect.status().name))
        effect.playingChanged.connect(lambda: log.debug("%s playing: %s", name, effect.isPlaying()))
        effect.setSource(QUrl.fromLocalFile(str(path)))
        self._effects[path] = effect

    def play(self, path: Path, volume: float) -> bool:
        """False when the sound could not start (not loaded yet, or the device failed)."""
        self.preload(path)
        effect = self._effects[path]
        if effect.status() == effect.Status.Error:
            log.warning("cannot play %s", path.name)
            return False
        effect.setVolume(volume)
        effect.play()
        return True

    def stop_all(self) -> None:
        for effect in self._effects.values():
            effect.stop()

    def close(self) -> None:
        self.stop_all()
