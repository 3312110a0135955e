"""What the cue voice says and plays for each event, and what it does when it can't."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamtimer.core.announcements import Sound, spoken_phrases
from hamtimer.core.engine import (
    CountdownTick,
    CueDue,
    SessionFinished,
    SessionStopped,
    StepStarted,
)
from hamtimer.core.plan import CueKind, Plan, Step, compile_plan
from hamtimer.core.vocabulary import StepKind
from hamtimer.services.settings import VoiceSettings
from hamtimer.services.speech.cue_voice import LATE_LIMIT_S, CueVoice, HeldOutput
from hamtimer.services.speech.renderer import RendererState, RendererStatus
from tests.builders import exercise_template, template
from tests.fakes import FakeClock, FakeRenderer, HoldingAudio, RecordingAudio, RecordingLiveSpeech

SOUNDS = {sound: Path(f"/sounds/{sound.value}.wav") for sound in Sound}


@pytest.fixture
def plan() -> Plan:
    return compile_plan(template())


def first_step(plan: Plan, kind: StepKind) -> Step:
    return next(step for step in plan.steps if step.kind == kind)


def form_cue_event(plan: Plan) -> CueDue:
    work = first_step(plan, StepKind.WORK)
    cue = next(cue for cue in work.cues if cue.kind == CueKind.FORM)
    return CueDue(0.0, work, cue)


def make_voice(
    renderer: FakeRenderer | None = None,
    audio: RecordingAudio | None = None,
    clock: FakeClock | None = None,
    **settings: object,
) -> CueVoice:
    return CueVoice(
        renderer,
        audio,
        SOUNDS,
        VoiceSettings(**settings),  # type: ignore[arg-type]
        clock=clock or FakeClock(),
    )


def test_prepare_asks_for_every_phrase_of_the_plan(plan: Plan) -> None:
    renderer = FakeRenderer()
    voice = make_voice(renderer, RecordingAudio())
    assert not voice.is_prepared(plan)

    voice.prepare(plan)
    for text in spoken_phrases(plan):
        renderer.finish(text)

    assert renderer.requests == [(spoken_phrases(plan), False)]
    assert voice.is_prepared(plan)


def test_cached_phrases_are_not_prepared_until_the_engine_has_started_or_failed(
    plan: Plan,
) -> None:
    renderer = FakeRenderer(RendererState.STARTING)
    for text in spoken_phrases(plan):
        renderer.finish(text)  # all cached by an earlier run
    voice = make_voice(renderer, RecordingAudio())
    assert not voice.is_prepared(plan)  # `hamtimer run` would print "starting" and go

    renderer.status = RendererStatus(RendererState.UNAVAILABLE, reason="no espeak")
    assert voice.is_prepared(plan)
    assert voice.status_text().startswith("Voice off: no espeak")


def test_sounds_are_preloaded_before_the_first_session() -> None:
    audio = RecordingAudio()
    make_voice(FakeRenderer(), audio)
    assert set(audio.preloaded) == set(SOUNDS.values())


def test_a_rendered_phrase_plays_at_its_moment_and_its_length_shapes_the_plan(plan: Plan) -> None:
    renderer, audio = FakeRenderer(), RecordingAudio()
    voice = make_voice(renderer, audio, volume=0.6)
    event = form_cue_event(plan)
    phrase = renderer.finish(event.cue.text, length_s=1.7)

    assert voice.on_event(event, plan) is True
    assert audio.played == [(phrase.path, 0.6)]
    assert voice.speech_length(event.cue.text) == 1.7


def test_a_spoken_number_replaces_the_tick_and_a_muted_voice_brings_the_tick_back(
    plan: Plan,
) -> None:
    renderer, audio = FakeRenderer(), RecordingAudio()
    three = renderer.finish("3")
    tick = CountdownTick(0.0, first_step(plan, StepKind.PREPARE), 3)

    make_voice(renderer, audio).on_event(tick, plan)
    make_voice(renderer, audio, voice_muted=True).on_event(tick, plan)

    assert [path for path, _volume in audio.played] == [three.path, SOUNDS[Sound.TICK]]


def test_sounds_mark_steps_unless_sounds_are_muted(plan: Plan) -> None:
    audio = RecordingAudio()
    started = StepStarted(0.0, first_step(plan, StepKind.SWITCH))

    assert make_voice(FakeRenderer(), audio).on_event(started, plan) is True
    assert make_voice(FakeRenderer(), audio, sounds_muted=True).on_event(started, plan) is None
    assert [path for path, _volume in audio.played] == [SOUNDS[Sound.SWITCH]]


def test_form_cues_can_be_switched_off_but_announcements_stay(plan: Plan) -> None:
    renderer, audio = FakeRenderer(), RecordingAudio()
    voice = make_voice(renderer, audio, form_cues=False)
    renderer.finish(plan.finish_text)

    assert voice.on_event(form_cue_event(plan), plan) is None
    assert voice.on_event(SessionFinished(0.0), plan) is True
    assert len(audio.played) == 2  # "session complete" and the done sound


def test_a_phrase_not_rendered_yet_is_rendered_urgently_and_played_if_still_fresh(
    plan: Plan,
) -> None:
    renderer, audio, clock = FakeRenderer(), RecordingAudio(), FakeClock()
    voice = make_voice(renderer, audio, clock)
    event = form_cue_event(plan)

    assert voice.on_event(event, plan) is True
    assert renderer.requests == [([event.cue.text], True)]
    clock.advance(LATE_LIMIT_S / 2)
    voice.on_rendered(renderer.finish(event.cue.text))

    assert audio.played[-1][0] == renderer.rendered[event.cue.text].path


def test_a_phrase_rendered_too_late_is_not_played(plan: Plan) -> None:
    renderer, audio, clock = FakeRenderer(), RecordingAudio(), FakeClock()
    voice = make_voice(renderer, audio, clock)
    event = form_cue_event(plan)

    voice.on_event(event, plan)
    clock.advance(LATE_LIMIT_S + 0.1)
    voice.on_rendered(renderer.finish(event.cue.text))

    assert audio.played == []


def test_no_audio_device_means_every_cue_asks_for_a_flash_and_the_status_says_why(
    plan: Plan,
) -> None:
    renderer = FakeRenderer()
    voice = CueVoice(
        renderer, RecordingAudio(), SOUNDS, VoiceSettings(), audio_problem="no audio output"
    )
    voice.prepare(plan)

    assert voice.on_event(form_cue_event(plan), plan) is False
    assert renderer.requests == []  # nothing to render for
    assert voice.is_prepared(plan)
    assert voice.status_text() == ("Sound off: no audio output. Cues are shown as captions.")


def test_an_unavailable_engine_brings_in_live_speech_and_says_so(plan: Plan) -> None:
    renderer = FakeRenderer(RendererState.UNAVAILABLE)
    renderer.status = RendererStatus(RendererState.UNAVAILABLE, reason="no espeak")
    live = RecordingLiveSpeech(usable=None)
    voice = CueVoice(renderer, RecordingAudio(), SOUNDS, VoiceSettings(), live_factory=lambda: live)
    event = form_cue_event(plan)

    voice.engines_changed()
    assert voice.status_text() == "Voice: starting Qt speech…"
    assert voice.on_event(event, plan) is False  # not yet: the caption flashes
    live.usable = True

    assert voice.on_event(event, plan) is True
    assert live.said == [event.cue.text]
    assert voice.is_prepared(plan)
    assert voice.status_text() == "Voice: Qt speech, because pyttsx3 failed (no espeak)"


def test_when_live_speech_fails_too_the_status_gives_both_reasons(plan: Plan) -> None:
    renderer = FakeRenderer(RendererState.UNAVAILABLE)
    renderer.status = RendererStatus(RendererState.UNAVAILABLE, reason="no espeak")
    live = RecordingLiveSpeech(usable=False, problem="no speech-dispatcher")
    voice = CueVoice(renderer, RecordingAudio(), SOUNDS, VoiceSettings(), live_factory=lambda: live)
    voice.engines_changed()

    assert voice.on_event(form_cue_event(plan), plan) is False
    assert voice.status_text() == (
        "Voice off: no espeak; Qt speech: no speech-dispatcher. Cues are shown as captions."
    )
    voice.close()
    assert live.closed


def test_live_speech_is_not_started_while_the_renderer_works() -> None:
    started: list[RecordingLiveSpeech] = []
    voice = CueVoice(
        FakeRenderer(),
        RecordingAudio(),
        SOUNDS,
        VoiceSettings(),
        live_factory=lambda: started.append(RecordingLiveSpeech()) or started[-1],
    )
    voice.engines_changed()
    assert started == []


def test_with_no_engine_at_all_phrases_flash_but_sounds_still_play(plan: Plan) -> None:
    renderer = FakeRenderer(RendererState.UNAVAILABLE)
    audio = RecordingAudio()
    voice = make_voice(renderer, audio)

    assert voice.on_event(form_cue_event(plan), plan) is False
    assert voice.on_event(SessionFinished(0.0), plan) is True  # the done sound is heard
    assert voice.status_text().startswith("Voice off:")


def test_status_follows_the_engine_and_the_mute(plan: Plan) -> None:
    renderer = FakeRenderer(RendererState.STARTING)
    voice = make_voice(renderer, RecordingAudio())
    assert voice.status_text() == "Voice: starting the speech engine…"

    renderer.status = RendererStatus(RendererState.READY, "espeak")
    assert voice.status_text() == "Voice: espeak"
    voice.settings.voice_muted = True
    assert voice.status_text() == "Voice: espeak (muted)"


def test_status_names_the_chosen_voice() -> None:
    """It said "Voice: espeak" whichever voice was chosen."""
    renderer = FakeRenderer()
    renderer.status = RendererStatus(
        RendererState.READY, "espeak", "", (("gmw/en-US", "English (America)"),)
    )
    voice = make_voice(renderer, RecordingAudio())
    assert voice.status_text() == "Voice: espeak"  # the engine's default voice
    voice.settings.voice = "gmw/en-US"
    assert voice.status_text() == "Voice: espeak · English (America)"


def test_stop_silences_what_is_playing_and_forgets_late_phrases(plan: Plan) -> None:
    renderer, audio = FakeRenderer(), RecordingAudio()
    voice = make_voice(renderer, audio)
    event = form_cue_event(plan)
    voice.on_event(event, plan)

    voice.stop()
    voice.on_rendered(renderer.finish(event.cue.text))

    assert audio.stopped == 1 and audio.played == []


def test_with_no_engine_the_countdown_is_ticked_instead_of_spoken(plan: Plan) -> None:
    audio = RecordingAudio()
    voice = make_voice(FakeRenderer(RendererState.UNAVAILABLE), audio)
    tick = CountdownTick(0.0, first_step(plan, StepKind.PREPARE), 2)

    assert voice.on_event(tick, plan) is True
    assert [path for path, _volume in audio.played] == [SOUNDS[Sound.TICK]]


def test_a_new_rate_starts_a_renderer_keyed_to_it_and_the_settings_are_saved() -> None:
    first, made, saved = FakeRenderer(), [], []

    def make_renderer(settings: VoiceSettings) -> FakeRenderer:
        made.append(FakeRenderer())
        return made[-1]

    voice = CueVoice(
        first,
        RecordingAudio(),
        SOUNDS,
        VoiceSettings(),
        renderer_factory=make_renderer,
        save_settings=saved.append,
    )
    assert voice.apply_settings(VoiceSettings(volume=0.5)) is None
    assert made == [] and not first.closed  # volume alone needs no new renderer

    assert voice.apply_settings(VoiceSettings(rate=200)) is None
    assert first.closed and len(made) == 1
    assert saved == [VoiceSettings(volume=0.5), VoiceSettings(rate=200)]


def test_a_renderer_started_for_a_new_rate_is_asked_for_the_prepared_sessions_phrases() -> None:
    made: list[FakeRenderer] = []

    def make_renderer(_settings: VoiceSettings) -> FakeRenderer:
        made.append(FakeRenderer())
        return made[-1]

    first = FakeRenderer()
    voice = CueVoice(
        first, RecordingAudio(), SOUNDS, VoiceSettings(), renderer_factory=make_renderer
    )
    plan = compile_plan(template())
    voice.prepare(plan)
    for rate in (180, 190, 200):
        voice.apply_settings(VoiceSettings(rate=rate))
    assert [renderer.closed for renderer in (first, *made)] == [True, True, True, False]
    assert made[-1].requests == [(spoken_phrases(plan), False)]


def test_settings_that_cannot_be_saved_are_still_used_and_the_user_is_told() -> None:
    def refuse(_settings: VoiceSettings) -> None:
        raise PermissionError(13, "Permission denied")

    voice = CueVoice(
        FakeRenderer(), RecordingAudio(), SOUNDS, VoiceSettings(), save_settings=refuse
    )
    problem = voice.apply_settings(VoiceSettings(form_cues=False))

    assert voice.settings.form_cues is False
    assert problem == "Settings are in use but could not be saved (Permission denied)."


def test_test_voice_plays_its_phrase_whenever_it_is_rendered() -> None:
    renderer, audio, clock = FakeRenderer(), RecordingAudio(), FakeClock()
    voice = make_voice(renderer, audio, clock)

    assert voice.test_voice("Testing") is True
    clock.advance(5.0)  # a new voice's first render takes a while; the user still hears it
    voice.on_rendered(renderer.finish("Testing"))

    assert audio.played == [(renderer.rendered["Testing"].path, 1.0)]


def test_mute_key_silences_without_touching_the_saved_settings(plan: Plan) -> None:
    renderer, audio = FakeRenderer(), RecordingAudio()
    voice = make_voice(renderer, audio)
    renderer.finish(plan.finish_text)
    voice.muted = True

    assert voice.on_event(SessionFinished(0.0), plan) is None
    assert voice.settings == VoiceSettings()
    assert voice.status_text() == "Voice: espeak (muted)"


def test_when_the_screen_reader_carries_the_cues_hamtimer_says_no_phrase_but_keeps_sounds(
    plan: Plan,
) -> None:
    # Two voices at once would talk over each other (issue 20): hamtimer's sounds stay.
    renderer, audio = FakeRenderer(), RecordingAudio()
    renderer.finish("3")
    tick = CountdownTick(0.0, first_step(plan, StepKind.PREPARE), 3)

    voice = make_voice(renderer, audio, reader_speaks_cues=True)
    voice.on_event(tick, plan)

    assert [path for path, _volume in audio.played] == [SOUNDS[Sound.TICK]]
    assert "screen reader" in voice.status_text()


def test_phrases_and_sounds_are_handed_over_with_their_planned_moment(plan: Plan) -> None:
    """The in-process player starts each on the stream frame of that moment, however late the
    event was handled; a phrase rendered late has no moment left and plays at once."""
    renderer, audio = FakeRenderer(), RecordingAudio()
    voice = make_voice(renderer, audio)
    renderer.finish("3")
    voice.on_event(CountdownTick(1234.5, first_step(plan, StepKind.PREPARE), 3), plan)
    voice.on_event(StepStarted(1240.0, first_step(plan, StepKind.SWITCH)), plan)
    late = form_cue_event(plan)
    voice.on_event(late, plan)
    voice.on_rendered(renderer.finish(late.cue.text))
    assert audio.moments == [1234.5, 1240.0, None]


def test_speakers_are_kept_awake_from_the_first_step_to_the_end_when_asked(plan: Plan) -> None:
    audio = RecordingAudio()
    voice = make_voice(FakeRenderer(), audio, keep_speakers_awake=True)
    voice.on_event(StepStarted(0.0, plan.steps[0]), plan)
    voice.on_event(StepStarted(9.0, plan.steps[1]), plan)
    voice.on_event(SessionFinished(20.0), plan)
    assert audio.awake == [True, True, False]

    quiet = RecordingAudio()
    voice = make_voice(FakeRenderer(), quiet)
    voice.on_event(StepStarted(0.0, plan.steps[0]), plan)
    voice.on_event(SessionStopped(5.0), plan)
    assert quiet.awake == [False]


def test_a_held_output_is_readied_on_choosing_held_while_running_and_let_go_at_the_end(
    plan: Plan,
) -> None:
    audio = HoldingAudio()
    voice = make_voice(FakeRenderer(), audio)
    voice.prepare(plan)  # chosen on the Train page
    voice.prepare(plan)  # prepared again (new phrase lengths): not a new choice
    voice.on_event(StepStarted(0.0, plan.steps[0]), plan)
    voice.on_event(StepStarted(9.0, plan.steps[1]), plan)
    other = compile_plan(exercise_template(name="Nordic curl"))
    voice.prepare(other)  # chosen mid-session: the held output stays held
    voice.on_event(SessionFinished(20.0), plan)
    voice.prepare(other)  # the window re-prepares after the session: nothing new is chosen
    voice.on_event(StepStarted(0.0, plan.steps[0]), plan)  # "Again"
    voice.on_event(SessionStopped(3.0), plan)
    voice.prepare(plan)  # another choice
    assert audio.holds == ["expect", "hold", "release", "hold", "release", "expect"]


def test_an_output_that_holds_its_device_all_along_is_not_asked_to(plan: Plan) -> None:
    audio = RecordingAudio()
    voice = make_voice(FakeRenderer(), audio)
    voice.prepare(plan)
    voice.on_event(StepStarted(0.0, plan.steps[0]), plan)
    voice.on_event(SessionFinished(20.0), plan)
    assert not isinstance(audio, HeldOutput)
    assert audio.played == [(SOUNDS[Sound.DONE], 1.0)]  # the closing sound, as before


def test_a_plan_is_prepared_once_the_held_output_keeps_pace(plan: Plan) -> None:
    """A new stream may take a moment before a sound played on it starts on time."""
    renderer, audio = FakeRenderer(), HoldingAudio()
    voice = make_voice(renderer, audio)
    voice.prepare(plan)
    for text in spoken_phrases(plan):
        renderer.finish(text)
    assert not voice.is_prepared(plan)
    audio.ready = True
    assert voice.is_prepared(plan)
