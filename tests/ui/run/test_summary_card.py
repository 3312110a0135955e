"""The summary card: each leg against the last session of the template, effort and pain as
0-10 chips driven by keys, a button that goes where it says, and no growing window."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hamtimer.core.session_record import LegRecord, QuickLog
from hamtimer.ui.main_window import MainWindow
from hamtimer.ui.widgets.score_chips import UNRATED, ScoreChips
from tests.fakes import FakeClock
from tests.history_records import run_record
from tests.support.window import advance_to_next_deadline


def finish_session(window: MainWindow, clock: FakeClock) -> None:
    window.browser.request_start()
    while window.pages.currentWidget() is not window.summary_view:
        advance_to_next_deadline(window, clock)


def test_each_leg_is_weighed_against_the_last_session_of_the_template(
    window: MainWindow, clock: FakeClock
) -> None:
    """The last one held 15 s on the left and 25 s on the right (two sets): this full
    session of 20 s holds is 10 s longer on the left and 10 s shorter on the right."""
    earlier = run_record("earlier")
    legs = tuple(
        replace(leg, hold_s=(15.0, 15.0) if leg.side.value == "left" else (25.0, 25.0))
        for leg in earlier.legs
    )
    started = datetime.fromtimestamp(clock.wall() - 2 * 86_400).astimezone()  # 2 days ago
    window._services.history.append(
        replace(earlier, legs=legs, started=started, ended=started + timedelta(minutes=3))
    )

    finish_session(window, clock)

    text = window.summary_view.text.text()
    assert "<b>↑</b> 10 s longer than last time (30 s held)" in text
    assert "<b>↓</b> 10 s shorter than last time (50 s held)" in text
    assert "Against your last session of it" in text


def test_a_first_session_says_there_is_nothing_to_weigh_yet(
    window: MainWindow, clock: FakeClock
) -> None:
    finish_session(window, clock)
    text = window.summary_view.text.text()
    assert "Your first session of it" in text and "↑" not in text and "↓" not in text


def test_keys_0_to_9_choose_a_chip_1_then_0_is_10_and_backspace_clears(qtbot: QtBot) -> None:
    clock = FakeClock()
    chips = ScoreChips("effortScore", "Effort", clock=clock)
    qtbot.addWidget(chips)
    chosen: list[int] = []
    chips.valueChanged.connect(chosen.append)

    for digit in range(10):
        qtbot.keyClicks(chips, str(digit))
        assert chips.value() == digit and chips.chips[digit].isChecked()
    assert sum(chip.isChecked() for chip in chips.chips) == 1
    qtbot.keyClicks(chips, "1")
    qtbot.keyClicks(chips, "0")  # typed at once: 10
    assert chips.value() == 10
    qtbot.keyClicks(chips, "1")
    clock.advance(2.0)
    qtbot.keyClicks(chips, "0")  # a while later: 0
    assert chips.value() == 0
    qtbot.keyClick(chips, Qt.Key.Key_Right)
    assert chips.value() == 1
    qtbot.keyClick(chips, Qt.Key.Key_Backspace)
    assert chips.value() == UNRATED and not any(chip.isChecked() for chip in chips.chips)
    assert chosen[:3] == [0, 1, 2] and chosen[-1] == UNRATED


def test_a_chip_click_chooses_and_a_second_click_clears(qtbot: QtBot) -> None:
    chips = ScoreChips("painScore", "Pain")
    qtbot.addWidget(chips)
    qtbot.mouseClick(chips.chips[3], Qt.MouseButton.LeftButton)
    assert chips.value() == 3
    qtbot.mouseClick(chips.chips[3], Qt.MouseButton.LeftButton)
    assert chips.value() == UNRATED


def test_scores_typed_on_the_card_are_saved_and_the_button_goes_where_it_says(
    window: MainWindow, qtbot: QtBot, clock: FakeClock
) -> None:
    finish_session(window, clock)
    view = window.summary_view
    view.effort.setFocus()
    qtbot.keyClicks(view.effort, "10")
    qtbot.keyClick(view.effort, Qt.Key.Key_Tab)
    assert view.pain.hasFocus()
    qtbot.keyClicks(view.pain, "3")
    assert view.close_button.text().startswith("Save and back to Train")

    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)

    assert window.pages.currentWidget() is window.browser
    assert window.navigation.currentRow() == 0  # Train, as the button said
    [entry] = window._services.history.load().entries
    assert entry.log == QuickLog(effort=10, pain=3)


def test_a_long_summary_scrolls_and_never_grows_the_window(
    window: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    """Issue 16: a long summary grew the window's minimum size to 1183x1235."""
    window.resize(1024, 600)
    finish_session(window, clock)
    record = run_record("long")
    many = tuple(
        LegRecord(f"exercise-{n}", f"A long exercise name number {n} " * 3, leg.mode,
                  leg.side, 3, 3, 0, leg.hold_s)
        for n in range(12) for leg in record.legs
    )  # fmt: skip
    window.summary_view.show_summary(replace(record, legs=many, template_name="Long " * 40))
    qtbot.keyClicks(window.summary_view.notes, "a very long note " * 30)
    qtbot.wait(10)

    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 600
    assert window.width() <= 1024 and window.height() <= 600
