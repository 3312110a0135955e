"""The recogniser on real speech, no microphone: phrases rendered by espeak-ng and fed to
`KeywordSpotter` as one continuous stream, the way the microphone's audio reaches it.

The spoken commands are recognised, never as another command; and every phrase the app says
in its built-in sessions (the speech cache's list for each plan) triggers nothing. These are
the data KEYPHRASE_THRESHOLDS were tuned on."""

from __future__ import annotations

import pytest

from hamtimer.services.voice_commands import COMMAND_PHRASES, KeywordSpotter
from tests.support.spoken_audio import (
    ALL_VOICES,
    MALE_VOICES,
    app_phrases,
    silence,
    spoken,
    warm_up_audio,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
]


@pytest.fixture(scope="module")
def spotter() -> KeywordSpotter:
    spotter = KeywordSpotter()
    assert spotter.feed(warm_up_audio()) == []
    return spotter


def test_each_spoken_command_is_recognised_and_never_as_another_in_a_male_voice(
    spotter: KeywordSpotter,
) -> None:
    recognised: dict[str, list[str]] = {phrase: [] for phrase in COMMAND_PHRASES}
    misheard: dict[str, list[str]] = {}
    for phrase in COMMAND_PHRASES:
        for voice, speed in ALL_VOICES:
            heard = spotter.feed(silence(0.5) + spoken(phrase, voice, speed) + silence(1.0))
            if heard == [phrase]:
                recognised[phrase].append(f"{voice}@{speed}")
            elif heard and (voice, speed) in MALE_VOICES:
                misheard.setdefault(phrase, []).append(f"{voice}@{speed}: {heard}")
    assert all(recognised.values()), recognised
    assert misheard == {}


def test_nothing_the_app_says_in_a_built_in_session_triggers_a_command(
    spotter: KeywordSpotter,
) -> None:
    phrases = app_phrases()
    assert len(phrases) > 250  # every built-in session's phrases, not a sample
    false_triggers = {
        phrase: heard
        for phrase in phrases
        if (heard := spotter.feed(spoken(phrase) + silence(0.5)))
    }
    assert false_triggers == {}
