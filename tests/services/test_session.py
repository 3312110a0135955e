"""The one session pipeline: listeners in order, the record at the end, the quick log, the
history writes on the writer thread. On a fake clock: a whole session runs in milliseconds."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest

from hamtimer.core.engine import (
    EngineEvent,
    SessionFinished,
    SessionPaused,
    SessionResumed,
    StepStarted,
)
from hamtimer.core.plan import compile_plan
from hamtimer.core.session_record import QuickLog, SessionStatus
from hamtimer.services.session import Session, open_session
from hamtimer.services.templates import LoadedTemplate, builtin_templates
from tests.builders import template
from tests.fakes import FakeClock, InlineExecutor, RecordingScreenAwake, fake_services

T = TypeVar("T")


def run_to_end(session: Session, clock: FakeClock) -> None:
    session.start()
    while (deadline := session.next_deadline()) is not None:
        clock.advance(max(0.0, deadline - clock.now))
        session.poll()


def test_every_listener_hears_every_event_in_the_documented_order(tmp_path: Path) -> None:
    heard: list[tuple[str, EngineEvent]] = []
    clock = FakeClock()
    services = fake_services(tmp_path, event_log=lambda event, _at: heard.append(("log", event)))
    session = open_session(
        services,
        compile_plan(template()),
        view=lambda event, _at: heard.append(("view", event)),
        clock=clock,
        wall_clock=clock.wall,
    )
    run_to_end(session, clock)

    views = [event for who, event in heard if who == "view"]
    logged = [event for who, event in heard if who == "log"]
    assert views == logged and isinstance(views[-1], SessionFinished)
    # each event reaches the view before the event log (which times what was done)
    assert all(heard[i][0] == "view" and heard[i + 1][0] == "log" for i in range(0, 40, 2))


def test_finish_gives_the_saved_record_whose_length_is_the_planned_total(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    services = fake_services(tmp_path)
    plan = compile_plan(template())
    session = open_session(services, plan, view=lambda *_: None, clock=clock, wall_clock=clock.wall)
    run_to_end(session, clock)

    record = session.finish()
    assert session.saved and record.status == SessionStatus.COMPLETED
    assert record.length_s == plan.total_s
    [entry] = services.history.load().entries
    assert entry.id == record.id and entry.length_s == record.length_s


def test_a_paused_session_is_as_long_as_it_ran_not_as_the_wall_clock(tmp_path: Path) -> None:
    clock = FakeClock()
    session = open_session(
        fake_services(tmp_path),
        compile_plan(template()),
        view=lambda *_: None,
        clock=clock,
        wall_clock=clock.wall,
    )
    session.start()
    clock.advance(5.0)
    session.toggle_pause()
    clock.advance(120.0)  # two minutes on pause
    session.toggle_pause()
    clock.advance(3.0)
    session.stop()

    record = session.finish()
    assert record.status == SessionStatus.STOPPED
    assert record.length_s == 8.0


def test_the_log_after_a_session_is_added_to_its_saved_record(tmp_path: Path) -> None:
    services = fake_services(tmp_path)
    session = open_session(services, compile_plan(template()), view=lambda *_: None)
    session.start()
    session.stop()

    assert session.save_quick_log(QuickLog(5, 1, "easy")) is None
    [entry] = services.history.load().entries
    assert entry.log == QuickLog(5, 1, "easy")


def test_a_session_that_could_not_be_saved_is_kept_with_its_log_and_says_where(
    tmp_path: Path,
) -> None:
    services = fake_services(tmp_path)
    services.paths.data_dir.mkdir(parents=True)
    services.paths.history_dir.write_text("a file where the history folder should be")
    session = open_session(services, compile_plan(template()), view=lambda *_: None)
    session.start()
    session.stop()

    record = session.finish()
    assert not session.saved and record.status == SessionStatus.STOPPED
    [journal] = services.history.journals_dir.glob("journal-*.json")
    assert str(journal) in session.save_problem
    assert "saved at the next start" in session.save_problem
    answer = session.save_quick_log(QuickLog(5, 2, "typed after the save failed"))
    assert answer is not None and "kept with the session" in answer

    services.paths.history_dir.unlink()  # the problem is gone by the next start
    recovered, _messages = services.history.recover_interrupted()
    [saved] = recovered
    assert saved.status == SessionStatus.STOPPED  # as it ended, not "interrupted"
    assert saved.log == QuickLog(5, 2, "typed after the save failed")
    assert not list(services.history.journals_dir.glob("journal-*.json"))


def test_the_screen_is_kept_awake_while_running_and_released_on_pause_and_end(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    awake = RecordingScreenAwake()
    session = open_session(
        fake_services(tmp_path, screen_awake=awake),
        compile_plan(template()),
        view=lambda *_: None,
        clock=clock,
        wall_clock=clock.wall,
    )
    session.start()
    assert awake.calls == ["inhibit"]
    session.toggle_pause()
    session.toggle_pause()
    session.stop()
    assert awake.calls == ["inhibit", "release", "inhibit", "release"]


def test_history_writes_run_on_the_writer_thread_in_order(tmp_path: Path) -> None:
    """The journal and the history are written by the writer, never by the thread that
    runs the session (the GUI thread in the window)."""
    writers: set[str] = set()
    clock = FakeClock()
    with ThreadPoolExecutor(1, thread_name_prefix="writer") as writer:
        services = fake_services(tmp_path, background=writer)
        store = services.history
        original = store.append

        def append(record: object) -> None:
            writers.add(threading.current_thread().name)
            original(record)  # type: ignore[arg-type]

        store.append = append  # type: ignore[method-assign]
        session = open_session(
            services,
            compile_plan(template()),
            view=lambda *_: None,
            clock=clock,
            wall_clock=clock.wall,
        )
        run_to_end(session, clock)
        record = session.finish()

    assert session.saved and writers and all(name.startswith("writer") for name in writers)
    assert [entry.id for entry in store.load().entries] == [record.id]
    assert not list(services.paths.history_local_dir.rglob("journal-*"))


def test_pause_and_resume_reach_every_listener(tmp_path: Path) -> None:
    heard: list[type[EngineEvent]] = []
    session = open_session(
        fake_services(tmp_path),
        compile_plan(template()),
        view=lambda event, _at: heard.append(type(event)),
    )
    session.start()
    session.toggle_pause()
    session.toggle_pause()
    session.stop()
    assert heard[:1] == [StepStarted]
    assert SessionPaused in heard and SessionResumed in heard


def test_an_app_ended_mid_session_saves_it_as_interrupted(tmp_path: Path) -> None:
    services = fake_services(tmp_path)
    session = open_session(services, compile_plan(template()), view=lambda *_: None)
    session.start()
    session.interrupt()
    assert session.finish().status == SessionStatus.INTERRUPTED
    [entry] = services.history.load().entries
    assert entry.status == SessionStatus.INTERRUPTED


def test_disk_writes_are_handed_over_only_after_every_listener_had_the_batch(
    tmp_path: Path,
) -> None:
    """A writer thread started mid-batch would compete for the GIL with the next step's sound
    and caption: the journal write of a step's end waits until its batch is out."""
    order: list[str] = []

    class RecordingWriter(InlineExecutor):
        def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
            order.append("write")
            return super().submit(fn, *args, **kwargs)

    clock = FakeClock()
    session = open_session(
        fake_services(tmp_path, background=RecordingWriter()),
        compile_plan(template()),
        view=lambda event, _at: order.append(event.name),
        clock=clock,
        wall_clock=clock.wall,
    )
    session.start()
    clock.advance(10.0)  # the end of get ready: the step's end and the hold's start, one batch
    batch_start = len(order)
    session.poll()
    batch = order[batch_start:]
    assert "step_finished" in batch and "step_started" in batch
    assert batch[-1] == "write" and "write" not in batch[: batch.index("step_started") + 1]


