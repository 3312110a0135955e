"""Quick adjust on the Train page: side order, sets, holds and exercises, kept per template,
and the History advice that starts a template with the weaker leg."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from hamtimer.core.session_record import LegRecord
from hamtimer.core.template_choice import TemplateChoice
from hamtimer.core.vocabulary import Leg, Mode, Side, StepKind
from hamtimer.services.template_choices import TemplateChoices
from hamtimer.services.templates import LoadedTemplate
from hamtimer.ui.history.history_page import HistoryPage
from hamtimer.ui.main_window import MainWindow
from tests.builders import many_exercises, template
from tests.fakes import FakeClock, fake_services
from tests.history_records import small_record, store_at
from tests.support.window import type_number


def attach_choices(window: MainWindow, path: Path) -> TemplateChoices:
    choices = TemplateChoices(path)
    window.browser.set_choices(choices)
    window.browser.set_library(window.browser.library)
    return choices


def test_adjustments_change_the_session_and_are_kept(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    choices = attach_choices(window, tmp_path / "choices.json")
    panel = window.browser.adjust
    assert panel is not None
    qtbot.waitUntil(panel.isVisible)
    row = panel._rows[0]
    panel.first_side.setCurrentIndex(panel.first_side.findData("right"))
    row.sets.setValue(1)
    assert row.hold is not None
    row.hold.setValue(25)
    expected = TemplateChoice(first_side=Leg.RIGHT, sets={"bridge": 1}, hold_s={"bridge": 25})
    assert TemplateChoices(tmp_path / "choices.json").get("test-bridge") == expected
    details = window.browser.details.text()
    assert "<b>Adjusted:</b> right leg first; Bridge hold: 1 set, 25 s hold" in details
    assert panel.reset.isEnabled()

    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert window.runner is not None
    work = [s for s in window.runner.engine.plan.steps if s.kind == StepKind.WORK]
    assert [s.side for s in work] == [Side.RIGHT, Side.LEFT]
    assert work[0].duration_s == 25
    window.runner.engine.stop()
    window.runner.poll_now()

    panel.reset.click()
    assert choices.get("test-bridge") == TemplateChoice()


def test_the_last_main_exercise_cannot_be_left_out(window: MainWindow, tmp_path: Path) -> None:
    attach_choices(window, tmp_path / "choices.json")
    panel = window.browser.adjust
    assert panel is not None
    panel._rows[0].include.setChecked(False)
    assert panel._rows[0].include.isChecked()
    assert panel.choice().excluded == frozenset()
    assert panel.note.text() == "A session keeps at least one of its main exercises."


def test_space_on_the_adjust_controls_is_not_a_session_key(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    attach_choices(window, tmp_path / "choices.json")
    panel = window.browser.adjust
    assert panel is not None
    box = panel._rows[0].include
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert window.runner is None


def test_history_advice_starts_the_template_with_the_weaker_leg(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    choices = attach_choices(window, tmp_path / "choices.json")
    store = store_at(tmp_path)
    for days_ago in (2, 4, 6):
        started = datetime(2026, 11, 21, 8, tzinfo=UTC) - timedelta(days=days_ago)
        record = replace(small_record(days_ago, started), template_id="test-bridge")
        legs = (
            LegRecord("bridge", "Bridge hold", Mode.HOLD, Side.LEFT, 1, 1, 0, (20.0,)),
            LegRecord("bridge", "Bridge hold", Mode.HOLD, Side.RIGHT, 1, 1, 0, (30.0,)),
        )
        store.append(replace(record, legs=legs))
    page = HistoryPage(store)
    qtbot.addWidget(page)
    page.start_weaker_first.connect(window.start_weaker_first)
    page.reload(datetime(2026, 11, 21).date())
    assert page.weaker_first.isVisibleTo(page)
    assert "with the left leg" in page.weaker_first.text()
    page.weaker_first.click()
    assert choices.get("test-bridge").first_side == Leg.LEFT
    assert window.pages.currentWidget() is window.browser
    assert "left leg" in window.statusBar().currentMessage()


def test_enter_after_typing_a_hold_starts_with_that_hold(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    attach_choices(window, tmp_path / "choices.json")
    panel = window.browser.adjust
    assert panel is not None
    hold = panel._rows[0].hold
    assert hold is not None
    type_number(qtbot, hold, "27")
    qtbot.keyClick(hold, Qt.Key.Key_Return)
    assert window.runner is not None
    work = [s for s in window.runner.engine.plan.steps if s.kind == StepKind.WORK]
    assert work[0].duration_s == 27
    window.runner.engine.stop()
    window.runner.poll_now()


def test_the_table_header_sits_right_on_its_rows(window: MainWindow, qtbot: QtBot) -> None:
    """Issue 16: the header floated 90 px above the rows when the panel had room to spare."""
    window.resize(1280, 800)
    panel = window.browser.adjust
    assert panel is not None
    qtbot.waitUntil(panel.isVisible)
    panel.setMinimumHeight(420)  # more room than one row needs: it must not spread the table
    qtbot.wait(10)
    heading = panel.findChild(QLabel, "adjustSetsHeading")
    first_row = panel._rows[0].sets
    # Where the header's text is drawn (a label centres it in whatever height it is given).
    text_bottom = (
        heading.mapTo(panel, heading.rect().center()).y() + heading.fontMetrics().height() // 2
    )
    row_top = first_row.mapTo(panel, first_row.rect().topLeft()).y()
    assert 0 <= row_top - text_bottom <= 16


def test_a_click_on_an_exercise_name_ticks_its_box(qtbot: QtBot, tmp_path: Path) -> None:
    clock = FakeClock()
    two = LoadedTemplate(template(exercises=many_exercises(2, 3, 20)), "built-in", builtin=True)
    window = MainWindow.complete(fake_services(tmp_path, [two]), clock, clock.wall)
    window.load_templates()
    qtbot.addWidget(window)
    window.show()
    panel = window.browser.adjust
    assert panel is not None
    row = panel._rows[-1]
    assert row.include.isChecked()
    qtbot.mouseClick(row.cell.name, Qt.MouseButton.LeftButton)
    assert not row.include.isChecked()
    assert panel.choice().excluded == frozenset({row.exercise_id})
    assert row.include.accessibleName() == f"Include {row.cell.name.text()}"
