"""`hamtimer --start today` (a reminder's Start) in the window, on a fake calendar: today's
planned session starts at this week's targets; on a rest day, with no plan or with a damaged
plan file, Train shows the Today card and the status line says why nothing started."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hamtimer.core.vocabulary import StepKind
from hamtimer.ui.main_window import MainWindow
from tests.fakes import home_paths
from tests.ui.train.test_today_card import WEEK_2_TUESDAY, follow_isometric_base, on, open_window


def test_on_a_session_day_the_planned_session_starts_at_this_weeks_targets(
    qtbot: QtBot, tmp_path: Path
) -> None:
    follow_isometric_base(tmp_path)
    window = open_window(qtbot, tmp_path, on(WEEK_2_TUESDAY))

    window.start_today()

    assert window.in_session and window.runner is not None
    plan = window.runner.session.plan
    assert plan.template_id == "isometric-bridge-hold"
    assert [s.duration_s for s in plan.steps if s.kind == StepKind.WORK] == [25.0] * 6
    assert window.pages.currentWidget() is window.run_screen


def _nothing_started(window: MainWindow) -> str:
    assert not window.in_session
    assert window.pages.currentWidget() is window.browser
    assert window.browser.today_card.isVisible()
    return window.statusBar().currentMessage()


def test_on_a_rest_day_train_shows_today_and_says_why_nothing_started(
    qtbot: QtBot, tmp_path: Path
) -> None:
    follow_isometric_base(tmp_path)
    window = open_window(qtbot, tmp_path, on(date(2026, 12, 9)))  # Wednesday
    window.start_today()
    assert _nothing_started(window) == "Nothing started today. Rest day: hard run tomorrow."


def test_with_no_plan_it_says_to_choose_one(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path, on(WEEK_2_TUESDAY))
    window.start_today()
    assert _nothing_started(window) == (
        "Nothing started: you are not following a plan yet; choose one on Today."
    )


def test_a_damaged_plan_file_is_one_sentence(qtbot: QtBot, tmp_path: Path) -> None:
    plan_file = home_paths(tmp_path).plan_file
    plan_file.parent.mkdir(parents=True, exist_ok=True)
    plan_file.write_text("{ not json")
    window = open_window(qtbot, tmp_path, on(WEEK_2_TUESDAY))
    window.start_today()
    assert _nothing_started(window).startswith("Nothing started: Your plan can't be used: ")


START_TODAY_CHILD = """
import tempfile, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from hamtimer.ui.application import run_application
from hamtimer.ui.main_window import MainWindow
from tests.fakes import fake_services

deadline = time.monotonic() + 10

def look():
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    message = windows[0].statusBar().currentMessage() if windows else ""
    if message.startswith("Nothing started") or time.monotonic() > deadline:
        print(message)
        windows[0].shut_down()
        QApplication.instance().quit()
    else:
        QTimer.singleShot(20, look)

services = fake_services(Path(tempfile.mkdtemp()))
app = QApplication([])
QTimer.singleShot(20, look)
run_application(services.settings, lambda: services, start_session="today")
"""


@pytest.mark.slow  # a child process with the real application: about a second
def test_run_application_takes_the_start_request_after_the_templates_load() -> None:
    # In a child: a QApplication that has quit can't host the other tests' windows.
    done = subprocess.run(
        [sys.executable, "-c", START_TODAY_CHILD],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip() == (
        "Nothing started: you are not following a plan yet; choose one on Today."
    )