@pytest.mark.parametrize("loaded", builtin_templates(), ids=lambda item: item.template.id)
def test_every_builtin_runs_to_its_summary_without_a_key_press(
    tmp_path: Path, loaded: LoadedTemplate
) -> None:
    """Hands-free from the mat: every step of every built-in ends by itself (open steps after
    their expected time), and the record is the whole session, every set done."""
    plan = compile_plan(loaded.template)
    assert plan.open_steps == 0
    clock = FakeClock()
    started = clock.now
    session = open_session(
        fake_services(tmp_path), plan, view=lambda *_: None, clock=clock, wall_clock=clock.wall
    )
    session.start()
    while (deadline := session.next_deadline()) is not None:
        assert clock.now - started <= plan.total_s, "the session outran its plan: it is waiting"
        clock.advance(max(0.0, deadline - clock.now))
        session.poll()

    record = session.finish()
    assert record.status == SessionStatus.COMPLETED
    assert record.length_s == pytest.approx(plan.total_s)
    assert all(leg.sets_done == leg.sets_planned for leg in record.legs), record.legs


def test_the_garbage_collector_leaves_a_running_session_alone(tmp_path: Path) -> None:
    """A full collection of the window's objects takes ~9 ms: what lives when the session
    starts is frozen out of collections until it ends."""
    session = open_session(fake_services(tmp_path), compile_plan(template()), lambda *_: None)
    session.start()
    assert gc.get_freeze_count() > 0
    session.toggle_pause()
    session.stop()
    assert gc.get_freeze_count() == 0
