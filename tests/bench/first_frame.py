"""Child process of the start-up benchmark: time to the first painted frame, and peak RSS.

`python -m tests.bench.first_frame bare|hamtimer`. HAMTIMER_BENCH_T0 holds the parent's
monotonic time just before it started this process (CLOCK_MONOTONIC is system-wide), so the
figure includes interpreter start-up and every import.

Both sides create the QApplication and watch paint events the same way; then `bare` shows an
empty QWidget while `hamtimer` goes through the real entry point (`hamtimer.cli.main([])`,
which reuses the QApplication). The process quits QUIT_AFTER_MS after the first frame, so the
peak RSS covers the idle window too. For hamtimer, `ready_ms` is when the template details
were first painted: the moment a user can read and start a session.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time

T0 = float(os.environ["HAMTIMER_BENCH_T0"])
QUIT_AFTER_MS = 1500


def since_t0_ms() -> float:
    return (time.monotonic() - T0) * 1000


def main() -> int:
    which = sys.argv[1]
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QWidget

    app = QApplication(sys.argv)
    result: dict[str, float] = {}

    class PaintWatcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() != QEvent.Type.Paint:
                return False
            if "first_frame_ms" not in result:
                result["first_frame_ms"] = since_t0_ms()
                QTimer.singleShot(QUIT_AFTER_MS, app.quit)
            if (
                "ready_ms" not in result
                and isinstance(watched, QLabel)
                and watched.objectName() == "templateDetails"
                and "Loading" not in watched.text()
            ):
                result["ready_ms"] = since_t0_ms()
            return False

    watcher = PaintWatcher()
    app.installEventFilter(watcher)
    if which == "bare":
        window = QWidget()
        window.resize(1280, 800)
        window.show()
        app.exec()
    else:
        from hamtimer import cli

        cli.main([])
    result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
