from __future__ import annotations

from hamtimer.core.announcements import Sound, announcement_for, spoken_phrases
from hamtimer.core.engine import CueDue, EngineEvent, SessionEngine
from hamtimer.core.plan import CueKind, compile_plan
from hamtimer.core.vocabulary import StepKind
from tests.builders import template
from tests.fakes import FakeClock


def run_all_events(plan_clock: FakeClock, engine: SessionEngine) -> list[EngineEvent]:
    events = list(engine.start())
    while (deadline := engine.next_deadline()) is not None:
        plan_clock.advance(max(0.0, deadline - plan_clock.now))
        events += engine.poll()
    return events


def test_every_phrase_a_session_says_is_in_the_phrase_list() -> None:
    plan = compile_plan(template())
    clock = FakeClock()
    said = {
        heard.phrase
        for event in run_all_events(clock, SessionEngine(plan, clock=clock, wall_clock=clock.wall))
        if (heard := announcement_for(event, plan)) is not None and heard.phrase
    }
    phrases = spoken_phrases(plan)
    assert said == set(phrases)
    assert len(phrases) == len(set(phrases))
    assert {"3", "2", "1", plan.finish_text} <= set(phrases)


def test_countdown_numbers_carry_a_tick_and_steps_their_sounds() -> None:
    plan = compile_plan(template())
    clock = FakeClock()
    heard = [
        (event, a)
        for event in run_all_events(clock, SessionEngine(plan, clock=clock, wall_clock=clock.wall))
        if (a := announcement_for(event, plan)) is not None
    ]
    countdowns = [a for _e, a in heard if a.countdown]
    assert countdowns and all(a.sound == Sound.TICK and a.phrase in "321" for a in countdowns)
    sounds = [a.sound for _e, a in heard if a.sound and not a.countdown]
    assert Sound.GO in sounds and Sound.SWITCH in sounds and sounds[-1] == Sound.DONE


def test_only_form_cues_are_marked_as_form_cues() -> None:
    plan = compile_plan(template())
    work = next(step for step in plan.steps if step.kind == StepKind.WORK)
    for cue in work.cues:
        announcement = announcement_for(CueDue(0.0, work, cue), plan)
        assert announcement is not None
        assert announcement.form_cue == (cue.kind == CueKind.FORM)
