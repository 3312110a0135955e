"""History store figures for `make bench` (issue 5): 10,000 sessions in the store.

Each session is a real run of the longest built-in template (every step, every leg), copied
with its own id and date, two to three a week back from today. Load is a fresh store reading
every month file (median of RUNS); append is one more session written atomically under the
lock, the month's backup included (median and worst of APPENDS).
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
from hamtimer.core.plan import compile_plan
from hamtimer.core.session_record import SessionEnd, SessionRecord, session_record
from hamtimer.services.history_store import HistoryStore
from hamtimer.services.templates import builtin_templates

SESSIONS = 10_000
RUNS = 7
APPENDS = 20
LOAD_TARGET_MS = 200
APPEND_TARGET_MS = 20
SCREEN_TARGET_MS = 300


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


def fill(store: HistoryStore, model: SessionRecord) -> None:
    """10,000 sessions, about every 2.7 days going back: written month by month."""
    records = []
    for number in range(SESSIONS):
        started = model.started - timedelta(hours=64 * number)
        records.append(replace(model, id=f"bench-{number}", started=started, ended=started))
    store.import_records(records)


def open_history_screen(folder: Path) -> float:
    """Milliseconds from asking for the History page to it being painted: the store read,
    the list model filled, both charts drawn (offscreen Qt, a fresh page each time)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from hamtimer.ui.history_page import HistoryPage

    app = QApplication.instance() or QApplication([])
    started = time.perf_counter()
    page = HistoryPage(HistoryStore(folder))
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
        folder = Path(tmp) / "history"
        fill(HistoryStore(folder), model)
        loads = []
        for _ in range(RUNS):
            started = time.perf_counter()
            loaded = HistoryStore(folder).load()
            loads.append((time.perf_counter() - started) * 1000)
        assert len(loaded.entries) == SESSIONS and not loaded.messages
        store = HistoryStore(folder)
        appends = []
        for number in range(APPENDS):
            record = replace(model, id=f"new-{number}")
            started = time.perf_counter()
            store.append(record)
            appends.append((time.perf_counter() - started) * 1000)
        screen_ms = [open_history_screen(folder) for _ in range(RUNS)]
        files = list(folder.glob("sessions-*.json"))
        return {
            "sessions": SESSIONS,
            "steps_per_session": len(model.steps.kind),
            "month_files": len(files),
            "store_mb": sum(f.stat().st_size for f in files) / 1e6,
            "load_median_ms": statistics.median(loads),
            "load_max_ms": max(loads),
            "append_median_ms": statistics.median(appends),
            "append_max_ms": max(appends),
            "screen_median_ms": statistics.median(screen_ms),
            "screen_max_ms": max(screen_ms),
        }


def report(figures: dict[str, Any]) -> bool:
    print(
        f"history: {figures['sessions']} sessions of {figures['steps_per_session']} steps in"
        f" {figures['month_files']} month files ({figures['store_mb']:.1f} MB)"
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
    return (
        figures["load_median_ms"] <= LOAD_TARGET_MS
        and figures["append_median_ms"] <= APPEND_TARGET_MS
        and figures["screen_median_ms"] <= SCREEN_TARGET_MS
    )


if __name__ == "__main__":
    measured = measure()
    sys.exit(0 if report(measured) else 1)
