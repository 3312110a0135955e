"""Entry point of the frozen app (PyInstaller): the `hamtimer` executable of the bundle.

`multiprocessing.freeze_support()` comes first: speech is rendered in a "spawn" child, which
in a bundle is this same executable started again with multiprocessing's arguments; without
it the child would open a second window instead of rendering phrases.

HAMTIMER_REPORT_FIRST_FRAME=PATH (opt-in, for `tests/bench/frozen_start.py`): when the main
window is first painted, its monotonic time (CLOCK_MONOTONIC, system-wide) is written to PATH
as JSON. The same paint event `tests/bench/first_frame.py` watches in the source app.
"""

from __future__ import annotations

import multiprocessing
import sys


def _report_first_frame(target: str) -> None:
    import json
    import time
    from pathlib import Path
    from typing import Any

    from PySide6.QtCore import QEvent, QObject

    from hamtimer.ui import application
    from hamtimer.ui.main_window import MainWindow

    class PaintWatcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's)
            if event.type() == QEvent.Type.Paint:
                moment = time.monotonic()
                watched.removeEventFilter(self)
                Path(target).write_text(json.dumps({"first_frame_monotonic": moment}))
            return False

    class WatchedWindow(MainWindow):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._paint_watcher = PaintWatcher(self)
            self.installEventFilter(self._paint_watcher)

    # run_application builds the window through this module-level name.
    application.MainWindow = WatchedWindow  # type: ignore[attr-defined]


def main() -> int:
    import os

    report_to = os.environ.get("HAMTIMER_REPORT_FIRST_FRAME")
    if report_to:
        _report_first_frame(report_to)
    from hamtimer.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
