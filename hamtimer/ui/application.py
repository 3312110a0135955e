"""Start the Qt application: logging of Qt's messages, a last-resort error dialog, the window."""

from __future__ import annotations

import contextlib
import json
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from hamtimer.services.logging_setup import QT_LOGGER
from hamtimer.services.paths import APP_ID
from hamtimer.ui.pyside_import_check import answer_by_reading_files

answer_by_reading_files()  # before the window's modules are imported (see the module)

from hamtimer.ui import theme  # noqa: E402
from hamtimer.ui.main_window import MainWindow  # noqa: E402

if TYPE_CHECKING:
    from hamtimer.services.app_services import Services
    from hamtimer.services.settings import SettingsStore
    from hamtimer.services.speech.cue_voice import CueVoice
    from hamtimer.ui.voice_bridge import VoiceBridge

log = logging.getLogger(__name__)

STARTUP_MESSAGE_MS = 20_000
UNPAINTED_MS = 500
"""How long the start waits for a frame to be painted before going on without it."""
qt_log = logging.getLogger(QT_LOGGER)

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, _context: object, message: str) -> None:
    qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), message)


def route_qt_messages() -> None:
    """Qt's own messages go to our log (and to stderr only with -v), not straight to stderr."""
    qInstallMessageHandler(_qt_message)


