"""Real end-to-end audio: the window and `hamtimer run` speak through a real PulseAudio sink.

A PulseAudio daemon with a null sink gives the in-process stream (window and terminal) a
real output; `parec` records the sink's monitor while a short session runs through the real
entry point (tests/support/gui_session.py offscreen, or `python -m hamtimer run`). The onsets
found in the recording must be spaced as the plan says: the spoken 3-2-1 and a form cue,
within +-30 ms. Spacing needs no clock shared with the app.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from hamtimer.core.plan import compile_plan
from hamtimer.core.validation import parse_template
from hamtimer.services.speech.session_stream import AFTER_S
from tests.support import phrase_onsets
from tests.support.audio_capture import (
    RATE,
    TINY_SESSION,
    offscreen_session_env,
    onset_errors,
    onsets,
    record_session,
    spoken_moments,
)

pytestmark = pytest.mark.e2e  # PulseAudio, parec, espeak-ng and the app as subprocesses

TOLERANCE_S = 0.030
SOUNDS_DIR = Path(__file__).resolve().parents[1] / "assets" / "sounds"


@pytest.fixture
def session_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    with offscreen_session_env(tmp_path) as env:
        yield env


def assert_heard_as_planned(raw: bytes, events: Path, stderr: str) -> None:
    """The spoken 3-2-1 (twice) and the form cue are heard spaced as the event log plans."""
    heard = onsets(raw)
    assert heard, f"nothing was heard; the session said:\n{stderr}"
    planned = [r["planned"] for r in spoken_moments(events)]
    assert len(planned) == 7  # 3-2-1 before the hold, the cue, 3-2-1 before the end
    errors = onset_errors(heard, planned)
    recorded_s = len(raw) / 2 / RATE
    assert max(map(abs, errors)) <= TOLERANCE_S, (errors, heard, recorded_s, stderr)


def test_the_window_speaks_the_countdown_and_cue_where_the_plan_puts_them(
    session_env: dict[str, str], tmp_path: Path
) -> None:
    """Through the in-process stream, opened for the session and closed after it while the
    window is still open (AFTER_S past the closing phrase; the wait for a chosen session is
    shortened: the window's own selection is another template than the one started here)."""
    template, events = tmp_path / "tiny.json", tmp_path / "events.jsonl"
    template.write_text(json.dumps(TINY_SESSION))
    command = [sys.executable, "-m", "tests.support.gui_session", str(template), str(events)]
    env = dict(
        session_env,
        HAMTIMER_TEST_QUIT_MS=str(round((AFTER_S + 3) * 1000)),
        HAMTIMER_TEST_CHOSEN_WAIT_S="2",
    )
    raw, stderr = record_session(command, env)
    assert_heard_as_planned(raw, events, stderr)
    assert "audio: stream opened (PortAudio" in stderr, stderr
    finished = stderr.index("SessionFinished: said")
    assert "audio: stream closed, no session needs it" in stderr[finished:], stderr


def test_the_terminal_speaks_the_countdown_and_cue_where_the_plan_puts_them(
    session_env: dict[str, str], tmp_path: Path
) -> None:
    template, events = tmp_path / "tiny.json", tmp_path / "events.jsonl"
    template.write_text(json.dumps(TINY_SESSION))
    command = [sys.executable, "-m", "hamtimer", "run", str(template), "--no-keys"]
    raw, stderr = record_session([*command, "--log-events", str(events)], session_env)
    assert_heard_as_planned(raw, events, stderr)


@pytest.mark.slow
def test_the_terminal_plays_every_phrase_and_sound_at_its_moment_through_its_stream(
    session_env: dict[str, str], tmp_path: Path
) -> None:
    """Every item of the session (the step sounds under the announcements included), found by
    cross-correlation with its own audio: heard, on time, and no phrase into the next."""
    template, events = tmp_path / "tiny.json", tmp_path / "events.jsonl"
    template.write_text(json.dumps(TINY_SESSION))
    command = [sys.executable, "-m", "hamtimer", "-v", "run", str(template), "--no-keys"]
    raw, stderr = record_session(
        [*command, "--log-events", str(events)], session_env, rate=phrase_onsets.RATE
    )
    assert "audio: PortAudio" in stderr, stderr  # the in-process player, not the fallback
    cache = Path(session_env["XDG_CACHE_HOME"]) / "hamtimer" / "speech"
    finish = compile_plan(parse_template(template.read_bytes())).finish_text
    items = phrase_onsets.expected_items(events, finish, cache, SOUNDS_DIR)
    found = phrase_onsets.find_items(phrase_onsets.recorded(raw), items)
    assert len(found) >= 12  # sounds, announcements, the cue, two countdowns, the closing
    assert [f.item.label for f in found if f.onset is None] == []
    late = [(f.item.label, f.error_s) for f in found if abs(f.error_s or 0) > TOLERANCE_S]
    assert late == []
    assert phrase_onsets.overlapping(found) == []
