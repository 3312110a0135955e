"""Start the Qt application: logging of Qt's messages, a last-resort error dialog, the window."""

from __future__ import annotations

import contextlib
import json
import logging
import signal
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QObject,
    QSocketNotifier,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from hamtimer.services.logging_setup import QT_LOGGER
from hamtimer.services.paths import APP_ID
from hamtimer.ui.main_window import MainWindow
from hamtimer.ui.voice_bridge import VoiceBridge

if TYPE_CHECKING:
    from hamtimer.services.app_services import Services
    from hamtimer.services.speech.cue_voice import CueVoice

log = logging.getLogger(__name__)

STARTUP_MESSAGE_MS = 20_000
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
    if QApplication.instance() is not None:
        QMessageBox.warning(
            None,
            "hamtimer: something went wrong",
            f"An unexpected error happened and was logged:\n\n{error}\n\n"
            "hamtimer keeps running; please report it with the log file.",
        )


class _FirstFrame(QObject):
    """Calls `then` once, just after the watched window is first painted, with the paint's
    monotonic time."""

    def __init__(self, watched: QObject, then: Callable[[float], None]) -> None:
        super().__init__(watched)
        self._then: Callable[[float], None] | None = then
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint and self._then is not None:
            then, painted_at = self._then, time.monotonic()
            QTimer.singleShot(0, lambda: then(painted_at))
            self._then = None
            watched.removeEventFilter(self)
        return False


def run_application(
    services: Services, report_first_frame: Path | None = None, start_session: str | None = None
) -> int:
    """Show the window first, then read the templates: parsing them loads pydantic, which
    would otherwise hold back the first frame by about 100 ms. `report_first_frame`: where to
    write the first frame's monotonic time (the bundle's start-up benchmark asks for it).
    `start_session` "today" (a reminder's Start): today's planned session starts once the
    templates and the voice are there."""
    route_qt_messages()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("hamtimer")
    app.setApplicationDisplayName("hamtimer")
    app.setDesktopFileName(APP_ID)  # on Wayland, ties the window to its launcher and icon
    icon = services.paths.app_icon
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    sys.excepthook = _show_unexpected_error
    window = MainWindow(services)
    window.browser.show_loading()
    bridge = VoiceBridge(window)

    def after_first_frame(painted_at: float) -> None:
        if report_first_frame is not None:
            with contextlib.suppress(OSError):
                report_first_frame.write_text(json.dumps({"first_frame_monotonic": painted_at}))
        messages = window.load_templates()
        # The cards and Start are drawn before the rest: the history's recovery and the
        # voice's start (about 40 ms) wait one turn of the event loop.
        QTimer.singleShot(0, lambda: after_cards(messages))

    def after_cards(messages: list[str]) -> None:
        from hamtimer.services.session_recorder import recover_interrupted

        recovery = recover_interrupted(services.history)  # e.g. last time's crash
        window.save_banner.check(recovery)  # sessions that still can't be saved stay in view
        messages += recovery
        if messages:
            window.statusBar().showMessage(" ".join(messages), STARTUP_MESSAGE_MS)
        window.attach_voice(window_voice(services, bridge), bridge)
        log.info("window ready: templates loaded, voice starting")
        if start_session == "today":
            window.start_today()

    _FirstFrame(window, after_first_frame)
    _quit_on_sigterm(app, window)
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
    handler when it gets control, so the signal wakes Qt's loop through a socket."""
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
