"""Every phrase and sound of a recorded session, found by cross-correlation with its own audio.

A session run with `--log-events` says what was due and when: each step's sound, each phrase
(announcement, setup line, form cue, tempo word), each countdown number, the closing line. The
audio of each is known exactly: phrases are the speech cache's WAV files, sounds the app's
assets. So each one is looked for in the recording by normalised cross-correlation with its
own waveform, near the moment the plan gives it: a phrase that runs into another, or plays
over a sound, is still found (an onset detector sees one long sound there).

The recorder and the app share no clock: the whole expected track is first aligned with the
recording (one cross-correlation), then each item is found within a window around its place,
and the one constant offset left (output latency) is taken out as the median error.
"""

from __future__ import annotations

import itertools
import json
import statistics
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from hamtimer.core.announcements import STEP_SOUNDS, Sound, countdown_phrase
from hamtimer.core.vocabulary import StepKind
from hamtimer.services.speech.renderer import (
    cache_key_prefix,
    default_engine_key,
    phrase_cache_path,
)

RATE = 22050
"""The recording's rate: the rate of espeak-ng's phrases and of the app's sounds."""
SEARCH_S = (0.3, 0.8)
"""An item is looked for this far before and after its aligned place (s)."""
MIN_MATCH = 0.35
"""Normalised correlation below this: the item was not heard."""
CLEAR_MATCH = 0.8
"""A match this good is certain: it is subtracted before the rest are looked for again."""
QUIET_FLOOR = 0.1
"""A stretch of the recording this much quieter than the item counts as this loud."""

Samples = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Expected:
    label: str
    kind: str
    """announce, setup, form, tempo, halfway... (the cue's kind), countdown or sound."""
    planned: float
    audio: Samples

    @property
    def spoken(self) -> bool:
        return self.kind != "sound"

    @property
    def length_s(self) -> float:
        return len(self.audio) / RATE


@dataclass(frozen=True, slots=True)
class Found:
    item: Expected
    onset: float | None
    """Seconds into the recording; None when it was not heard."""
    match: float
    error_s: float | None = None
    """Onset minus its planned place, once the constant latency is taken out."""


def read_wav(path: Path) -> Samples:
    with wave.open(str(path), "rb") as reader:
        if reader.getframerate() != RATE or reader.getsampwidth() != 2:
            raise ValueError(f"{path.name}: expected 16-bit PCM at {RATE} Hz")
        frames = reader.readframes(reader.getnframes())
        channels = reader.getnchannels()
    samples = np.frombuffer(frames, dtype="<i2").astype(np.float64)
    return samples.reshape(-1, channels).mean(axis=1)


