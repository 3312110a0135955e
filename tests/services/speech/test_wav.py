"""WAV helpers: the silent tail the window's player stops its sounds in."""

from __future__ import annotations

import array
from pathlib import Path

from hamtimer.services.speech.wav import (
    PcmAudio,
    read_pcm,
    wav_length_s,
    write_pcm,
    write_with_silence_after,
)


def test_a_copy_with_silence_after_keeps_the_sound_and_adds_only_silence(tmp_path: Path) -> None:
    source, copy = tmp_path / "phrase.wav", tmp_path / "copy.wav"
    write_pcm(source, PcmAudio(array.array("h", [1000, -2000, 3000] * 7350), 22050))

    length_s = write_with_silence_after(source, copy, 0.5)

    assert length_s == wav_length_s(source) == 1.0
    padded = read_pcm(copy)
    assert padded.rate == 22050
    assert padded.samples[:22050] == read_pcm(source).samples
    assert padded.samples[22050:] == array.array("h", [0] * 11025)
    assert not list(tmp_path.glob("*.part"))
