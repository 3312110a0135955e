"""The log after a session: effort, pain and notes typed on the summary, saved as typed and
on every way out (issue 14: leaving by the sidebar or Ctrl+Q lost it)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from hamtimer.core.history import HistoryEntry
from hamtimer.core.session_record import QuickLog
from hamtimer.ui.main_window import MainWindow
from tests.fakes import FakeClock
from tests.support.window import advance_to_next_deadline


@pytest.fixture
def saved(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[QuickLog]:
    """Each log the window saved, as it reached the history store."""
    logs: list[QuickLog] = []
    history = window._services.history
    keep = history.set_quick_log

    def set_quick_log(entry: HistoryEntry, quick_log: QuickLog) -> None:
        keep(entry, quick_log)
        [stored] = [e.log for e in history.load().entries if e.id == entry.id]
        logs.append(stored)

    monkeypatch.setattr(history, "set_quick_log", set_quick_log)
    return logs


def finish_session(window: MainWindow, clock: FakeClock) -> None:
    window.browser.request_start()
    while window.pages.currentWidget() is not window.summary_view:
        advance_to_next_deadline(window, clock)


def test_typed_log_is_saved_with_enter_and_letters_are_not_shortcuts(
    window: MainWindow, qtbot: QtBot, clock: FakeClock, saved: list[QuickLog]
) -> None:
    finish_session(window, clock)
    view = window.summary_view

    view.effort.setFocus()
    qtbot.keyClicks(view.effort, "6")
    view.pain.setFocus()
    qtbot.keyClicks(view.pain, "2")
    view.notes.setFocus()
    qtbot.keyClicks(view.notes, "left felt weak, mild")  # f and m: not full screen, not mute
    qtbot.keyClick(view.notes, "\r")

    assert saved == [QuickLog(effort=6, pain=2, notes="left felt weak, mild")]
    assert window.pages.currentWidget() is window.browser
    assert not window.isFullScreen() and not window.muted
    assert window.statusBar().currentMessage() == "Saved with the session in your history."


def test_leaving_without_a_log_saves_nothing(
    window: MainWindow, qtbot: QtBot, clock: FakeClock, saved: list[QuickLog]
) -> None:
    finish_session(window, clock)
    qtbot.keyClick(window, "\r")
    assert saved == [] and window.pages.currentWidget() is window.browser


def type_log(qtbot: QtBot, window: MainWindow) -> None:
    view = window.summary_view
    view.effort.setFocus()
    qtbot.keyClicks(view.effort, "7")
    view.notes.setFocus()
    qtbot.keyClicks(view.notes, "tight")


def test_the_log_is_saved_as_it_is_typed_once_typing_settles(
    window: MainWindow, qtbot: QtBot, clock: FakeClock, saved: list[QuickLog]
) -> None:
    finish_session(window, clock)
    type_log(qtbot, window)
    assert saved == []  # not on every key
    qtbot.waitUntil(lambda: saved == [QuickLog(effort=7, notes="tight")], timeout=2000)
    assert window.pages.currentWidget() is window.summary_view  # still there, already saved


def leave_by_the_sidebar(window: MainWindow) -> None:
    window.navigation.setCurrentRow(2)  # History


def quit_with_ctrl_q(window: MainWindow) -> None:
    next(a for a in window.findChildren(QAction) if a.objectName() == "quit").trigger()


def end_by_sigterm(window: MainWindow) -> None:
    window.shut_down(interrupted=True)  # what the SIGTERM handler calls


def start_a_new_session(window: MainWindow) -> None:
    window.show_browser()
    window.browser.request_start()


@pytest.mark.parametrize(
    "way_out",
    [leave_by_the_sidebar, quit_with_ctrl_q, MainWindow.close, end_by_sigterm, start_a_new_session],
    ids=["sidebar", "ctrl+q", "close the window", "SIGTERM", "a new session"],
)
def test_every_way_out_keeps_what_was_typed(
    window: MainWindow,
    qtbot: QtBot,
    clock: FakeClock,
    saved: list[QuickLog],
    way_out: Callable[[MainWindow], object],
) -> None:
    finish_session(window, clock)
    type_log(qtbot, window)
    way_out(window)
    assert saved == [QuickLog(effort=7, notes="tight")]
