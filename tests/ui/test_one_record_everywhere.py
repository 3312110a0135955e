"""One session, the same length and per-leg numbers everywhere: the Train page's total, the
summary screen, `hamtimer run`'s closing lines, History (window and terminal), the CSV export.

The same template runs once through each frontend, on a fake clock, with a two-minute pause
(so a wall-clock length would disagree) and one hold ended early."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from pytestqt.qtbot import QtBot

from hamtimer.core.durations import clock_text
from hamtimer.core.session_record import SessionRecord
from hamtimer.core.vocabulary import StepKind
from hamtimer.services.history_export import export_history
from hamtimer.services.session import open_session
from hamtimer.terminal.formatting import history_table, summary_lines
from hamtimer.terminal.session_runner import TerminalSession
from hamtimer.ui.history.session_cards import session_heading
from hamtimer.ui.main_window import MainWindow
from tests.fakes import START, FakeClock, ScriptedKeys, fake_services
from tests.support.window import advance_into_step, advance_to_next_deadline

PAUSE_S = 120.0


def the_same_everywhere(record: SessionRecord, home: Path, shown: str) -> None:
    """`shown`: what the frontend itself printed or displayed at the end."""
    length = clock_text(record.length_s)
    assert length in shown
    [entry] = fake_services(home).history.load().entries
    assert entry.length_s == record.length_s
    assert any(length in line for line in history_table([entry]))
    [stored] = fake_services(home).history.all_records()
    assert stored.legs == record.legs and length in session_heading(stored)
    export = home / "all.csv"
    export_history([stored], export)
    rows = list(csv.DictReader(io.StringIO(export.read_text())))
    assert {row["length_s"] for row in rows} == {f"{record.length_s:g}"}
    for leg, row in zip(record.legs, rows, strict=True):
        assert row["side"] == leg.side.value
        assert row["hold_s"] == " ".join(f"{s:g}" for s in leg.hold_s)
        assert f"{leg.sets_done}/{leg.sets_planned} sets" in "\n".join(summary_lines(stored))


def test_the_window_shows_one_length_from_train_page_to_history(
    window: MainWindow, clock: FakeClock, qtbot: QtBot, tmp_path: Path
) -> None:
    planned = clock_text(window.plans.plan(window.browser.selected()).total_s)  # type: ignore[arg-type]
    assert f"Total:</b> {planned}" in window.browser.details.text()
    window.browser.request_start()
    runner = window.runner
    assert runner is not None
    while (step := runner.engine.current_step) is None or step.kind != StepKind.WORK:
        advance_to_next_deadline(window, clock)  # through get ready, into the first hold
    advance_into_step(window, clock, 4.0)
    runner.toggle_pause()
    clock.advance(PAUSE_S)
    runner.toggle_pause()
    advance_into_step(window, clock, 2.0)
    runner.done()  # the left hold ended early, at 6 s of 20
    while window.pages.currentWidget() is not window.summary_view:
        advance_to_next_deadline(window, clock)

    record = runner.session.finish()
    assert record.length_s == window.plans.plan(window.browser.selected()).total_s - 14.0  # type: ignore[arg-type]
    the_same_everywhere(record, tmp_path, window.summary_view.text.text())


def test_hamtimer_run_shows_the_same_length_as_its_history(tmp_path: Path) -> None:
    from hamtimer.core.plan import compile_plan
    from tests.builders import template

    clock = FakeClock(start=START)
    keys = ScriptedKeys(clock, [(14.0, " "), (14.0 + PAUSE_S, " "), (16.0 + PAUSE_S, "d")])
    out = io.StringIO()
    terminal = TerminalSession(out, keys, clock)
    plan = compile_plan(template())
    services = fake_services(tmp_path)
    session = open_session(services, plan, terminal.show, clock=clock, wall_clock=clock.wall)
    record = terminal.run(session)

    assert record.length_s == plan.total_s - 14.0
    the_same_everywhere(record, tmp_path, out.getvalue())
