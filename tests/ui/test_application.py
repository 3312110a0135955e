from __future__ import annotations

import subprocess
import sys
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hamtimer.services.screen_awake import NoScreenAwake
from hamtimer.ui.application import _FirstFrame, run_application
from hamtimer.ui.main_window import MainWindow


def test_work_deferred_to_the_first_frame_runs_once_after_it_is_painted(qtbot: QtBot) -> None:
    calls: list[str] = []
    widget = QWidget()
    qtbot.addWidget(widget)
    _FirstFrame(widget, lambda: calls.append("loaded"))
    assert calls == []

    widget.show()
    qtbot.waitUntil(lambda: calls == ["loaded"])
    widget.update()
    qtbot.wait(20)

    assert calls == ["loaded"]


def test_the_window_path_does_not_load_pydantic_before_the_first_frame() -> None:
    # Parsing templates loads pydantic (~100 ms, ~20 MB); the window must appear first.
    code = (
        "import sys, hamtimer.cli, hamtimer.ui.application, hamtimer.ui.main_window;"
        "print(sorted(m for m in sys.modules if m.startswith('pydantic')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert loaded.strip() == "[]"


def test_startup_messages_show_in_the_status_bar_after_the_first_frame(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_application replaces it
    seen: list[str] = []
    deadline = time.monotonic() + 10

    def look() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        message = windows[0].statusBar().currentMessage() if windows else ""
        if message or time.monotonic() > deadline:
            seen.append(message)
            for window in windows:
                window.close()
            QApplication.instance().quit()  # type: ignore[union-attr]
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(20, look)
    run_application(
        list,
        lambda _template, _lengths: None,  # type: ignore[arg-type,return-value]
        NoScreenAwake(),
        startup_messages=lambda: ["Saved an interrupted session: Bridge, Sat 21 Nov 07:30"],
    )

    assert seen == ["Saved an interrupted session: Bridge, Sat 21 Nov 07:30"]
