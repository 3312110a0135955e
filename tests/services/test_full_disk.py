"""A disk that fills up at any write of a session (issue 15): the session still runs to its
end, nothing raises, the user is told in one line whether and where it is kept, and once
there is room again the next start saves it as it ended. Aimed at every disk operation of a
session, its save and its log, by failing each one that needs space from there on (ENOSPC).
The real thing, a full tmpfs under `hamtimer run`, is in tests/cli/test_full_disk_cli.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamtimer.core.plan import compile_plan
from hamtimer.core.session_record import QuickLog, SessionStatus
from hamtimer.services.session import Session, open_session
from tests.builders import template
from tests.fakes import FakeClock, fake_services
from tests.support.disk_faults import DiskOperations

FULL_HOLDS = {"left": 40.0, "right": 40.0}


def run_session(home: Path, operations: DiskOperations) -> Session:
    """A whole session and its log, with the disk as `operations` makes it."""
    clock = FakeClock()
    services = fake_services(home)
    with operations.watching():
        services.history.recover_interrupted()
        session = open_session(
            services, compile_plan(template()), view=lambda *_: None, clock=clock,
            wall_clock=clock.wall,
        )  # fmt: skip
        session.start()
        while (deadline := session.next_deadline()) is not None:
            clock.advance(max(0.0, deadline - clock.now))
            session.poll()
        session.finish()
        session.save_quick_log(QuickLog(7, 0, "typed after the session"))
    return session


def operations_in_a_session(tmp_path: Path) -> int:
    counting = DiskOperations()
    run_session(tmp_path / "count", counting)
    return counting.count


@pytest.mark.slow
@pytest.mark.parametrize("history_disk_only", [False, True], ids=["one disk", "history disk"])
def test_a_disk_filling_up_at_any_write_loses_no_session_it_said_was_kept(
    tmp_path: Path, history_disk_only: bool
) -> None:
    total = operations_in_a_session(tmp_path)
    assert total > 20
    outcomes = {"saved": 0, "kept": 0, "told": 0}
    for full_from in range(1, total + 2):
        home = tmp_path / f"full-from-{full_from}"
        history = fake_services(home).paths.history_dir
        disk = DiskOperations(full_from=full_from, full_disk=history if history_disk_only else None)
        session = run_session(home, disk)

        record = session.finish()
        assert record.status == SessionStatus.COMPLETED  # the session itself ran to its end
        if session.saved:
            outcomes["saved"] += 1
        elif session.kept:
            outcomes["kept"] += 1
            assert "no space left on device" in session.save_problem
            assert "saved at the next start" in session.save_problem
        else:
            outcomes["told"] += 1
            assert session.save_problem.startswith("This session could not be saved: no space")

        services = fake_services(home)  # room again: the next start
        recovered, messages = services.history.recover_interrupted()
        assert messages == []
        entries = {entry.id: entry for entry in services.history.load().entries}
        if session.saved or session.kept:
            entry = entries[record.id]
            assert entry.status == SessionStatus.COMPLETED
            assert dict(entry.hold_s) == FULL_HOLDS
        if session.kept:
            assert entries[record.id].log == QuickLog(7, 0, "typed after the session")
            assert [r.id for r in recovered] == [record.id]
        if "as interrupted" in session.save_problem:
            # What its journal kept; or all of it, if the save's rename had gone through
            # before the folder's fsync failed (recovery never rewrites a saved session).
            assert entries[record.id].status in (SessionStatus.INTERRUPTED, SessionStatus.COMPLETED)
        assert not list(services.history.journals_dir.glob("journal-*.json"))
    if history_disk_only:  # the journal's disk has room: every session is saved or kept
        assert outcomes["saved"] > 0 and outcomes["kept"] > 0 and outcomes["told"] == 0
    else:  # one disk: the journal can't be kept whole either, and the user is told so
        assert outcomes["saved"] > 0 and outcomes["told"] > 0 and outcomes["kept"] == 0


@pytest.mark.parametrize("full_from", [1])
def test_a_full_disk_from_the_start_still_runs_the_whole_session(
    tmp_path: Path, full_from: int
) -> None:
    session = run_session(tmp_path, DiskOperations(full_from=full_from))
    assert session.finish().status == SessionStatus.COMPLETED
    assert not session.saved and "no space left on device" in session.save_problem
