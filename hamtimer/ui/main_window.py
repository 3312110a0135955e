"""The main window: the navigation between its pages (Train, Templates, History, Settings; the
run screen and the summary), the commands of the one table (`command_table`) as QActions, its
menus, and its size and place, remembered. A session itself is `run.SessionController`'s."""

from __future__ import annotations

import base64
import contextlib
import logging
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QSize, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hamtimer.services.settings import DEFAULT_PEDAL_KEY, Appearance, TextSize
from hamtimer.ui import theme

# The pages, the session, the engine and the plan are imported where first used: the frame
# is on screen before them (`furnish`). So are the Qt classes the frame does not show (the
# dialogs, actions, shortcuts: 1.7 ms) and `Qt`, the namespace of Qt's enums: PySide6 builds
# a class's enums the first time it is imported, `Qt`'s hundred in 11 ms.
if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent, QShortcut
    from PySide6.QtWidgets import QPushButton

    from hamtimer.core.coaching import TemplateNow
    from hamtimer.core.model import Template
    from hamtimer.core.plan_book import PlanBook
    from hamtimer.core.session_record import QuickLog, SessionRecord
    from hamtimer.services.app_services import Services
    from hamtimer.services.history import HistoryStore
    from hamtimer.services.past_sessions import PastSessions
    from hamtimer.services.remote import HeardCommand, RemoteCommand
    from hamtimer.services.settings import ReminderSettings, SettingsStore, VoiceSettings
    from hamtimer.services.speech.cue_voice import CueVoice
    from hamtimer.services.speech.renderer import RenderedPhrase
    from hamtimer.services.startup_snapshot import StartupSnapshot
    from hamtimer.ui.command_table import Command, Where
    from hamtimer.ui.history.history_page import HistoryPage
    from hamtimer.ui.listening_check import ListeningCheck
    from hamtimer.ui.run.qt_runner import SessionRunner
    from hamtimer.ui.run.run_screen import RunScreen
    from hamtimer.ui.run.session_controller import SessionController
    from hamtimer.ui.run.summary_view import SummaryView
    from hamtimer.ui.settings.settings_page import SettingsPage
    from hamtimer.ui.templates.template_editor import TemplateEditorPage
    from hamtimer.ui.train.train_page import TrainPage
    from hamtimer.ui.voice_bridge import VoiceBridge
    from hamtimer.ui.widgets.keyboard import FocusRing
    from hamtimer.ui.widgets.save_banner import SaveBanner

log = logging.getLogger(__name__)

TRAIN_ROW, TEMPLATES_ROW, HISTORY_ROW, SETTINGS_ROW = 0, 1, 2, 3
SECTIONS = (
    ("Train", "train"),
    ("Templates", "templates"),
    ("History", "history"),
    ("Settings", "settings"),
)
"""The navigation: each page's name and icon (`theme.ICONS`)."""
SECTION_KEYS = {f"go_{icon}": row for row, (_name, icon) in enumerate(SECTIONS)}
"""The commands (Ctrl+1 to Ctrl+4) that go to a section, and its row."""
MENUS: tuple[tuple[str, tuple[str | None, ...]], ...] = (
    ("&File", ("exportHistory", "importHistory", "addToCalendar", None, "quit")),
    ("&Session", ("enter", "pause", "back", "skip", "stop", None, "mute")),
    ("&View", ("fullscreen", None, *SECTION_KEYS)),
    ("&Help", ("help",)),
)
"""Each menu's entries by command name (None: a separator)."""
NAVIGATION_WIDTH = 168
LENGTHS_SETTLE_MS = 300
"""Phrases render in bursts: the plans are compiled again once a burst has settled."""
EXPORT_FILTERS = "JSON, every session in full (*.json);;CSV, a row per exercise and leg (*.csv)"
CALENDAR_FILTER = "iCalendar, for your calendar app (*.ics)"
UNDO_MS = 15_000
"""How long Undo stays in the status bar after a session is deleted (the file stays in the
history's trash folder after that too)."""
DEFAULT_SIZE = (1280, 800)
MIN_SIZE = (640, 400)
"""The smallest the user may make the window; fits any screen hamtimer runs on."""
SCREEN_SHARE = 0.9
"""A window with no remembered size opens at most this share of the screen."""


