"""Start the Qt application: logging of Qt's messages, a last-resort error dialog, the window."""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
import sys
import traceback
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

from hamtimer.services.paths import APP_ID
from hamtimer.services.screen_awake import ScreenAwake
from hamtimer.ui.main_window import MainWindow
from hamtimer.ui.voice_bridge import VoiceBridge

if TYPE_CHECKING:
    from hamtimer.core.history import QuickLog
    from hamtimer.services.history_store import HistoryStore
    from hamtimer.services.speech.cue_voice import CueVoice
    from hamtimer.services.template_choices import TemplateChoices
    from hamtimer.services.user_templates import TemplateLibrary
    from hamtimer.ui.main_window import SessionFactory

log = logging.getLogger(__name__)

STARTUP_MESSAGE_MS = 20_000
qt_log = logging.getLogger("qt")

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
    log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, error, trace)))
    if QApplication.instance() is not None:
        QMessageBox.warning(
            None,
            "hamtimer: something went wrong",
            f"An unexpected error happened and was logged:\n\n{error}\n\n"
            "hamtimer keeps running; please report it with the log file.",
        )


class _FirstFrame(QObject):
    """Calls `then` once, just after the watched window is first painted."""

    def __init__(self, watched: QObject, then: Callable[[], None]) -> None:
        super().__init__(watched)
        self._then: Callable[[], None] | None = then
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint and self._then is not None:
            QTimer.singleShot(0, self._then)
            self._then = None
            watched.removeEventFilter(self)
        return False


TemplateServices = tuple["TemplateLibrary", "TemplateChoices | None"]


def run_application(
    load_templates: Callable[[], TemplateServices],
    session_factory: SessionFactory,
    screen_awake: ScreenAwake,
    make_voice: Callable[[VoiceBridge], CueVoice] | None = None,
    save_quick_log: Callable[[QuickLog], str | None] | None = None,
    history: HistoryStore | None = None,
    startup_messages: Callable[[], list[str]] = list,
    icon: Path | None = None,
) -> int:
    """Show the window first, then read the templates: parsing them loads pydantic, which
    would otherwise hold back the first frame by about 100 ms."""
    route_qt_messages()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("hamtimer")
    app.setApplicationDisplayName("hamtimer")
    app.setDesktopFileName(APP_ID)  # on Wayland, ties the window to its launcher and icon
    if icon is not None and icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    sys.excepthook = _show_unexpected_error
    window = MainWindow([], session_factory, screen_awake, save_quick_log, history)
    window.browser.show_loading()
    bridge = VoiceBridge(window)

    def after_first_frame() -> None:
        messages = window.attach_templates(*load_templates())
        messages += startup_messages()  # e.g. a session saved after last time's crash
        if messages:
            window.statusBar().showMessage(" ".join(messages), STARTUP_MESSAGE_MS)
        if make_voice is not None:
            window.attach_voice(make_voice(bridge), bridge)

    _FirstFrame(window, after_first_frame)
    _quit_on_sigterm(app, window)
    window.show()
    return app.exec()


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
        window.shut_down()
        app.quit()

    def closed() -> None:
        signal.set_wakeup_fd(-1)
        reader.close()
        writer.close()

    notifier.activated.connect(woken)
    app.aboutToQuit.connect(closed)
