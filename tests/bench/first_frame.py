"""Child process for the start-up benchmark: time to the first painted frame, and peak RSS.

`python -m tests.bench.first_frame hamtimer|bare`; HAMTIMER_BENCH_T0 holds the parent's
monotonic time just before it started this process (CLOCK_MONOTONIC is system-wide).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time

T0 = float(os.environ["HAMTIMER_BENCH_T0"])


def main() -> int:
    which = sys.argv[1]
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv)
    if which == "bare":
        window = QWidget()
    else:
        from hamtimer import app as wiring

        window = wiring.build_window_for_benchmark()
    result: dict[str, float] = {}

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and "first_frame_ms" not in result:
                result["first_frame_ms"] = (time.monotonic() - T0) * 1000
                QTimer.singleShot(500, app.quit)
            return False

    painter = FirstPaint()
    window.installEventFilter(painter)
    window.resize(1280, 800)
    window.show()
    app.exec()
    result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