def reminders_done(chosen: ReminderSettings, lines: list[str]) -> str:
    """What switching reminders did, for the Settings page: `apply_reminder_files`' lines
    about files, after a sentence in the window's words (its own lines speak to a terminal)."""
    files = " ".join(line for line in lines if line.startswith(("Wrote ", "Removed ")))
    said = (
        f"Reminders on at {chosen.at:%H:%M}: hamtimer reminds you on planned days, from your"
        " next login."
        if chosen.enabled
        else "Reminders off."
    )
    return f"{said} {files}".strip()


def calendar_file(parent: QWidget) -> str:
    """Where to write the plan's calendar, or "" if cancelled. Tests replace this function."""
    from PySide6.QtWidgets import QFileDialog

    name, _filter = QFileDialog.getSaveFileName(
        parent, "Add plan to calendar", str(Path.home() / "hamtimer-plan.ics"), CALENDAR_FILTER
    )
    return name


def replace_other_file(parent: QWidget, reason: str) -> bool:
    """Overwrite a file hamtimer did not write? Tests replace this function."""
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(
        parent,
        "Replace this file?",
        f"{reason[:1].upper()}{reason[1:].split(';')[0]}. Replace it with the plan?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def _centred(label: QLabel) -> QWidget:
    """`label` in the middle of a page, by stretches around it: `setAlignment` would need
    `Qt`, whose enums cost the frame 11 ms (see the imports)."""
    page = QWidget()
    row = QHBoxLayout(page)
    row.addStretch(1)
    row.addWidget(label)
    row.addStretch(1)
    return page


def show_shortcuts(parent: QWidget, pedal_key: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    from hamtimer.ui.command_table import shortcut_help

    QMessageBox.information(parent, "Keyboard shortcuts", shortcut_help(pedal_key))


class MainWindow(QMainWindow):
    remote_command = Signal(object)
    """A `RemoteCommand` from the MPRIS player or a `HeardCommand` from voice commands,
    emitted on their thread; queued to this one."""

    # Built by `furnish`, once the frame is on screen:
    browser: TrainPage
    plans: PlanBook
    """Each template adjusted and compiled once: the details, the voice and Start share it."""
    past_sessions: PastSessions
    """Choose-some templates take turns by the history; read only when one is shown."""
    session: SessionController
    save_banner: SaveBanner
    listening: ListeningCheck
    """Whether voice commands can work here: asked once, off the GUI thread."""
    pedal: QShortcut
    """The foot pedal's key (a setting); off when empty or already another key's."""
    undo_delete: QPushButton
    focus_ring: FocusRing
    """A ring around the focused control that has no clear focus look of its own."""
    _services: Services
    _history: HistoryStore

    def __init__(
        self,
        settings: SettingsStore,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        """The frame, drawn from the settings alone: the sections, a page saying the sessions
        are loading, the menus' names, the status line, the theme, and the size and place the
        window had. `furnish` brings the pages once the services are built; the templates and
        the voice come after that (`load_templates`, `attach_voice`). The clocks are the
        sessions' (tests pass fake ones)."""
        super().__init__()
        self._settings = settings
        self._clock = clock
        self._wall_clock = wall_clock
        self._furnished = False
        self._templates_loaded = False
        self._shut_down = False
        self._editor: TemplateEditorPage | None = None
        self._history_page: HistoryPage | None = None
        self._summary_view: SummaryView | None = None
        self._settings_page: SettingsPage | None = None
        self.actions_by_name: dict[str, QAction] = {}
        """The window's commands (`command_table.COMMANDS`), each one QAction."""
        self._icons_loaded = False
        self.pedal_key = ""
        self.voice: CueVoice | None = None
        # The theme first: widgets made after it are styled once, when shown (made before,
        # each would be styled again, ~5 ms of the first frame).
        self.appearance = settings.appearance()
        self.text_size = settings.text_size()
        # Light or dark as the desktop was last time: asked again once the frame is drawn.
        remembered = settings.system_was_dark()
        if remembered is None:  # asked now only if the frame's colours depend on it
            remembered = self.appearance == Appearance.SYSTEM and theme.system_is_dark()
        self._system_dark = remembered
        self._apply_theme()
        self.setObjectName("mainWindow")
        self.setWindowTitle("hamtimer")
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Sections")
        # Blank icons until the icon font is loaded (`load_icons`): the words sit where they
        # will stay, rather than moving right when the icons come.
        blank = QPixmap(theme.NAVIGATION_ICON, theme.NAVIGATION_ICON)
        blank.fill(QColor(0, 0, 0, 0))  # transparent
        for name, _icon in SECTIONS:
            self.navigation.addItem(QListWidgetItem(QIcon(blank), name))
        self.navigation.setCurrentRow(0)
        self.navigation.setFixedWidth(NAVIGATION_WIDTH)
        self.navigation.setIconSize(QSize(theme.NAVIGATION_ICON, theme.NAVIGATION_ICON))
        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        # A page never makes the window grow: a stack is as large as its largest page's
        # minimum, and a long summary once pushed the window to 1183x1235 on an 800 px
        # screen, for good. Pages scroll or wrap instead (tests/ui/test_window_sizes.py).
        self.pages.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        loading = QLabel("Loading your sessions…")
        loading.setProperty("role", "caption")
        self._loading = _centred(loading)
        self._loading.setObjectName("loadingPages")
        self.pages.addWidget(self._loading)
        central = QWidget()
        self._column = QVBoxLayout(central)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        layout = QHBoxLayout()
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self._column.addLayout(layout, 1)
        self.setCentralWidget(central)
        self.setMinimumSize(*MIN_SIZE)
        # The menus' names now, their entries with the pages: the frame does not shift.
        self._menus = {title: self.menuBar().addMenu(title) for title, _names in MENUS}
        self.voice_status = QLabel("")  # set when the voice starts, after the first frame
        self.voice_status.setObjectName("voiceStatus")
        self.voice_status.setAccessibleName("Voice status")
        self.statusBar().addPermanentWidget(self.voice_status, 1)
        self._restore_geometry()

    @classmethod
    def complete(
        cls,
        services: Services,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> MainWindow:
        """The whole window at once (tests, screenshots): its frame, then its pages."""
        window = cls(services.settings, clock, wall_clock)
        window.furnish(services)
        return window

    def furnish(self, services: Services) -> None:
        """The pages, the session and the commands, built from the services. Their modules
        are imported here, not above, so the frame is drawn without them."""
        from PySide6.QtGui import QShortcut
        from PySide6.QtWidgets import QPushButton

        from hamtimer.core.plan_book import PlanBook
        from hamtimer.services.past_sessions import PastSessions
        from hamtimer.ui.listening_check import ListeningCheck
        from hamtimer.ui.run.session_controller import SessionController
        from hamtimer.ui.train.train_page import TrainPage
        from hamtimer.ui.widgets.keyboard import FocusRing, set_tab_order
        from hamtimer.ui.widgets.save_banner import SaveBanner

        self._services = services
        self._history = services.history
        self.plans = PlanBook()
        # The user's setting before the voice brings it: the first totals shown are right.
        self.plans.use_wait_for_done(services.settings.load()[0].open_steps_wait_for_done)
        self.past_sessions = PastSessions(services.history)
        self.browser = TrainPage(
            self.plans,
            choices=services.choices,
            past=self.past_sessions,
            services=services,
            wall_clock=self._wall_clock,
        )
        self.browser.show_loading()
        self._lengths_settled = QTimer(self)
        self._lengths_settled.setSingleShot(True)
        self._lengths_settled.setInterval(LENGTHS_SETTLE_MS)
        self._lengths_settled.timeout.connect(self._recompile_plans)
        self.pedal = QShortcut(self)
        self.pages.addWidget(self.browser)
        self.pages.setCurrentWidget(self.browser)
        self.pages.removeWidget(self._loading)
        self._loading.deleteLater()
        self.listening = ListeningCheck(services.background, self)
        self.session = SessionController(
            services,
            self.pages,
            self._clock,
            self._wall_clock,
            self.remote_command.emit,
            self,
            self.listening,
        )
        self.session.waiting_for_sound.connect(self._waiting_for_sound)
        self.save_banner = SaveBanner(services.history, services.background)
        self.save_banner.saved.connect(self._saved_late)
        self._column.insertWidget(0, self.save_banner)
        self.undo_delete = QPushButton("Undo")
        self.undo_delete.setObjectName("undoDelete")
        self.undo_delete.setAccessibleName("Undo: bring the deleted session back")
        self.undo_delete.setVisible(False)
        self.undo_delete.clicked.connect(self._undo_delete)
        self.statusBar().addWidget(self.undo_delete)
        # The banner sits above everything: Tab reaches it last, so Shift+Tab from the
        # sections reaches it first (each only while shown).
        set_tab_order([self.undo_delete, self.save_banner.message, self.save_banner.retry_button])
        self._deleted_id: str | None = None
        self._undo_expires = QTimer(self)
        self._undo_expires.setSingleShot(True)
        self._undo_expires.setInterval(UNDO_MS)
        self._undo_expires.timeout.connect(lambda: self.undo_delete.setVisible(False))
        self.focus_ring = FocusRing(self)
        self._furnished = True
        self.navigation.setCurrentRow(TRAIN_ROW)  # a click on the frame's sections: Train
        self._connect_signals()
        self._follow_system_scheme()

    # -- commands, menus and keys -----------------------------------------------------------

    def _make_actions(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QAction

        from hamtimer.ui.command_table import COMMANDS, Where, make_action

        for cmd in COMMANDS:
            if cmd.where == Where.EDITOR:
                continue  # the Templates page's own (Ctrl+S, Ctrl+Z), from the same table
            action = make_action(cmd, self, with_icon=False)  # icons: after the first frame
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, n=cmd.name: self.on_shortcut(n))
            self.actions_by_name[cmd.name] = action
        for name, text, icon, slot in (
            ("exportHistory", "&Export history…", "export", self.export_history),
            ("importHistory", "&Import history…", "import", self.import_history),
            ("addToCalendar", "Add plan to &calendar…", "ph.calendar-plus", self.add_to_calendar),
        ):
            action = QAction(text, self)
            action.setObjectName(name)
            action.setData(icon)
            action.triggered.connect(slot)
            self.actions_by_name[name] = action

    def _build_menu(self) -> None:
        for title, names in MENUS:
            menu = self._menus[title]
            for name in names:
                if name is None:
                    menu.addSeparator()
                else:
                    menu.addAction(self.actions_by_name[name])
        self.actions_by_name["quit"].setObjectName("quit")

    def load_icons(self) -> None:
        """The navigation's and the menus' icons, once the first frame is on screen."""
        self._icons_loaded = True
        self._refresh_icons()

    def _refresh_icons(self) -> None:
        from hamtimer.ui.command_table import COMMANDS

        if not self._icons_loaded:
            return
        for row, (_name, icon) in enumerate(SECTIONS):
            item = self.navigation.item(row)
            if item is not None:
                item.setIcon(theme.icon(icon))
        by_name = {cmd.name: cmd for cmd in COMMANDS}
        for name, action in self.actions_by_name.items():
            cmd = by_name.get(name)
            icon = cmd.icon if cmd is not None else action.data()
            if isinstance(icon, str):
                action.setIcon(theme.icon(icon))

    def _connect_signals(self) -> None:
        from PySide6.QtCore import Qt

        self._make_actions()
        self._build_menu()
        self.browser.start_requested.connect(self.start_session)
        self.navigation.currentRowChanged.connect(self._show_section)
        self.pages.currentChanged.connect(self._enable_shortcuts)
        self.session.finished.connect(self._on_finished)
        self.pedal.setContext(Qt.ShortcutContext.WindowShortcut)
        self.pedal.activated.connect(lambda: self.on_shortcut("pause"))
        self.set_pedal_key(DEFAULT_PEDAL_KEY)
        # Queued: the player's thread must not touch the session; the GUI thread runs it.
        self.remote_command.connect(self._on_remote, Qt.ConnectionType.QueuedConnection)
        self.session.listening_problem.connect(
            self._show_listening_problem, Qt.ConnectionType.QueuedConnection
        )
        self._enable_shortcuts(0)

    def set_pedal_key(self, key: str) -> None:
        """The pedal types `key` (Qt's portable text, e.g. "F8"). A key that already does
        something else is not taken: two shortcuts on one key would make both do nothing."""
        from PySide6.QtGui import QKeySequence

        from hamtimer.ui.command_table import COMMANDS

        sequence = QKeySequence(key)
        taken = any(sequence == QKeySequence(k) for cmd in COMMANDS for k in cmd.keys)
        if taken:
            log.info("pedal key %r is already a shortcut: it keeps that meaning", key)
        self.pedal_key = "" if taken else key
        self.pedal.setKey(QKeySequence(self.pedal_key))
        if self._run_screen_built:
            self.run_screen.set_resume_keys(self.pedal_key)

    # -- theme and window size -------------------------------------------------------------

    def set_appearance(self, appearance: Appearance) -> None:
        """Settings' choice: applied at once, everywhere, and kept for next time."""
        self.appearance = appearance
        self._settings.save_appearance(appearance)
        self._apply_theme()

    def set_text_size(self, size: TextSize) -> None:
        """Settings' choice: every text larger (the run screen's too), at once, kept."""
        self.text_size = size
        self._settings.save_text_size(size)
        self._apply_theme()
        if self._run_screen_built:
            self.run_screen.text_size_changed()

    def _follow_system_scheme(self) -> None:
        """The frame was drawn in the desktop's colours of last time: asked now, and from
        now on whenever the desktop switches between light and dark."""
        self._system_scheme_changed()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            # A method of the window: the connection ends with the window.
            app.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

    def _system_scheme_changed(self, _scheme: object = None) -> None:
        dark = theme.system_is_dark()
        if dark != self._settings.system_was_dark():
            try:  # for the next start's first frame
                self._settings.save_system_was_dark(dark)
            except OSError as error:
                log.warning("the desktop's colour scheme could not be kept: %s", error)
        if dark != self._system_dark:
            self._system_dark = dark
            if self.appearance == Appearance.SYSTEM:
                self._apply_theme()

    def _apply_theme(self) -> None:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        theme.apply_theme(app, self.appearance, self.text_size.scale, self._system_dark)
        if self.actions_by_name:
            self._refresh_icons()
        if self._run_screen_built:
            self.run_screen.apply_theme()

    def _restore_geometry(self) -> None:
        """Where the window was last time; else DEFAULT_SIZE, never more than the screen."""
        saved = self._settings.window_geometry()
        if saved is not None:
            try:
                if self.restoreGeometry(QByteArray(base64.b64decode(saved, validate=True))):
                    return
            except ValueError:
                log.info("the saved window geometry is not base64: the default size is used")
        width, height = DEFAULT_SIZE
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None:
            width = min(width, round(screen.width() * SCREEN_SHARE))
            height = min(height, round(screen.height() * SCREEN_SHARE))
        self.resize(width, height)

    def _save_geometry(self) -> None:
        geometry = base64.b64encode(self.saveGeometry().data()).decode("ascii")
        try:
            self._settings.save_window_geometry(geometry)
        except OSError as error:
            log.warning("the window's size could not be saved: %s", error)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange:
            # True full screen: nothing but the page (the run screen) on the screen.
            full = self.isFullScreen()
            self.menuBar().setVisible(not full)
            self.statusBar().setVisible(not full)
            if self._run_screen_built:
                self.run_screen.full_screen_changed()

    # -- pages -----------------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        """Shut down (closed, or the app quitting): work queued for later does nothing."""
        return self._shut_down

    @property
    def _run_screen_built(self) -> bool:
        """Whether the run screen exists (the frame alone has none; see `run_screen`)."""
        return self._furnished and self.session.built

    # The run screen and the summary are imported and built when first needed, so the window
    # shows sooner.
    @property
    def run_screen(self) -> RunScreen:
        built = self.session.built
        screen = self.session.run_screen
        if not built:
            screen.command.connect(self.run_command)
            screen.set_resume_keys(self.pedal_key)
        return screen

    @property
    def runner(self) -> SessionRunner | None:
        return self.session.runner

    @property
    def muted(self) -> bool:
        return self.session.muted

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
            page.show_appearance(self.appearance)
            page.appearance_chosen.connect(self.set_appearance)
            page.show_text_size(self.text_size)
            page.text_size_chosen.connect(self.set_text_size)
            page.changed.connect(self._apply_settings)
            page.test_requested.connect(self._test_voice)
            page.history_folder_chosen.connect(self.move_history)
            page.show_history_folder(self._history.folder)
            page.reminders_chosen.connect(self.set_reminders)
            self.pages.addWidget(page)
            self._settings_page = page
            self._show_reminders(page)
            self.listening.answered.connect(page.show_listening)
            if self.listening.known:
                page.show_listening(self.listening.reason)
            self.listening.check()  # pactl, on the background thread: the page shows at once
            self._on_voice_status(None)
        return self._settings_page

    def _show_reminders(self, page: SettingsPage) -> None:
        from hamtimer.services.reminders import reminders_unavailable

        page.show_reminders(self._settings.reminders())
        unavailable = reminders_unavailable()
        if unavailable is not None:
            page.reminders_unavailable(unavailable)

    def set_reminders(self, chosen: ReminderSettings) -> None:
        """Settings' reminders: saved, then the login autostart entry written (or removed),
        as `hamtimer remind --on/--off` does; the page says what was done."""
        from hamtimer.services.reminders import (
            ReminderFiles,
            apply_reminder_files,
            xdg_config_home,
        )

        page = self.settings_page
        settings = self._settings
        before = settings.reminders()
        try:
            settings.save_reminders(chosen)
            lines = apply_reminder_files(ReminderFiles(xdg_config_home()), chosen, systemd=False)
        except OSError as error:
            with contextlib.suppress(OSError):  # the setting says what is really in place
                settings.save_reminders(before)
            page.show_reminders(before, f"Reminders not changed: {error.strerror or error}.")
            return
        page.show_reminders(chosen, reminders_done(chosen, lines))

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
        pydantic), and the icons drawn (they load QtAwesome). Returns lines to tell the
        user: files that failed to load, lost choices."""
        self.load_icons()
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

    def show_remembered(self) -> bool:
        """Train as it was left (`train_snapshot`), drawn before the templates are read:
        whether there was one to draw."""
        from hamtimer.ui.train.train_snapshot import snapshot_from_json

        try:
            snapshot = snapshot_from_json(self._startup_snapshot(self.browser.today_date()).read())
            if snapshot is None:
                return False
            self.browser.show_snapshot(snapshot)
        except Exception:  # a cache: the start goes on and reads the templates
            log.warning("Train's snapshot could not be drawn", exc_info=True)
            return False
        if self.pages.currentWidget() is self.browser:
            self.browser.focus_start()
        return True

    def _keep_snapshot(self) -> None:
        """What Train will open on next time, in words, for the next start to draw at once.
        Kept by the background thread after the writes before it, so that its basis sees the
        last template started (whose save may still be queued; the words themselves may then
        open on the template before it, until the templates are read)."""
        try:
            snapshot = self.browser.snapshot_for_next_start() if self._templates_loaded else None
        except Exception:  # a cache: it must never stop the window from closing
            log.warning("Train's snapshot could not be made", exc_info=True)
            return
        if snapshot is None:
            return
        document, today = snapshot.to_json(), self.browser.today_date()

        def keep() -> None:
            self._startup_snapshot(today).write(document)

        try:
            self._services.background.submit(keep)
        except RuntimeError:  # the background thread has already stopped
            keep()

    def _startup_snapshot(self, today: date) -> StartupSnapshot:
        from hamtimer.services.paths import builtin_folder
        from hamtimer.services.startup_snapshot import StartupSnapshot, snapshot_basis

        paths = self._services.paths
        basis = snapshot_basis(
            [builtin_folder("templates"), paths.user_templates_dir],
            [paths.template_choices_file, paths.plan_file],
            self._settings.last_template(),
            today if paths.plan_file.exists() else None,  # a plan opens on today's session
        )
        return StartupSnapshot(paths.startup_snapshot_file, basis)

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

    def go_to_section(self, row: int) -> None:
        """Ctrl+1 to Ctrl+4: the section, with the keyboard on its first control (on Train,
        on Start). The editor may refuse to be left (unsaved changes, kept)."""
        from PySide6.QtCore import Qt

        from hamtimer.ui.widgets.keyboard import first_stop

        if self.navigation.currentRow() != row:
            self.navigation.setCurrentRow(row)
        elif self.pages.currentWidget() is self._summary_view:
            self._show_section(row)  # the summary is left for Train, its log saved
        if self.navigation.currentRow() != row:
            return
        page = self.pages.currentWidget()
        if page is self.browser:
            self.browser.focus_start()
            return
        stop = first_stop(page) if page is not None else None
        (stop or self.navigation).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show_editor(self) -> None:
        editor = self.template_editor
        if editor is None:
            self.statusBar().showMessage("Your templates are still loading.", 5000)
            self.show_browser()
            return
        editor.reload()
        self.pages.setCurrentWidget(editor)

    def _enable_shortcuts(self, _index: int) -> None:
        """Each command's keys work on the pages of its `where`. On form pages (Templates,
        History, Settings, the summary's log) Space, arrows and letters belong to the
        controls: only a command's quiet keys (F11; Enter to leave the summary) and Ctrl
        keys stay."""
        from PySide6.QtGui import QKeySequence

        from hamtimer.ui.command_table import COMMANDS, Where

        page = self.pages.currentWidget()
        where = self._where(page)
        for cmd in COMMANDS:
            action = self.actions_by_name.get(cmd.name)
            if action is None or cmd.name == "done":
                continue
            action.setShortcuts([QKeySequence(key) for key in self._active_keys(cmd, where)])
        self.pedal.setEnabled(where == Where.RUN)

    def _where(self, page: QWidget | None) -> Where:
        from hamtimer.ui.command_table import Where

        if page is self.browser:
            return Where.TRAIN
        if self.session.built and page is self.run_screen:
            return Where.RUN
        if page is self._summary_view:
            return Where.SUMMARY
        return Where.FORMS

    @staticmethod
    def _active_keys(cmd: Command, where: Where) -> tuple[str, ...]:
        from hamtimer.ui.command_table import Where

        if not where & cmd.where:
            return ()
        if where in (Where.TRAIN, Where.RUN):
            return cmd.keys
        return tuple(key for key in cmd.keys if key in cmd.quiet_keys or "Ctrl+" in key)

    @property
    def in_session(self) -> bool:
        return self.session.in_session

    def show_browser(self) -> None:
        self.pages.setCurrentWidget(self.browser)
        self.navigation.setVisible(True)
        if self.isFullScreen():
            self.showNormal()  # full screen is for the mat: the pages want their bars
        self.navigation.setCurrentRow(TRAIN_ROW)
        self.browser.focus_start()

    def attach_voice(self, voice: CueVoice, bridge: VoiceBridge) -> None:
        """Speech arrives after the first frame (it starts a child process and Qt Multimedia)."""
        self.voice = voice
        self.session.voice = voice
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
        if self.voice is None:  # still starting: kept for it to read
            self._settings.save(settings)
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
        from PySide6.QtWidgets import QFileDialog, QMessageBox

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

    def add_to_calendar(self) -> None:
        """File → Add plan to calendar…: the planned sessions, today to the program's end, as
        an .ics file (what `hamtimer plan --export` writes); importing a later one updates
        the same events."""
        from datetime import datetime

        from PySide6.QtWidgets import QMessageBox

        from hamtimer.services.calendar_export import (
            NotAnExportError,
            saved_plan_export,
            write_calendar,
        )
        from hamtimer.services.programs import PlanFileError, UnknownProgramError, program_library

        status = self.statusBar()
        at = self._settings.reminders().at
        try:
            exported = saved_plan_export(
                self._services.paths.plan_file,
                program_library(self._services.paths.user_programs_dir).programs,
                self._history.load().entries,
                {item.template.id: item.template for item in self.browser.library},
                at,
                datetime.fromtimestamp(self._wall_clock()).astimezone(),
            )
        except (PlanFileError, UnknownProgramError) as error:
            status.showMessage(f"Your plan can't be used: {error}.", 10_000)
            return
        if exported is None:
            status.showMessage("No plan to add yet: follow one on Train's Today card.", 10_000)
            return
        program, export = exported
        name = calendar_file(self)
        if not name:
            return
        path = Path(name)
        try:
            try:
                write_calendar(path, export.text)
            except NotAnExportError as error:
                if path.is_dir():
                    status.showMessage(f"Nothing written: {error}.", 10_000)
                    return
                if not replace_other_file(self, str(error)):
                    return
                write_calendar(path, export.text, replace_other=True)
        except OSError as error:
            QMessageBox.warning(self, "Add plan to calendar", f"Could not write {name}: {error}")
            return
        status.showMessage(
            f"{export.sessions} sessions of {program.name} written to {path.name}, each at"
            f" {at:%H:%M}; importing it again updates them.",
            10_000,
        )

    def import_history(self) -> None:
        """File → Import history…: sessions from a JSON export, merged without duplicates."""
        from PySide6.QtWidgets import QFileDialog, QMessageBox

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
        problem = self.session.save_log(quick_log)
        if problem is not None:
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
            self._settings.save_history_folder(folder)
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

    def start_today(self) -> None:
        """`hamtimer --start today` (a reminder's Start), once the templates are loaded:
        today's planned session, as the Today card's Start runs it; else Train, its Today
        card, and one sentence in the status line on why nothing started."""
        self.show_browser()
        if not self.browser.start_today():
            self.statusBar().showMessage(self.browser.why_not_today(), 20_000)

    def start_session(self, template: Template) -> None:
        self._flush_log()  # the last session's log goes with the last session
        plan = self.plans.plan(template)  # the plan whose total the details showed
        self.run_screen.set_resume_keys(self.pedal_key)
        self.navigation.setVisible(False)
        self.session.start(plan)
        self.setFocus()

    def _waiting_for_sound(self, waiting: bool) -> None:
        """Start was pressed before the audio stream keeps pace (at most a few seconds)."""
        self.browser.start_button.setEnabled(not waiting)
        if waiting:
            self.statusBar().showMessage("Getting the sound ready…")
        else:
            self.statusBar().clearMessage()

    # -- commands --------------------------------------------------------------------------

    def on_shortcut(self, name: str) -> None:
        """A command of the table, by its key, its menu entry or its button."""
        page = self.pages.currentWidget()
        on_run_screen = self.session.built and page is self.run_screen
        if on_run_screen:
            self.run_screen.wake_controls()  # a key brings the buttons back
        if name == "fullscreen":
            self.toggle_full_screen()
        elif name == "help":
            show_shortcuts(self, self.pedal_key)
        elif name == "mute":
            self.toggle_mute()
        elif name == "quit":
            self.close()
        elif name in SECTION_KEYS:
            self.go_to_section(SECTION_KEYS[name])
        elif page is self.browser and name == "enter":
            from hamtimer.ui.widgets.form_rows import commit_typed_number

            commit_typed_number()  # a hold typed in quick adjust, then Enter
            self.browser.request_start()
        elif page is self._summary_view and name == "enter":
            self.summary_view.leave()
        elif on_run_screen:
            self.session.command("done" if name == "enter" else name)

    def run_command(self, name: str) -> None:
        """A run-screen button: a session command, or one of the window's."""
        from hamtimer.ui.run.session_controller import SESSION_COMMANDS

        if name in SESSION_COMMANDS:
            self.session.command(name)
        else:
            self.on_shortcut(name)

    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def toggle_mute(self) -> None:
        self.session.toggle_mute()
        if self.voice is not None:
            self._on_voice_status(None)

    @Slot(object)
    def _on_remote(self, command: RemoteCommand | HeardCommand) -> None:
        from hamtimer.services.remote import HeardCommand

        if isinstance(command, HeardCommand):
            self.session.heard(command)
        else:
            self.session.remote(command)

    @Slot(str)
    def _show_listening_problem(self, text: str) -> None:
        self.statusBar().showMessage(text, 15_000)

    # -- session updates -------------------------------------------------------------------

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
        self._save_geometry()
        self.shut_down()
        super().closeEvent(event)

    def shut_down(self, interrupted: bool = False) -> None:
        """Stop what runs: the session (kept as far as it went, as interrupted when the app is
        being ended rather than closed), the screen inhibit, speech. Closing the window,
        SIGTERM and the application quitting all call it; once is enough."""
        if self._shut_down:
            return
        self._shut_down = True
        if not self._furnished:
            return  # closed before its pages were built: nothing runs yet
        self._keep_snapshot()
        self._flush_log()
        self.session.shut_down(interrupted)
        if self.voice is not None:
            self.voice.close()
