"""The summary by keyboard alone: its words first (the numbers, for a screen reader), then
the log, then the button; the focus shows on every stop."""

from __future__ import annotations

from hamtimer.ui.main_window import MainWindow
from tests.fakes import FakeClock
from tests.ui.run.test_summary_card import finish_session
from tests.ui.tab_walk import assert_focus_shows, names, walk_page


def test_the_words_then_the_log_then_the_button(window: MainWindow, clock: FakeClock) -> None:
    finish_session(window, clock)
    view = window.summary_view

    stops = walk_page(window, view)

    assert names(stops) == [
        "summaryText",
        "effortScore",
        "painScore",
        "sessionNotes",
        "summaryCloseButton",
    ]
    assert view.text.accessibleName().startswith("Session summary: Session complete")
    assert_focus_shows(window, stops)
