"""`make screenshots`: every page (Train, the summary, Settings, History, the template editor
valid and with a problem marked) and every run state (get ready with a caution, a hold on the
left leg, switch sides, a rest, a rep step, paused, the count-in after Back) at 1280x800, in
the light and the dark theme, and the run states again at 1024x600; rendered by a real window
(under xvfb-run) on a fake clock."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

from hamtimer.core.announcements import Sound
from hamtimer.core.scheduling import RunningWeek
from hamtimer.core.session_record import (
    LegRecord,
    QuickLog,
    SessionRecord,
    SessionStatus,
    StepColumns,
)
from hamtimer.core.vocabulary import Mode, Side
from hamtimer.services.history import HistoryStore
from hamtimer.services.programs import PlanChoice, PlanStore
from hamtimer.services.settings import Appearance, VoiceSettings
from hamtimer.services.speech.cue_voice import CueVoice
from hamtimer.services.speech.renderer import RendererState, RendererStatus
from hamtimer.services.templates import builtin_templates
from hamtimer.ui.main_window import HISTORY_ROW, SETTINGS_ROW, MainWindow
from hamtimer.ui.voice_bridge import VoiceBridge
from tests.fakes import FakeClock, FakeRenderer, RecordingAudio, fake_services, home_paths
from tests.history_records import store_at
from tests.support.window import figures_drawn, open_a_copy
from tests.ui.focus_screenshots import shoot_focus
from tests.ui.page_screenshots import SCREENSHOT_LOCALE, shoot_pages

OUT = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")


def new_window(
    app: QApplication, theme: str, size: tuple[int, int]
) -> tuple[MainWindow, FakeClock]:
    clock = FakeClock()
    library = builtin_templates()
    library.sort(key=lambda item: item.template.id != "isometric-bridge-hold")
    window = MainWindow.complete(
        fake_services(Path(tempfile.mkdtemp()), library), clock, clock.wall
    )
    window.set_appearance(Appearance(theme))
    window.load_templates()
    window.resize(*size)
    window.show()
    app.processEvents()
    return window, clock


def close(app: QApplication, window: MainWindow) -> None:
    if window.runner is not None and window.in_session:
        window.runner.stop()
    window.close()
    window.deleteLater()
    app.processEvents()


def save(app: QApplication, window: MainWindow, name: str) -> None:
    figures_drawn(window)
    window.grab().save(str(OUT / f"{name}.png"))


def run_to(window: MainWindow, clock: FakeClock, kind: str, into: float) -> None:
    runner = window.runner
    assert runner is not None
    while runner.engine.current_step is not None and (
        runner.engine.current_step.kind.value != kind
    ):
        runner.skip()
    clock.advance(into)
    runner.poll_now()


def shoot(app: QApplication, theme: str) -> None:
    window, clock = new_window(app, theme, (1280, 800))
    save(app, window, f"browser-{theme}")
    window.browser.request_start()
    runner = window.runner
    assert runner is not None
    run_to(window, clock, "work", 6.2)
    save(app, window, f"hold-{theme}")
    run_to(window, clock, "switch", 2.5)
    save(app, window, f"switch-{theme}")
    run_to(window, clock, "rest", 12.4)
    save(app, window, f"rest-{theme}")
    while window.pages.currentWidget() is window.run_screen:
        clock.advance(1.0)
        runner.poll_now()
        if runner.engine.current_step is not None and runner.engine.current_step.kind.value in (
            "rest",
            "switch",
            "prepare",
        ):
            runner.skip()
    save(app, window, f"summary-{theme}")
    show_settings(window)
    save(app, window, f"settings-{theme}")
    show_history(window)
    save(app, window, f"history-{theme}")
    show_editor(window)
    save(app, window, f"editor-{theme}")
    show_editor_problem(window)
    save(app, window, f"editor-invalid-{theme}")
    close(app, window)


REPS = "hinge-to-march"
"""A built-in whose first exercise is reps at a pace (no tempo): the rep is the big figure."""


def shoot_run_states(app: QApplication, theme: str, size: tuple[int, int], suffix: str) -> None:
    """The states a runner sees from the mat: paused, a rep step, the count-in after Back."""
    window, clock = new_window(app, theme, size)
    window.browser.request_start()
    run_to(window, clock, "work", 4.0)
    if suffix:
        save(app, window, f"hold-{theme}{suffix}")
    window.run_command("pause")
    save(app, window, f"paused-{theme}{suffix}")
    window.run_command("pause")
    clock.advance(4.0)
    window.run_command("back")
    clock.advance(1.0)
    assert window.runner is not None
    window.runner.poll_now()
    save(app, window, f"count-in-{theme}{suffix}")
    close(app, window)
    window, clock = new_window(app, theme, size)
    window.browser.select(REPS)
    window.browser.request_start()
    run_to(window, clock, "work", 7.5)
    save(app, window, f"reps-{theme}{suffix}")
    close(app, window)


CAUTIONED = "hinge-to-march-weighted"
"""A built-in whose exercise has a caution (the weighted side) and notes."""


def shoot_get_ready(app: QApplication, theme: str, size: tuple[int, int], suffix: str) -> None:
    """The get-ready screen of an exercise with a caution, a few seconds in."""
    window, clock = new_window(app, theme, size)
    window.browser.select(CAUTIONED)
    window.browser.request_start()
    runner = window.runner
    assert runner is not None and runner.engine.current_step is not None
    assert runner.engine.current_step.caution, "the shot needs an exercise with a caution"
    clock.advance(4.0)
    runner.poll_now()
    save(app, window, f"get-ready-{theme}{suffix}")
    close(app, window)


def show_settings(window: MainWindow) -> None:
    """The Settings section with a voice whose engine lists a few voices (as espeak-ng does)."""
    renderer = FakeRenderer()
    renderer.status = RendererStatus(
        RendererState.READY,
        "espeak",
        voices=(("gmw/en", "English (Great Britain)"), ("gmw/en-US", "English (America)")),
    )
    sounds = {sound: Path(f"{sound.value}.wav") for sound in Sound}
    voice = CueVoice(renderer, RecordingAudio(), sounds, VoiceSettings(rate=160, volume=0.8))
    window.attach_voice(voice, VoiceBridge(window))
    window.navigation.setCurrentRow(SETTINGS_ROW)


SCREENSHOT_DAYS = (0, 1, 4, 8, 11, 15, 18, 22, 25, 29, 32, 36, 39, 43, 46, 50)
"""Days ago: today and yesterday, then two sessions in every week before."""


def show_history(window: MainWindow) -> None:
    """The History section over eight weeks of the bridge hold, two a week, the right leg
    catching up: advice to rest after two days in a row, to step up to 25 s holds (its why
    shown, as when its source is clicked), and to start with the right leg, each naming its
    article. A store of its own, so the session the summary shot finished does not change the
    advice from one run to the next."""
    store = store_at(Path(tempfile.mkdtemp()))
    window._history = store
    today = datetime.now().astimezone().replace(hour=7, minute=30, second=0, microsecond=0)
    for number, days_ago in enumerate(SCREENSHOT_DAYS):
        right_s = 20.0 if days_ago < 8 else min(15.0, 8.0 + (50 - days_ago) / 6)
        log = QuickLog(effort=6, pain=1 if number < 6 else 2)
        store.append(bridge_record(number, today - timedelta(days=days_ago), right_s, log))
    window.navigation.setCurrentRow(HISTORY_ROW)
    window.history_page.coach.linkActivated.emit("why:1")  # as if the step up's source was clicked


def bridge_record(number: int, started: datetime, right_s: float, log: QuickLog) -> SessionRecord:
    """Three sets of 20 s on each leg of the built-in bridge hold, the right leg's `right_s`."""
    exercise = "single-leg-bridge-hold"
    sides = ("left", "right") * 3
    actual = tuple(20.0 if side == "left" else right_s for side in sides)
    steps = StepColumns(
        ("work",) * 6,
        (exercise,) * 6,
        sides,
        (20.0,) * 6,
        actual,
        tuple("completed" if held >= 20.0 else "ended_early" for held in actual),
    )
    legs = tuple(
        LegRecord(exercise, "Single-leg hamstring bridge hold", Mode.HOLD, side, 3, 3, 0,
                  (held,) * 3, 0, 3 if held >= 20.0 else 0)
        for side, held in ((Side.LEFT, 20.0), (Side.RIGHT, right_s))
    )  # fmt: skip
    return SessionRecord(
        f"history-{number}",
        "isometric-bridge-hold",
        "Single-leg hamstring bridge hold",
        1,
        started,
        started + timedelta(minutes=8),
        SessionStatus.COMPLETED,
        steps,
        legs,
        log,
    )


