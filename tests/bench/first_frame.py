"""Child process of the start-up benchmark: time to the first painted frame, and peak RSS.

`python -m tests.bench.first_frame bare|hamtimer`. HAMTIMER_BENCH_T0 holds the parent's
monotonic time just before it started this process (CLOCK_MONOTONIC is system-wide), so the
figure includes interpreter start-up and every import.

Both sides watch the paint events of their top-level window the same way: `bare` creates a
QApplication and shows an empty QWidget, `hamtimer` goes through the real entry point
(`hamtimer.cli.main([])`, which creates its own QApplication, as the installed command does;
the command line is imported before PySide6, as the command imports it). The process quits
QUIT_AFTER_MS after the first frame, so the peak RSS covers the idle window with its
templates loaded.
For hamtimer, `ready_ms` is when the template details were first painted: the moment a user
can read and start a session (`start_focused` says whether Start then has the keyboard).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from typing import Any

T0 = float(os.environ["HAMTIMER_BENCH_T0"])
QUIT_AFTER_MS = 1500


def since_t0_ms() -> float:
    return (time.monotonic() - T0) * 1000


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    which = sys.argv[1]
    if which not in ("bare", "hamtimer"):
        raise SystemExit(f"usage: first_frame bare|hamtimer, not {which!r}")
    if which == "hamtimer":
        # First, as the `hamtimer` command does: PySide6 is imported later, by the window.
        # Imported after PySide6, every module would pay PySide6's check of its source
        # (ui/pyside_import_check.py) that the command's imports never pay.
        from hamtimer import cli
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QWidget

    result: dict[str, float] = {}

    class PaintWatcher(QObject):
        """Watches only the widgets it is given: an application-wide filter would wrap every
        event of every widget in Python, slowing the window with more widgets much more."""

        def watch(self, widget: QWidget) -> None:
            widget.installEventFilter(self)

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() != QEvent.Type.Paint:
                return False
            if "first_frame_ms" not in result:
                result["first_frame_ms"] = since_t0_ms()
                result["first_frame_rss_mb"] = max_rss_mb()
                QTimer.singleShot(QUIT_AFTER_MS, QApplication.quit)
            if (
                "ready_ms" not in result
                and isinstance(watched, QLabel)
                and "Loading" not in watched.text()
            ):
                result["ready_ms"] = since_t0_ms()
                focused = watched.window().focusWidget()
                # 1.0: Start has the keyboard as the details are painted (Enter starts).
                result["start_focused"] = float(
                    focused is not None and focused.objectName() == "startButton"
                )
            return False

    watcher = PaintWatcher()
    if which == "bare":
        app = QApplication(sys.argv)
        window = QWidget()
        watcher.watch(window)
        window.resize(1280, 800)
        window.show()
        app.exec()
    else:
        from hamtimer.ui import application

        class WatchedWindow(application.MainWindow):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                watcher.watch(self)

            def furnish(self, *args: Any, **kwargs: Any) -> None:
                super().furnish(*args, **kwargs)
                watcher.watch(self.browser.details)

        application.MainWindow = WatchedWindow  # type: ignore[misc]
        cli.main([])
    result["max_rss_mb"] = max_rss_mb()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
