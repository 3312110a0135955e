"""A child process running one real-time session in the real window: for the GUI benchmarks
(under Xvfb) and the end-to-end audio test (offscreen).

`python -m tests.support.gui_session TEMPLATE.json EVENTS.jsonl`. It goes through the real
entry point (`hamtimer --log-events EVENTS`), starts the template the way Start does, and quits
when the summary shows. It prints, as JSON, the CPU time the process used while the longest
hold counted down (its figure still) and while the longest reps step ran (its figure moving),
each over that step's wall time.
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from hamtimer import cli
from hamtimer.core.engine import EngineEvent, StepFinished, StepStarted
from hamtimer.core.plan import compile_plan
from hamtimer.core.validation import parse_template
from hamtimer.core.vocabulary import Mode, StepKind
from hamtimer.ui.main_window import MainWindow

VOICE_WAIT_S = 30.0
START_AT_ONCE = os.environ.get("HAMTIMER_BENCH_START_AT_ONCE") == "1"
"""Start as soon as the window shows: phrases then render while the session runs."""
QUIT_MS = int(os.environ.get("HAMTIMER_TEST_QUIT_MS", "2500"))
"""After the summary shows: the closing phrase (1.6 s) is heard out before the app quits (a
test that watches the audio stream close after the session waits longer)."""
QT_PLAYER = os.environ.get("HAMTIMER_BENCH_WINDOW_PLAYER") == "qt"
"""The window plays through Qt Multimedia, its fallback, instead of the in-process stream: how
the phrase onset benchmark weighs one against the other in the window."""


def shorten_the_chosen_wait(seconds: float) -> None:
    """The window's stream waits this long for a chosen session, instead of a minute: a test
    sees it closed after the session while the window is still open."""
    from hamtimer.services.speech import session_stream

    session_stream.CHOSEN_WAIT_S = seconds


def use_qt_player() -> None:
    from hamtimer.qt import audio
    from hamtimer.services.speech.cue_voice import AudioOut

    def qt_player(copies_dir: Path) -> tuple[AudioOut, str | None]:
        return audio.QtAudioPlayer(copies_dir), audio.audio_problem()

    audio.window_audio = qt_player


def main() -> int:
    template_path, events_path = Path(sys.argv[1]), sys.argv[2]
    template = parse_template(template_path.read_bytes())
    app = QApplication(sys.argv[:1])
    works = [step for step in compile_plan(template).steps if step.kind == StepKind.WORK]
    watched = {
        name: max(steps, key=lambda step: step.duration_s or 0).index
        for name, steps in (
            ("hold", [step for step in works if step.mode == Mode.HOLD]),
            ("reps", [step for step in works if step.mode == Mode.REPS]),
        )
        if steps
    }
    times: dict[str, float] = {}

    def watch(event: EngineEvent) -> None:
        if not isinstance(event, StepStarted | StepFinished):
            return
        for name, index in watched.items():
            if event.step.index != index:
                continue
            if isinstance(event, StepStarted):
                times.update(
                    {f"{name}_cpu0": time.process_time(), f"{name}_wall0": time.monotonic()}
                )
            else:
                times[f"{name}_cpu_s"] = time.process_time() - times[f"{name}_cpu0"]
                times[f"{name}_wall_s"] = time.monotonic() - times[f"{name}_wall0"]

    started_at = time.monotonic()

    def ready_window() -> MainWindow | None:
        """The window once it is shown and its voice has rendered the plan's phrases.

        Start-up takes longer on a loaded machine, so this waits for the real state rather
        than a fixed delay; without a voice after VOICE_WAIT_S the session runs silent."""
        window = next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow)), None)
        if window is None or not window.isVisible():
            return None
        waited = time.monotonic() - started_at
        voice = window.voice
        if START_AT_ONCE:
            return window
        if voice is None:
            return window if waited > VOICE_WAIT_S else None
        plan = compile_plan(template, voice.speech_length)
        voice.prepare(plan)  # the browser prepared its own selection, not this file's template
        prepared = voice.is_prepared(plan)
        return window if prepared or waited > VOICE_WAIT_S else None

    def start() -> None:
        try:
            window = ready_window()
            if window is None:
                QTimer.singleShot(50, start)
                return
            window.start_session(template)
            assert window.runner is not None
            window.runner.engine_event.connect(watch)
            window.runner.finished.connect(lambda _summary: QTimer.singleShot(QUIT_MS, app.quit))
        except Exception:
            traceback.print_exc()
            app.exit(2)

    QTimer.singleShot(50, start)
    if QT_PLAYER:
        use_qt_player()
    if "HAMTIMER_TEST_CHOSEN_WAIT_S" in os.environ:
        shorten_the_chosen_wait(float(os.environ["HAMTIMER_TEST_CHOSEN_WAIT_S"]))
    code = cli.main(["--verbose", "--log-events", events_path])
    measured = {key: value for key, value in times.items() if key.endswith(("_cpu_s", "_wall_s"))}
    if code or "hold_cpu_s" not in measured:
        return code or 1
    print(json.dumps(measured))
    return 0


if __name__ == "__main__":
    sys.exit(main())