def show_editor(window: MainWindow) -> None:
    """Templates: a copy of the bridge hold, saved as the user's own, with its timeline."""
    open_a_copy(window, "Bridge hold, longer")


def show_editor_problem(window: MainWindow) -> None:
    """The same template with a hold target outside its range: marked, and Save is off."""
    editor = window.template_editor
    assert editor is not None
    editor.form.exercise_form.hold.target.setValue(90)
    editor.recheck()
    editor._go_to_problem(editor.problems.item(0))
    editor.may_leave = lambda: True  # type: ignore[method-assign]  # closing must not ask


THEME = [Appearance.LIGHT]
"""The theme the shots being taken are in (the window applies its own saved one at start)."""


def train_window(home: Path, clock: FakeClock, size: tuple[int, int] = (1280, 800)) -> MainWindow:
    """A window on Train with the built-in templates in their real (alphabetical) order."""
    window = MainWindow.complete(fake_services(home, builtin_templates()), clock, clock.wall)
    window.set_appearance(THEME[0])
    window.load_templates()
    window.resize(*size)
    window.show()
    return window


def own_history(home: Path) -> HistoryStore:
    """The history the window in `home` reads (fake_services' folders)."""
    paths = home_paths(home)
    return HistoryStore(paths.history_dir, paths.history_local_dir)


PLAN_MONDAY = date(2026, 11, 30)
"""The plan shots' week: hard runs on Tuesday and Thursday, the long run on Saturday."""


