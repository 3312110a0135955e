"""Speech for the voice-command tests and benchmark: phrases rendered by espeak-ng (the engine
the app's own cues are rendered with), as the recogniser's 16 kHz mono 16-bit audio.

espeak-ng writes 22,050 Hz; the microphone path gets 16 kHz from `parec`, so the samples are
resampled here (linear interpolation: enough for speech, nothing to install)."""

from __future__ import annotations

import array
import io
import shutil
import subprocess
import wave
from functools import cache

from hamtimer.core.announcements import spoken_phrases
from hamtimer.core.plan import compile_plan
from hamtimer.services.templates import builtin_templates
from hamtimer.services.voice_commands import SAMPLE_RATE

ALL_VOICES = tuple(
    (voice, speed)
    for voice in ("en-us", "en", "en-us+m3", "en-us+f3")
    for speed in (140, 150, 175, 200)
)
"""espeak-ng voices and speeds (words a minute) the commands are said in: the app's own
voice, British English, a lower and a female variant."""
MALE_VOICES = tuple((voice, speed) for voice, speed in ALL_VOICES if voice != "en-us+f3")
"""In these no command is heard as another; in en-us+f3 some are (the benchmark reports
which)."""
WARM_UP_S = 8.0
"""The recogniser normalises to what it has heard; a session always starts with the app's
own phrases (the session's opening lines), so the tests start it the same way."""


def espeak_wav(text: str, voice: str = "en-us", words_a_minute: int = 175) -> bytes:
    """The WAV file espeak-ng writes for `text` (22,050 Hz), with a true header (written to
    a pipe, espeak-ng's claims the longest length there is)."""
    if shutil.which("espeak-ng") is None:
        raise RuntimeError("espeak-ng is missing: `make test` installs it")
    command = ["espeak-ng", "-v", voice, "-s", str(words_a_minute), "--stdout", text]
    streamed = subprocess.run(command, capture_output=True, check=True, timeout=30).stdout
    with wave.open(io.BytesIO(streamed)) as reader:
        parameters = reader.getparams()
        frames = reader.readframes(reader.getnframes())
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setparams(parameters)
        writer.writeframes(frames)
    return out.getvalue()


@cache
def spoken(text: str, voice: str = "en-us", words_a_minute: int = 175) -> bytes:
    """`text` said by espeak-ng, as 16 kHz mono 16-bit samples."""
    with wave.open(io.BytesIO(espeak_wav(text, voice, words_a_minute))) as reader:
        rate = reader.getframerate()
        samples = array.array("h", reader.readframes(reader.getnframes()))
    return resampled(samples, rate, SAMPLE_RATE).tobytes()


def resampled(samples: array.array[int], rate: int, target: int) -> array.array[int]:
    count = len(samples) * target // rate
    last = len(samples) - 1
    step = rate / target
    out = array.array("h", bytes(2 * count))
    for i in range(count):
        position = i * step
        j = int(position)
        following = samples[min(last, j + 1)]
        out[i] = int(samples[j] + (following - samples[j]) * (position - j))
    return out


def silence(seconds: float) -> bytes:
    return bytes(2 * round(seconds * SAMPLE_RATE))


def app_phrases() -> list[str]:
    """Every phrase the app says in its built-in sessions (the speech cache's list for each
    plan), each once, in order of first use."""
    phrases: dict[str, None] = {}
    for loaded in builtin_templates():
        for phrase in spoken_phrases(compile_plan(loaded.template)):
            phrases.setdefault(phrase)
    return list(phrases)


def warm_up_audio() -> bytes:
    """The first of the app's phrases, about WARM_UP_S long."""
    audio = b""
    for phrase in app_phrases():
        if len(audio) >= WARM_UP_S * SAMPLE_RATE * 2:
            break
        audio += spoken(phrase) + silence(0.3)
    return audio
