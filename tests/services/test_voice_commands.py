"""Voice commands without a microphone: the ignore-while-speaking gate on the fake clock, what
a spotted phrase becomes, how a heard command acts and is confirmed, the setting, and the one
line when voice commands can't work. (Recognition itself: test_voice_recognition.py.)"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from hamtimer.core.announcements import Sound
from hamtimer.core.engine import EngineEvent, SessionPaused, StepFinished
from hamtimer.core.plan import compile_plan
from hamtimer.core.vocabulary import Outcome, StepKind
from hamtimer.services.remote import HeardCommand, RemoteCommand, RemoteInbox
from hamtimer.services.session import open_session
from hamtimer.services.settings import VoiceSettings, load_settings, save_settings
from hamtimer.services.speech.cue_voice import CueVoice
from hamtimer.services.voice_commands import (
    COMMAND_PHRASES,
    TAIL_S,
    ListenerFailed,
    Listening,
    SpeakingGate,
    Spotted,
    VoiceCommands,
    command_for,
    voice_commands_unavailable,
)
from hamtimer.terminal.session_runner import SleepOnly, TerminalSession
from tests.builders import template
from tests.fakes import FakeClock, FakeRenderer, RecordingAudio, fake_services

SOUNDS = {sound: Path(f"/sounds/{sound.value}.wav") for sound in Sound}


def speaking_voice(clock: FakeClock) -> tuple[CueVoice, FakeRenderer, RecordingAudio]:
    renderer, audio = FakeRenderer(), RecordingAudio()
    voice = CueVoice(renderer, audio, SOUNDS, VoiceSettings(), clock=clock)
    return voice, renderer, audio


def listener(clock: FakeClock, voice: CueVoice) -> tuple[VoiceCommands, list[HeardCommand]]:
    heard: list[HeardCommand] = []
    gate = SpeakingGate(lambda: voice.audible_until, clock)
    return VoiceCommands(heard.append, gate), heard


def test_a_phrase_spotted_while_the_app_speaks_or_just_after_is_ignored() -> None:
    clock = FakeClock()
    voice, renderer, _audio = speaking_voice(clock)
    commands, heard = listener(clock, voice)
    renderer.finish("Next: Glute bridge, set 2 of 3.", length_s=2.0)
    assert voice.test_voice("Next: Glute bridge, set 2 of 3.")

    for after in (0.0, 1.0, 2.0, 2.0 + TAIL_S - 0.01):  # speaking, then the tail
        clock.now = 1000.0 + after
        commands.take(Spotted("timer next", clock.now))
    assert heard == [] and commands.ignored == ["timer next"] * 4

    clock.now = 1000.0 + 2.0 + TAIL_S
    commands.take(Spotted("timer next", clock.now))
    assert heard == [HeardCommand(RemoteCommand.NEXT, "timer next", clock.now)]


def test_every_sound_the_app_plays_closes_the_gate_for_its_own_length() -> None:
    clock = FakeClock()
    voice, _renderer, _audio = speaking_voice(clock)
    gate = SpeakingGate(lambda: voice.audible_until, clock)
    assert gate.allows()
    voice.play_sound(Sound.HEARD)  # no file here: taken as the longest sound
    assert not gate.allows()
    clock.advance(1.0 + TAIL_S)
    assert gate.allows()


def test_stopping_the_voice_opens_the_gate_after_the_tail() -> None:
    """Paused mid-phrase: "timer resume" must not wait for the rest of a phrase cut off."""
    clock = FakeClock()
    voice, renderer, _audio = speaking_voice(clock)
    renderer.finish("Caution: a long caution read out in full.", length_s=6.0)
    voice.test_voice("Caution: a long caution read out in full.")
    clock.advance(1.0)
    voice.stop()
    gate = SpeakingGate(lambda: voice.audible_until, clock)
    assert not gate.allows()
    clock.advance(TAIL_S)
    assert gate.allows()


def test_spotted_phrases_become_the_remote_commands() -> None:
    assert {phrase: command_for(phrase) for phrase in COMMAND_PHRASES} == {
        "timer pause": RemoteCommand.PAUSE,
        "timer resume": RemoteCommand.PLAY,
        "timer next": RemoteCommand.NEXT,
        "timer back": RemoteCommand.PREVIOUS,
        "timer done": RemoteCommand.DONE,
        "timer stop": RemoteCommand.STOP,
    }
    # pocketsphinx pads its hypotheses; several phrases in one piece of audio are not trusted
    assert command_for(" timer  stop ") == RemoteCommand.STOP
    assert command_for("timer done  timer stop") is None


def test_a_failed_listener_says_why_once_and_stops_taking_messages() -> None:
    clock = FakeClock()
    voice, _renderer, _audio = speaking_voice(clock)
    problems: list[str] = []
    gate = SpeakingGate(lambda: voice.audible_until, clock)
    commands = VoiceCommands(lambda _heard: None, gate, on_problem=problems.append)
    assert commands.take(Listening()) and commands.listening.is_set()
    assert not commands.take(ListenerFailed("the microphone stopped (Connection refused)"))
    assert problems == ["Voice commands stopped: the microphone stopped (Connection refused)."]
    assert commands.problem == problems[0]


def test_a_heard_command_acts_first_then_is_confirmed_by_sound_and_caption(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    voice, _renderer, audio = speaking_voice(clock)
    events: list[EngineEvent] = []
    session = open_session(
        fake_services(tmp_path),
        compile_plan(template()),
        view=lambda event, _at: events.append(event),
        voice=voice,
        clock=clock,
        wall_clock=clock.wall,
    )
    confirmed: list[tuple[str, bool]] = []
    session.on_heard.append(lambda heard: confirmed.append((heard.caption, session.paused)))
    session.start()
    clock.advance(3.0)
    session.poll()
    audio.played.clear()

    session.heard(HeardCommand(RemoteCommand.PAUSE, "timer pause", clock.now))

    assert isinstance(events[-1], SessionPaused)
    assert confirmed == [("Heard “timer pause”.", True)]  # the caption sees it paused
    assert audio.played == [(SOUNDS[Sound.HEARD], 1.0)]
    session.stop()


def test_timer_done_ends_a_timed_hold_early_as_done(tmp_path: Path) -> None:
    clock = FakeClock()
    events: list[EngineEvent] = []
    session = open_session(
        fake_services(tmp_path),
        compile_plan(template()),
        view=lambda event, _at: events.append(event),
        clock=clock,
        wall_clock=clock.wall,
    )
    session.start()
    while (step := session.snapshot().step) is None or step.kind != StepKind.WORK:
        clock.advance(max(0.0, (session.next_deadline() or clock.now) - clock.now))
        session.poll()
    session.heard(HeardCommand(RemoteCommand.DONE, "timer done", clock.now))
    finished = [e for e in events if isinstance(e, StepFinished)][-1]
    assert finished.step.kind == StepKind.WORK and finished.outcome == Outcome.ENDED_EARLY
    session.stop()


def test_the_terminal_runs_a_heard_command_from_its_inbox_and_prints_the_caption(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    inbox = RemoteInbox()
    out = io.StringIO()
    terminal = TerminalSession(out, SleepOnly(inbox), clock, remote=inbox)
    session = open_session(
        fake_services(tmp_path),
        compile_plan(template()),
        view=terminal.show,
        clock=clock,
        wall_clock=clock.wall,
    )
    session.on_heard.append(terminal.show_heard)
    session.start()
    inbox.put(HeardCommand(RemoteCommand.PAUSE, "timer pause", clock.now))
    try:
        terminal._wait_and_poll(session)
    finally:
        inbox.close()
    assert session.paused
    assert "  🎙  Heard “timer pause”.\n" in out.getvalue()
    session.stop()


def test_listening_is_off_unless_chosen_and_kept_when_saved(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert VoiceSettings().listen_for_commands is False
    save_settings(path, VoiceSettings(listen_for_commands=True))
    assert load_settings(path) == (VoiceSettings(listen_for_commands=True), None)
    path.write_text('{"schema_version": 1, "voice": {"listen_for_commands": "yes"}}')
    settings, problem = load_settings(path)
    assert settings == VoiceSettings() and problem is not None


NO_SERVER = "echo 'Connection failure: Connection refused' >&2; exit 1"


def fake_programs(folder: Path, pactl: str | None) -> None:
    """`parec` (never run here) and a `pactl` running the shell line `pactl`."""
    folder.mkdir()
    (folder / "parec").write_text("#!/bin/sh\nexit 0\n")
    if pactl is not None:
        (folder / "pactl").write_text(f"#!/bin/sh\n{pactl}\n")
    for program in folder.iterdir():
        program.chmod(0o755)


def listing(*sources: str) -> str:
    """`pactl list short sources` printing `sources` as PulseAudio does."""
    rows = "".join(f"{n}\\t{name}\\tmodule\\ts16le\\tIDLE\\n" for n, name in enumerate(sources))
    return f"printf '{rows}'"


@pytest.mark.parametrize(
    ("pactl", "source", "reason"),
    [
        (listing("mic.analog", "out.monitor"), None, None),
        (listing("out.monitor"), None, "No microphone found."),
        (listing(), None, "No microphone found."),
        (listing("out.monitor"), "out.monitor", None),
        (listing("mic"), "headset", "The microphone 'headset' was not found."),
        (None, None, None),  # no pactl to ask: the capture will say what is wrong, if anything
        (
            NO_SERVER,
            None,
            "No sound server (PulseAudio or PipeWire) answered, so no microphone can be heard.",
        ),
    ],
    ids=[
        "a microphone",
        "monitors only",
        "no sources",
        "the monitor asked for",
        "the source asked for is missing",
        "no pactl",
        "no sound server",
    ],
)
def test_whether_voice_commands_can_work_is_one_sentence(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    pactl: str | None,
    source: str | None,
    reason: str | None,
) -> None:
    fake_programs(tmp_path / "bin", pactl)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    assert voice_commands_unavailable(source) == reason


def test_without_parec_or_pocketsphinx_the_setting_is_greyed_out_with_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert voice_commands_unavailable() == (
        "Voice commands need PulseAudio or PipeWire's parec to hear the microphone "
        "(Linux only for now)."
    )
    monkeypatch.setattr("importlib.util.find_spec", lambda _name: None)
    assert voice_commands_unavailable() == (
        "Voice commands need the pocketsphinx package, which is not installed."
    )
