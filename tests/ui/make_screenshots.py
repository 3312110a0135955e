"""`make screenshots`: the browser, a hold, a rest, a switch, the summary and Settings at
1280x800, in a light and a dark palette, rendered by a real window (under xvfb-run) on a fake
clock."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from hamtimer.core.announcements import Sound
from hamtimer.core.engine import SessionEngine
from hamtimer.core.model import Template
from hamtimer.core.plan import SpeechLength, compile_plan
from hamtimer.services.settings import VoiceSettings
from hamtimer.services.speech.cue_voice import CueVoice
from hamtimer.services.speech.renderer import RendererState, RendererStatus
from hamtimer.services.templates import builtin_templates
from hamtimer.ui.main_window import SETTINGS_ROW, MainWindow
from hamtimer.ui.qt_runner import SessionRunner
from hamtimer.ui.voice_bridge import VoiceBridge
from tests.fakes import FakeClock, FakeRenderer, RecordingAudio

OUT = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#202124",
        QPalette.ColorRole.WindowText: "#E8EAED",
        QPalette.ColorRole.Base: "#2B2C2F",
        QPalette.ColorRole.AlternateBase: "#323336",
        QPalette.ColorRole.Text: "#E8EAED",
        QPalette.ColorRole.Button: "#3C4043",
        QPalette.ColorRole.ButtonText: "#E8EAED",
        QPalette.ColorRole.Highlight: "#8AB4F8",
        QPalette.ColorRole.HighlightedText: "#202124",
        QPalette.ColorRole.ToolTipBase: "#3C4043",
        QPalette.ColorRole.ToolTipText: "#E8EAED",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    return palette


def shoot(app: QApplication, theme: str) -> None:
    clock = FakeClock()
    library = builtin_templates()
    library.sort(key=lambda item: item.template.id != "isometric-bridge-hold")

    def make_runner(template: Template, lengths: SpeechLength) -> SessionRunner:
        engine = SessionEngine(compile_plan(template, lengths), clock=clock, wall_clock=clock.wall)
        return SessionRunner(engine, clock)

    window = MainWindow(library, make_runner)
    window.resize(1280, 800)
    window.show()
    app.processEvents()

    def save(name: str) -> None:
        app.processEvents()
        window.grab().save(str(OUT / f"{name}-{theme}.png"))

    save("browser")
    window.browser.request_start()
    runner = window.runner
    assert runner is not None

    def run_to(kind: str, into: float) -> None:
        while runner.engine.current_step is not None and (
            runner.engine.current_step.kind.value != kind
        ):
            runner.skip()
        clock.advance(into)
        runner.poll_now()

    run_to("work", 6.2)
    save("hold")
    run_to("switch", 2.5)
    save("switch")
    run_to("rest", 12.4)
    save("rest")
    while window.pages.currentWidget() is window.run_screen:
        clock.advance(1.0)
        runner.poll_now()
        if runner.engine.current_step is not None and runner.engine.current_step.kind.value in (
            "rest",
            "switch",
            "prepare",
        ):
            runner.skip()
    save("summary")
    show_settings(window)
    save("settings")
    window.close()
    window.deleteLater()
    app.processEvents()


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


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    app.setStyle("Fusion")
    light = app.palette()
    shoot(app, "light")
    app.setPalette(dark_palette())
    shoot(app, "dark")
    app.setPalette(light)
    print(f"screenshots in {OUT}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
