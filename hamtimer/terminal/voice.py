"""The voice of `hamtimer run`: pyttsx3 in a child process, heard through a command player
(paplay, pw-play, aplay...), its phrases rendered before the session starts."""

from __future__ import annotations

import time

from hamtimer.core.model import Template
from hamtimer.core.plan import Plan, compile_plan
from hamtimer.services.app_services import Services
from hamtimer.services.speech.command_audio import (
    CommandAudioPlayer,
    command_audio_problem,
    find_player,
)
from hamtimer.services.speech.cue_voice import CueVoice
from hamtimer.services.speech.voice_factory import VoiceOutput

PRE_RENDER_WAIT_S = 10.0
"""`hamtimer run` waits this long at most for its phrases before the session starts."""


def terminal_voice(services: Services) -> CueVoice:
    """Close it when the session is over (it owns a child process)."""
    player = find_player()
    return services.make_voice(
        VoiceOutput(CommandAudioPlayer(player), command_audio_problem(player))
    )


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