def _show_unexpected_error(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """Log it and tell the user; the session and the window keep going."""
    # exc_info, not the text in the message: stderr (without -v) then shows one line only.
    log.error("unexpected error: %s", error, exc_info=(kind, error, trace))
    from PySide6.QtWidgets import QMessageBox  # its enums: not before the first frame

    if QApplication.instance() is not None:
        QMessageBox.warning(
            None,
            "hamtimer: something went wrong",
            f"An unexpected error happened and was logged:\n\n{error}\n\n"
            "hamtimer keeps running; please report it with the log file.",
        )


class _FirstFrame(QObject):
    """Calls `then` once, just after the watched widget is next painted (its first frame),
    with the paint's monotonic time; or after UNPAINTED_MS if it is not painted by then (a
    window opened minimized, or on another workspace, is painted only when seen: the start
    goes on without that paint, half a second later)."""

    def __init__(self, watched: QObject, then: Callable[[float], None]) -> None:
        super().__init__(watched)
        self._then: Callable[[float], None] | None = then
        self._watched = watched
        watched.installEventFilter(self)
        QTimer.singleShot(UNPAINTED_MS, self, lambda: self._call(time.monotonic()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint and self._then is not None:
            painted_at = time.monotonic()
            QTimer.singleShot(0, self, lambda: self._call(painted_at))
        return False

    def _call(self, painted_at: float) -> None:
        then, self._then = self._then, None
        if then is not None:
            self._watched.removeEventFilter(self)
            then(painted_at)


def run_application(
    settings: SettingsStore,
    open_services: Callable[[], Services],
    *,
    app_icon: Path | None = None,
    report_first_frame: Path | None = None,
    start_session: str | None = None,
    exit_when_services_fail: int = 1,
) -> int:
    """Show the window's frame first, drawn from `settings` alone; then build the services
    (`open_services`), the pages and the cards; then the rest. Each waits for the frame
    before it, so the window appears as soon as a bare one would, and the templates (which
    load pydantic) do not hold it back. `report_first_frame`: where to write the first
    frame's monotonic time (the bundle's start-up benchmark asks for it). `start_session`
    "today" (a reminder's Start): today's planned session starts once the templates and the
    voice are there. `exit_when_services_fail`: the exit code when the services can't be built
    (the user is told why in one sentence)."""
    route_qt_messages()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else theme.application(sys.argv)
    app.setApplicationName("hamtimer")
    app.setApplicationDisplayName("hamtimer")
    app.setDesktopFileName(APP_ID)  # on Wayland, ties the window to its launcher and icon
    if app_icon is not None and app_icon.exists():
        app.setWindowIcon(QIcon(str(app_icon)))
    sys.excepthook = _show_unexpected_error
    window = MainWindow(settings)

    def after_first_frame(painted_at: float) -> None:
        if report_first_frame is not None:
            with contextlib.suppress(OSError):
                report_first_frame.write_text(json.dumps({"first_frame_monotonic": painted_at}))
        if window.closed:
            return
        try:
            services = open_services()
        except Exception as error:  # e.g. --log-events to a file that can't be written
            from PySide6.QtWidgets import QMessageBox

            log.error("the window's services could not start: %s", error, exc_info=True)
            QMessageBox.critical(window, "hamtimer can't start", f"hamtimer can't start: {error}")
            app.exit(exit_when_services_fail)
            return
        window.furnish(services)
        if window.show_remembered():
            # Train drawn as it was left: the templates are read once it is on screen.
            after_train_is_painted(lambda: read_templates(services))
        else:
            read_templates(services)

    def read_templates(services: Services) -> None:
        if window.closed:
            return
        messages = window.load_templates()
        # The cards and Start are drawn before the rest: the history's recovery and the
        # voice's start (about 100 ms) wait until Train has been painted.
        after_train_is_painted(lambda: after_cards(services, messages))
        window.browser.update()  # painted again even when the snapshot said it all

    def after_train_is_painted(then: Callable[[], None]) -> None:
        if window.browser.isVisible():
            _FirstFrame(window.browser, lambda _painted_at: then())
        else:  # the user went to another page already: nothing to wait for
            QTimer.singleShot(0, then)

    def after_cards(services: Services, messages: list[str]) -> None:
        from hamtimer.services.session_recorder import recover_interrupted
        from hamtimer.ui.voice_bridge import VoiceBridge

        if window.closed:
            return
        _quit_on_sigterm(app, window)
        recovery = recover_interrupted(services.history)  # e.g. last time's crash
        window.save_banner.check(recovery)  # sessions that still can't be saved stay in view
        messages += recovery
        if messages:
            window.statusBar().showMessage(" ".join(messages), STARTUP_MESSAGE_MS)
        bridge = VoiceBridge(window)
        window.attach_voice(window_voice(services, bridge), bridge)
        log.info("window ready: templates loaded, voice starting")
        if start_session == "today":
            window.start_today()
        elif window.browser.take_early_start():
            # Start pressed while Train was drawn from its snapshot: now that the voice is
            # there (a session started before it would run silent), as Enter would now.
            window.show_browser()
            window.browser.request_start()

    _FirstFrame(window, after_first_frame)
    app.aboutToQuit.connect(window.shut_down)
    window.show()
    return app.exec()


def window_voice(services: Services, bridge: VoiceBridge) -> CueVoice:
    """The window's voice: heard through the in-process stream while a session needs it, or
    Qt Multimedia without PortAudio (`window_audio`); the renderer's news crosses to the GUI
    thread through `bridge`."""
    from hamtimer.qt.audio import window_audio
    from hamtimer.qt.live_speech import QtLiveSpeech
    from hamtimer.services.speech.voice_factory import VoiceOutput

    audio, problem = window_audio(services.paths.playback_copies_dir)
    return services.make_voice(
        VoiceOutput(
            audio,
            problem,
            on_rendered=bridge.rendered.emit,
            on_status=bridge.status_changed.emit,
            live_factory=lambda: QtLiveSpeech(on_status=lambda: bridge.status_changed.emit(None)),
        )
    )


def _quit_on_sigterm(app: QApplication, window: MainWindow) -> None:
    """A logout or `kill` ends the app as closing it would (the running session saved as
    interrupted, the speech worker stopped), without questions. Python only runs a signal
    handler when it gets control, so the signal wakes Qt's loop through a socket. Set up
    once the cards are drawn (`socket` is 4 ms of imports); before, there is nothing to save
    and the signal's default ends the app as well."""
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier

    reader, writer = socket.socketpair()
    writer.setblocking(False)
    reader.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    signal.signal(signal.SIGTERM, lambda _number, _frame: None)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def woken() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)
        log.info("SIGTERM: shutting down")
        window.shut_down(interrupted=True)
        app.quit()

    def closed() -> None:
        signal.set_wakeup_fd(-1)
        reader.close()
        writer.close()

    notifier.activated.connect(woken)
    app.aboutToQuit.connect(closed)
