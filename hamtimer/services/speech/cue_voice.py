"""The speech service: what the session says and plays, and why it can't when it can't.

Engines, best first: pyttsx3 in a child process (espeak-ng, SAPI5, NSSpeechSynthesizer)
renders every phrase of a plan to a cached WAV ahead of time, played at its moment; then a
live fallback (Qt's QTextToSpeech) when pyttsx3 is missing; then captions alone. The session
never waits for speech: a phrase not rendered when it is due is rendered at once and played
only if it is still fresh (LATE_LIMIT_S), otherwise the caption carries it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol, runtime_checkable

from hamtimer.core.announcements import Announcement, Sound, announcement_for, spoken_phrases
from hamtimer.core.engine import EngineEvent, SessionFinished, SessionStopped, StepStarted
from hamtimer.core.plan import Plan, estimate_speech_s
from hamtimer.services.settings import VoiceSettings
from hamtimer.services.speech.renderer import (
    RenderedPhrase,
    RendererState,
    RendererStatus,
)
from hamtimer.services.speech.wav import wav_length_s

log = logging.getLogger(__name__)

LATE_LIMIT_S = 0.6
"""A phrase rendered this late after its moment is still worth saying; later, it is dropped."""


class AudioOut(Protocol):
    def preload(self, path: Path) -> None: ...
    def play(self, path: Path, volume: float, at: float | None = None) -> bool:
        """Start `path` at monotonic moment `at` (an event's planned moment; None: now).
        A player that can't schedule plays it when called."""

    def keep_awake(self, on: bool) -> None:
        """Keep the output from going silent (Bluetooth speakers), where the player can."""

    def stop_all(self) -> None: ...
    def close(self) -> None: ...


@runtime_checkable
class HeldOutput(Protocol):
    """An output that holds its audio device only while it is needed (the window's stream,
    services/speech/session_stream.py); other outputs hold theirs all along."""

    def expect_session(self) -> None:
        """A session was chosen and may start soon: get the device ready now."""

    def hold(self, on: bool) -> None:
        """Keep the device while a session runs (on); let it go once all is heard (off)."""

    @property
    def ready(self) -> bool:
        """Whether a sound played now starts on time (a new stream may not keep pace yet)."""


class PhraseSource(Protocol):
    """Rendered phrases by text (`PhraseRenderer`): looked up now, or requested for later."""

    @property
    def status(self) -> RendererStatus: ...
    def lookup(self, text: str) -> RenderedPhrase | None: ...
    def request(self, texts: Iterable[str], urgent: bool = False) -> None: ...
    def close(self, timeout_s: float = ...) -> None: ...


class LiveSpeech(Protocol):
    """An engine that speaks text directly (no files, no known length)."""

    name: str
    usable: bool | None
    """None while it starts; then whether it can speak."""
    problem: str

    def say(self, text: str, volume: float) -> None: ...
    def close(self) -> None: ...


class CueVoice:
    def __init__(
        self,
        renderer: PhraseSource | None,
        audio: AudioOut | None,
        sounds: dict[Sound, Path],
        settings: VoiceSettings,
        *,
        audio_problem: str | None = None,
        live: LiveSpeech | None = None,
        live_factory: Callable[[], LiveSpeech] | None = None,
        clock: Callable[[], float] = time.monotonic,
        renderer_factory: Callable[[VoiceSettings], PhraseSource] | None = None,
        save_settings: Callable[[VoiceSettings], None] = lambda _settings: None,
    ) -> None:
        self._renderer = renderer
        self._renderer_factory = renderer_factory
        self._save_settings = save_settings
        self._heard_whenever: set[str] = set()
        self.muted = False
        """M in the window: silence for now, without changing the saved settings."""
        self._audio = audio if audio_problem is None else None
        self._held_output = self._audio if isinstance(self._audio, HeldOutput) else None
        self._holding = False
        self._audio_problem = audio_problem
        self._sounds = sounds
        self.settings = settings
        self._live = live
        self._live_factory = live_factory
        self._clock = clock
        self._late: dict[str, float] = {}
        self.audible_until = 0.0
        """When the last phrase or sound played ends (the clock's time): spoken commands are
        not listened to before then, so the app's own voice never gives one. A float, set on
        the session's thread and read on the listener's (one read is atomic in CPython)."""
        self._sound_lengths = {sound: _length_or_guess(path) for sound, path in sounds.items()}
        self._wanted: list[str] = []
        """The phrases of the plan last prepared: a renderer started for a new voice or
        rate renders them too (else a rate change left the session's phrases unrendered)."""
        for path in sounds.values():
            if self._audio is not None:
                self._audio.preload(path)

    # -- before a session ------------------------------------------------------------------

    def prepare(self, plan: Plan) -> None:
        """Start rendering every phrase of `plan` in the background."""
        wanted = spoken_phrases(plan)
        chosen = wanted != self._wanted  # not the window re-preparing the same session
        self._wanted = wanted
        if chosen and self._held_output is not None and not self._holding:
            self._held_output.expect_session()
        if self._renderer is not None and self._audio is not None:
            self._renderer.request(self._wanted)

    def speech_length(self, text: str) -> float:
        """Measured length once rendered; the plan uses it to keep phrases from overlapping."""
        phrase = self._renderer.lookup(text) if self._renderer is not None else None
        return phrase.length_s if phrase is not None else estimate_speech_s(text)

    @property
    def output_ready(self) -> bool:
        """Whether a sound played now starts on time: an output held only per session (the
        window's stream) may still be starting; any other output always is."""
        return self._held_output is None or self._held_output.ready

    def get_output_ready(self) -> None:
        """Have the output started for a session about to begin (a no-op for outputs held
        all along, or while a session holds it)."""
        if self._held_output is not None and not self._holding:
            self._held_output.expect_session()

    def is_prepared(self, plan: Plan) -> bool:
        """True when nothing more can be rendered for `plan` and the engine's fate is known:
        every phrase is cached, the engine has started and an output opened for the session
        keeps pace, or there is no engine or no audio output to render for. (Cached phrases
        alone would end the wait while the engine still starts, and the status line printed
        then would say "starting" whatever happens.)"""
        renderer = self._renderer
        if renderer is None or self._audio is None:
            return True
        state = renderer.status.state
        if state == RendererState.UNAVAILABLE:
            return True
        cached = all(renderer.lookup(text) for text in spoken_phrases(plan))
        return cached and state == RendererState.READY and self.output_ready

    # -- settings ----------------------------------------------------------------------------

    @property
    def voices(self) -> tuple[tuple[str, str], ...]:
        """(id, name) of the engine's voices, once it has started."""
        return self._renderer.status.voices if self._renderer is not None else ()

    def apply_settings(self, settings: VoiceSettings) -> str | None:
        """Use and save `settings`; a new voice or rate starts a renderer keyed to it.
        Returns why the settings could not be saved, if they could not."""
        changed_voice = (settings.voice, settings.rate) != (self.settings.voice, self.settings.rate)
        self.settings = settings
        if changed_voice and self._renderer is not None and self._renderer_factory is not None:
            # Superseded, not failed: the old renderer drops what it had queued and its worker
            # winds down on its own thread after the phrase in hand; the new one is asked for
            # every phrase of the session prepared.
            self._renderer.close(timeout_s=0)
            self._renderer = self._renderer_factory(settings)
            self._late.clear()
            if self._audio is not None and self._wanted:
                self._renderer.request(self._wanted)
        try:
            self._save_settings(settings)
        except OSError as error:
            log.warning("cannot save settings: %s", error)
            return f"Settings are in use but could not be saved ({error.strerror or error})."
        return None

    def test_voice(self, text: str) -> bool:
        """Say `text` now with the current settings, as soon as it is rendered."""
        if not self._can_speak():
            return False
        self._heard_whenever.add(text)
        self._say(text)
        return True

    # -- during a session ------------------------------------------------------------------

    def on_event(self, event: EngineEvent, plan: Plan) -> bool | None:
        """Say or play what `event` calls for. True if something was heard, False if it should
        have been but could not (the window flashes instead), None if nothing was due."""
        self._hold_output_while_running(event)
        self._keep_awake_while_running(event)
        announcement = announcement_for(event, plan)
        if announcement is None:
            return None
        phrase = self._phrase_to_say(announcement)
        speakable = phrase is not None and self._can_speak()
        sound = self._sound_to_play(announcement, spoken=speakable)
        if phrase is None and sound is None:
            return None
        heard = False
        at = event.planned_at
        if phrase is not None and speakable:
            heard = self._say(phrase, at)
        if sound is not None:
            heard = self._play(sound, at) or heard
        log.debug("%s: said %r, played %s, heard %s", type(event).__name__, phrase, sound, heard)
        return heard

    def on_rendered(self, phrase: RenderedPhrase) -> None:
        """Call on the thread that owns the audio output (the GUI thread in the window)."""
        if self._audio is None:
            return
        self._audio.preload(phrase.path)
        due = self._late.pop(phrase.text, None)
        fresh = due is not None and self._clock() - due <= LATE_LIMIT_S
        if fresh or phrase.text in self._heard_whenever:
            self._heard_whenever.discard(phrase.text)
            self._note_audible(phrase.length_s)
            self._audio.play(phrase.path, self.settings.volume)

    def play_sound(self, sound: Sound) -> bool:
        """Play one of the sounds now (a spoken command's confirmation), unless sounds are off."""
        if self.settings.sounds_muted or self.muted:
            return False
        return self._play(sound, None)

    def stop(self) -> None:
        self._late.clear()
        if self._audio is not None:
            self._audio.stop_all()
            self.audible_until = min(self.audible_until, self._clock())  # cut off: silent now

    def close(self) -> None:
        """Stop the speech engine's process and the audio output (the app is leaving)."""
        if self._renderer is not None:
            self._renderer.close()
        if self._audio is not None:
            self._audio.close()
        if self._live is not None:
            self._live.close()

    # -- status ----------------------------------------------------------------------------

    def status_text(self) -> str:
        """One line for the window and `hamtimer doctor`."""
        if self._audio_problem is not None:
            return f"Sound off: {self._audio_problem}. Cues are shown as captions."
        status = self._renderer.status if self._renderer is not None else None
        muted = " (muted)" if self.settings.voice_muted or self.muted else ""
        if self.settings.reader_speaks_cues and not muted:
            muted = " (the screen reader says the cues)"
        if status is not None and status.state == RendererState.READY:
            chosen = dict(status.voices).get(self.settings.voice or "")
            return f"Voice: {status.engine}{f' · {chosen}' if chosen else ''}{muted}"
        if status is not None and status.state == RendererState.STARTING:
            return "Voice: starting the speech engine…"
        live = self._live
        if live is not None and live.usable:
            return f"Voice: {live.name}{muted}, because pyttsx3 failed ({_reason(status)})"
        if live is not None and live.usable is None:
            return f"Voice: starting {live.name}…"
        both = _reason(status) + (f"; {live.name}: {live.problem}" if live is not None else "")
        return f"Voice off: {both}. Cues are shown as captions."

    def engines_changed(self) -> None:
        """Call when the renderer's status changes: a dead renderer brings in live speech."""
        wanted = self._audio is not None and not self._renderer_usable()
        if wanted and self._live is None and self._live_factory is not None:
            self._live = self._live_factory()

    # -- internals -------------------------------------------------------------------------

    def _phrase_to_say(self, announcement: Announcement) -> str | None:
        if announcement.phrase is None or self.settings.voice_muted or self.muted:
            return None
        if self.settings.reader_speaks_cues:
            return None  # the screen reader says them; two voices would talk over each other
        if announcement.form_cue and not self.settings.form_cues:
            return None
        return announcement.phrase

    def _sound_to_play(self, announcement: Announcement, spoken: bool) -> Sound | None:
        if self.settings.sounds_muted or self.muted or announcement.sound is None:
            return None
        if announcement.countdown and spoken:
            return None  # the spoken number is the tick
        return announcement.sound

    def _renderer_usable(self) -> bool:
        renderer = self._renderer
        return renderer is not None and renderer.status.state != RendererState.UNAVAILABLE

    def _can_speak(self) -> bool:
        live = self._live is not None and self._live.usable is True
        return self._audio is not None and (self._renderer_usable() or live)

    def _hold_output_while_running(self, event: EngineEvent) -> None:
        """From the first step to the end, paused too (a resume speaks at once)."""
        output = self._held_output
        if output is None:
            return
        if isinstance(event, StepStarted) and not self._holding:
            self._holding = True
            output.hold(True)
        elif isinstance(event, SessionFinished | SessionStopped) and self._holding:
            self._holding = False
            output.hold(False)

    def _keep_awake_while_running(self, event: EngineEvent) -> None:
        """The keep-alive runs from the first step to the end (paused too: the phrase after
        a resume must not be clipped either)."""
        if self._audio is None:
            return
        if isinstance(event, StepStarted) and self.settings.keep_speakers_awake:
            self._audio.keep_awake(True)
        elif isinstance(event, SessionFinished | SessionStopped):
            self._audio.keep_awake(False)

    def _say(self, text: str, at: float | None = None) -> bool:
        assert self._audio is not None
        rendered = self._renderer.lookup(text) if self._renderer is not None else None
        if rendered is not None:
            self._note_audible(rendered.length_s)
            return self._audio.play(rendered.path, self.settings.volume, at)
        if self._renderer is not None and self._renderer_usable():
            self._late[text] = self._clock()
            self._renderer.request([text], urgent=True)
            return True
        assert self._live is not None
        self._note_audible(estimate_speech_s(text))  # live speech tells no length
        self._live.say(text, self.settings.volume)
        return True

    def _play(self, sound: Sound, at: float | None) -> bool:
        path = self._sounds.get(sound)
        if self._audio is None or path is None:
            return False
        self._note_audible(self._sound_lengths[sound])
        return self._audio.play(path, self.settings.volume, at)

    def _note_audible(self, length_s: float) -> None:
        """Noted before playing: a command spotted meanwhile is already ignored."""
        self.audible_until = max(self.audible_until, self._clock() + length_s)


SOUND_LENGTH_GUESS_S = 1.0
"""A sound whose file can't be read is taken to last this long (longer than any of ours)."""


def _length_or_guess(path: Path) -> float:
    try:
        return wav_length_s(path)
    except (OSError, ValueError, EOFError):
        return SOUND_LENGTH_GUESS_S


def _reason(status: RendererStatus | None) -> str:
    if status is None:
        return "no speech engine configured"
    return status.reason or "no speech engine"
