"""The terminal's player: which command is chosen, and what reaches the command's input.

Stand-in players are small Python commands that write what they receive to a file, so the
samples can be checked; the real `pacat` is exercised by the end-to-end audio test.
"""

from __future__ import annotations

import array
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from hamtimer.services.speech.command_audio import (
    PLAYERS,
    CommandAudioPlayer,
    PlayerCommand,
    command_audio_problem,
    find_player,
)
from hamtimer.services.speech.wav import PcmAudio, write_pcm

COPY_INPUT = (
    "import os, sys; data = sys.stdin.buffer.read();"
    " open(os.path.join(sys.argv[1], str(os.getpid()) + '.raw'), 'wb').write(data)"
)
WRITE_ARGS = (
    "import os, sys; open(os.path.join(sys.argv[1], 'args'), 'w').write(repr(sys.argv[2:]))"
)


def stream_player(out: Path) -> PlayerCommand:
    return PlayerCommand(
        "stand-in",
        ("true",),
        lambda _rate: [sys.executable, "-c", COPY_INPUT, str(out)],
        lambda path, volume: [sys.executable, "-c", WRITE_ARGS, str(out), str(path), str(volume)],
    )


@pytest.fixture
def players() -> Iterator[list[CommandAudioPlayer]]:
    """Players made by a test, closed after it so no waiting process outlives it."""
    made: list[CommandAudioPlayer] = []
    yield made
    for player in made:
        player.close()


def wav(tmp_path: Path, samples: list[int], name: str = "phrase.wav") -> Path:
    path = tmp_path / name
    write_pcm(path, PcmAudio(array.array("h", samples), 22050))
    return path


def wait_for(condition: Callable[[], object], timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def received(out: Path) -> list[array.array[int]]:
    found = []
    for path in sorted(out.glob("*.raw")):
        samples = array.array("h")
        samples.frombytes(path.read_bytes())
        found.append(samples)
    return found


def test_the_first_player_whose_server_answers_is_chosen() -> None:
    installed = {"pacat", "pactl", "aplay"}

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


def test_a_sound_reaches_a_waiting_player_at_the_chosen_volume(
    tmp_path: Path, players: list[CommandAudioPlayer]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    phrase = wav(tmp_path, [1000, -2000, 3000, 0])
    player = CommandAudioPlayer(stream_player(out))
    players.append(player)
    player.preload(phrase)

    assert player.play(phrase, 0.5) is True
    wait_for(lambda: received(out))

    assert list(received(out)[0]) == [500, -1000, 1500, 0]


def test_sounds_due_together_both_play_in_full(
    tmp_path: Path, players: list[CommandAudioPlayer]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    long_phrase = wav(tmp_path, [700] * 100_000, "long.wav")  # more than a pipe holds
    tick = wav(tmp_path, [300] * 50, "tick.wav")
    player = CommandAudioPlayer(stream_player(out))
    players.append(player)
    player.preload(tick)

    assert player.play(long_phrase, 1.0) and player.play(tick, 1.0)
    wait_for(lambda: len(received(out)) == 2 and max(map(len, received(out))) == 100_000)

    assert sorted(map(len, received(out))) == [50, 100_000]


def test_an_unreadable_file_is_not_played(
    tmp_path: Path, players: list[CommandAudioPlayer]
) -> None:
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"not a wav")
    players.append(CommandAudioPlayer(stream_player(tmp_path)))
    assert players[0].play(broken, 1.0) is False


def test_a_player_without_raw_input_is_started_once_per_file(
    tmp_path: Path, players: list[CommandAudioPlayer]
) -> None:
    phrase = wav(tmp_path, [1, 2, 3])
    file_only = PlayerCommand("afplay", ("true",), None, stream_player(tmp_path).file)
    players.append(CommandAudioPlayer(file_only))

    assert players[0].play(phrase, 0.8) is True
    wait_for(lambda: (tmp_path / "args").exists())

    assert (tmp_path / "args").read_text() == repr([str(phrase), "0.8"])


@pytest.mark.skipif(sys.platform.startswith("win"), reason="winsound plays there")
def test_without_any_player_nothing_plays(tmp_path: Path) -> None:
    assert CommandAudioPlayer(None).play(wav(tmp_path, [1]), 1.0) is False
