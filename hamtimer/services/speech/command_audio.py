"""Playback without Qt, for `hamtimer run`: sounds go to the platform's own command-line player.

The terminal mode must work with no display and no Qt, so it cannot use QSoundEffect. Starting
a player per sound (`paplay file.wav`) costs a process start and a server connection, which
now and then took 30 ms here: enough to push a countdown number off its second. So where the
player can read raw audio from its input (`pacat`, `aplay`), one process is started ahead of
time and waits, connected; a sound is written to it the moment it is due, and the next spare
is started in the background. Elsewhere (`afplay` on macOS) each sound starts its own player;
Windows uses `winsound` from the standard library.
"""

from __future__ import annotations

import array
import contextlib
import logging
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from hamtimer.services.speech.wav import PcmAudio, read_pcm

log = logging.getLogger(__name__)

PROBE_TIMEOUT_S = 3.0
SPARES_PER_RATE = 2
"""A step's sound and its first phrase start together: both find a player waiting."""
LITTLE_ENDIAN = sys.byteorder == "little"


@dataclass(frozen=True, slots=True)
class PlayerCommand:
    name: str
    probe: tuple[str, ...]
    """Succeeds only when this player has somewhere to play to."""
    stream: Callable[[int], list[str]] | None
    """A command that plays raw mono 16-bit samples at a rate from its input, if there is one."""
    file: Callable[[Path, float], list[str]]
    """A command that plays one WAV file at a volume."""


def _pacat(rate: int) -> list[str]:
    return ["pacat", "--playback", "--raw", "--format=s16ne", f"--rate={rate}", "--channels=1",
            "--latency-msec=20"]  # fmt: skip


def _aplay_raw(rate: int) -> list[str]:
    sample_format = "S16_LE" if LITTLE_ENDIAN else "S16_BE"
    return ["aplay", "-q", "-t", "raw", "-f", sample_format, "-r", str(rate), "-c", "1"]


PLAYERS = (
    PlayerCommand(
        "pacat",
        ("pactl", "info"),
        _pacat,
        lambda path, volume: ["paplay", f"--volume={round(volume * 65536)}", str(path)],
    ),
    PlayerCommand(
        "aplay", ("aplay", "-l"), _aplay_raw, lambda path, _v: ["aplay", "-q", str(path)]
    ),
    PlayerCommand(
        "afplay", ("true",), None, lambda path, volume: ["afplay", "-v", f"{volume:.2f}", str(path)]
    ),
)

Runner = Callable[[Sequence[str]], bool]


