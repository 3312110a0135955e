"""Notes and cautions on the get-ready screen: shown before the exercise starts, the caution
said once, nothing shown once the work starts."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from hamtimer.core.plan import CueKind
from hamtimer.core.vocabulary import StepKind
from hamtimer.services.templates import LoadedTemplate
from hamtimer.ui.main_window import MainWindow
from tests.builders import exercise_template
from tests.fakes import FakeClock, fake_services
from tests.support.window import advance_into_step

CAUTION = "Hold the weight on the lifted-leg side."


def test_the_get_ready_screen_shows_the_caution_and_notes(qtbot: QtBot, tmp_path: Path) -> None:
    clock = FakeClock()
    template = exercise_template(caution=CAUTION, notes="Start light.")
    library = [LoadedTemplate(template, "built-in", builtin=True)]
    window = MainWindow.complete(fake_services(tmp_path, library), clock, clock.wall)
    window.load_templates()
    qtbot.addWidget(window)
    window.show()
    window.browser.request_start()
    runner, screen = window.runner, window.run_screen
    assert runner is not None and runner.engine.current_step is not None
    assert runner.engine.current_step.kind == StepKind.PREPARE
    label = screen.guidance_label
    assert label.isVisible()
    assert f"⚠ {CAUTION}" in label.text() and "Start light." in label.text()

    said = []
    while runner.engine.current_step is not None and runner.engine.current_step.index == 0:
        advance_into_step(window, clock, 0.5)
        said.append(screen.caption_label.text())
    assert f"Caution: {CAUTION}" in said
    assert runner.engine.current_step is not None
    assert runner.engine.current_step.kind == StepKind.WORK
    assert not label.isVisible()
    spoken = [
        cue for step in runner.engine.plan.steps for cue in step.cues if cue.kind == CueKind.CAUTION
    ]
    assert len(spoken) == 1  # once per session
    runner.stop()
