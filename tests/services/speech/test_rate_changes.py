"""Quick changes of the speaking rate while phrases render (a user dragging the rate slider):
old renderers are superseded, never failed, and every phrase of the selected template ends
up rendered at the chosen rate, and audible."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

from hamtimer.core.announcements import Sound, spoken_phrases
from hamtimer.core.plan import compile_plan
from hamtimer.services.settings import VoiceSettings
from hamtimer.services.speech.cue_voice import CueVoice
from hamtimer.services.speech.renderer import PhraseRenderer
from hamtimer.services.speech.wav import SILENCE_LEVEL, read_pcm
from hamtimer.services.templates import builtin_templates
from tests.fakes import RecordingAudio

RATES = (180, 190, 200, 180, 210, 170, 190, 220, 160, 195)
WAIT_S = 120.0


@pytest.mark.e2e  # real espeak-ng, one worker process per rate
@pytest.mark.slow
def test_ten_quick_rate_changes_leave_every_phrase_rendered_and_audible(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    made: list[PhraseRenderer] = []

    def renderer_for(settings: VoiceSettings) -> PhraseRenderer:
        renderer = PhraseRenderer(tmp_path, engine_key="espeak", rate=settings.rate)
        made.append(renderer)
        return renderer

    first = VoiceSettings(rate=175)
    sounds = {sound: tmp_path / f"{sound.value}.wav" for sound in Sound}
    voice = CueVoice(
        renderer_for(first), RecordingAudio(), sounds, first, renderer_factory=renderer_for
    )
    bridge = next(
        t.template for t in builtin_templates() if t.template.id == "isometric-bridge-hold"
    )
    plan = compile_plan(bridge)
    phrases = spoken_phrases(plan)
    caplog.set_level(logging.WARNING)
    try:
        voice.prepare(plan)
        for rate in RATES:
            time.sleep(0.15)  # a slider dragged: changes while the first phrases render
            voice.apply_settings(VoiceSettings(rate=rate))
        final = made[-1]
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline and not all(final.lookup(p) for p in phrases):
            time.sleep(0.2)
        missing = [p for p in phrases if final.lookup(p) is None]
        assert missing == [], f"not rendered at the final rate: {missing[:5]}"
        for phrase in phrases:
            rendered = final.lookup(phrase)
            assert rendered is not None
            assert read_pcm(rendered.path).peak() > 4 * SILENCE_LEVEL, phrase
        failed = [r.getMessage() for r in caplog.records if "could not render" in r.getMessage()]
        assert failed == []
    finally:
        voice.close()
        for renderer in made:
            renderer.close(timeout_s=5)
