"""A session that could not be saved stays in view (issue 15, item 2): a banner across the
window says why and where it is kept, until a retry (or the next start) saves it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from hamtimer.core.session_record import SessionStatus
from hamtimer.ui.main_window import MainWindow
from tests.fakes import FakeClock
from tests.support.window import advance_to_next_deadline


def finish_session(window: MainWindow, clock: FakeClock) -> None:
    window.browser.request_start()
    while window.pages.currentWidget() is not window.summary_view:
        advance_to_next_deadline(window, clock)


def block_the_history(window: MainWindow) -> None:
    history_dir = window._services.paths.history_dir
    history_dir.parent.mkdir(parents=True, exist_ok=True)
    history_dir.write_text("a plain file where the history folder should be")


def test_an_unsaved_session_shows_a_banner_until_try_again_saves_it(
    window: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    block_the_history(window)
    finish_session(window, clock)

    banner = window.save_banner
    assert banner.isVisible()
    [journal] = window._services.history.journals_dir.glob("journal-*.json")
    assert str(journal) in banner.message.text()

    banner.retry()  # the history folder is still a file
    qtbot.waitUntil(lambda: banner.retry_button.isEnabled())
    assert banner.isVisible() and "not in your history yet" in banner.message.text()

    window._services.paths.history_dir.unlink()
    banner.retry()
    qtbot.waitUntil(lambda: not banner.isVisible())

    [entry] = window._services.history.load().entries
    assert entry.status == SessionStatus.COMPLETED
    assert "saved in your history now" in window.statusBar().currentMessage()


def test_a_session_left_waiting_last_time_shows_the_banner_at_start(
    window: MainWindow, clock: FakeClock
) -> None:
    block_the_history(window)
    finish_session(window, clock)
    window.save_banner.setVisible(False)  # as a new window would start

    window.save_banner.check(window._services.history.recover_interrupted()[1])

    assert window.save_banner.isVisible()
    assert "not in your history yet" in window.save_banner.message.text()


def test_a_saved_session_shows_no_banner(window: MainWindow, clock: FakeClock) -> None:
    finish_session(window, clock)
    assert not window.save_banner.isVisible()
