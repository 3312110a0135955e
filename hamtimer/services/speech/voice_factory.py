"""Builds the cue voice for a frontend: the same renderer, sounds and settings, with the
frontend's own audio output (Qt Multimedia in the window, a command player in the terminal)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hamtimer.core.announcements import Sound
from hamtimer.services.settings import SettingsStore, VoiceSettings
from hamtimer.services.speech.cue_voice import AudioOut, CueVoice, LiveSpeech

if TYPE_CHECKING:
    from hamtimer.services.paths import AppPaths
    from hamtimer.services.speech.renderer import PhraseRenderer, RenderedPhrase, RendererStatus

log = logging.getLogger(__name__)


def _ignore_status(_status: RendererStatus) -> None:
    return


@dataclass(frozen=True, slots=True)
class VoiceOutput:
    """Where a frontend's voice is heard, and how the renderer's news reaches it."""

    audio: AudioOut
    problem: str | None
    """Why `audio` can't play (no device, no player), or None."""
    on_rendered: Callable[[RenderedPhrase], None] | None = None
    """Hops a rendered phrase to the thread that owns `audio`; None calls the voice directly
    from the renderer's thread (the command player is thread-safe)."""
    on_status: Callable[[RendererStatus], None] = _ignore_status
    live_factory: Callable[[], LiveSpeech] | None = None


def build_voice(paths: AppPaths, settings_store: SettingsStore, output: VoiceOutput) -> CueVoice:
    from hamtimer.services.speech.renderer import PhraseRenderer, default_engine_key

    settings, settings_problem = settings_store.load()
    if settings_problem:
        log.warning("%s", settings_problem)
    voice: CueVoice | None = None

    def rendered(phrase: RenderedPhrase) -> None:
        if voice is not None:
            voice.on_rendered(phrase)

    def make_renderer(chosen: VoiceSettings) -> PhraseRenderer:
        return PhraseRenderer(
            paths.speech_cache_dir,
            engine_key=default_engine_key(),
            voice=chosen.voice,
            rate=chosen.rate,
            on_rendered=output.on_rendered or rendered,
            on_status=output.on_status,
        )

    voice = CueVoice(
        make_renderer(settings) if output.problem is None else None,
        output.audio,
        {sound: paths.sounds_dir / f"{sound.value}.wav" for sound in Sound},
        settings,
        audio_problem=output.problem,
        live_factory=output.live_factory,
        renderer_factory=make_renderer,
        save_settings=settings_store.save,
    )
    return voice
