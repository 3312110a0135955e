"""Fakes for logic tests: a clock that moves only when told to, a voice's parts that
record what they were asked to do, and the app's services in a temporary home."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any, TypeVar

from hamtimer.core.engine import EventSink
from hamtimer.services.app_services import Services
from hamtimer.services.history import HistoryStore
from hamtimer.services.paths import AppPaths
from hamtimer.services.screen_awake import NoScreenAwake, ScreenAwake
from hamtimer.services.settings import SettingsStore
from hamtimer.services.speech.renderer import RenderedPhrase, RendererState, RendererStatus
from hamtimer.services.template_choices import TemplateChoices
from hamtimer.services.templates import LoadedTemplate
from hamtimer.services.user_templates import TemplateLibrary, UserTemplates


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
        self.moments: list[float | None] = []
        """The `at` of each play, in order."""
        self.awake: list[bool] = []
        self.stopped = 0

    def preload(self, path: Path) -> None:
        self.preloaded.append(path)

    def play(self, path: Path, volume: float, at: float | None = None) -> bool:
        self.played.append((path, volume))
        self.moments.append(at)
        return True

    def keep_awake(self, on: bool) -> None:
        self.awake.append(on)

    def stop_all(self) -> None:
        self.stopped += 1

    def close(self) -> None:
        self.stop_all()


class HoldingAudio(RecordingAudio):
    """An output that holds its device only while needed (the window's stream)."""

    def __init__(self) -> None:
        super().__init__()
        self.holds: list[str] = []
        self.ready = False

    def expect_session(self) -> None:
        self.holds.append("expect")

    def hold(self, on: bool) -> None:
        self.holds.append("hold" if on else "release")


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


class RecordingScreenAwake:
    def __init__(self) -> None:
        self.active = False
        self.calls: list[str] = []

    def inhibit(self) -> None:
        self.active = True
        self.calls.append("inhibit")

    def release(self) -> None:
        self.active = False
        self.calls.append("release")


T = TypeVar("T")


class InlineExecutor(Executor):
    """Runs each job at once on the caller's thread, so a logic test sees every write done
    when the event that caused it returns (the app uses a one-thread pool)."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:
            future.set_exception(error)
        return future


def home_paths(home: Path) -> AppPaths:
    return AppPaths(home / "data", home / "config", home / "cache", home / "log", home / "state")


def fake_services(
    home: Path,
    library: list[LoadedTemplate] | None = None,
    screen_awake: ScreenAwake | None = None,
    event_log: EventSink | None = None,
    background: Executor | None = None,
) -> Services:
    """The services app.py builds, in `home`; `library` replaces the built-in templates."""
    paths = home_paths(home)
    user_templates = UserTemplates(paths.user_templates_dir)
    templates = (
        TemplateLibrary(user_templates)
        if library is None
        else TemplateLibrary(user_templates, lambda: library)
    )
    return Services(
        paths=paths,
        history=HistoryStore(paths.history_dir, paths.history_local_dir),
        templates=templates,
        choices=TemplateChoices(paths.template_choices_file),
        settings=SettingsStore(paths.settings_file),
        screen_awake=screen_awake or NoScreenAwake(),
        background=background or InlineExecutor(),
        event_log=event_log,
    )


START = 1000.0


class ScriptedKeys:
    """A KeySource whose wait() moves the fake clock instead of sleeping.

    `script` holds (seconds after START, key): the key is "pressed" at that moment, so a wait
    that would reach past it returns early, at exactly that time.
    """

    def __init__(self, clock: FakeClock, script: Sequence[tuple[float, str]] = ()) -> None:
        self.clock = clock
        self.script = sorted(script)
        self.waits: list[float | None] = []

    def wait(self, timeout: float | None) -> str | None:
        self.waits.append(timeout)
        if len(self.waits) > 100_000:
            raise AssertionError("the session loop never ended")
        if self.script:
            at, key = self.script[0]
            pressed_at = START + at
            if timeout is None or self.clock.now + timeout >= pressed_at:
                self.script.pop(0)
                self.clock.advance(max(0.0, pressed_at - self.clock.now))
                return key
        if timeout is None:
            raise AssertionError("paused with no key left to press: the session would hang")
        self.clock.advance(timeout)
        return None


class FakeStream:
    """An output stream that only knows whether it was closed (the stream players' tests)."""

    backend = "a fake sound server"

    def __init__(self) -> None:
        self.closed = False

    def close(self) -> None:
        self.closed = True
