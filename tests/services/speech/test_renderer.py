"""The renderer with real espeak-ng, and with workers that fail the ways engines do."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hamtimer.services.speech.renderer import (
    PhraseRenderer,
    RenderedPhrase,
    RendererState,
    RendererStatus,
)
from hamtimer.services.speech.wav import SILENCE_LEVEL, read_pcm
from tests.services.speech import workers

WAIT_S = 30
MakeRenderer = Callable[..., PhraseRenderer]


class Recorder:
    def __init__(self) -> None:
        self.phrases: list[RenderedPhrase] = []
        self.statuses: list[RendererStatus] = []
        self.changed = threading.Event()

    def rendered(self, phrase: RenderedPhrase) -> None:
        self.phrases.append(phrase)
        self.changed.set()

    def status(self, status: RendererStatus) -> None:
        self.statuses.append(status)
        self.changed.set()

    def wait_for(self, condition: Callable[[], object]) -> None:
        for _ in range(WAIT_S * 10):
            if condition():
                return
            self.changed.wait(0.1)
            self.changed.clear()
        raise AssertionError("timed out")


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def make_renderer(tmp_path: Path, recorder: Recorder) -> Iterator[MakeRenderer]:
    made: list[PhraseRenderer] = []

    def make(**options: object) -> PhraseRenderer:
        renderer = PhraseRenderer(
            tmp_path / "cache",
            engine_key="espeak",
            on_rendered=recorder.rendered,
            on_status=recorder.status,
            **options,
        )
        made.append(renderer)
        return renderer

    yield make
    for renderer in made:
        renderer.close()


@pytest.mark.e2e  # real espeak-ng
def test_espeak_renders_a_phrase_to_a_trimmed_non_silent_wav(
    make_renderer: MakeRenderer, recorder: Recorder
) -> None:
    renderer = make_renderer()
    renderer.request(["Left leg. Heel on the bench."])
    recorder.wait_for(lambda: recorder.phrases)

    phrase = recorder.phrases[0]
    audio = read_pcm(phrase.path)
    assert recorder.statuses[0].state == RendererState.READY
    assert recorder.statuses[0].engine == "espeak"
    assert audio.rate == 22050
    assert 0.8 < phrase.length_s < 3.5
    assert phrase.length_s == pytest.approx(audio.length_s)
    assert audio.peak() > 8 * SILENCE_LEVEL
    assert abs(audio.samples[0]) >= SILENCE_LEVEL  # the voice starts at the first sample


@pytest.mark.e2e  # real espeak-ng
def test_a_rendered_phrase_is_found_in_the_cache_by_the_next_run(
    make_renderer: MakeRenderer, recorder: Recorder
) -> None:
    first = make_renderer()
    first.request(["Three"])
    recorder.wait_for(lambda: recorder.phrases)
    first.close()

    again = make_renderer()
    cached = again.lookup("Three")

    assert cached is not None and cached.path == recorder.phrases[0].path
    assert again.lookup("Four") is None


@pytest.mark.slow  # worker restarts
def test_a_worker_that_exits_is_restarted_then_given_up_on_with_a_reason(
    make_renderer: MakeRenderer, recorder: Recorder
) -> None:
    renderer = make_renderer(worker=workers.exits_at_once)
    recorder.wait_for(lambda: renderer.status.state == RendererState.UNAVAILABLE)
    assert "keeps failing" in renderer.status.reason and "code 3" in renderer.status.reason


def test_a_missing_engine_is_reported_once_and_not_retried(
    make_renderer: MakeRenderer, recorder: Recorder
) -> None:
    renderer = make_renderer(worker=workers.engine_missing)
    recorder.wait_for(lambda: renderer.status.state == RendererState.UNAVAILABLE)
    assert "could not find libespeak-ng" in renderer.status.reason
    assert len(recorder.statuses) == 1


@pytest.mark.e2e  # the worker started after the hung one is real espeak-ng
def test_a_hung_worker_is_killed_and_the_next_one_renders_the_phrase(
    make_renderer: MakeRenderer, recorder: Recorder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HAMTIMER_TEST_MARKER", str(tmp_path / "hung-once"))
    renderer = make_renderer(worker=workers.hangs_once_then_works, job_timeout_s=1.0)
    renderer.request(["Switch sides."])
    recorder.wait_for(lambda: recorder.phrases)
    assert recorder.phrases[0].text == "Switch sides."
    assert [s.state for s in recorder.statuses] == [RendererState.READY, RendererState.READY]


@pytest.mark.slow  # worker restarts
def test_a_worker_dying_mid_job_is_replaced_and_the_renderer_gives_up_in_the_end(
    make_renderer: MakeRenderer, recorder: Recorder
) -> None:
    renderer = make_renderer(worker=workers.dies_mid_job)
    renderer.request(["Halfway."])
    recorder.wait_for(lambda: renderer.status.state == RendererState.UNAVAILABLE)
    assert "code 9" in renderer.status.reason
    assert renderer.pending_count() == 1  # never lost; the captions still show it
