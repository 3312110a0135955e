"""File → Add plan to calendar… in the window, on a fake calendar: the plan's sessions
written as an .ics file (the status line says how many, and where); an earlier export is
updated in place, another file only replaced when the user says so; no plan, one sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hamtimer.services.calendar_export import is_export
from hamtimer.ui import main_window
from hamtimer.ui.main_window import MainWindow
from tests.ui.train.test_today_card import WEEK_2_TUESDAY, follow_isometric_base, on, open_window


@pytest.fixture
def planned(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    follow_isometric_base(tmp_path)
    return open_window(qtbot, tmp_path, on(WEEK_2_TUESDAY))


def _choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(main_window, "calendar_file", lambda _parent: str(path))


def _never_asked(_parent: object, reason: str) -> bool:
    raise AssertionError(f"unexpected question: {reason}")


def test_the_plan_is_written_as_a_calendar_and_the_status_line_says_so(
    planned: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.ics"
    _choose(monkeypatch, target)
    monkeypatch.setattr(main_window, "replace_other_file", _never_asked)
    assert (
        planned.actions_by_name["addToCalendar"] in planned.menuBar().actions()[0].menu().actions()
    )

    planned.actions_by_name["addToCalendar"].trigger()

    text = target.read_text()
    assert is_export(target) and text.count("BEGIN:VEVENT") > 1
    sessions = text.count("BEGIN:VEVENT")
    assert planned.statusBar().currentMessage() == (
        f"{sessions} sessions of Isometric base, 6 weeks written to plan.ics, each at 18:00;"
        " importing it again updates them."
    )
    planned.actions_by_name["addToCalendar"].trigger()  # an earlier export: no question
    assert target.read_text().count("BEGIN:VEVENT") == sessions


@pytest.mark.parametrize("replace", [False, True])
def test_another_file_is_replaced_only_when_the_user_says_so(
    planned: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, replace: bool
) -> None:
    target = tmp_path / "notes.ics"
    target.write_text("my own notes")
    _choose(monkeypatch, target)
    asked: list[str] = []

    def answer(_parent: object, reason: str) -> bool:
        asked.append(reason)
        return replace

    monkeypatch.setattr(main_window, "replace_other_file", answer)
    planned.actions_by_name["addToCalendar"].trigger()

    assert len(asked) == 1 and "is not a plan hamtimer exported" in asked[0]
    assert is_export(target) is replace
    if not replace:
        assert target.read_text() == "my own notes"


def test_with_no_plan_it_says_so_and_asks_for_no_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, tmp_path, on(WEEK_2_TUESDAY))

    def no_dialog(_parent: object) -> str:
        raise AssertionError("no plan: no file dialog")

    monkeypatch.setattr(main_window, "calendar_file", no_dialog)
    window.actions_by_name["addToCalendar"].trigger()
    assert window.statusBar().currentMessage() == (
        "No plan to add yet: follow one on Train's Today card."
    )


def test_a_folder_is_refused_in_one_sentence(
    planned: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _choose(monkeypatch, tmp_path)
    monkeypatch.setattr(main_window, "replace_other_file", _never_asked)
    planned.actions_by_name["addToCalendar"].trigger()
    assert planned.statusBar().currentMessage().startswith("Nothing written: ")
    assert "is a folder" in planned.statusBar().currentMessage()
