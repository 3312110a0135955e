"""Small WAV helpers (16-bit PCM, the format espeak-ng and our sounds use).

Speech engines pad phrases with silence. Trimming the lead-in makes a phrase's onset the moment
it is played, so a countdown number lands on the second; trimming the tail makes its length the
time the voice is actually heard, which the plan uses to keep phrases from overlapping.
"""

from __future__ import annotations

import array
import io
import os
import sys
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

from hamtimer.services.guarded_file import read_bytes

SILENCE_LEVEL = 500
"""Samples below this (of 32767) count as silence: about -36 dBFS."""
KEEP_TAIL_S = 0.05


@dataclass(frozen=True, slots=True)
class PcmAudio:
    samples: array.array[int]
    rate: int

    @property
    def length_s(self) -> float:
        return len(self.samples) / self.rate

    def peak(self) -> int:
        return max((abs(value) for value in self.samples), default=0)


MAX_WAV_BYTES = 50_000_000
MAX_PHRASE_S = 600.0
"""No cached phrase or sound is ten minutes long; a header claiming more is damaged."""


def _open(path: Path) -> wave.Wave_read:
    """ValueError for a damaged file (wave raises its own Error); OSError if unreadable.
    Read whole through the guarded reader (a regular file, bounded) and checked against its
    header: a header claiming a huge data chunk once made a get-ready step 37 hours long."""
    data = read_bytes(path, max_bytes=MAX_WAV_BYTES)
    try:
        reader = wave.open(io.BytesIO(data), "rb")  # noqa: SIM115 (the caller closes it)
    except (wave.Error, EOFError) as error:
        raise ValueError(f"{path.name}: {error}") from error
    frame_bytes = reader.getsampwidth() * reader.getnchannels()
    claimed = reader.getnframes() * frame_bytes
    rate = reader.getframerate()
    if rate <= 0 or claimed > len(data) or reader.getnframes() / rate > MAX_PHRASE_S:
        reader.close()
        raise ValueError(f"{path.name}: the header does not match the audio in the file")
    return reader


def read_pcm(path: Path) -> PcmAudio:
    """Mono 16-bit PCM; other layouts are refused (our engines never produce them)."""
    with _open(path) as reader:
        if reader.getsampwidth() != 2 or reader.getnchannels() != 1:
            raise ValueError(f"{path.name}: expected mono 16-bit PCM")
        samples = array.array("h")
        samples.frombytes(reader.readframes(reader.getnframes()))
        rate = reader.getframerate()
    if sys.byteorder == "big":
        samples.byteswap()
    return PcmAudio(samples, rate)


def write_pcm(path: Path, audio: PcmAudio) -> None:
    samples = array.array("h", audio.samples)
    if sys.byteorder == "big":
        samples.byteswap()
    _write_frames(path, channels=1, width=2, rate=audio.rate, frames=samples.tobytes())


def write_with_silence_after(source: Path, target: Path, seconds: float) -> float:
    """Copy `source` to `target` with `seconds` of silence after it; returns the length of
    `source` in seconds."""
    with _open(source) as reader:
        channels, width, rate, count = (
            reader.getnchannels(), reader.getsampwidth(), reader.getframerate(), reader.getnframes()
        )  # fmt: skip
        frames = reader.readframes(count)
    silent_byte = b"\x80" if width == 1 else b"\x00"  # 8-bit WAV samples are unsigned
    silence = silent_byte * (round(seconds * rate) * channels * width)
    _write_frames(target, channels, width, rate, frames + silence)
    return count / rate


def _write_frames(path: Path, channels: int, width: int, rate: int, frames: bytes) -> None:
    """Written to a temporary name of its own first: a reader never sees half a file, and two
    running copies of the app writing the same phrase never write into one file."""
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".part")
    os.close(descriptor)
    partial = Path(name)
    try:
        with wave.open(name, "wb") as writer:
            writer.setnchannels(channels)
            writer.setsampwidth(width)
            writer.setframerate(rate)
            writer.writeframes(frames)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def trimmed(audio: PcmAudio) -> PcmAudio:
    """Without the silence before the voice starts and after it ends (a short tail is kept)."""
    loud = [i for i, value in enumerate(audio.samples) if abs(value) >= SILENCE_LEVEL]
    if not loud:
        return PcmAudio(array.array("h"), audio.rate)
    end = min(len(audio.samples), loud[-1] + 1 + int(KEEP_TAIL_S * audio.rate))
    return PcmAudio(audio.samples[loud[0] : end], audio.rate)


def wav_length_s(path: Path) -> float:
    with _open(path) as reader:
        return reader.getnframes() / reader.getframerate()
