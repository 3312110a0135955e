"""The main window: a side navigation, the Train page (browser → run screen → summary), and
the keyboard shortcuts that drive a whole session without a mouse."""

from __future__ import annotations

import html
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hamtimer.services.app_services import Services
from hamtimer.services.remote import RemoteCommand
from hamtimer.services.settings import DEFAULT_PEDAL_KEY
from hamtimer.ui.train.train_page import TrainPage
from hamtimer.ui.widgets.form_rows import commit_typed_number
from hamtimer.ui.widgets.save_banner import SaveBanner

# Engine, plan and runner are imported where first used, after the window is on screen.
if TYPE_CHECKING:
    from hamtimer.core.coaching import TemplateNow
    from hamtimer.core.engine import EngineEvent
    from hamtimer.core.model import Template
    from hamtimer.core.session_record import QuickLog, SessionRecord
    from hamtimer.services.settings import VoiceSettings
    from hamtimer.services.speech.cue_voice import CueVoice
    from hamtimer.services.speech.renderer import RenderedPhrase
    from hamtimer.ui.history.history_page import HistoryPage
    from hamtimer.ui.run.qt_runner import SessionRunner
    from hamtimer.ui.run.run_screen import RunScreen
    from hamtimer.ui.run.summary_view import SummaryView
    from hamtimer.ui.settings.settings_page import SettingsPage
    from hamtimer.ui.templates.template_editor import TemplateEditorPage
    from hamtimer.ui.voice_bridge import VoiceBridge

log = logging.getLogger(__name__)

TRAIN_ROW, TEMPLATES_ROW, HISTORY_ROW, SETTINGS_ROW = 0, 1, 2, 3
SECTIONS = ("Train", "Templates", "History", "Settings")
SESSION_ONLY = ("pause", "skip", "back", "remote_pause", "remote_stop")
"""Shortcuts that act only on the run screen: elsewhere Space and arrows belong to controls."""
LENGTHS_SETTLE_MS = 300
"""Phrases render in bursts: the plans are compiled again once a burst has settled."""
EXPORT_FILTERS = "JSON, every session in full (*.json);;CSV, a row per exercise and leg (*.csv)"
UNDO_MS = 15_000
"""How long Undo stays in the status bar after a session is deleted (the file stays in the
history's trash folder after that too)."""

# Remotes type keys: media keys (keyboards, some headsets), presenter clickers (PageDown and
# PageUp for next and back; B or . for "blank screen", which pauses here), and a foot pedal
# (one configurable key, `pedal`). Media Play is a toggle: most keyboards' one play/pause key
# sends it. The remote Stop ends the session without asking: nobody on the mat can answer.
SHORTCUTS = (
    ("pause", ("Space", "B", ".", "Media Play", "Toggle Media Play/Pause")),
    ("skip", ("Right", "N", "PgDown", "Media Next")),
    ("back", ("Left", "PgUp", "Media Previous")),
    ("remote_pause", ("Media Pause",)),
    ("remote_stop", ("Media Stop",)),
    ("enter", ("Return", "Enter")),
    ("stop", ("Escape",)),
    ("fullscreen", ("F", "F11")),
    ("mute", ("M",)),
    ("help", ("?", "Shift+?")),
)

SHORTCUT_HELP = """<table cellspacing=8>
<tr><td><b>Enter</b></td><td>start the selected session · finish an open step ·
save the log and leave the summary</td></tr>
<tr><td><b>Space</b>, <b>B</b> or <b>.</b></td><td>pause or resume</td></tr>
<tr><td><b>→</b>, <b>N</b> or <b>Page Down</b></td><td>skip to the next step</td></tr>
<tr><td><b>←</b> or <b>Page Up</b></td><td>restart the step (previous step in its first
3 s)</td></tr>
<tr><td><b>Esc</b></td><td>stop the session (asks first)</td></tr>
<tr><td><b>{pedal}</b></td><td>pause or resume: the foot pedal's key (Settings)</td></tr>
<tr><td>media keys</td><td>play/pause, next, previous; stop ends the session without
asking</td></tr>
<tr><td><b>F</b> or <b>F11</b></td><td>full screen</td></tr>
<tr><td><b>M</b></td><td>mute or unmute cues</td></tr>
<tr><td><b>?</b></td><td>this list</td></tr>
</table>"""


