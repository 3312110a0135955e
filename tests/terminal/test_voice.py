"""`hamtimer run`'s plan: compiled with the voice's measured phrase lengths and with the user's
setting for open steps, spoken or silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamtimer import commands
from hamtimer.core.plan import Plan
from hamtimer.services.settings import VoiceSettings
from hamtimer.services.speech.cue_voice import CueVoice
from hamtimer.services.templates import LoadedTemplate
from hamtimer.terminal import session_runner
from hamtimer.terminal.voice import prepare_voice
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
