"""The child process that owns pyttsx3: it renders phrases to WAV files, one at a time.

pyttsx3 blocks while it speaks, can hang (a second runAndWait on some platforms, sapi5's
loop) and must stay on the thread that created it. So it never runs in the app's process:
`PhraseRenderer` starts this worker with multiprocessing ("spawn"), feeds it jobs on a queue
and kills it when it stops answering.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import sys
from dataclasses import dataclass
from multiprocessing.queues import Queue
from pathlib import Path

from hamtimer.services.speech.wav import read_pcm, trimmed, write_pcm

SILENCE_RETRIES = 1
"""A phrase that came out silent is rendered once more before it counts as failed."""
PARENT_CHECK_S = 2.0
"""How often an idle worker checks that the app that started it still runs."""


@dataclass(frozen=True, slots=True)
class RenderJob:
    number: int
    text: str
    path: Path
    voice: str | None
    rate: int | None


@dataclass(frozen=True, slots=True)
class WorkerReady:
    engine: str
    voices: tuple[tuple[str, str], ...]
    """(id, name) of each installed voice."""


@dataclass(frozen=True, slots=True)
class WorkerUnavailable:
    reason: str


@dataclass(frozen=True, slots=True)
class RenderDone:
    number: int
    path: Path
    length_s: float


@dataclass(frozen=True, slots=True)
class RenderFailed:
    number: int
    reason: str


WorkerMessage = WorkerReady | WorkerUnavailable | RenderDone | RenderFailed


def worker_main(jobs: Queue[RenderJob | None], results: Queue[WorkerMessage]) -> None:
    # pyttsx3 prints "Audio saved to ..." for every file; the app's output stays clean.
    sys.stdout = Path(os.devnull).open("w")  # noqa: SIM115 (lives as long as the process)
    try:
        import pyttsx3  # type: ignore[import-untyped]

        engine = pyttsx3.init()
        voices = tuple((voice.id, voice.name or voice.id) for voice in engine.getProperty("voices"))
    except Exception as error:  # RuntimeError, OSError, COM errors: whatever the driver raises
        reason = f"the speech engine could not start ({type(error).__name__}: {error})"
        results.put(WorkerUnavailable(reason))
        return
    results.put(WorkerReady(type(engine.proxy._driver).__module__.rsplit(".", 1)[-1], voices))
    while (job := _next_job(jobs)) is not None:
        results.put(_render(engine, job))


def _next_job(jobs: Queue[RenderJob | None]) -> RenderJob | None:
    """The next job; None to stop, also when the app is gone (killed, or ended by SIGTERM
    without closing us), so no worker outlives the app that started it."""
    parent = multiprocessing.parent_process()
    while True:
        try:
            return jobs.get(timeout=PARENT_CHECK_S)
        except queue.Empty:
            if parent is not None and not parent.is_alive():
                return None


def _render(engine: object, job: RenderJob) -> RenderDone | RenderFailed:
    # The engine's raw output has a name of this process and job: two workers (an old rate's
    # winding down, a new one's starting; or two copies of the app) rendering the same phrase
    # must not write into, read or delete each other's file (that read back as "silence").
    raw = job.path.with_name(f"{job.path.name}.{os.getpid()}-{job.number}.raw.wav")
    try:
        if job.voice:
            engine.setProperty("voice", job.voice)  # type: ignore[attr-defined]
        if job.rate:
            engine.setProperty("rate", job.rate)  # type: ignore[attr-defined]
        for _attempt in range(SILENCE_RETRIES + 1):
            engine.save_to_file(job.text, str(raw))  # type: ignore[attr-defined]
            engine.runAndWait()  # type: ignore[attr-defined]
            audio = trimmed(read_pcm(raw))
            if audio.samples:
                write_pcm(job.path, audio)
                return RenderDone(job.number, job.path, audio.length_s)
        return RenderFailed(job.number, "the engine produced silence")
    except Exception as error:
        return RenderFailed(job.number, f"{type(error).__name__}: {error}")
    finally:
        with contextlib.suppress(OSError):
            raw.unlink()
