"""Playback with Qt Multimedia: one preloaded QSoundEffect per rendered phrase and sound.

QSoundEffect is made for short, low-latency WAVs: it decodes once, then `play()` starts the
sound within a few milliseconds. Qt Multimedia is imported only here and only when the window
needs it: without Debian's libpulse0 the import fails, and the app carries on with captions.
All methods run on the GUI thread.

Every sound is stopped by this player, never left to end by itself. Since Qt 6.10 a QSoundEffect
plays each sound as a "voice" on a real-time audio thread, and a voice that ends there can be
destroyed there (the audio thread may hold its last reference). The voice's socket notifier is
then torn down from the wrong thread, and the GUI thread's event loop spins for ever on its
closed descriptor: the window freezes (PySide6 6.12, about one short session in 20 on an
overloaded machine: tests/bench/loaded_sessions.py). A voice stopped from the GUI thread is
destroyed on the GUI thread, so each sound plays from a copy with TAIL_SILENCE_S of silence
after it, and is stopped STOP_AFTER_END_S after its audible end, while that silence plays.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hamtimer.services.guarded_file import read_bytes
from hamtimer.services.speech.cue_voice import AudioOut
from hamtimer.services.speech.mixer import KEEP_ALIVE_HZ, keep_alive_tone
from hamtimer.services.speech.wav import (
    MAX_WAV_BYTES,
    PcmAudio,
    wav_length_s,
    write_pcm,
    write_with_silence_after,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QTimer
    from PySide6.QtMultimedia import QSoundEffect

log = logging.getLogger(__name__)

TAIL_SILENCE_S = 0.6
KEEP_ALIVE_RATE = 22050
STOP_AFTER_END_S = 0.2
"""Late enough that a voice which started a little late is not cut; the rest of the silence
covers a GUI thread that is itself late to stop it."""


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


def window_audio(copies_dir: Path) -> tuple[AudioOut, str | None]:
    """The window's output and why it can't be heard (None: it can). The in-process stream
    first, as in `hamtimer run`, opened only while a session needs it (see
    services/speech/session_stream.py for why and when). QSoundEffect where PortAudio or an
    output device is missing."""
    from hamtimer.services.speech.session_stream import SessionStreamPlayer
    from hamtimer.services.speech.stream_audio import stream_problem

    problem = stream_problem()
    if problem is None:
        return SessionStreamPlayer(), None
    log.warning("audio: %s; playing with Qt Multimedia instead", problem)
    return QtAudioPlayer(copies_dir), audio_problem()


@dataclass(slots=True)
class _LoadedSound:
    effect: QSoundEffect
    stopper: QTimer


class QtAudioPlayer:
    """Plays WAV files by path. Call `preload` as soon as a file exists; `play` is then instant.

    The silent-tailed copies are kept in `copies_dir`, named by their source's content."""

    def __init__(self, copies_dir: Path) -> None:
        self._copies_dir = copies_dir
        self._sounds: dict[Path, _LoadedSound] = {}
        self._keep_alive: QSoundEffect | None = None

    def preload(self, path: Path) -> None:
        if path in self._sounds:
            return
        from PySide6.QtCore import Qt, QTimer, QUrl
        from PySide6.QtMultimedia import QSoundEffect

        source, length_s = self._with_silent_tail(path)
        effect = QSoundEffect()
        stopper = QTimer(effect, singleShot=True, timerType=Qt.TimerType.PreciseTimer)
        stopper.timeout.connect(effect.stop)
        name = path.name
        effect.statusChanged.connect(lambda: log.debug("%s: %s", name, effect.status().name))
        effect.playingChanged.connect(lambda: log.debug("%s playing: %s", name, effect.isPlaying()))
        if length_s is not None:
            stop_ms = round((length_s + STOP_AFTER_END_S) * 1000)

            def time_the_stop() -> None:
                # From the voice's start, which is later than play() while still loading.
                if effect.isPlaying():
                    stopper.start(stop_ms)

            effect.playingChanged.connect(time_the_stop)
        effect.setSource(QUrl.fromLocalFile(str(source)))
        self._sounds[path] = _LoadedSound(effect, stopper)

    def play(self, path: Path, volume: float, at: float | None = None) -> bool:
        """False when the sound could not start (not loaded yet, or the device failed).
        QSoundEffect starts when asked: `at` (the planned moment) is not used."""
        self.preload(path)
        effect = self._sounds[path].effect
        if effect.status() == effect.Status.Error:
            log.warning("cannot play %s", path.name)
            return False
        if effect.isPlaying():
            effect.stop()  # its earlier voice, stopped here rather than left to end on its own
        effect.setVolume(volume)
        effect.play()
        return True

    def keep_awake(self, on: bool) -> None:
        """Loop the inaudible keep-alive tone (services/speech/mixer.py) while `on`. It never
        ends by itself, and is stopped from this thread like every other sound."""
        if on and self._keep_alive is None:
            self._keep_alive = self._looping_keep_alive()
        effect = self._keep_alive
        if effect is None or on == effect.isPlaying():
            return
        if on:
            effect.play()
        else:
            effect.stop()

    def _looping_keep_alive(self) -> QSoundEffect | None:
        from PySide6.QtCore import QUrl
        from PySide6.QtMultimedia import QSoundEffect

        path = self._copies_dir / f"keep-alive-{KEEP_ALIVE_HZ}hz.wav"
        try:
            if not path.exists():
                self._copies_dir.mkdir(parents=True, exist_ok=True)
                write_pcm(path, PcmAudio(keep_alive_tone(KEEP_ALIVE_RATE), KEEP_ALIVE_RATE))
        except OSError as error:
            log.warning("no keep-alive tone: %s", error)
            return None
        effect = QSoundEffect()
        effect.setLoopCount(QSoundEffect.Loop.Infinite.value)
        effect.setSource(QUrl.fromLocalFile(str(path)))
        return effect

    def stop_all(self) -> None:
        for sound in self._sounds.values():
            sound.stopper.stop()
            sound.effect.stop()

    def close(self) -> None:
        self.stop_all()
        self.keep_awake(False)

    def _with_silent_tail(self, path: Path) -> tuple[Path, float | None]:
        """The copy to play and the length of its sound; the original and None when no copy
        can be made (it then plays as it is, left to end by itself)."""
        try:
            data = read_bytes(path, max_bytes=MAX_WAV_BYTES)  # guarded: no FIFO, bounded
            digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()[:16]
            copy = self._copies_dir / f"{path.stem}-{digest}.wav"
            if copy.exists():
                return copy, wav_length_s(path)
            self._copies_dir.mkdir(parents=True, exist_ok=True)
            return copy, write_with_silence_after(path, copy, TAIL_SILENCE_S)
        except (OSError, ValueError) as error:
            log.warning("%s plays without a silent tail: %s", path.name, error)
            return path, None
