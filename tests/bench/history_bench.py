"""History store figures for `make bench` (issues 5 and 14): 10,000 sessions in the store.

Each session is a real run of the longest built-in template (every step, every leg), copied
with its own id and date, two to three a week back from today, one file each. Load is a fresh
store listing every file and taking the rest from its index (median of RUNS); append is one
more session written atomically (median and worst of APPENDS); rebuild is a load with no
index (every file read); merge is a load after a sync tool brought MERGED sessions made on
another computer.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hamtimer.core.engine import SessionEngine
from hamtimer.core.history_merge import Stamp
from hamtimer.core.plan import compile_plan
from hamtimer.core.session_record import SessionEnd, SessionRecord, session_record
from hamtimer.services.history import HistoryStore
from hamtimer.services.history.documents import session_text
from hamtimer.services.history.layout import INDEX_NAME, session_path
from hamtimer.services.templates import builtin_templates

SESSIONS = 10_000
RUNS = 7
APPENDS = 20
LOAD_TARGET_MS = 200
APPEND_TARGET_MS = 20
SCREEN_TARGET_MS = 300
REBUILD_TARGET_MS = 3000
MERGED = 1000
MERGE_TARGET_MS = 1000


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def one_real_record() -> SessionRecord:
    templates = [loaded.template for loaded in builtin_templates()]
    template = max(templates, key=lambda t: compile_plan(t).total_s)
    plan = compile_plan(template)
    clock = _Clock()
    engine = SessionEngine(plan, clock=clock, wall_clock=clock)
    engine.start()
    while (deadline := engine.next_deadline()) is not None:
        clock.now = max(clock.now, deadline)
        engine.poll()
    start = datetime.now(UTC)
    return session_record(
        plan,
        engine.results(),
        record_id="model",
        started=start,
        ended=start + timedelta(seconds=plan.total_s),
        ended_by=SessionEnd.FINISHED,
    )


def fill(folder: Path, model: SessionRecord, count: int, prefix: str = "bench") -> None:
    """`count` sessions, about every 2.7 days going back, each in its own file as the store
    writes them (without an fsync each: this is the set-up, not what is measured)."""
    for number in range(count):
        started = model.started - timedelta(hours=64 * number)
        record = replace(model, id=f"{prefix}-{number}", started=started, ended=started)
        path = session_path(folder, record.id, started)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(session_text(record, Stamp(started, "bench")), encoding="utf-8")


def store_in(home: Path) -> HistoryStore:
    return HistoryStore(home / "history", home / "local")


def open_history_screen(home: Path) -> float:
    """Milliseconds from asking for the History page to it being painted: the store read,
    the list model filled, both charts drawn (offscreen Qt, a fresh page each time)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from hamtimer.ui.history.history_page import HistoryPage

    app = QApplication.instance() or QApplication([])
    started = time.perf_counter()
    page = HistoryPage(store_in(home))
    page.resize(1280, 800)
    page.reload()
    page.show()
    page.repaint()
    app.processEvents()
    elapsed = (time.perf_counter() - started) * 1000
    page.close()
    page.deleteLater()
    app.processEvents()
    return elapsed


def measure() -> dict[str, Any]:
    model = one_real_record()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        fill(home / "history", model, SESSIONS)
        rebuild_ms = _timed_load(home, SESSIONS)  # no index yet: every file is read
        time.sleep(2.1)  # past the index's "racily clean" window (services/history/index.py)
        _timed_load(home, SESSIONS)
        loads = [_timed_load(home, SESSIONS) for _ in range(RUNS)]
        store = store_in(home)
        appends = []
        for number in range(APPENDS):
            record = replace(model, id=f"new-{number}")
            started = time.perf_counter()
            store.append(record)
            appends.append((time.perf_counter() - started) * 1000)
        _timed_load(home, SESSIONS + APPENDS)
        time.sleep(2.1)
        _timed_load(home, SESSIONS + APPENDS)
        screen_ms = [open_history_screen(home) for _ in range(RUNS)]
        fill(home / "history", model, MERGED, prefix="synced")  # as a sync tool brings them
        merge_ms = _timed_load(home, SESSIONS + APPENDS + MERGED)
        files = list((home / "history").rglob("*.json"))
        return {
            "sessions": SESSIONS,
            "steps_per_session": len(model.steps.kind),
            "session_files": len(files),
            "store_mb": sum(f.stat().st_size for f in files) / 1e6,
            "index_mb": (home / "local" / INDEX_NAME).stat().st_size / 1e6,
            "load_median_ms": statistics.median(loads),
            "load_max_ms": max(loads),
            "append_median_ms": statistics.median(appends),
            "append_max_ms": max(appends),
            "screen_median_ms": statistics.median(screen_ms),
            "screen_max_ms": max(screen_ms),
            "rebuild_ms": rebuild_ms,
            "merge_ms": merge_ms,
        }


def _timed_load(home: Path, expected: int) -> float:
    started = time.perf_counter()
    loaded = store_in(home).load()
    elapsed = (time.perf_counter() - started) * 1000
    assert len(loaded.entries) == expected and not loaded.messages, loaded.messages
    return elapsed


def report(figures: dict[str, Any]) -> bool:
    print(
        f"history: {figures['sessions']} sessions of {figures['steps_per_session']} steps in"
        f" {figures['session_files']} files ({figures['store_mb']:.1f} MB;"
        f" index {figures['index_mb']:.1f} MB)"
    )
    print(
        f"  load: median {figures['load_median_ms']:.0f} ms, worst {figures['load_max_ms']:.0f} ms"
        f"  (target <= {LOAD_TARGET_MS})"
    )
    print(
        f"  append one session: median {figures['append_median_ms']:.1f} ms, worst"
        f" {figures['append_max_ms']:.1f} ms  (target <= {APPEND_TARGET_MS})"
    )
    print(
        f"  open the History screen with its charts: median {figures['screen_median_ms']:.0f} ms,"
        f" worst {figures['screen_max_ms']:.0f} ms  (target <= {SCREEN_TARGET_MS})"
    )
    print(
        f"  rebuild the index from every file: {figures['rebuild_ms']:.0f} ms"
        f"  (target <= {REBUILD_TARGET_MS})"
    )
    print(
        f"  merge {MERGED} sessions synced from another computer: {figures['merge_ms']:.0f} ms"
        f"  (target <= {MERGE_TARGET_MS})"
    )
    return (
        figures["load_median_ms"] <= LOAD_TARGET_MS
        and figures["append_max_ms"] <= APPEND_TARGET_MS
        and figures["screen_median_ms"] <= SCREEN_TARGET_MS
        and figures["rebuild_ms"] <= REBUILD_TARGET_MS
        and figures["merge_ms"] <= MERGE_TARGET_MS
    )


if __name__ == "__main__":
    measured = measure()
    sys.exit(0 if report(measured) else 1)