def on_day(day: date) -> FakeClock:
    return FakeClock(wall_start=datetime.combine(day, time(12)).timestamp())


def shoot_train(app: QApplication, theme: str) -> None:
    """Train on first launch (the beginner isometric session chosen, Start focused) at
    1280x800 and 1024x600; with history (the template trained last); on a plan, a session
    day (week 2's targets) and the rest day after it."""

    def save(window: MainWindow, name: str) -> None:
        figures_drawn(window)
        window.grab().save(str(OUT / f"{name}-{theme}.png"))
        window.close()
        window.deleteLater()
        app.processEvents()

    for size, name in (((1280, 800), "train-first-launch"), ((1024, 600), "train-1024x600")):
        save(train_window(Path(tempfile.mkdtemp()), FakeClock(), size), name)
    home = Path(tempfile.mkdtemp())
    today = datetime.now().astimezone().replace(hour=7, minute=30, second=0, microsecond=0)
    for number, days_ago in enumerate((9, 6, 2)):
        started = today - timedelta(days=days_ago)
        own_history(home).append(hinge_record(number, started))
    save(train_window(home, FakeClock()), "train-with-history")
    home = Path(tempfile.mkdtemp())
    running = RunningWeek(frozenset({1, 3}), 5)
    PlanStore(home_paths(home).plan_file).save(PlanChoice("isometric-base", PLAN_MONDAY, running))
    session_day = PLAN_MONDAY + timedelta(days=8)  # week 2, Tuesday
    save(train_window(home, on_day(session_day)), "train-today-session")
    trained = datetime.combine(session_day, time(7)).astimezone()
    own_history(home).append(bridge_record(99, trained, 25.0, QuickLog(5, 1)))
    save(train_window(home, on_day(session_day + timedelta(days=1))), "train-today-rest")


def hinge_record(number: int, started: datetime) -> SessionRecord:
    """A session of the built-in hinge to march: two sets of ten on each leg, all done."""
    exercise = "hinge-to-march"
    sides = ("left", "right") * 2
    steps = StepColumns(
        ("work",) * 4, (exercise,) * 4, sides, (40.0,) * 4, (40.0,) * 4, ("completed",) * 4
    )
    legs = tuple(
        LegRecord(exercise, "Hinge to march", Mode.REPS, side, 2, 2, 0, (), 20)
        for side in (Side.LEFT, Side.RIGHT)
    )
    return SessionRecord(
        f"hinge-{number}",
        "hinge-to-march",
        "Hinge to march",
        1,
        started,
        started + timedelta(minutes=6),
        SessionStatus.COMPLETED,
        steps,
        legs,
        QuickLog(5, 1),
    )


def shoot_summary(app: QApplication, theme: str) -> None:
    """The summary card of the bridge hold against the session two days before (the right
    leg held less then), with effort, pain and a note typed, at 1280x800 and 1024x600."""
    for size, name in (((1280, 800), "summary-card"), ((1024, 600), "summary-card-1024x600")):
        home = Path(tempfile.mkdtemp())
        clock = FakeClock(wall_start=datetime.now().timestamp())
        before = datetime.now().astimezone() - timedelta(days=2)
        own_history(home).append(bridge_record(1, before, 15.0, QuickLog(6, 1)))
        window = train_window(home, clock, size)
        window.browser.select("isometric-bridge-hold")
        window.browser.request_start()
        runner = window.runner
        assert runner is not None
        while window.pages.currentWidget() is window.run_screen:
            deadline = runner.engine.next_deadline()
            clock.advance(max(0.0, (deadline or clock.now) - clock.now))
            runner.poll_now()
        view = window.summary_view
        view.effort.setValue(6)
        view.pain.setValue(1)
        view.notes.setText("Right leg steadier than last week")
        view.effort.setFocus()
        figures_drawn(window)
        window.grab().save(str(OUT / f"{name}-{theme}.png"))
        window.close()
        window.deleteLater()
        app.processEvents()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    os.environ["LANG"] = SCREENSHOT_LOCALE  # the voice list puts this language first
    app = QApplication(sys.argv)
    only = sys.argv[2:]  # e.g. `train`: only those shots (while working on one page)
    shots = {
        "main": shoot,
        "get-ready": lambda app, theme: shoot_get_ready(app, theme, (1280, 800), ""),
        "run": lambda app, theme: shoot_run_states(app, theme, (1280, 800), ""),
        "small": lambda app, theme: (
            shoot_get_ready(app, theme, (1024, 600), "-1024x600"),
            shoot_run_states(app, theme, (1024, 600), "-1024x600"),
        ),
        "train": shoot_train,
        "summary": shoot_summary,
        "pages": lambda app, theme: shoot_pages(app, OUT, theme),
        "focus": lambda app, theme: shoot_focus(app, OUT, theme),
    }
    for theme in ("light", "dark"):
        THEME[0] = Appearance(theme)
        for name, shot in shots.items():
            if not only or name in only:
                shot(app, theme)
    print(f"screenshots in {OUT}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