def confirm_stop(parent: QWidget) -> bool:
    """Ask before throwing a session away. Tests replace this function."""
    answer = QMessageBox.question(
        parent,
        "Stop the session?",
        "Stop this session now? What you have done so far is kept in the summary.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def shortcut_help(pedal_key: str) -> str:
    """The `?` sheet, with the pedal's key as set (a key such as < is escaped for the HTML)."""
    return SHORTCUT_HELP.format(pedal=html.escape(pedal_key) or "(no pedal key)")


def show_shortcuts(parent: QWidget, pedal_key: str) -> None:
    QMessageBox.information(parent, "Keyboard shortcuts", shortcut_help(pedal_key))


class MainWindow(QMainWindow):
    remote_command = Signal(object)
    """A `RemoteCommand` from the MPRIS player, emitted on its thread; queued to this one."""

    def __init__(
        self,
        services: Services,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        """The templates and the voice arrive after the first frame: `load_templates`,
        `attach_voice`. The clocks are the sessions' (tests pass fake ones)."""
        super().__init__()
        self._services = services
        self._clock = clock
        self._wall_clock = wall_clock
        self._templates_loaded = False
        self._shut_down = False
        self._editor: TemplateEditorPage | None = None
        self._history = services.history
        self._history_page: HistoryPage | None = None
        self.setObjectName("mainWindow")
        self.setWindowTitle("hamtimer")
        self.resize(1280, 800)
        self.runner: SessionRunner | None = None
        self.muted = False
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Sections")
        self.navigation.addItems(list(SECTIONS))
        self.navigation.setCurrentRow(0)
        self.navigation.setMaximumWidth(130)
        from hamtimer.core.plan_book import PlanBook
        from hamtimer.services.past_sessions import PastSessions

        self.plans = PlanBook()
        """Each template adjusted and compiled once: the details, the voice and Start share it."""
        self.past_sessions = PastSessions(services.history)
        """Choose-some templates take turns by the history; read only when one is shown."""
        self.browser = TrainPage(
            self.plans,
            choices=services.choices,
            past=self.past_sessions,
            services=services,
            wall_clock=wall_clock,
        )
        self._lengths_settled = QTimer(self)
        self._lengths_settled.setSingleShot(True)
        self._lengths_settled.setInterval(LENGTHS_SETTLE_MS)
        self._lengths_settled.timeout.connect(self._recompile_plans)
        self._run_screen: RunScreen | None = None
        self._summary_view: SummaryView | None = None
        self._settings_page: SettingsPage | None = None
        self._shortcuts: list[tuple[str, str, QShortcut]] = []
        self.pedal = QShortcut(self)
        """The foot pedal's key (a setting); off when empty or already another key's."""
        self.pedal_key = ""
        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        self.pages.addWidget(self.browser)
        self.save_banner = SaveBanner(services.history, services.background)
        self.save_banner.saved.connect(self._saved_late)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.save_banner)
        layout = QHBoxLayout()
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        column.addLayout(layout, 1)
        self.setCentralWidget(central)
        self.voice: CueVoice | None = None
        self.voice_status = QLabel("")  # set when the voice starts, after the first frame
        self.voice_status.setObjectName("voiceStatus")
        self.voice_status.setAccessibleName("Voice status")
        self.statusBar().addPermanentWidget(self.voice_status, 1)
        self.undo_delete = QPushButton("Undo")
        self.undo_delete.setObjectName("undoDelete")
        self.undo_delete.setAccessibleName("Undo: bring the deleted session back")
        self.undo_delete.setVisible(False)
        self.undo_delete.clicked.connect(self._undo_delete)
        self.statusBar().addWidget(self.undo_delete)
        self._deleted_id: str | None = None
        self._undo_expires = QTimer(self)
        self._undo_expires.setSingleShot(True)
        self._undo_expires.setInterval(UNDO_MS)
        self._undo_expires.timeout.connect(lambda: self.undo_delete.setVisible(False))
        self._connect_signals()

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        for name, text, slot in (
            ("exportHistory", "&Export history…", self.export_history),
            ("importHistory", "&Import history…", self.import_history),
            ("quit", "&Quit", self.close),
        ):
            action = file_menu.addAction(text)
            action.setObjectName(name)
            action.triggered.connect(slot)
        file_menu.actions()[-1].setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))

    def _connect_signals(self) -> None:
        self._build_menu()
        self.browser.start_requested.connect(self.start_session)
        self.navigation.currentRowChanged.connect(self._show_section)
        self.pages.currentChanged.connect(self._enable_shortcuts)
        for name, keys in SHORTCUTS:
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.activated.connect(lambda n=name: self.on_shortcut(n))
                self._shortcuts.append((name, key, shortcut))
        self.pedal.setContext(Qt.ShortcutContext.WindowShortcut)
        self.pedal.activated.connect(lambda: self.on_shortcut("pause"))
        self.set_pedal_key(DEFAULT_PEDAL_KEY)
        # Queued: the player's thread must not touch the session; the GUI thread runs it.
        self.remote_command.connect(self._on_remote, Qt.ConnectionType.QueuedConnection)
        self._enable_shortcuts(0)

    def set_pedal_key(self, key: str) -> None:
        """The pedal types `key` (Qt's portable text, e.g. "F8"). A key that already does
        something else is not taken: two shortcuts on one key would make both do nothing."""
        sequence = QKeySequence(key)
        taken = any(sequence == QKeySequence(k) for _n, k, _s in self._shortcuts)
        if taken:
            log.info("pedal key %r is already a shortcut: it keeps that meaning", key)
        self.pedal_key = "" if taken else key
        self.pedal.setKey(QKeySequence(self.pedal_key))

    # -- pages -----------------------------------------------------------------------------

    # The run screen and the summary are imported and built when first needed, so the window
    # shows sooner.
    @property
    def run_screen(self) -> RunScreen:
        if self._run_screen is None:
            from hamtimer.ui.run.run_screen import RunScreen

            self._run_screen = RunScreen()
            self._run_screen.command.connect(self.run_command)
            self.pages.addWidget(self._run_screen)
        return self._run_screen

    @property
    def summary_view(self) -> SummaryView:
        if self._summary_view is None:
            from hamtimer.services.past_sessions import previous_training
            from hamtimer.ui.run.summary_view import SummaryView

            self._summary_view = SummaryView(
                previous=lambda record: previous_training(self._history, record)
            )
            self._summary_view.back_to_train.connect(self.show_browser)
            self._summary_view.quick_log.connect(self._save_log)
            self.pages.addWidget(self._summary_view)
        return self._summary_view

    @property
    def settings_page(self) -> SettingsPage:
        if self._settings_page is None:
            from hamtimer.ui.settings.settings_page import SettingsPage

            page = SettingsPage(self.voice.settings if self.voice is not None else None)
            page.changed.connect(self._apply_settings)
            page.test_requested.connect(self._test_voice)
            page.history_folder_chosen.connect(self.move_history)
            page.show_history_folder(self._history.folder)
            self.pages.addWidget(page)
            self._settings_page = page
            self._on_voice_status(None)
        return self._settings_page

    @property
    def history_page(self) -> HistoryPage:
        if self._history_page is None:
            from hamtimer.ui.history.history_page import HistoryPage

            page = HistoryPage(self._history, self._template_now, self._services.background)
            page.start_weaker_first.connect(self.start_weaker_first)
            page.deleted.connect(self._offer_undo)
            page.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
            self.pages.addWidget(page)
            self._history_page = page
        return self._history_page

    @property
    def template_editor(self) -> TemplateEditorPage | None:
        """None while the templates are still loading (just after the first frame)."""
        if self._editor is None and self._templates_loaded:
            from hamtimer.ui.templates.template_editor import TemplateEditorPage

            self._editor = TemplateEditorPage(self._services.templates)
            self._editor.library_changed.connect(self.reload_library)
            self._editor.status.connect(lambda text: self.statusBar().showMessage(text, 10_000))
            self.pages.addWidget(self._editor)
        return self._editor

    def load_templates(self) -> list[str]:
        """The user's templates and choices are read after the first frame (they load
        pydantic). Returns lines to tell the user: files that failed to load, lost choices."""
        loaded = self._services.templates.load()
        self._templates_loaded = True
        self.browser.set_library(loaded.templates)
        if self.pages.currentWidget() is self.browser:
            # Enter then starts the session shown, not wander the sections.
            self.browser.focus_start()
        messages = []
        if loaded.broken:
            count = len(loaded.broken)
            messages.append(
                f"{count} of your template files can't be loaded: see Templates for why."
            )
        if self._services.choices.problem:
            messages.append(self._services.choices.problem)
        return messages

    def reload_library(self) -> None:
        if self._templates_loaded:
            self.browser.set_library(self._services.templates.load().templates)

    def start_weaker_first(self, template_id: str, leg: str) -> None:
        """History's advice taken: this template starts with `leg` from now on."""
        from dataclasses import replace

        from hamtimer.core.vocabulary import Leg

        choice = replace(self.browser.choice_for(template_id), first_side=Leg(leg))
        problem = self.browser.set_choice(template_id, choice)
        self.show_browser()
        self.browser.select(template_id)
        self.statusBar().showMessage(
            problem or f"Your sessions of this template now start with the {leg} leg.", 10_000
        )

    def _template_now(self, template_id: str) -> TemplateNow | None:
        """What History's progression advice measures against (Train knows: `template_now`)."""
        return self.browser.template_now(template_id)

    def _show_section(self, row: int) -> None:
        self._flush_log()  # leaving the summary by the sidebar keeps what was typed
        editor = self._editor
        leaving = editor is not None and self.pages.currentWidget() is editor
        if leaving and row != TEMPLATES_ROW and editor is not None and not editor.may_leave():
            self.navigation.blockSignals(True)
            self.navigation.setCurrentRow(TEMPLATES_ROW)
            self.navigation.blockSignals(False)
            return
        if row == TEMPLATES_ROW:
            self._show_editor()
        elif row == SETTINGS_ROW:
            self.pages.setCurrentWidget(self.settings_page)
        elif row == HISTORY_ROW:
            self.history_page.reload()
            self.pages.setCurrentWidget(self.history_page)
        else:
            self.show_browser()

    def _show_editor(self) -> None:
        editor = self.template_editor
        if editor is None:
            self.statusBar().showMessage("Your templates are still loading.", 5000)
            self.show_browser()
            return
        editor.reload()
        self.pages.setCurrentWidget(editor)

    def _enable_shortcuts(self, _index: int) -> None:
        """On form pages (Templates, History, Settings, the summary's log) Space, arrows and
        letters belong to the controls; only F11 (and Enter, to save the log and leave the
        summary) stay keys. On Train, the session-only keys are off for its adjust controls."""
        page = self.pages.currentWidget()
        forms = (self._settings_page, self._summary_view, self._history_page, self._editor)
        on_form = page in forms
        kept = ("F11", "Return", "Enter") if page is self._summary_view else ("F11",)
        for name, key, shortcut in self._shortcuts:
            if on_form:
                shortcut.setEnabled(key in kept)
            else:
                shortcut.setEnabled(page is not self.browser or name not in SESSION_ONLY)
        self.pedal.setEnabled(not on_form and page is not self.browser)

    @property
    def in_session(self) -> bool:
        return self.runner is not None and self.runner.session.running

    def show_browser(self) -> None:
        self.pages.setCurrentWidget(self.browser)
        self.navigation.setVisible(True)
        self.navigation.setCurrentRow(TRAIN_ROW)
        self.browser.focus_start()

    def attach_voice(self, voice: CueVoice, bridge: VoiceBridge) -> None:
        """Speech arrives after the first frame (it starts a child process and Qt Multimedia)."""
        self.voice = voice
        self.set_pedal_key(voice.settings.pedal_key)
        self.plans.use_speech_length(voice.speech_length)
        self.plans.use_wait_for_done(voice.settings.open_steps_wait_for_done)
        self.browser.refresh_details()
        bridge.rendered.connect(self._on_phrase_rendered)
        bridge.status_changed.connect(self._on_voice_status)
        self.browser.template_list.currentRowChanged.connect(self._prepare_voice)
        self._prepare_voice()
        self._on_voice_status(None)

    @Slot(object)
    def _on_phrase_rendered(self, phrase: RenderedPhrase) -> None:
        if self.voice is not None:
            self.voice.on_rendered(phrase)
            self._lengths_settled.start()  # measured lengths: compile again once they settle

    @Slot(object)
    def _on_voice_status(self, _status: object) -> None:
        if self.voice is None:
            return
        self.voice.engines_changed()
        text = self.voice.status_text()
        if self._settings_page is not None:
            self._settings_page.set_voices(self.voice.voices)
            self._settings_page.show_status(text)
        if text != self.voice_status.text():
            self.voice_status.setText(text)
            log.info("%s", text)

    def _apply_settings(self, settings: VoiceSettings) -> None:
        self.set_pedal_key(settings.pedal_key)
        if self.voice is None:
            return
        problem = self.voice.apply_settings(settings)
        self.plans.use_wait_for_done(settings.open_steps_wait_for_done)
        self._recompile_plans()  # a new voice or rate renders the phrases again
        self._on_voice_status(None)
        if problem:
            self.settings_page.show_status(problem)

    def _recompile_plans(self) -> None:
        """Phrase lengths changed (rendered, or a new voice or rate): the plans and the total
        shown follow, before any session starts."""
        if self.in_session:
            self._lengths_settled.start()  # a running session keeps its plan; later
            return
        self.plans.lengths_changed()
        self.browser.refresh_details()
        self._prepare_voice()

    def export_history(self) -> None:
        """File → Export history…: JSON (every record, importable) or CSV (a row per leg)."""
        from hamtimer.services.history_export import export_history

        name, _filter = QFileDialog.getSaveFileName(
            self, "Export history", str(Path.home() / "hamtimer-history.json"), EXPORT_FILTERS
        )
        if not name:
            return
        try:
            count = export_history(self._history.all_records(), Path(name))
        except OSError as error:
            QMessageBox.warning(self, "Export history", f"Could not write {name}: {error}")
            return
        self.statusBar().showMessage(f"Exported {count} sessions to {name}.", 8000)

    def import_history(self) -> None:
        """File → Import history…: sessions from a JSON export, merged without duplicates."""
        from hamtimer.services.history_export import read_export

        name, _filter = QFileDialog.getOpenFileName(
            self, "Import history", str(Path.home()), "hamtimer history export (*.json)"
        )
        if not name:
            return
        try:
            records = read_export(Path(name))
            added = self._history.import_records(records)
        except (OSError, ValueError, RuntimeError) as error:
            QMessageBox.warning(self, "Import history", f"Nothing was imported: {error}")
            return
        already = len({record.id for record in records}) - added  # an id twice counts once
        self.statusBar().showMessage(
            f"Imported {added} new sessions ({already} were already here).", 8000
        )
        if self._history_page is not None:
            self._history_page.reload()
        self.past_sessions.forget()
        self.browser.session_done()

    def _save_log(self, quick_log: QuickLog) -> None:
        if self.runner is None:
            return
        problem = self.runner.session.save_quick_log(quick_log)
        self.statusBar().showMessage(problem or "Saved with the session in your history.", 8000)

    def _saved_late(self, count: int) -> None:
        """Sessions kept aside by a failed save are in the history now."""
        sessions = "The waiting session is" if count == 1 else f"{count} waiting sessions are"
        self.statusBar().showMessage(f"{sessions} saved in your history now.", 8000)
        if self._history_page is not None:
            self._history_page.reload()
        self.past_sessions.forget()
        self.browser.session_done()

    def _offer_undo(self, record_id: str, text: str) -> None:
        self._deleted_id = record_id
        self.statusBar().showMessage(text, UNDO_MS)
        self.undo_delete.setVisible(True)
        self._undo_expires.start()

    def _undo_delete(self) -> None:
        self.undo_delete.setVisible(False)
        if self._deleted_id is not None:
            self.history_page.restore(self._deleted_id)
            self._deleted_id = None

    def _flush_log(self) -> None:
        """What was typed on the summary, saved now (before any way out)."""
        if self._summary_view is not None:
            self._summary_view.flush()

    def move_history(self, folder: Path | None) -> None:
        """Settings: keep the history in `folder` (None: the default one). Its files move
        there on the background thread; the setting is saved once they have."""
        from hamtimer.services.history.relocate import folder_problem

        paths = self._services.paths
        target = folder or paths.history_dir
        problem = (
            "Finish the session first: its history is being written."
            if self.in_session
            else folder_problem(target, self._history.folder, paths.history_local_dir)
        )
        page = self.settings_page
        if problem:
            page.show_history_folder(self._history.folder, problem)
            return
        try:
            moved = self._services.background.submit(self._history.relocate, target).result()
            self._services.settings.save_history_folder(folder)
        except OSError as error:
            page.show_history_folder(
                self._history.folder,
                f"The history could not be moved to {target} ({error}); what was moved is"
                " there, the rest is still here: choose the folder again to finish.",
            )
            return
        page.show_history_folder(target, f"Moved {moved} files: the history is now in {target}.")
        if self._history_page is not None:
            self._history_page.reload()

    def _test_voice(self, text: str) -> None:
        if self.voice is None or not self.voice.test_voice(text):
            self.settings_page.show_status(
                (self.voice.status_text() if self.voice else "The voice is still starting.")
                + " Nothing can be said right now."
            )

    def _prepare_voice(self, _row: int = 0) -> None:
        template = self.browser.selected()
        if self.voice is not None and template is not None:
            self.voice.prepare(self.plans.plan(template))

    def start_session(self, template: Template) -> None:
        from hamtimer.services.session import open_session
        from hamtimer.ui.run.qt_runner import SessionRunner

        self._flush_log()  # the last session's log goes with the last session
        plan = self.plans.plan(template)  # the plan whose total the details showed
        runner = SessionRunner(self._clock, parent=self)
        session = open_session(
            self._services,
            plan,
            view=runner.on_event,
            voice=self.voice,
            on_unheard=self.run_screen.flash,
            clock=self._clock,
            wall_clock=self._wall_clock,
            remote=self.remote_command.emit,
        )
        self.runner = runner
        runner.engine_event.connect(self._on_engine_event)
        runner.changed.connect(self._refresh)
        runner.finished.connect(self._on_finished)
        self.run_screen.set_plan_length(len(plan.steps))
        self.run_screen.set_muted(self.muted)
        self.pages.setCurrentWidget(self.run_screen)
        self.navigation.setVisible(False)
        self.setFocus()
        runner.run(session)

    # -- commands --------------------------------------------------------------------------

    def on_shortcut(self, name: str) -> None:
        page = self.pages.currentWidget()
        if name == "fullscreen":
            self.toggle_full_screen()
        elif name == "help":
            show_shortcuts(self, self.pedal_key)
        elif name == "mute":
            self.toggle_mute()
        elif page is self.browser and name == "enter":
            commit_typed_number()  # a hold typed in quick adjust, then Enter
            self.browser.request_start()
        elif page is self._summary_view and name == "enter":
            self.summary_view.leave()
        elif page is self._run_screen:
            self.run_command("done" if name == "enter" else name)

    def run_command(self, name: str) -> None:
        runner = self.runner
        if name in ("fullscreen", "help", "mute"):
            self.on_shortcut(name)
            return
        if runner is None or not self.in_session:
            return
        if name == "stop":
            self._ask_before_stopping(runner)
            return
        remote = {"remote_pause": RemoteCommand.PAUSE, "remote_stop": RemoteCommand.STOP}
        if name in remote:
            runner.remote(remote[name])
            return
        actions = {
            "pause": runner.toggle_pause,
            "skip": runner.skip,
            "back": runner.back,
            "done": runner.done,
        }
        action = actions.get(name)
        if action is not None:
            action()

    def _ask_before_stopping(self, runner: SessionRunner) -> None:
        """The clock waits while the question is open: a hold must not run out unseen behind
        it. No means carry on from where it was (resumed only if it was running)."""
        was_running = not runner.session.paused
        if was_running:
            runner.remote(RemoteCommand.PAUSE)
        if confirm_stop(self):
            runner.stop()
        elif was_running:
            runner.remote(RemoteCommand.PLAY)

    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def toggle_mute(self) -> None:
        self.muted = not self.muted
        if self.voice is not None:
            self.voice.muted = self.muted
            self._on_voice_status(None)
        if self._run_screen is not None:
            self._run_screen.set_muted(self.muted)

    @Slot(object)
    def _on_remote(self, command: RemoteCommand) -> None:
        """A media key, headset button or playerctl, through MPRIS: what the keys do, except
        that Stop asks nothing (the user is on the mat, not at the keyboard)."""
        if self.runner is not None and self.in_session:
            self.runner.remote(command)

    # -- session updates -------------------------------------------------------------------

    def _on_engine_event(self, event: EngineEvent) -> None:
        self.run_screen.show_event(event)

    def _refresh(self) -> None:
        if self.runner is not None:
            self.run_screen.show_snapshot(self.runner.session.snapshot())

    def _on_finished(self, record: SessionRecord) -> None:
        session = self.runner.session if self.runner is not None else None
        if session is not None and session.saved:
            self.past_sessions.add(record)  # a choose-some template's turn moves on
        elif session is not None and session.save_problem and record.id:
            self.save_banner.show_problem(session.save_problem)
        self.browser.session_done()
        self.summary_view.show_summary(record)
        self.pages.setCurrentWidget(self.summary_view)
        self.navigation.setVisible(True)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._editor is not None and not self._editor.may_leave():
            event.ignore()
            return
        self.shut_down()
        super().closeEvent(event)

    def shut_down(self, interrupted: bool = False) -> None:
        """Stop what runs: the session (kept as far as it went, as interrupted when the app is
        being ended rather than closed), the screen inhibit, speech. Closing the window,
        SIGTERM and the application quitting all call it; once is enough."""
        if self._shut_down:
            return
        self._shut_down = True
        self._flush_log()
        if self.in_session and self.runner is not None and interrupted:
            self.runner.interrupt()  # its screen-awake listener lets the screen sleep
        elif self.in_session and self.runner is not None:
            self.runner.stop()
        if self.voice is not None:
            self.voice.close()
