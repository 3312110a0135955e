"""`hamtimer run`'s plan: compiled with the voice's measured phrase lengths and with the user's
setting for open steps, spoken or silent."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from hamtimer import cli, commands
from hamtimer.core.plan import Plan
from hamtimer.services.settings import VoiceSettings
from hamtimer.services.speech.command_audio import CommandAudioPlayer
from hamtimer.services.speech.cue_voice import CueVoice
from hamtimer.services.speech.mixer import Mixer
from hamtimer.services.speech.stream_audio import NoOutputStreamError, OutputStream
from hamtimer.services.templates import LoadedTemplate
from hamtimer.terminal import session_runner
from hamtimer.terminal.voice import prepare_voice, terminal_audio
from tests.builders import open_template
from tests.fakes import FakeRenderer, RecordingAudio, fake_services


@pytest.mark.parametrize("wait", [False, True])
def test_the_spoken_plan_follows_the_open_step_setting(wait: bool) -> None:
    voice = CueVoice(
        FakeRenderer(), RecordingAudio(), {}, VoiceSettings(open_steps_wait_for_done=wait)
    )
    plan = prepare_voice(voice, open_template(expected_s=40), wait_s=0.0)
    assert plan.steps[1].duration_s == (None if wait else 40.0)


@pytest.mark.parametrize("wait", [False, True])
def test_the_silent_plan_follows_the_open_step_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wait: bool
) -> None:
    services = fake_services(
        tmp_path, library=[LoadedTemplate(open_template(expected_s=40), "built-in", builtin=True)]
    )
    services.settings.save(VoiceSettings(open_steps_wait_for_done=wait))
    ran: list[Plan] = []

    def run(_services: object, plan: Plan, *_rest: object) -> tuple[object, str]:
        ran.append(plan)
        return None, ""  # saved: no problem to report

    monkeypatch.setattr(session_runner, "run_in_terminal", run)

    status = commands.run_in_terminal(services, "test-bridge", use_keys=False, speak=False)

    assert status == commands.EXIT_OK
    assert ran[0].steps[1].duration_s == (None if wait else 40.0)


def test_no_output_stream_falls_back_to_a_player_process_with_one_log_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def no_device(_mixer: Mixer) -> OutputStream:
        raise NoOutputStreamError("no audio device opened (Error querying device -1)")

    with caplog.at_level(logging.WARNING):
        audio, _problem = terminal_audio(no_device)
    assert isinstance(audio, CommandAudioPlayer)
    assert [r.getMessage() for r in caplog.records] == [
        "audio: no audio device opened (Error querying device -1); playing each sound with a"
        " command-line player instead"
    ]


def test_keep_speakers_awake_is_a_flag_of_run_that_the_command_receives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = cli.build_parser().parse_args(["run", "x", "--keep-speakers-awake"])
    assert parsed.keep_speakers_awake is True
    assert cli.build_parser().parse_args(["run", "x"]).keep_speakers_awake is False

    asked: list[bool] = []

    def voice_for(_services: object, keep_speakers_awake: bool) -> None:
        asked.append(keep_speakers_awake)
        raise SystemExit(0)  # the voice is all this test is about

    monkeypatch.setattr("hamtimer.terminal.voice.terminal_voice", voice_for)
    services = fake_services(
        tmp_path, library=[LoadedTemplate(open_template(expected_s=40), "built-in", builtin=True)]
    )
    with pytest.raises(SystemExit):
        commands.run_in_terminal(
            services, "test-bridge", use_keys=False, speak=True, keep_speakers_awake=True
        )
    assert asked == [True]
