"""Screenshots of the Templates editor, History and Settings pages (issue 17): the editor with
its exercise catalogue, a cue list and a problem; History with one session and with a year of
sessions; Settings. Called by `make_screenshots` for each theme; runnable alone too:
`xvfb-run -a python -m tests.ui.page_screenshots OUTDIR`."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime, time, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from hamtimer.core.announcements import Sound
from hamtimer.core.session_record import SessionRecord
from hamtimer.services.settings import Appearance, ReminderSettings, VoiceSettings
from hamtimer.services.speech.cue_voice import CueVoice
from hamtimer.services.speech.renderer import RendererState, RendererStatus
from hamtimer.services.templates import builtin_templates
from hamtimer.ui.main_window import HISTORY_ROW, SETTINGS_ROW, MainWindow
from hamtimer.ui.templates.exercise_catalogue import ExerciseCatalogue
from hamtimer.ui.voice_bridge import VoiceBridge
from tests.fakes import FakeClock, FakeRenderer, RecordingAudio, fake_services
from tests.history_records import bridge_sets_record, store_at
from tests.support.window import figures_drawn, open_a_copy

Save = Callable[[QWidget, str], None]

BRIDGE = "isometric-bridge-hold"
SCREENSHOT_LOCALE = "en_GB.UTF-8"
"""The user's language the voice list puts first (set before the application starts)."""


def new_window(theme: str = "light") -> tuple[MainWindow, FakeClock]:
    clock = FakeClock()
    library = builtin_templates()
    library.sort(key=lambda item: item.template.id != BRIDGE)
    window = MainWindow.complete(
        fake_services(Path(tempfile.mkdtemp()), library), clock, clock.wall
    )
    window.set_appearance(Appearance(theme))  # the dark shots were drawn light before
    window.load_templates()
    window.resize(1280, 800)
    window.show()
    return window, clock


def shoot_pages(app: QApplication, out: Path, theme: str) -> None:
    def save(widget: QWidget, name: str) -> None:
        for _ in range(4):  # layouts settle over a few passes of the event loop
            app.processEvents()
        figures_drawn(widget)
        widget.grab().save(str(out / f"{name}-{theme}.png"))

    window, _clock = new_window(theme)
    shoot_editor(window, save)
    shoot_history(window, save)
    shoot_settings(window, save)
    window.close()
    window.deleteLater()
    app.processEvents()


def shoot_editor(window: MainWindow, save: Save) -> None:
    """The bridge hold's copy with its cues; the catalogue searched; a cue past its hold."""
    editor = open_a_copy(window, "Bridge hold, my way")
    cues = editor.form.exercise_form.cues
    for _ in range(4):  # the form's height settles first, then it can scroll to the cues
        QApplication.processEvents()
    editor.form_scroll.ensureWidgetVisible(cues.add_button)
    save(window, "editor-cues")

    catalogue = ExerciseCatalogue(editor.catalogue(), window)
    catalogue.search.setText("curl")
    catalogue.show()
    save(catalogue, "editor-catalogue")
    catalogue.close()

    row = cues.rows[-1]
    row.at.setCurrentIndex(row.at.findData("after"))
    row.offset.setValue(45)
    editor.recheck()
    editor.save()  # refused: says why, and goes to the cue
    save(window, "editor-problem")
    editor.may_leave = lambda: True  # type: ignore[method-assign]  # closing must not ask


def year_of_sessions(today: datetime) -> list[SessionRecord]:
    """Two sessions most weeks for a year (a few weeks missed, one with three), holds
    growing from 20 s towards 30 s, the right leg a little behind until the last months."""
    records = []
    number = 0
    for weeks_ago in range(52, -1, -1):
        if weeks_ago in (40, 39, 22, 9):
            continue  # a cold, a race, holidays
        days = (1, 3, 5) if weeks_ago == 30 else (1, 4)
        for day in days:
            started = today - timedelta(weeks=weeks_ago, days=6 - day)
            if started > today:
                continue
            progress = (52 - weeks_ago) / 52
            left = 20 + round(10 * progress) + (number % 3 == 0)
            right = left - (3 if weeks_ago > 12 else 0) - (number % 4 == 1)
            records.append(bridge_sets_record(number, started, float(left), float(right)))
            number += 1
    return records


def shoot_history(window: MainWindow, save: Save) -> None:
    """History with a single session, then with a year of them."""
    today = datetime.now().astimezone().replace(hour=7, minute=30, second=0, microsecond=0)
    store = store_at(Path(tempfile.mkdtemp()))
    window._history = store
    store.append(bridge_sets_record(0, today - timedelta(days=1), 20.0, 18.0))
    window.navigation.setCurrentRow(HISTORY_ROW)
    window.history_page.reload()
    save(window, "history-one")
    store = store_at(Path(tempfile.mkdtemp()))
    window._history = store
    window.history_page._store = store
    for record in year_of_sessions(today):
        store.append(record)
    window.history_page.reload()
    save(window, "history-year")


ESPEAK_LIKE_VOICES = (
    ("gmw/af", "Afrikaans"), ("ine/hy", "Armenian (East Armenia)"), ("cel/cy", "Welsh"),
    ("gmw/de", "German"), ("gmw/en", "English (Great Britain)"),
    ("gmw/en-US", "English (America)"), ("gmw/en-GB-scotland", "English (Scotland)"),
    ("roa/es", "Spanish (Spain)"), ("roa/es-419", "Spanish (Latin America)"),
    ("roa/fr", "French (France)"), ("roa/fr-BE", "French (Belgium)"), ("roa/it", "Italian"),
    ("gmq/sv", "Swedish"), ("zls/hr", "Croatian"),
)  # fmt: skip
"""A few of espeak-ng's voices, in its order (Afrikaans first)."""


def shoot_settings(window: MainWindow, save: Save) -> None:
    """Settings with a voice whose engine lists voices as espeak-ng does, a faster rate
    chosen, and Test voice saying its phrase."""
    renderer = FakeRenderer()
    renderer.status = RendererStatus(RendererState.READY, "espeak", voices=ESPEAK_LIKE_VOICES)
    sounds = {sound: Path(f"{sound.value}.wav") for sound in Sound}
    settings = VoiceSettings(voice="gmw/en-US", rate=190, volume=0.8)
    voice = CueVoice(renderer, RecordingAudio(), sounds, settings)
    window.attach_voice(voice, VoiceBridge(window))
    window.navigation.setCurrentRow(SETTINGS_ROW)
    page = window.settings_page
    page.test_button.click()
    save(window, "settings-voice")
    page.show_listening(None)  # as on a computer with a microphone
    page.show_reminders(
        ReminderSettings(True, time(18, 0)),
        "Reminders on at 18:00: hamtimer reminds you on planned days, from your next login.",
    )
    scroll = page.findChild(QScrollArea, "settingsScroll")
    if scroll is not None:
        scroll.ensureWidgetVisible(page.reminders_status)
    save(window, "settings-sections")


def main() -> int:
    from tests.ui.make_screenshots import dark_palette  # (it calls shoot_pages too)

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    os.environ["LANG"] = SCREENSHOT_LOCALE
    app = QApplication(sys.argv)
    app.setStyle("Fusion")
    light = app.palette()
    shoot_pages(app, out, "light")
    app.setPalette(dark_palette())
    shoot_pages(app, out, "dark")
    app.setPalette(light)
    print(f"screenshots in {out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
