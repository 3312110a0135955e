"""A kill aimed at each write of a session's save (issue 15): 200 kills, no acknowledged
session lost or rewritten.

Each trial forks a child that does what `hamtimer run` does with the history (recover what
the last one left, run a session, save it, add its log) on a fake clock, and SIGKILLs itself
just before its Nth disk operation (open for writing, fsync, rename, unlink, link, mkdir):
every point between two writes of the journal, the final save, the log and the recovery is
hit. The child tells the parent, through a pipe, each thing it has acknowledged to the user
("saved", "log saved"). After every trial the parent reads the history as the next start
would, and checks that everything acknowledged is there as acknowledged: completed, full
holds, its log; never rewritten as interrupted, never twice.
"""

from __future__ import annotations

import os
import random
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from hamtimer.core.engine import SessionEngine
from hamtimer.core.plan import compile_plan
from hamtimer.core.session_record import QuickLog, SessionStatus
from hamtimer.services.history import HistoryStore
from hamtimer.services.session_recorder import SessionRecorder
from tests.builders import template
from tests.fakes import FakeClock, InlineExecutor
from tests.support.disk_faults import DiskOperations

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX")]

KILLS = 200
FULL_HOLDS = {"left": 40.0, "right": 40.0}
"""What the test template's session holds per leg when it runs to the end."""


def one_start(home: Path, started: datetime, say: Callable[[str], None]) -> None:
    """What one start of `hamtimer run` does with the history, on a fake clock."""
    store = HistoryStore(home / "history", home / "local", now=lambda: started)
    store.recover_interrupted()
    clock = FakeClock()
    engine = SessionEngine(compile_plan(template()), clock=clock, wall_clock=clock.wall)
    recorder = SessionRecorder(store, engine, InlineExecutor(), now=lambda: started)

    def feed(events: list[Any]) -> None:
        for event in events:
            recorder(event, 0.0)
        recorder.hand_over()

    feed(engine.start())
    while (deadline := engine.next_deadline()) is not None:
        clock.advance(max(0.0, deadline - clock.now))
        feed(engine.poll())
    if not recorder.wait_saved().saved:
        return
    assert recorder.record is not None
    say(f"saved {recorder.record.id}")
    [entry] = [e for e in store.load().entries if e.id == recorder.record.id]
    store.set_quick_log(entry, QuickLog(6, 1, f"trial {started:%H%M}"))
    say(f"log {recorder.record.id}")


def run_killed(home: Path, started: datetime, kill_before: int | None) -> tuple[list[str], int]:
    """One start in a forked child killed before its `kill_before`th disk operation (None:
    not killed). Returns what it acknowledged, and its count of disk operations."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        os.close(read_end)
        operations = DiskOperations(kill_before)
        code = 0
        try:
            with operations.watching():
                one_start(home, started, lambda line: os.write(write_end, f"{line}\n".encode()))
            os.write(write_end, f"operations {operations.count}\n".encode())
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8") as pipe:
        lines = pipe.read().splitlines()
    _pid, status = os.waitpid(pid, 0)
    killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    assert killed or os.WEXITSTATUS(status) == 0, f"the child failed: {lines}"
    count = next((int(line.split()[1]) for line in lines if line.startswith("operations")), -1)
    return [line for line in lines if not line.startswith("operations")], count


@dataclass
class Acknowledged:
    saved: set[str] = field(default_factory=set)
    """Said to be saved, or seen completed in the history: either way never to change."""
    logged: set[str] = field(default_factory=set)

    def take(self, lines: list[str]) -> None:
        for line in lines:
            what, record_id = line.split()
            (self.saved if what == "saved" else self.logged).add(record_id)


def check_history(home: Path, acknowledged: Acknowledged) -> None:
    """Everything acknowledged is there as acknowledged; what is completed now is held to
    that from now on (a kill between the save and the journal's removal acknowledges
    nothing, but the completed session must not become 'interrupted' at the next start)."""
    entries = HistoryStore(home / "history", home / "local").load().entries
    ids = [entry.id for entry in entries]
    assert len(ids) == len(set(ids)), "a session is in the history twice"
    by_id = {entry.id: entry for entry in entries}
    for record_id in acknowledged.saved:
        assert record_id in by_id, f"acknowledged session {record_id} lost"
        entry = by_id[record_id]
        assert entry.status == SessionStatus.COMPLETED, f"{record_id} rewritten as {entry.status}"
        assert dict(entry.hold_s) == FULL_HOLDS, f"{record_id} lost its holds"
    for record_id in acknowledged.logged:
        assert by_id[record_id].log.effort == 6, f"{record_id} lost its acknowledged log"
    acknowledged.saved |= {e.id for e in entries if e.status == SessionStatus.COMPLETED}


def test_no_acknowledged_session_is_lost_or_rewritten_in_200_aimed_kills(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = datetime(2026, 11, 1, 7, 0, tzinfo=UTC)
    _acked, operations = run_killed(tmp_path / "count", first, None)
    assert operations > 20  # journal writes, the save, the log: each a few operations
    # Every operation of a start is aimed at (recovery included, since each trial starts on
    # what the last kill left), then random ones, some past the end (the start completes).
    rng = random.Random(15)
    aims = [n % operations + 1 for n in range(operations)]
    acknowledged = Acknowledged()
    kills = trial = 0
    while kills < KILLS:
        aim = aims[trial] if trial < len(aims) else rng.randint(1, operations + 8)
        lines, count = run_killed(home, first + timedelta(hours=trial), aim)
        kills += count == -1  # a killed child never reports its count
        trial += 1
        acknowledged.take(lines)
        check_history(home, acknowledged)
        assert trial < 2 * KILLS, "the trials stopped being killed"

    lines, _count = run_killed(home, first + timedelta(hours=trial), None)  # a clean start
    acknowledged.take(lines)
    check_history(home, acknowledged)
    assert acknowledged.saved, "no trial ever got as far as acknowledging a save"
    assert not list((home / "local").rglob("journal-*.json")), "a journal was left unsaved"
