"""Playback without Qt, for `hamtimer run`: each sound is handed to a command-line player.

The terminal mode must work with no display and no Qt, so it cannot use QSoundEffect. Every
desktop it runs on has a player: `paplay` (PulseAudio and PipeWire), `aplay` (bare ALSA),
`afplay` (macOS); Windows has `winsound` in the standard library. One player process per sound:
measured here, `paplay` started within 4 ms of its moment at p95 (7 ms worst of 60), while a
player kept waiting on a pipe (`pacat`) now and then lost a short sound entirely. `paplay`
asks for a 30 ms latency: with its default buffering, a phrase now and then started a few
hundred milliseconds late and ran into the next one.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

PROBE_TIMEOUT_S = 3.0
CLOSE_WAIT_S = 5.0


@dataclass(frozen=True, slots=True)
class PlayerCommand:
    name: str
    probe: tuple[str, ...]
    """Succeeds only when this player has somewhere to play to."""
    command: Callable[[Path, float], list[str]]
    """Plays one WAV file at a volume (0-1)."""


PLAYERS = (
    PlayerCommand(
        "paplay",
        ("pactl", "info"),
        lambda path, volume: [
            "paplay",
            "--latency-msec=30",
            f"--volume={round(volume * 65536)}",
            str(path),
        ],
    ),
    PlayerCommand("aplay", ("aplay", "-l"), lambda path, _volume: ["aplay", "-q", str(path)]),
    PlayerCommand(
        "afplay", ("true",), lambda path, volume: ["afplay", "-v", f"{volume:.2f}", str(path)]
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
        self._playing: list[Process] = []

    def preload(self, path: Path) -> None:
        """Nothing to do: the player reads the file when it starts."""

    def play(self, path: Path, volume: float, at: float | None = None) -> bool:
        """False when the sound could not start (no player, or it failed to launch). A process
        can't be told when to start: it plays now, whatever `at` says."""
        if self._player is None:
            return _play_with_winsound(path)
        command = self._player.command(path, volume)
        try:
            process = subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=False
            )
        except OSError as error:
            log.warning("cannot start %s: %s", command[0], error)
            return False
        with self._lock:
            self._playing = [p for p in self._playing if p.poll() is None] + [process]
        return True

    def keep_awake(self, on: bool) -> None:
        """Nothing to keep awake with: there is no stream between sounds."""

    def stop_all(self) -> None:
        with self._lock:
            for process in self._playing:
                if process.poll() is None:
                    process.kill()
                process.wait()
            self._playing.clear()

    def close(self) -> None:
        """Let what is playing finish (the closing "well done"), up to CLOSE_WAIT_S."""
        with self._lock:
            playing, self._playing = self._playing, []
        deadline = time.monotonic() + CLOSE_WAIT_S
        for process in playing:
            try:
                process.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _play_with_winsound(path: Path) -> bool:
    if not sys.platform.startswith("win"):
        return False
    import winsound

    winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC)
    return True
