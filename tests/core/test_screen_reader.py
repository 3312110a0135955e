"""What a screen reader hears during a session, on a fake clock (issue 20)."""

from __future__ import annotations

from hamtimer.core.engine import (
    CueDue,
    EngineEvent,
    SessionEngine,
    StepStarted,
)
from hamtimer.core.plan import CueKind, compile_plan
from hamtimer.core.screen_reader import (
    Announcements,
    ReaderSettings,
    duration_words,
    status_sentence,
    step_sentence,
)
from hamtimer.core.vocabulary import Side, StepKind
from tests.builders import template
from tests.fakes import FakeClock


def session() -> tuple[SessionEngine, FakeClock]:
    clock = FakeClock()
    return SessionEngine(compile_plan(template()), clock=clock, wall_clock=clock.wall), clock


def hear_whole_session(settings: ReaderSettings) -> list[tuple[float, str]]:
    """Every announcement of a session, with when it came (polled every 0.1 s, as a view)."""
    engine, clock = session()
    announcements = Announcements(settings)
    heard: list[tuple[float, str]] = []

    def take(events: list[EngineEvent]) -> None:
        for event in events:
            heard.extend((clock.now, text) for text in announcements.for_event(event))
        heard.extend((clock.now, t) for t in announcements.for_snapshot(engine.snapshot()))

    take(engine.start())
    while engine.next_deadline() is not None:
        clock.advance(0.1)
        take(engine.poll())
    return heard


def test_every_step_is_announced_once_with_its_phase_side_and_set() -> None:
    engine, _clock = session()
    steps = engine.plan.steps
    heard = [text for _at, text in hear_whole_session(ReaderSettings(seconds_every_s=0))]
    for step in steps:
        assert heard.count(step_sentence(step)) >= 1
    holds = [s for s in steps if s.kind == StepKind.WORK and s.side == Side.LEFT]
    assert "left leg" in step_sentence(holds[0]) and "Hold." in step_sentence(holds[0])
    assert heard[-1] == "Session complete."


def test_the_countdown_is_told_every_ten_seconds_never_in_the_last_three() -> None:
    heard = [text for _at, text in hear_whole_session(ReaderSettings(seconds_every_s=10))]
    seconds = [text for text in heard if text.endswith("left.")]
    assert seconds and all(text in ("10 seconds left.", "20 seconds left.") for text in seconds)
    assert not any(text.startswith(("3 ", "2 ", "1 ")) for text in heard)
    # Once per whole multiple: every step longer than 10 s hears "10 seconds left." once
    # (a 20 s hold's 20 is its start, said by the step's own sentence).
    engine, _clock = session()
    longer = [s for s in engine.plan.steps if (s.duration_s or 0) > 10]
    assert seconds.count("10 seconds left.") == len(longer)


def test_only_on_request_means_no_seconds_at_all() -> None:
    heard = [text for _at, text in hear_whole_session(ReaderSettings(seconds_every_s=0))]
    assert not any(text.endswith("left.") for text in heard)


def test_form_cues_are_the_readers_only_when_hamtimers_voice_is_off() -> None:
    engine, _clock = session()
    form = next(
        CueDue(0.0, step, cue)
        for step in engine.plan.steps
        for cue in step.cues
        if cue.kind == CueKind.FORM
    )
    assert Announcements(ReaderSettings()).for_event(form) == []
    assert Announcements(ReaderSettings(reader_speaks_cues=True)).for_event(form) == [form.cue.text]
    announce = next(
        CueDue(0.0, step, cue)
        for step in engine.plan.steps
        for cue in step.cues
        if cue.kind == CueKind.ANNOUNCE
    )
    # The step's own sentence says what an announcement would: never both.
    assert Announcements(ReaderSettings(reader_speaks_cues=True)).for_event(announce) == []


def test_status_says_everything_shown_in_one_sentence() -> None:
    engine, clock = session()
    events = engine.start()
    while not any(isinstance(e, StepStarted) and e.step.kind == StepKind.WORK for e in events):
        deadline = engine.next_deadline()
        assert deadline is not None
        clock.advance(deadline - clock.now)
        events = engine.poll()
    clock.advance(5.5)
    text = status_sentence(engine.snapshot())
    assert text.startswith("Hold.") and "left leg" in text and "15 seconds left." in text
    assert "Next:" in text
    engine.pause()
    assert status_sentence(engine.snapshot()).startswith("Paused. Hold.")


def test_durations_in_words() -> None:
    assert duration_words(1) == "1 second"
    assert duration_words(45) == "45 seconds"
    assert duration_words(60) == "1 minute"
    assert duration_words(150) == "2 minutes 30 seconds"
    assert duration_words(0) == "0 seconds"
