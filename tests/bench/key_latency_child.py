"""The window's key-to-reaction time, in the window's own process (tests/bench/remote_bench.py).

`python -m tests.bench.key_latency_child TEMPLATE.json N`: opens the real window through the real
entry point, starts the template, and once its first step runs presses Space N times, then the
media key Play/Pause N times, GAP_MS apart, each as a QTest key event to the focused widget (as
the keyboard's would arrive). Each is timed from just before the event is sent to the session's
SessionPaused / SessionResumed reaching the window's view. Prints the milliseconds as JSON.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from hamtimer import cli
from hamtimer.core.engine import EngineEvent, SessionPaused, SessionResumed
from hamtimer.core.validation import parse_template
from hamtimer.ui.main_window import MainWindow

GAP_MS = 150
FIRST_PRESS_MS = 1000
KEYS = {"Space": Qt.Key.Key_Space, "media Play/Pause": Qt.Key.Key_MediaTogglePlayPause}


def main() -> int:
    template = parse_template(Path(sys.argv[1]).read_bytes())
    presses = int(sys.argv[2])
    app = QApplication(sys.argv[:1])
    latencies: dict[str, list[float]] = {name: [] for name in KEYS}
    pending: list[tuple[str, float]] = []
    queue = [name for name in KEYS for _ in range(presses)]

    def reacted(event: EngineEvent) -> None:
        if isinstance(event, SessionPaused | SessionResumed) and pending:
            name, sent = pending.pop()
            latencies[name].append((time.monotonic() - sent) * 1000)

    def press(window: MainWindow) -> None:
        if not queue:
            assert window.runner is not None
            window.runner.stop()
            QTimer.singleShot(500, app.quit)
            return
        name = queue.pop(0)
        target = QApplication.focusWidget() or window
        pending.append((name, time.monotonic()))
        QTest.keyClick(target, KEYS[name])
        QTimer.singleShot(GAP_MS, lambda: press(window))

    def start() -> None:
        try:
            window = next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow)), None)
            if window is None or not window.isVisible() or window.voice is None:
                QTimer.singleShot(50, start)
                return
            window.activateWindow()
            window.start_session(template)
            assert window.runner is not None
            window.runner.engine_event.connect(reacted)
            QTimer.singleShot(FIRST_PRESS_MS, lambda: press(window))
        except Exception:
            traceback.print_exc()
            app.exit(2)

    QTimer.singleShot(50, start)
    code = cli.main([])
    missing = {name: presses - len(values) for name, values in latencies.items()}
    if code or any(missing.values()):
        print(f"presses without a reaction: {missing}", file=sys.stderr)
        return code or 1
    print(json.dumps(latencies))
    return 0


if __name__ == "__main__":
    sys.exit(main())
