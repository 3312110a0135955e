"""`make screenshots`: the browser, a hold, a rest, a switch, the summary, Settings, History and
the template editor (valid, and with a problem marked) at 1280x800, in a light and a dark
palette, rendered by a real window (under xvfb-run) on a fake clock."""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from hamtimer.core.announcements import Sound
from hamtimer.core.session_record import QuickLog
from hamtimer.services.settings import VoiceSettings
from hamtimer.services.speech.cue_voice import CueVoice
from hamtimer.services.speech.renderer import RendererState, RendererStatus
from hamtimer.services.templates import builtin_templates
from hamtimer.ui.main_window import HISTORY_ROW, SETTINGS_ROW, TEMPLATES_ROW, MainWindow
from hamtimer.ui.voice_bridge import VoiceBridge
from tests.fakes import FakeClock, FakeRenderer, RecordingAudio, fake_services
from tests.history_records import small_record, store_at

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
    for role in (
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7F8388"))
    return palette


def shoot(app: QApplication, theme: str) -> None:
    clock = FakeClock()
    library = builtin_templates()
    library.sort(key=lambda item: item.template.id != "isometric-bridge-hold")

    window = MainWindow(fake_services(Path(tempfile.mkdtemp()), library), clock, clock.wall)
    window.load_templates()
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
    show_history(window)
    save("history")
    show_editor(window)
    save("editor")
    show_editor_problem(window)
    save("editor-invalid")
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


def show_history(window: MainWindow) -> None:
    """The History section over a store of eight weeks of sessions, the right leg catching up."""
    store = store_at(Path(tempfile.mkdtemp()))  # without the summary's session
    now = datetime.now(UTC).replace(hour=7, minute=30)
    for number in range(16):
        started = now - timedelta(days=3.5 * (15 - number))
        record = small_record(number, started)
        legs = tuple(
            replace(leg, hold_s=(20 + number + (4 if leg.side == "left" else 0),) * 3)
            for leg in record.legs
        )
        store.append(
            replace(record, legs=legs, log=QuickLog(effort=6, pain=max(0, 3 - number // 5)))
        )
    window._history = store
    window.navigation.setCurrentRow(HISTORY_ROW)


def show_editor(window: MainWindow) -> None:
    """Templates: a copy of the bridge hold, saved as the user's own, with its timeline."""
    window.navigation.setCurrentRow(TEMPLATES_ROW)
    editor = window.template_editor
    assert editor is not None
    editor.template_list.setCurrentRow(0)
    editor.duplicate_template()
    editor.form.name_edit.setText("Bridge hold, longer")
    editor.form.name_edit.textEdited.emit("Bridge hold, longer")
    assert editor.save()


def show_editor_problem(window: MainWindow) -> None:
    """The same template with a hold target outside its range: marked, and Save is off."""
    editor = window.template_editor
    assert editor is not None
    editor.form.exercise_form.hold.target.setValue(90)
    editor.recheck()
    editor._go_to_problem(editor.problems.item(0))
    editor.may_leave = lambda: True  # type: ignore[method-assign]  # closing must not ask


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
