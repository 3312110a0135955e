"""Settings: the voice, its rate and volume, what is heard, a button to hear it, whether open
steps wait for Done, the key a foot pedal types; what a screen reader is told; voice commands;
reminders on planned days; and where the history lives (a synced folder, to keep one history
on two computers).

The page edits a copy of `VoiceSettings` and emits it whole on every change; the window hands
it to the voice, which uses and saves it. Nothing here talks to an engine. A new history
folder is asked for (`history_folder_chosen`); the window moves the files and says how it went.
Reminders are asked for the same way (`reminders_chosen`): the window saves them and writes
what starts them. Whether voice commands can work here is the window's to find out
(`show_listening`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QEvent, QLocale, Qt, QTime, QTimer, Signal, SignalInstance
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from hamtimer.core.plan import estimate_speech_s
from hamtimer.services.settings import (
    MAX_READER_S,
    Appearance,
    ReminderSettings,
    TextSize,
    VoiceSettings,
)
from hamtimer.ui.settings.rate_slider import ENGINE_DEFAULT_RATE, RateSlider
from hamtimer.ui.settings.voice_picker import VoicePicker
from hamtimer.ui.widgets.accessible import role_label
from hamtimer.ui.widgets.form_rows import add_row
from hamtimer.ui.widgets.keyboard import readable, set_tab_order, show_readable

TEST_PHRASE = "Left leg. Heel on the bench. Three. Two. One. Hold."
ESTIMATE_RATE = 165
"""The rate `estimate_speech_s` assumes (words a minute)."""
TEST_RENDER_S = 1.0
"""About how long a new phrase takes to render before it is heard."""
WAIT_FOR_DONE_TEXT = "Open steps wait for Done"
WAIT_FOR_DONE_TIP = (
    'Open steps (a distance, "until done") count up until you press Enter or say Done,'
    " instead of moving on after their expected time"
)
FORM_WIDTH = 640
SETTLE_MS = 400
"""Edits are passed on once they settle: a new rate starts a new speech process."""


READER_EVERY_TEXT = "Tell the seconds left every"
READER_CUES_TEXT = "Let the screen reader say the cues"
READER_CUES_NOTE = "hamtimer's voice then says none; sounds stay"
"""Under the checkbox, not in it: a checkbox's text does not wrap on a narrow window."""
LISTEN_TEXT = "Listen for commands (“timer pause”, “timer next”…)"
LISTEN_HINT = (
    "Say “timer pause”, “timer resume”, “timer next”, “timer back”, “timer done” or “timer"
    " stop” from the mat. Heard offline, on this computer; nothing is recorded."
)
CHECKING_MICROPHONE = "Checking for a microphone…"
REMINDERS_TEXT = "Remind me on days with a planned session"
REMINDERS_HINT = (
    "A desktop notification at this time on your plan's session days, with a Start button;"
    " calendar exports put the sessions at this time too."
)

HISTORY_HINT = (
    "To keep one history on two computers, choose a folder that Syncthing, Nextcloud or"
    " Dropbox syncs; the files move there."
)


def _hint(name: str, text: str) -> QLabel:
    """Muted help text under a section's controls, read out as it is written."""
    return role_label(text, "hint", name)


MODIFIER_KEYS = (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta)


class PedalKeyEdit(QKeySequenceEdit):
    """The foot pedal's key: the next key pressed here, except Tab and Shift+Tab, which move
    on as everywhere else. Shift+Tab was taken as the pedal's key, and the keyboard could not
    leave backwards; and Shift alone, the start of Shift+Tab, cleared the key: a modifier
    counts only with the key it goes with (Shift+B is still a pedal's key)."""

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in MODIFIER_KEYS:
                return True
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                forward = key == Qt.Key.Key_Tab and not (
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                )
                self.focusNextPrevChild(forward)
                return True
        return super().event(event)


def choose_folder(parent: QWidget, start: str) -> str:
    """The folder the user picked, or "" if cancelled. Tests replace this function."""
    return QFileDialog.getExistingDirectory(parent, "Keep the history in", start)