def _probe_succeeds(command: Sequence[str]) -> bool:
    try:
        done = subprocess.run(command, capture_output=True, timeout=PROBE_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and b"no soundcards" not in done.stderr


def find_player(
    which: Callable[[str], str | None] = shutil.which, probe: Runner = _probe_succeeds
) -> PlayerCommand | None:
    """The first player installed whose sound server or device answers."""
    for player in PLAYERS:
        if which(player.name) and which(player.probe[0]) and probe(player.probe):
            return player
    return None


def command_audio_problem(player: PlayerCommand | None, platform: str = sys.platform) -> str | None:
    """Why `hamtimer run` can't be heard, in words a user understands; None when it can."""
    if platform.startswith("win") or player is not None:
        return None
    return (
        "no sound device answered (hamtimer run plays through PulseAudio or PipeWire with"
        " pulseaudio-utils, or ALSA with alsa-utils)"
    )


Process = subprocess.Popen[bytes]


class CommandAudioPlayer:
    """Plays WAV files through a command-line player; safe to call from any thread."""

    def __init__(self, player: PlayerCommand | None) -> None:
        self._player = player
        self._lock = threading.Lock()
        self._audio: dict[Path, PcmAudio] = {}
        self._spares: dict[int, list[Process]] = {}
        self._starting: dict[int, int] = {}
        self._playing: list[Process] = []
        self._closed = False

    def preload(self, path: Path) -> None:
        """Read the file and have a player waiting for its sample rate."""
        audio = self._read(path)
        if audio is not None:
            with self._lock:
                self._keep_spare(audio.rate)

    def play(self, path: Path, volume: float) -> bool:
        """False when the sound could not start (unreadable file, player missing)."""
        if self._player is None:
            return _play_with_winsound(path)
        if self._player.stream is None:
            return self._start_file_player(path, volume)
        audio = self._read(path)
        if audio is None:
            return False
        with self._lock:
            process = self._take_spare(audio.rate) or self._start(audio.rate)  # cold start
            if process is None:
                return False
            self._playing = [p for p in self._playing if p.poll() is None] + [process]
            self._keep_spare(audio.rate)
        threading.Thread(target=_feed, args=(process, _scaled(audio, volume)), daemon=True).start()
        return True

    def stop_all(self) -> None:
        """Silence what is playing; the waiting spares stay ready for the next sound."""
        with self._lock:
            for process in self._playing:
                _end(process)
            self._playing.clear()

    def _read(self, path: Path) -> PcmAudio | None:
        audio = self._audio.get(path)
        if audio is None:
            try:
                audio = self._audio[path] = read_pcm(path)
            except (OSError, EOFError, ValueError) as error:
                log.warning("cannot read %s: %s", path.name, error)
                return None
        return audio

    def close(self) -> None:
        """Stop every player, playing or waiting (the app is leaving)."""
        self.stop_all()
        with self._lock:
            self._closed = True
            for spares in self._spares.values():
                for process in spares:
                    _end(process)
            self._spares.clear()

    def _take_spare(self, rate: int) -> Process | None:
        spares = self._spares.get(rate, [])
        while spares:
            process = spares.pop(0)
            if process.poll() is None:  # a spare can die with its sound server
                return process
        return None

    def _keep_spare(self, rate: int) -> None:
        """Top up the waiting players off the caller's thread: a process start takes ms.
        Call with the lock held."""
        if self._player is None or self._player.stream is None:
            return
        spares = self._spares.setdefault(rate, [])
        for _ in range(SPARES_PER_RATE - len(spares) - self._starting.get(rate, 0)):
            self._starting[rate] = self._starting.get(rate, 0) + 1
            threading.Thread(target=self._start_spare, args=(rate,), daemon=True).start()

    def _start_spare(self, rate: int) -> None:
        process = self._start(rate)
        with self._lock:
            self._starting[rate] -= 1
            if process is not None and self._closed:
                _end(process)
            elif process is not None:
                self._spares[rate].append(process)

    def _start(self, rate: int) -> Process | None:
        assert self._player is not None and self._player.stream is not None
        return _popen(self._player.stream(rate), stdin=subprocess.PIPE)

    def _start_file_player(self, path: Path, volume: float) -> bool:
        assert self._player is not None
        process = _popen(self._player.file(path, volume))
        if process is not None:
            with self._lock:
                self._playing = [p for p in self._playing if p.poll() is None] + [process]
        return process is not None


def _popen(command: list[str], stdin: int | None = None) -> Process | None:
    try:
        return subprocess.Popen(
            command, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
    except OSError as error:
        log.warning("cannot start %s: %s", command[0], error)
        return None


def _feed(process: Process, data: bytes) -> None:
    """Write the samples and close the input: the player drains them and exits."""
    assert process.stdin is not None
    try:
        process.stdin.write(data)
        process.stdin.close()
    except (OSError, ValueError):  # the player was stopped or died: nothing more to play
        pass


def _end(process: Process) -> None:
    if process.stdin is not None:
        with contextlib.suppress(OSError, ValueError):
            process.stdin.close()
    if process.poll() is None:
        process.kill()
    process.wait()


def _scaled(audio: PcmAudio, volume: float) -> bytes:
    if volume >= 1.0:
        return audio.samples.tobytes()
    return array.array("h", (round(value * volume) for value in audio.samples)).tobytes()


def _play_with_winsound(path: Path) -> bool:
    if not sys.platform.startswith("win"):
        return False
    import winsound

    winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC)
    return True
