"""A choose-some template in the window: the details and quick adjust show the session's
picks, the session runs them, and the next session takes the next ones in turn."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pytestqt.qtbot import QtBot

from hamtimer.core.session_record import LegRecord
from hamtimer.core.template_choice import TemplateChoice
from hamtimer.core.vocabulary import Mode, Side, StepKind
from hamtimer.services.templates import LoadedTemplate
from hamtimer.ui.main_window import MainWindow
from hamtimer.ui.train.quick_adjust import QuickAdjustPanel
from tests.builders import choose_some_template
from tests.fakes import FakeClock, fake_services
from tests.history_records import small_record
from tests.support.window import advance_to_next_deadline


def done(*exercise_ids: str) -> tuple[LegRecord, ...]:
    return tuple(
        LegRecord(i, i.upper(), Mode.REPS, Side.BOTH, 1, 1, 0, (), 5, 0) for i in exercise_ids
    )


def window_with_history(qtbot: QtBot, tmp_path: Path, clock: FakeClock) -> MainWindow:
    library = [LoadedTemplate(choose_some_template(), "built-in", builtin=True)]
    services = fake_services(tmp_path, library)
    earlier = replace(small_record(1), template_id="choosy", legs=done("warm", "a", "b"))
    services.history.append(earlier)
    window = MainWindow.complete(services, clock, clock.wall)
    window.load_templates()
    qtbot.addWidget(window)
    window.show()
    return window


def main_ticks(panel: QuickAdjustPanel) -> dict[str, bool]:
    return {row.exercise_id: row.include.isChecked() for row in panel._rows if row.main}


def run_to_the_end(window: MainWindow, clock: FakeClock) -> list[str]:
    assert window.runner is not None
    plan = window.runner.engine.plan
    for _ in range(500):
        if not window.in_session:
            break
        advance_to_next_deadline(window, clock)
    return list(dict.fromkeys(s.exercise_id for s in plan.steps if s.kind == StepKind.WORK))


def test_the_session_runs_its_turn_and_the_next_one_moves_on(qtbot: QtBot, tmp_path: Path) -> None:
    clock = FakeClock()
    window = window_with_history(qtbot, tmp_path, clock)
    details = window.browser.details.text()
    assert "Runs 2 of its 5 main exercises per session, taking turns." in details
    assert "This session (in turn): C and D; the others: A, B and E." in details
    panel = window.browser.adjust
    assert panel is not None
    assert main_ticks(panel) == {"a": False, "b": False, "c": True, "d": True, "e": False}

    window.browser.request_start()
    assert run_to_the_end(window, clock) == ["warm", "c", "d"]

    window.show_browser()
    assert "This session (in turn): A and E" in window.browser.details.text()
    assert main_ticks(panel) == {"a": True, "b": False, "c": False, "d": False, "e": True}


def test_a_pick_in_quick_adjust_is_for_the_next_session_only(qtbot: QtBot, tmp_path: Path) -> None:
    clock = FakeClock()
    window = window_with_history(qtbot, tmp_path, clock)
    panel = window.browser.adjust
    assert panel is not None
    rows = {row.exercise_id: row for row in panel._rows}
    rows["e"].include.setChecked(True)
    rows["d"].include.setChecked(False)
    choices = window._services.choices
    assert choices.get("choosy") == TemplateChoice(
        picks=frozenset({"c", "e"}), picks_after="session-1"
    )
    assert "This session (your pick): C and E" in window.browser.details.text()
    assert "for this session only" in panel.note.text()

    window.browser.request_start()
    assert run_to_the_end(window, clock) == ["warm", "c", "e"]

    window.show_browser()  # the pick was used up: the turns carry on from what was done
    assert "This session (in turn): A and D" in window.browser.details.text()
    assert main_ticks(panel) == {"a": True, "b": False, "c": False, "d": True, "e": False}
    assert not panel.reset.isEnabled()