def recorded(raw: bytes) -> Samples:
    return np.frombuffer(raw[: len(raw) // 2 * 2], dtype="<i2").astype(np.float64)


def expected_items(
    events_log: Path, finish_text: str, speech_cache: Path, sounds_dir: Path
) -> list[Expected]:
    """What the session was to play, from its event log and its plan's closing line (default
    voice settings: every form cue spoken, countdown numbers spoken instead of ticked)."""
    prefix = cache_key_prefix(default_engine_key(), None, None)
    records = [json.loads(line) for line in events_log.read_text().splitlines()]
    items: list[Expected] = []

    def phrase(text: str, kind: str, planned: float) -> None:
        path = phrase_cache_path(speech_cache, prefix, text)
        items.append(Expected(text, kind, planned, read_wav(path)))

    def sound(which: Sound, planned: float) -> None:
        items.append(Expected(which.value, "sound", planned, read_wav(sounds_dir / f"{which}.wav")))

    for record in records:
        planned = record["planned"]
        if record["event"] == "step_started":
            step_sound = STEP_SOUNDS.get(StepKind(record["kind"]))
            if step_sound is not None:
                sound(step_sound, planned)
        elif record["event"] == "cue":
            phrase(record["text"], record["cue_kind"], planned)
        elif record["event"] == "countdown":
            phrase(countdown_phrase(record["number"]), "countdown", planned)
        elif record["event"] == "session_finished":
            phrase(finish_text, "finish", planned)
            sound(Sound.DONE, planned)
    return items


def _normalised_correlation(segment: Samples, reference: Samples) -> Samples:
    """corr[k] = <segment[k:k+n], reference> / (|segment[k:k+n]| |reference|), via FFT."""
    n = len(reference)
    size = 1 << (len(segment) + n).bit_length()
    spectrum = np.fft.rfft(segment, size) * np.conj(np.fft.rfft(reference, size))
    raw = np.fft.irfft(spectrum, size)[: len(segment) - n + 1]
    energy = np.concatenate(([0.0], np.cumsum(segment * segment)))
    local = np.sqrt(np.maximum(energy[n:] - energy[:-n], 0.0))
    norm = float(np.linalg.norm(reference))
    # Near-silence is not a match: the floor keeps rounding noise over ~0 from scoring high.
    result: Samples = raw / (norm * np.maximum(local, QUIET_FLOOR * norm) + 1e-9)
    return result


def _aligned_start(recording: Samples, items: list[Expected]) -> int:
    """The recording's sample at which the first item's planned moment falls: the lag at which
    the whole expected track best matches the recording."""
    first = min(item.planned for item in items)
    length = max(round((i.planned - first) * RATE) + len(i.audio) for i in items)
    track = np.zeros(length)
    for item in items:
        start = round((item.planned - first) * RATE)
        track[start : start + len(item.audio)] += item.audio
    size = 1 << (len(recording) + length).bit_length()
    spectrum = np.fft.rfft(recording, size) * np.conj(np.fft.rfft(track, size))
    correlation = np.fft.irfft(spectrum, size)[: max(1, len(recording) - length + 1)]
    return int(np.argmax(correlation))


def find_items(
    recording: Samples, items: list[Expected], search_s: tuple[float, float] = SEARCH_S
) -> list[Found]:
    """Each item's onset in the recording, with its error once the latency is taken out.

    Items that play together (a step's sound and its first phrase) hide each other from the
    correlation, so it takes two passes: what stands out clearly is found first and subtracted
    from the recording, then everything is looked for again in what is left."""
    if not items:
        return []
    first = min(item.planned for item in items)
    anchor = _aligned_start(recording, items)
    found = [
        _search(recording, item, anchor + round((item.planned - first) * RATE), search_s)
        for item in items
    ]
    residual = recording.copy()
    for f in found:
        if f.onset is not None and f.match >= CLEAR_MATCH:
            _subtract(residual, f.item.audio, round(f.onset * RATE))
    again = [
        f
        if f.match >= CLEAR_MATCH
        else _search(residual, f.item, _place(f, anchor, first), search_s)
        for f in found
    ]
    return _with_errors(again, anchor / RATE, first)


def _place(found: Found, anchor: int, first: float) -> int:
    return anchor + round((found.item.planned - first) * RATE)


def _search(recording: Samples, item: Expected, place: int, search_s: tuple[float, float]) -> Found:
    before, after = round(search_s[0] * RATE), round(search_s[1] * RATE)
    low = max(0, place - before)
    segment = recording[low : place + after + len(item.audio)]
    if len(segment) < len(item.audio):
        return Found(item, None, 0.0)
    correlation = _normalised_correlation(segment, item.audio)
    best = int(np.argmax(correlation))
    match = float(correlation[best])
    return Found(item, (low + best) / RATE if match >= MIN_MATCH else None, match)


def _subtract(recording: Samples, audio: Samples, start: int) -> None:
    """Take `audio`, at the level it was recorded, out of `recording` from `start`."""
    part = recording[start : start + len(audio)]
    heard = audio[: len(part)]
    gain = float(np.dot(part, heard) / max(float(np.dot(heard, heard)), 1e-9))
    recording[start : start + len(heard)] -= gain * heard


def _with_errors(found: list[Found], anchor_s: float, first: float) -> list[Found]:
    raw = {id(f): f.onset - anchor_s - (f.item.planned - first) for f in found if f.onset}
    latency = statistics.median(raw.values()) if raw else 0.0
    return [
        Found(f.item, f.onset, f.match, raw[id(f)] - latency if id(f) in raw else None)
        for f in found
    ]


def overlapping(found: list[Found]) -> list[tuple[Found, Found]]:
    """Pairs of spoken phrases where the second starts before the first has ended. (A step's
    sound starts with the step's first phrase by design; sounds are timed, not counted here.)"""
    heard = sorted((f for f in found if f.item.spoken and f.onset is not None), key=_onset)
    return [(a, b) for a, b in itertools.pairwise(heard) if _onset(b) < _end(a)]


def _onset(found: Found) -> float:
    assert found.onset is not None
    return found.onset


def _end(found: Found) -> float:
    return _onset(found) + found.item.length_s
