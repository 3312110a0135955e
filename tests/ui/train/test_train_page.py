"""Train: the gallery of cards, the details, Start, and the template it opens on."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hamtimer.core.durations import clock_text
from hamtimer.core.plan_book import PlanBook
from hamtimer.services.templates import LoadedTemplate
from hamtimer.ui.main_window import MainWindow
from hamtimer.ui.train.template_details import amount_now
from hamtimer.ui.train.train_page import TrainPage
from tests.builders import exercise_template, template
from tests.fakes import FakeClock, fake_services


def test_loading_state_then_library_arrives(qtbot: QtBot) -> None:
    page = TrainPage(PlanBook())
    qtbot.addWidget(page)
    page.show_loading()
    assert "Loading" in page.details.text()
    assert not page.start_button.isEnabled()

    page.set_library([LoadedTemplate(template(), "built-in", builtin=True)])

    assert page.template_list.count() == 1
    assert page.start_button.isEnabled()
    assert "Test bridge" in page.details.text() and "Total" in page.details.text()
    [row] = page.details_view.rows
    assert "Bridge hold" in row.text.text()
    assert "2 sets x 20 s hold, each side (the template allows 2 x 20-30 s hold" in row.text.text()
    assert row.figure_slot.objectName() == "figure_slot"


def test_each_exercise_says_what_a_session_runs() -> None:
    fixed = exercise_template(mode="reps", hold_s=None, reps={"target": 8}, sides="both")
    assert amount_now(fixed.exercises[0]) == "2 sets x 8 reps"
    one = exercise_template(sets={"target": 1, "min": 1, "max": 3})
    assert amount_now(one.exercises[0]) == (
        "1 set x 20 s hold, each side (the template allows 1-3 x 20-30 s hold each side)"
    )


def test_an_empty_library_says_so_and_cannot_start(qtbot: QtBot) -> None:
    page = TrainPage(PlanBook())
    qtbot.addWidget(page)
    started: list[object] = []
    page.start_requested.connect(started.append)
    page.set_library([])

    page.request_start()

    assert "No session templates" in page.details.text()
    assert not page.start_button.isEnabled() and started == []


def test_user_templates_are_marked_as_yours(qtbot: QtBot) -> None:
    page = TrainPage(PlanBook())
    qtbot.addWidget(page)
    page.set_library([LoadedTemplate(template(), "/tmp/mine.json", builtin=False)])
    assert page.template_list.item(0).text().endswith("(yours)")
    assert page.template_list.cards[0].name.text().endswith("(yours)")


# -- in the window: cards by keys, the first choice, the last one remembered ---------------

LIBRARY = [
    LoadedTemplate(template(id="advanced-routine", name="Advanced", level="advanced"), "b", True),
    LoadedTemplate(template(id="hinge", name="Hinge", source={"title": "Hinges"}), "b", True),
    LoadedTemplate(template(id="isometric-bridge-hold", name="Isometric"), "b", True),
]


def open_window(qtbot: QtBot, home: Path, clock: FakeClock, active: bool = True) -> MainWindow:
    """`active`: wait until it has the keyboard (the offscreen platform activates a window
    only while no other one was closed before it)."""
    window = MainWindow.complete(fake_services(home, LIBRARY), clock, clock.wall)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    if active:
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    window.load_templates()
    return window


def shown_id(window: MainWindow) -> str:
    selected = window.browser.selected_original()
    assert selected is not None
    return selected.id


def test_first_launch_shows_the_beginner_isometric_session_with_start_focused(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = open_window(qtbot, tmp_path, FakeClock())
    assert shown_id(window) == "isometric-bridge-hold"  # not the alphabetical first
    assert window.browser.start_button.hasFocus()
    assert window.browser.template_list.cards[2].property("selected") is True


def test_arrow_keys_move_between_cards_and_enter_starts_the_selected_one(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = open_window(qtbot, tmp_path, FakeClock())
    gallery = window.browser.template_list
    gallery.setFocus()
    qtbot.keyClick(gallery, Qt.Key.Key_Home)
    assert shown_id(window) == "advanced-routine"
    qtbot.keyClick(gallery, Qt.Key.Key_Right)
    assert shown_id(window) == "hinge"
    assert "<h2>Hinge</h2>" in window.browser.details.text()  # the details follow
    qtbot.keyClick(gallery, Qt.Key.Key_Return)
    assert window.runner is not None
    assert window.runner.session.plan.template_id == "hinge"


def test_the_template_last_started_is_shown_after_a_restart(qtbot: QtBot, tmp_path: Path) -> None:
    clock = FakeClock()
    first = open_window(qtbot, tmp_path, clock)
    first.browser.select("hinge")
    qtbot.keyClick(first, Qt.Key.Key_Return)
    assert first.runner is not None
    first.close()
    qtbot.waitUntil(lambda: not first.isVisible())

    again = open_window(qtbot, tmp_path, clock, active=False)
    assert shown_id(again) == "hinge"
    assert again.focusWidget() is again.browser.start_button


def test_each_card_says_its_total_level_equipment_and_source(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path, FakeClock())
    card = window.browser.template_list.cards[0]
    total = clock_text(window.plans.plan(LIBRARY[0].template).total_s)
    assert card.meta.text() == f"{total} · Advanced"  # the total a session runs
    assert card.source.text() == "From A test article"
    assert card.figure_slot.objectName() == "figure_slot"
    spoken = window.browser.template_list.item(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken == f"Advanced: {total}, advanced, no equipment; from A test article"


def test_a_long_card_name_takes_two_lines_at_most(qtbot: QtBot) -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    from hamtimer.ui.train.template_gallery import two_lines

    metrics = QFontMetrics(QFont("DejaVu Sans", 19))
    width = metrics.horizontalAdvance("Seven hamstring")
    shown = two_lines("Seven hamstring builders for runners and more", metrics, width)
    first, second = shown.split("\n")
    assert first == "Seven hamstring" and second.endswith("…")
    assert metrics.horizontalAdvance(second) <= width
    assert two_lines("Hinge", metrics, width) == "Hinge"