class SettingsPage(QWidget):
    changed = Signal(object)
    """The edited `VoiceSettings`, whole."""
    test_requested = Signal(str)
    """Say this phrase now."""
    history_folder_chosen = Signal(object)
    """Keep the history in this folder (a Path), or in the default one (None)."""
    appearance_chosen = Signal(object)
    """The window's colours (an `Appearance`), chosen in the Appearance box."""
    text_size_chosen = Signal(object)
    """How large the window's text is (a `TextSize`), chosen in the Text size box."""
    reminders_chosen = Signal(object)
    """Reminders as the user set them (a `ReminderSettings`): save and apply them."""

    def __init__(self, settings: VoiceSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("settingsPage")
        self._settings = settings or VoiceSettings()
        self._showing = False
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self.voice_choice = VoicePicker()
        self.rate = RateSlider()
        self.test_said = QLabel()
        self._test_done = QTimer(self)
        self._test_done.setSingleShot(True)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume_label = QLabel()
        self.speak_cues = QCheckBox("Speak cues and countdowns")
        self.play_sounds = QCheckBox("Play sounds (tick, go, rest, switch, done)")
        self.form_cues = QCheckBox("Speak form cues during holds")
        self.wait_for_done = QCheckBox(WAIT_FOR_DONE_TEXT)
        self.wait_for_done.setToolTip(WAIT_FOR_DONE_TIP)
        self.keep_awake = QCheckBox("Keep Bluetooth speakers awake")
        self.test_button = QPushButton("Test voice")
        self.pedal_key = PedalKeyEdit()
        self.pedal_key.setMaximumSequenceLength(1)  # one key press: what a pedal types
        self.no_pedal = QPushButton("No pedal")
        self.status = QLabel()
        self.history_folder = QLabel()
        self.choose_history_folder = QPushButton("Choose folder…")
        self.default_history_folder = QPushButton("Use the default folder")
        self.history_status = QLabel()
        self.reader_every = QSpinBox()
        self.reader_cues = QCheckBox(READER_CUES_TEXT)
        self.listen = QCheckBox(LISTEN_TEXT)
        self.listen_hint = QLabel(CHECKING_MICROPHONE)
        self.reminders_on = QCheckBox(REMINDERS_TEXT)
        self.reminder_time = QTimeEdit()
        self.reminders_status = QLabel()
        self._reminders = ReminderSettings()
        self._reminder_settle = QTimer(self)
        self._reminder_settle.setSingleShot(True)
        self._reminder_settle.setInterval(SETTLE_MS)
        self._name_controls()
        self._name_more_controls()
        # The window's look, applied as it is chosen.
        self.appearance = _choice_box(
            "appearance", "Appearance: the window's colours", Appearance, self.appearance_chosen
        )
        self.text_size = _choice_box(
            "textSize",
            "Text size: every text in the window, the run screen's too",
            TextSize,
            self.text_size_chosen,
        )
        self._lay_out()
        self._order_tabs()
        self._connect_signals()
        self.show_settings(self._settings)

    def _order_tabs(self) -> None:
        """Tab goes down the page as it reads; each status line after the controls it is
        about, so a keyboard (and a screen reader) lands on what changed."""
        readable(
            self.status,
            self.listen_hint,
            self.reminders_status,
            self.history_folder,
            self.history_status,
        )
        show_readable(self.listen_hint, CHECKING_MICROPHONE, "Voice commands")
        for empty in (self.status, self.reminders_status, self.history_folder, self.history_status):
            empty.setVisible(False)  # until it has something to say: Tab never stops on nothing
        set_tab_order(
            [
                self.appearance,
                self.text_size,
                self.voice_choice.search,
                self.voice_choice.list,
                self.rate.slider,
                self.volume,
                self.speak_cues,
                self.play_sounds,
                self.form_cues,
                self.wait_for_done,
                self.keep_awake,
                self.test_button,
                self.pedal_key,
                self.no_pedal,
                self.status,
                self.reader_every,
                self.reader_cues,
                self.listen,
                self.listen_hint,
                self.reminders_on,
                self.reminder_time,
                self.reminders_status,
                self.history_folder,
                self.choose_history_folder,
                self.default_history_folder,
                self.history_status,
            ]
        )

    def show_text_size(self, size: TextSize) -> None:
        self.text_size.setCurrentIndex(self.text_size.findData(size.value))

    def show_appearance(self, appearance: Appearance) -> None:
        self.appearance.setCurrentIndex(self.appearance.findData(appearance.value))

    def _name_controls(self) -> None:
        named = {
            self.voice_choice: ("voicePicker", "Voice"),
            self.rate: ("speechRate", "Speaking rate, words a minute"),
            self.test_said: ("testSaid", "What Test voice is saying"),
            self.volume: ("volume", "Volume"),
            self.volume_label: ("volumeValue", "Volume, percent"),
            self.speak_cues: ("speakCues", "Speak cues and countdowns"),
            self.play_sounds: ("playSounds", "Play sounds"),
            self.form_cues: ("formCues", "Speak form cues during holds"),
            self.wait_for_done: ("openStepsWaitForDone", WAIT_FOR_DONE_TIP),
            self.keep_awake: (
                "keepSpeakersAwake",
                "Keep Bluetooth speakers awake: an inaudible tone between phrases",
            ),
            self.test_button: ("testVoice", "Test voice: say a sample cue now"),
            self.pedal_key: ("pedalKey", "Foot pedal key: press the pedal here to set it"),
            self.no_pedal: ("noPedal", "No foot pedal: clear its key"),
            self.status: ("settingsStatus", "Settings status"),
            self.history_folder: ("historyFolder", "History folder"),
            self.choose_history_folder: (
                "chooseHistoryFolder",
                "Choose the folder to keep the history in",
            ),
            self.default_history_folder: (
                "defaultHistoryFolder",
                "Keep the history in the default folder",
            ),
            self.history_status: ("historyFolderStatus", "History folder status"),
        }
        for widget, (name, accessible) in named.items():
            widget.setObjectName(name)
            widget.setAccessibleName(accessible)
        self.volume.setRange(0, 100)
        self.test_said.setWordWrap(True)
        self.test_said.setProperty("role", "caption")
        self.test_button.setToolTip(f"Says: “{TEST_PHRASE}”")
        self.status.setWordWrap(True)
        self.history_folder.setWordWrap(True)
        self.history_folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history_status.setWordWrap(True)

    def _name_more_controls(self) -> None:
        named = {
            self.reader_every: ("readerSecondsEvery", f"{READER_EVERY_TEXT}, seconds"),
            self.reader_cues: ("readerSpeaksCues", f"{READER_CUES_TEXT} ({READER_CUES_NOTE})"),
            self.listen: ("listenForCommands", LISTEN_TEXT),
            self.listen_hint: ("listenHint", "Voice commands"),
            self.reminders_on: ("remindersOn", REMINDERS_TEXT),
            self.reminder_time: ("reminderTime", "Reminder time"),
            self.reminders_status: ("remindersStatus", "Reminders status"),
        }
        for widget, (name, accessible) in named.items():
            widget.setObjectName(name)
            widget.setAccessibleName(accessible)
        self.reader_every.setRange(0, MAX_READER_S)
        self.reader_every.setSingleStep(5)
        self.reader_every.setSuffix(" s")
        self.reader_every.setSpecialValueText("Only when I press I")  # shown for 0
        self.reader_every.setMaximumWidth(200)
        self.reminder_time.setDisplayFormat("HH:mm")
        self.reminder_time.setMaximumWidth(120)
        for label in (self.listen_hint, self.reminders_status):
            label.setWordWrap(True)
        self.listen_hint.setProperty("role", "hint")
        self.reminders_status.setProperty("role", "caption")
        self.listen.setEnabled(False)  # until the window knows there is a microphone

    def _section(self, name: str, title: str, rows: list[QWidget | QFormLayout]) -> QWidget:
        """A titled group of settings: a card, its heading, its rows."""
        card = QFrame()  # a frame: the stylesheet draws a card's background on it
        card.setObjectName(name)
        card.setAccessibleName(title)
        card.setProperty("role", "card")
        column = QVBoxLayout(card)
        heading = QLabel(title)
        heading.setObjectName(f"{name}Heading")
        heading.setAccessibleName(title)
        heading.setProperty("role", "heading")
        column.addWidget(heading)
        for row in rows:
            if isinstance(row, QWidget):
                column.addWidget(row)
            else:
                column.addLayout(row)
        return card

    def _more_sections(self) -> list[QWidget]:
        reader = QFormLayout()
        add_row(reader, READER_EVERY_TEXT, self.reader_every, "readerEvery")
        reader_hint = _hint(
            "readerHint",
            f"With the cues on the screen reader, {READER_CUES_NOTE}. For a screen reader"
            " (Orca, NVDA): each step is told as it starts; 0 s tells the seconds only when"
            " you press I.",
        )
        reminder = QFormLayout()
        add_row(reminder, "At", self.reminder_time, "reminderAt")
        reminder_hint = _hint("remindersHint", REMINDERS_HINT)
        return [
            self._section(
                "screenReaderSection", "Screen reader", [reader, self.reader_cues, reader_hint]
            ),
            self._section(
                "voiceCommandsSection", "Voice commands", [self.listen, self.listen_hint]
            ),
            self._section(
                "remindersSection",
                "Reminders",
                [self.reminders_on, reminder, reminder_hint, self.reminders_status],
            ),
        ]

    def _lay_out(self) -> None:
        form = QFormLayout()
        add_row(form, "Appearance", self.appearance, "appearanceChoice")
        add_row(form, "Text size", self.text_size, "textSizeChoice")
        add_row(form, "Voice", self.voice_choice, "voice")
        add_row(form, "Speaking rate", self.rate, "rate")
        volume_row = QHBoxLayout()
        volume_row.addWidget(self.volume, 1)
        volume_row.addWidget(self.volume_label)
        add_row(form, "Volume", volume_row, "volume")
        form.addRow("", self.speak_cues)
        form.addRow("", self.play_sounds)
        form.addRow("", self.form_cues)
        form.addRow("", self.wait_for_done)
        form.addRow("", self.keep_awake)
        form.addRow("", self.test_button)
        form.addRow("", self.test_said)
        self.test_button.setMaximumWidth(200)
        pedal_row = QHBoxLayout()
        pedal_row.addWidget(self.pedal_key)
        pedal_row.addWidget(self.no_pedal)
        pedal_row.addStretch(1)
        add_row(form, "Foot pedal key", pedal_row, "pedal")
        self.pedal_key.setToolTip(
            "Press the pedal (or a key) here: in a session that key pauses and resumes."
        )
        self.pedal_key.setMaximumWidth(200)
        column = QWidget()
        column.setMaximumWidth(FORM_WIDTH)  # a readable line, not the whole window's width
        inner = QVBoxLayout(column)
        for name, text in (
            ("settingsTitle", "<h2>Voice and sound</h2>"),
            ("settingsHint", "Changes are used at once and saved for next time."),
        ):
            label = QLabel(text)
            label.setObjectName(name)
            label.setAccessibleName(label.text().removeprefix("<h2>").removesuffix("</h2>"))
            inner.addWidget(label)
        inner.addLayout(form)
        inner.addWidget(self.status)
        for section in self._more_sections():
            inner.addWidget(section)
        inner.addLayout(self._history_rows())
        self._scroll_around(column)

    def _scroll_around(self, column: QWidget) -> None:
        """The page scrolls on a short screen (1024x600) instead of setting the window's
        least height."""
        holder = QWidget()
        inside = QVBoxLayout(holder)
        inside.setContentsMargins(24, 12, 24, 12)
        inside.addWidget(column)
        inside.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("settingsScroll")
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab reaches the controls; they scroll in
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(holder)
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(scroll)

    def _history_rows(self) -> QVBoxLayout:
        rows = QVBoxLayout()
        title = QLabel("<h2>History</h2>")
        title.setObjectName("historyTitle")
        title.setAccessibleName("History")
        hint = QLabel(HISTORY_HINT)
        hint.setObjectName("historyHint")
        hint.setAccessibleName(HISTORY_HINT)
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_history_folder)
        buttons.addWidget(self.default_history_folder)
        buttons.addStretch(1)
        for widget in (title, hint, self.history_folder):
            rows.addWidget(widget)
        rows.addLayout(buttons)
        rows.addWidget(self.history_status)
        return rows

    def _connect_signals(self) -> None:
        self.voice_choice.chosen.connect(self._edited)
        self.rate.changed.connect(self._edited)
        self._test_done.timeout.connect(self._test_finished)
        self.volume.valueChanged.connect(self._edited)
        self.pedal_key.keySequenceChanged.connect(self._edited)
        self.no_pedal.clicked.connect(self.pedal_key.clear)
        for box in (
            self.speak_cues,
            self.play_sounds,
            self.form_cues,
            self.wait_for_done,
            self.keep_awake,
            self.reader_cues,
            self.listen,
        ):
            box.toggled.connect(self._edited)
        self.reader_every.valueChanged.connect(self._edited)
        self.reminders_on.toggled.connect(self._reminders_edited)
        self.reminder_time.timeChanged.connect(lambda _time: self._reminder_settle.start())
        self._reminder_settle.timeout.connect(self._reminders_edited)
        self._settle.timeout.connect(lambda: self.changed.emit(self._settings))
        self.test_button.clicked.connect(self._test)
        self.choose_history_folder.clicked.connect(self._choose_history_folder)
        self.default_history_folder.clicked.connect(lambda: self.history_folder_chosen.emit(None))

    # -- from the window ---------------------------------------------------------------------

    def set_voices(self, voices: tuple[tuple[str, str], ...]) -> None:
        """The engine's voices as (id, name); the saved choice stays selected."""
        self._showing = True
        self.voice_choice.set_voices(voices, QLocale.system().name())
        self._select_voice(self._settings.voice)
        self._showing = False

    def show_settings(self, settings: VoiceSettings) -> None:
        self._showing = True
        self._settings = settings
        self._select_voice(settings.voice)
        self.rate.set_rate(settings.rate)
        self.volume.setValue(round(settings.volume * 100))
        self.volume_label.setText(f"{round(settings.volume * 100)} %")
        self.speak_cues.setChecked(not settings.voice_muted)
        self.play_sounds.setChecked(not settings.sounds_muted)
        self.form_cues.setChecked(settings.form_cues)
        self.form_cues.setEnabled(not settings.voice_muted)
        self.wait_for_done.setChecked(settings.open_steps_wait_for_done)
        self.keep_awake.setChecked(settings.keep_speakers_awake)
        self.pedal_key.setKeySequence(QKeySequence(settings.pedal_key))
        self.reader_every.setValue(settings.reader_seconds_every_s)
        self.reader_cues.setChecked(settings.reader_speaks_cues)
        self.listen.setChecked(settings.listen_for_commands)
        self._showing = False

    def show_listening(self, unavailable: str | None) -> None:
        """Whether voice commands can work here: the checkbox greyed out, with the reason,
        when they can't."""
        self.listen.setEnabled(unavailable is None)
        show_readable(self.listen_hint, unavailable or LISTEN_HINT, "Voice commands")
        self.listen.setToolTip(unavailable or "")

    def show_reminders(self, reminders: ReminderSettings, text: str = "") -> None:
        """The saved reminders, and one sentence on the last change (or why not)."""
        self._showing = True
        self._reminders = reminders
        self.reminders_on.setChecked(reminders.enabled)
        self.reminder_time.setTime(QTime(reminders.at.hour, reminders.at.minute))
        self._reminder_settle.stop()  # shown, not edited
        self._showing = False
        show_readable(self.reminders_status, text, "Reminders")

    def reminders_unavailable(self, reason: str) -> None:
        """Reminders can't work here (not Linux): greyed out, saying why."""
        for widget in (self.reminders_on, self.reminder_time):
            widget.setEnabled(False)
        show_readable(self.reminders_status, reason[:1].upper() + reason[1:] + ".", "Reminders")

    def show_status(self, text: str) -> None:
        show_readable(self.status, text, "Voice status")

    def show_history_folder(self, folder: Path, text: str = "") -> None:
        """Where the history is now, and one sentence on the last change (or why not)."""
        show_readable(self.history_folder, f"Kept in {folder}", "History folder")
        show_readable(self.history_status, text, "History folder")

    def _choose_history_folder(self) -> None:
        start = self.history_folder.text().removeprefix("Kept in ")
        chosen = choose_folder(self, start)
        if chosen:
            self.history_folder_chosen.emit(Path(chosen))

    # -- internals -----------------------------------------------------------------------------

    def _select_voice(self, voice_id: str | None) -> None:
        self.voice_choice.select(voice_id)  # a saved voice not (yet) listed is kept

    def _edited(self) -> None:
        if self._showing:
            return
        settings = replace(
            self._settings,
            voice=self.voice_choice.current_voice(),
            rate=self.rate.rate(),
            volume=self.volume.value() / 100,
            voice_muted=not self.speak_cues.isChecked(),
            sounds_muted=not self.play_sounds.isChecked(),
            form_cues=self.form_cues.isChecked(),
            open_steps_wait_for_done=self.wait_for_done.isChecked(),
            keep_speakers_awake=self.keep_awake.isChecked(),
            pedal_key=self.pedal_key.keySequence().toString(
                QKeySequence.SequenceFormat.PortableText
            ),
            reader_seconds_every_s=self.reader_every.value(),
            reader_speaks_cues=self.reader_cues.isChecked(),
            listen_for_commands=self.listen.isChecked(),
        )
        self.show_settings(settings)
        self._settle.start()

    def _reminders_edited(self) -> None:
        if self._showing:
            return
        self._reminder_settle.stop()
        at = self.reminder_time.time()
        chosen = replace(
            self._reminders,
            enabled=self.reminders_on.isChecked(),
            at=self._reminders.at.replace(hour=at.hour(), minute=at.minute()),
        )
        if chosen != self._reminders:
            self._reminders = chosen
            self.reminders_chosen.emit(chosen)

    def _test(self) -> None:
        if self._settle.isActive():  # the test uses what the user just chose
            self._settle.stop()
            self.changed.emit(self._settings)
        self.test_requested.emit(TEST_PHRASE)
        self._show_test_saying(TEST_PHRASE)

    # -- what Test voice is doing ------------------------------------------------------------

    def _show_test_saying(self, phrase: str) -> None:
        """The words being said, then that it is done: the phrase's length at the chosen rate
        after a moment to render it (the page hears nothing itself; the window says when it
        could not be said at all, in the status line)."""
        rate = self._settings.rate or ENGINE_DEFAULT_RATE
        seconds = estimate_speech_s(phrase) * ESTIMATE_RATE / rate
        self.test_said.setText(f"Saying: “{phrase}”")
        self.test_button.setEnabled(False)
        self._test_done.start(round((seconds + TEST_RENDER_S) * 1000))

    def _test_finished(self) -> None:
        rate = self._settings.rate or ENGINE_DEFAULT_RATE
        self.test_said.setText(
            f"Done: that was the voice at {rate} words a minute. Change something and test again."
        )
        self.test_button.setEnabled(True)


Choice = TypeVar("Choice", Appearance, TextSize)


def _choice_box(
    name: str, accessible: str, choices: type[Choice], chosen: SignalInstance
) -> QComboBox:
    """A combo box offering each of `choices` by its label; `chosen` gets the one picked."""
    box = QComboBox()
    box.setObjectName(name)
    box.setAccessibleName(accessible)
    for choice in choices:
        box.addItem(choice.label, choice.value)
    box.activated.connect(lambda index: chosen.emit(choices(box.itemData(index))))
    return box
