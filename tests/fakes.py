"""Fakes for logic tests: a clock that moves only when told to, and a voice's parts that
record what they were asked to do."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from hamtimer.services.speech.renderer import RenderedPhrase, RendererState, RendererStatus


class FakeClock:
    """A monotonic clock and a wall clock that advance together unless a test splits them."""

    def __init__(self, start: float = 1000.0, wall_start: float = 1_700_000_000.0) -> None:
        self.now = start
        self.wall_now = wall_start

    def __call__(self) -> float:
        return self.now

    def wall(self) -> float:
        return self.wall_now

    def advance(self, seconds: float) -> None:
        self.now += seconds
        self.wall_now += seconds

    def sleep_wall_only(self, seconds: float) -> None:
        """A laptop suspend on Linux: CLOCK_MONOTONIC stops, the wall clock does not."""
        self.wall_now += seconds


class FakeRenderer:
    """Phrases become 'rendered' when the test says so."""

    def __init__(self, state: RendererState = RendererState.READY) -> None:
        self.status = RendererStatus(state, "espeak" if state == RendererState.READY else "")
        self.rendered: dict[str, RenderedPhrase] = {}
        self.requests: list[tuple[list[str], bool]] = []
        self.closed = False

    def lookup(self, text: str) -> RenderedPhrase | None:
        return self.rendered.get(text)

    def request(self, texts: Iterable[str], urgent: bool = False) -> None:
        self.requests.append((list(texts), urgent))

    def close(self, timeout_s: float = 5.0) -> None:
        self.closed = True

    def finish(self, text: str, length_s: float = 0.5) -> RenderedPhrase:
        phrase = RenderedPhrase(text, Path(f"/cache/{len(self.rendered)}.wav"), length_s)
        self.rendered[text] = phrase
        return phrase


class RecordingAudio:
    def __init__(self) -> None:
        self.preloaded: list[Path] = []
        self.played: list[tuple[Path, float]] = []
        self.stopped = 0

    def preload(self, path: Path) -> None:
        self.preloaded.append(path)

    def play(self, path: Path, volume: float) -> bool:
        self.played.append((path, volume))
        return True

    def stop_all(self) -> None:
        self.stopped += 1

    def close(self) -> None:
        self.stop_all()


class RecordingLiveSpeech:
    name = "Qt speech"

    def __init__(self, usable: bool | None = True, problem: str = "") -> None:
        self.said: list[str] = []
        self.usable = usable
        self.problem = problem
        self.closed = False

    def close(self) -> None:
        self.closed = True

    def say(self, text: str, volume: float) -> None:
        self.said.append(text)
