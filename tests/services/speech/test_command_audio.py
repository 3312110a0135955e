"""The terminal's player: which command is chosen, and what it is asked to play.

A stand-in player (a small Python command that writes its arguments to a file) shows the
command line; the real `paplay` is exercised by the end-to-end audio test.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from hamtimer.services.speech.command_audio import (
    PLAYERS,
    CommandAudioPlayer,
    PlayerCommand,
    command_audio_problem,
    find_player,
)

WRITE_ARGS = (
    "import os, sys; open(os.path.join(sys.argv[1], 'args'), 'w').write(repr(sys.argv[2:]))"
)
SLEEP = "import time; time.sleep(60)"


def test_the_first_player_whose_server_answers_is_chosen() -> None:
    installed = {"paplay", "pactl", "aplay"}

    def which(name: str) -> str | None:
        return f"/usr/bin/{name}" if name in installed else None

    def probe(command: Sequence[str]) -> bool:
        return command[0] == "aplay"  # no PulseAudio server, but an ALSA card

    chosen = find_player(which, probe)
    assert chosen is not None and chosen.name == "aplay"
    assert find_player(which, lambda _command: False) is None


def test_no_player_is_a_problem_in_words_except_on_windows() -> None:
    assert command_audio_problem(PLAYERS[0]) is None
    assert command_audio_problem(None, platform="win32") is None
    message = command_audio_problem(None, platform="linux")
    assert message is not None and message.startswith("no sound device answered")


def test_paplay_gets_the_file_and_the_volume_on_its_scale() -> None:
    assert PLAYERS[0].command(Path("/c/three.wav"), 0.5) == [
        "paplay",
        "--latency-msec=30",
        "--volume=32768",
        "/c/three.wav",
    ]


def test_each_sound_starts_the_player_with_its_file(tmp_path: Path) -> None:
    phrase = tmp_path / "phrase.wav"
    stand_in = PlayerCommand(
        "stand-in",
        ("true",),
        lambda path, volume: [
            sys.executable,
            "-c",
            WRITE_ARGS,
            str(tmp_path),
            str(path),
            str(volume),
        ],
    )

    player = CommandAudioPlayer(stand_in)
    assert player.play(phrase, 0.8) is True
    player.close()  # waits for the player to finish

    assert (tmp_path / "args").read_text() == repr([str(phrase), "0.8"])


def test_stop_silences_what_is_playing(tmp_path: Path) -> None:
    long_sound = PlayerCommand("stand-in", ("true",), lambda _p, _v: [sys.executable, "-c", SLEEP])
    player = CommandAudioPlayer(long_sound)
    player.play(tmp_path / "long.wav", 1.0)

    started = time.monotonic()
    player.stop_all()
    assert time.monotonic() - started < 5


def test_a_player_that_cannot_start_is_reported(tmp_path: Path) -> None:
    missing = PlayerCommand("gone", ("true",), lambda _p, _v: [str(tmp_path / "no-such-player")])
    assert CommandAudioPlayer(missing).play(tmp_path / "x.wav", 1.0) is False


@pytest.mark.skipif(sys.platform.startswith("win"), reason="winsound plays there")
def test_without_any_player_nothing_plays(tmp_path: Path) -> None:
    assert CommandAudioPlayer(None).play(tmp_path / "x.wav", 1.0) is False
