from __future__ import annotations

import subprocess
import sys

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hamtimer.ui.application import _FirstFrame


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
