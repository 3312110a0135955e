"""Stand-in speech workers for the faults a real engine can't be made to show on demand.

They run in spawned child processes, so they live at module level in an importable module.
"""

from __future__ import annotations

import os
import sys
import time
from multiprocessing.queues import Queue
from pathlib import Path
from typing import Any

from hamtimer.services.speech import render_worker
from hamtimer.services.speech.render_worker import WorkerReady


def exits_at_once(jobs: Queue[Any], results: Queue[Any]) -> None:
    sys.exit(3)


def hangs_on_every_job(jobs: Queue[Any], results: Queue[Any]) -> None:
    results.put(WorkerReady("fake", ()))
    jobs.get()
    time.sleep(3600)


def hangs_once_then_works(jobs: Queue[Any], results: Queue[Any]) -> None:
    """The first worker process hangs on its first job; the one started after it is real."""
    marker = Path(os.environ["HAMTIMER_TEST_MARKER"])
    if not marker.exists():
        marker.touch()
        hangs_on_every_job(jobs, results)
    render_worker.worker_main(jobs, results)


def dies_mid_job(jobs: Queue[Any], results: Queue[Any]) -> None:
    results.put(WorkerReady("fake", ()))
    jobs.get()
    os._exit(9)


def engine_missing(jobs: Queue[Any], results: Queue[Any]) -> None:
    """pyttsx3.init() raising, as it does when no engine is installed."""
    import pyttsx3

    def no_engine(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("could not find libespeak-ng")

    pyttsx3.init = no_engine
    render_worker.worker_main(jobs, results)
