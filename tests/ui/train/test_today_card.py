"""The Today card on Train, on a fake calendar: a session day at this week's targets with its
own Start, a rest day with why and what is next, no plan yet, and a plan file gone bad."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hamtimer.core.scheduling import RunningWeek
from hamtimer.core.vocabulary import StepKind
from hamtimer.services.programs import PlanChoice, PlanStore
from hamtimer.services.templates import builtin_templates
from hamtimer.ui.main_window import MainWindow
from tests.fakes import FakeClock, fake_services, home_paths
from tests.history_records import small_record

MONDAY = date(2026, 11, 30)
RUNNING = RunningWeek(frozenset({1, 3}), 5)  # hard runs Tuesday and Thursday, long run Saturday
WEEK_2_TUESDAY = date(2026, 12, 8)


def on(day: date) -> FakeClock:
    """A clock whose wall time is noon, local time, on `day`."""
    return FakeClock(wall_start=datetime.combine(day, time(12)).timestamp())


def follow_isometric_base(home: Path, program: str = "isometric-base") -> None:
    PlanStore(home_paths(home).plan_file).save(PlanChoice(program, MONDAY, RUNNING))


def open_window(qtbot: QtBot, home: Path, clock: FakeClock) -> MainWindow:
    window = MainWindow.complete(fake_services(home, builtin_templates()), clock, clock.wall)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.load_templates()
    return window


def test_a_session_day_shows_the_week_targets_and_enter_starts_them(
    qtbot: QtBot, tmp_path: Path
) -> None:
    follow_isometric_base(tmp_path)
    window = open_window(qtbot, tmp_path, on(WEEK_2_TUESDAY))
    card = window.browser.today_card

    assert card.isVisible() and card.start_button.isVisible()
    assert card.title.text() == "Single-leg hamstring bridge hold (3 sets, 25 s hold)"
    assert card.reason.text().startswith("Isometric base, 6 weeks: week 2 of 6, session 1 of 3")
    assert card.start_button.hasFocus()  # Enter starts today's session, and says so
    assert card.start_button.text().endswith("[Enter]")
    assert not window.browser.start_button.text().endswith("[Enter]")
    assert not card.programs.isVisible()

    qtbot.keyClick(window, Qt.Key.Key_Return)

    assert window.runner is not None
    plan = window.runner.session.plan
    holds = [s.duration_s for s in plan.steps if s.kind == StepKind.WORK]
    assert plan.template_id == "isometric-bridge-hold"
    assert holds == [25.0] * 6  # this week's 25 s, not the template's 20 s; 3 sets a leg


def test_the_gallery_opens_on_todays_template_with_its_exercises(
    qtbot: QtBot, tmp_path: Path
) -> None:
    follow_isometric_base(tmp_path, "runners-hamstring-block")
    window = open_window(qtbot, tmp_path, on(date(2026, 12, 1)))
    assert window.browser.today_card.title.text().startswith("Beginner hamstring routine")
    selected = window.browser.selected_original()
    assert selected is not None and selected.id == "sample-routine"


def test_a_rest_day_says_why_and_what_is_next_and_offers_no_start(
    qtbot: QtBot, tmp_path: Path
) -> None:
    follow_isometric_base(tmp_path)
    window = open_window(qtbot, tmp_path, on(date(2026, 12, 9)))  # Wednesday
    card = window.browser.today_card

    assert card.isVisible() and not card.start_button.isVisible()
    assert card.title.text() == "Rest day: hard run tomorrow."
    assert card.next.text().startswith("Next: Single-leg hamstring bridge hold (3 sets, 25 s")
    assert window.browser.start_button.hasFocus()  # the template shown starts as ever
    assert window.browser.start_button.text().endswith("[Enter]")


def test_once_today_is_trained_the_card_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    follow_isometric_base(tmp_path)
    clock = on(WEEK_2_TUESDAY)
    window = open_window(qtbot, tmp_path, clock)
    assert window.browser.today_card.start_button.hasFocus()
    trained = datetime.combine(WEEK_2_TUESDAY, time(7)).astimezone()
    window._services.history.append(small_record(1, trained))  # as a session ending saves it

    window.browser.session_done()

    card = window.browser.today_card
    assert card.title.text() == "Done for today." and not card.start_button.isVisible()
    assert card.next.text().startswith("Next: Single-leg hamstring bridge hold")


def test_with_no_plan_a_program_can_be_followed_from_the_card(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path, on(WEEK_2_TUESDAY))
    card = window.browser.today_card
    qtbot.waitUntil(card.isVisible)  # without a plan, the offer comes after the cards
    assert card.programs.isVisible() and not card.title.isVisible()
    card.programs.setCurrentIndex(card.programs.findData("isometric-base"))

    qtbot.mouseClick(card.follow_button, Qt.MouseButton.LeftButton)

    saved = PlanStore(home_paths(tmp_path).plan_file).load()
    assert saved is not None and (saved.program, saved.start) == ("isometric-base", WEEK_2_TUESDAY)
    assert card.title.text() == "Single-leg hamstring bridge hold (3 sets, 20 s hold)"  # week 1
    assert not card.programs.isVisible() and card.start_button.hasFocus()


def test_a_damaged_plan_file_is_one_sentence_and_train_still_works(
    qtbot: QtBot, tmp_path: Path
) -> None:
    plan_file = home_paths(tmp_path).plan_file
    plan_file.parent.mkdir(parents=True, exist_ok=True)
    plan_file.write_text("{ not json")
    window = open_window(qtbot, tmp_path, on(WEEK_2_TUESDAY))
    card = window.browser.today_card

    assert card.isVisible() and card.problem.text().startswith("Your plan can't be used: ")
    assert plan_file.read_text() == "{ not json"  # kept as it was
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert window.runner is not None  # the template shown starts


def test_train_with_a_today_card_fits_a_1024x600_screen(qtbot: QtBot, tmp_path: Path) -> None:
    follow_isometric_base(tmp_path)
    window = open_window(qtbot, tmp_path, on(WEEK_2_TUESDAY))
    window.resize(1024, 600)
    qtbot.wait(10)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 600
    assert window.size().width() <= 1024 and window.size().height() <= 600
    card = window.browser.today_card
    assert card.isVisible() and card.start_button.isVisible()
    assert window.browser.start_button.isVisible()


def test_the_card_follows_the_calendar_when_train_is_shown_on_another_day(
    qtbot: QtBot, tmp_path: Path
) -> None:
    follow_isometric_base(tmp_path)
    clock = on(date(2026, 12, 9))  # Wednesday: rest
    window = open_window(qtbot, tmp_path, clock)
    assert not window.browser.today_card.start_button.isVisible()
    window.navigation.setCurrentRow(2)  # History, then a day later back to Train
    clock.sleep_wall_only(86_400)
    window.navigation.setCurrentRow(0)
    assert window.browser.today_card.start_button.isVisible()  # Thursday's session


def test_on_a_session_day_enter_in_the_cards_starts_the_card_and_says_so(
    qtbot: QtBot, tmp_path: Path
) -> None:
    follow_isometric_base(tmp_path)
    window = open_window(qtbot, tmp_path, on(WEEK_2_TUESDAY))
    gallery = window.browser.template_list
    gallery.setFocus()
    window.browser.select("hinge-to-march")

    assert window.browser.start_button.text().endswith("[Enter]")
    assert not window.browser.today_card.start_button.text().endswith("[Enter]")
    qtbot.keyClick(gallery, Qt.Key.Key_Return)

    assert window.runner is not None
    assert window.runner.session.plan.template_id == "hinge-to-march"
