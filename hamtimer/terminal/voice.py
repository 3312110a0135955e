"""The voice of `hamtimer run`: pyttsx3 in a child process, heard through one in-process
output stream (or, where none opens, a command player: paplay, aplay...), its phrases rendered
before the session starts."""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from functools import partial

from hamtimer.core.model import Template
from hamtimer.core.plan import Plan, compile_plan
from hamtimer.services.app_services import Services
from hamtimer.services.speech.command_audio import (
    CommandAudioPlayer,
    command_audio_problem,
    find_player,
)
from hamtimer.services.speech.cue_voice import AudioOut, CueVoice
from hamtimer.services.speech.stream_audio import (
    NoOutputStreamError,
    StreamAudioPlayer,
    StreamOpener,
    open_sounddevice_stream,
)
from hamtimer.services.speech.voice_factory import VoiceOutput

log = logging.getLogger(__name__)

PRE_RENDER_WAIT_S = 10.0
"""`hamtimer run` waits this long at most for its phrases before the session starts."""
LATENCY_S = 0.25
"""The stream's device buffer. With the default 100 ms, on a two-core machine running four busy
processes, the device ran dry up to 6 times a session, and each time the sounds of the next
second came up to 54 ms late; with 250 ms it never ran dry and the worst sound was 13 ms off
(tests/bench/phrase_onset_bench.py --busy 4; README). The cost is a constant delay: a sound is
heard about 0.3 s after its moment instead of 0.15 s, which the terminal, read from the mat
when at all, can afford; the window, whose countdown is watched, keeps the default."""
STREAM_OPENER: StreamOpener = partial(open_sounddevice_stream, latency_s=LATENCY_S)


def terminal_voice(
    services: Services,
    keep_speakers_awake: bool = False,
    opener: StreamOpener = STREAM_OPENER,
) -> CueVoice:
    """Close it when the session is over (it owns a child process and the output stream).
    `keep_speakers_awake` (--keep-speakers-awake) turns the keep-alive on for this run."""
    audio, problem = terminal_audio(opener)
    voice = services.make_voice(VoiceOutput(audio, problem))
    if keep_speakers_awake:
        voice.settings = replace(voice.settings, keep_speakers_awake=True)  # not saved
    return voice


def terminal_audio(opener: StreamOpener = STREAM_OPENER) -> tuple[AudioOut, str | None]:
    """The in-process stream; the command player when it can't open (said once, in the log).
    The second item says why nothing can be heard, if nothing can."""
    try:
        return StreamAudioPlayer.open(opener), None
    except NoOutputStreamError as error:
        log.warning("audio: %s; playing each sound with a command-line player instead", error)
    player = find_player()
    return CommandAudioPlayer(player), command_audio_problem(player)


def prepare_voice(voice: CueVoice, template: Template, wait_s: float = PRE_RENDER_WAIT_S) -> Plan:
    """Render the template's phrases (up to `wait_s`, before the session starts), then
    compile its plan with their measured lengths so no phrase runs into the next (and with
    the voice's settings: whether open steps wait for Done)."""
    wait_for_done = voice.settings.open_steps_wait_for_done
    plan = compile_plan(template, voice.speech_length, wait_for_done=wait_for_done)
    voice.prepare(plan)
    deadline = time.monotonic() + wait_s
    while not voice.is_prepared(plan) and time.monotonic() < deadline:
        time.sleep(0.05)
    return compile_plan(template, voice.speech_length, wait_for_done=wait_for_done)
