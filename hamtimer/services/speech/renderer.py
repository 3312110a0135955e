"""Renders phrases to cached WAV files in a supervised child process.

The cache is keyed by engine, voice, rate and text, so a phrase is rendered once and reused
across sessions. A worker that hangs on a job (JOB_TIMEOUT_S) or dies is killed and started
again; after MAX_RESTARTS failures in a row the renderer gives up and says why. Nothing here
ever blocks its caller: jobs are queued, and a background thread reports results.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import queue
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from multiprocessing.context import SpawnProcess
from pathlib import Path

from hamtimer.services.speech.render_worker import (
    RenderDone,
    RenderFailed,
    RenderJob,
    WorkerMessage,
    WorkerReady,
    WorkerUnavailable,
    worker_main,
)
from hamtimer.services.speech.wav import wav_length_s

log = logging.getLogger(__name__)

START_TIMEOUT_S = 20.0
JOB_TIMEOUT_S = 10.0
MAX_RESTARTS = 3


def default_engine_key(platform: str = sys.platform) -> str:
    """pyttsx3's driver on this platform: part of the cache key, known before the worker runs."""
    if platform.startswith("win"):
        return "sapi5"
    return "nsss" if platform == "darwin" else "espeak"


def cache_key_prefix(engine_key: str, voice: str | None, rate: int | None) -> str:
    return f"{engine_key}|{voice or ''}|{rate or ''}|"


def phrase_cache_path(cache_dir: Path, key_prefix: str, text: str) -> Path:
    """Where `text` rendered with the engine, voice and rate of `key_prefix` is cached (the
    benchmark finds a session's phrases here too, to look for them in a recording)."""
    digest = hashlib.sha256((key_prefix + text).encode("utf-8")).hexdigest()[:40]
    return cache_dir / f"{digest}.wav"


class RendererState(StrEnum):
    STARTING = "starting"
    READY = "ready"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True, slots=True)
class RenderedPhrase:
    text: str
    path: Path
    length_s: float


@dataclass(frozen=True, slots=True)
class RendererStatus:
    state: RendererState
    engine: str = ""
    reason: str = ""
    voices: tuple[tuple[str, str], ...] = ()


WorkerTarget = Callable[..., None]


class PhraseRenderer:
    def __init__(
        self,
        cache_dir: Path,
        *,
        engine_key: str,
        voice: str | None = None,
        rate: int | None = None,
        on_rendered: Callable[[RenderedPhrase], None] = lambda _phrase: None,
        on_status: Callable[[RendererStatus], None] = lambda _status: None,
        worker: WorkerTarget = worker_main,
        job_timeout_s: float = JOB_TIMEOUT_S,
    ) -> None:
        self._cache_dir = cache_dir
        self._key_prefix = cache_key_prefix(engine_key, voice, rate)
        self._voice = voice
        self._rate = rate
        self._on_rendered = on_rendered
        self._on_status = on_status
        self._worker = worker
        self._job_timeout_s = job_timeout_s
        self._pending: deque[str] = deque()
        self._known: dict[str, RenderedPhrase] = {}
        self._wake = threading.Condition()
        self._closing = False
        self._last_failure = ""
        self.status = RendererStatus(RendererState.STARTING)
        self._thread = threading.Thread(target=self._serve, name="phrase-renderer", daemon=True)
        self._thread.start()

    # -- callers ---------------------------------------------------------------------------

    def lookup(self, text: str) -> RenderedPhrase | None:
        """The rendered phrase if it is in the cache (from this run or an earlier one)."""
        known = self._known.get(text)
        if known is not None:
            return known
        path = self.cache_path(text)
        try:
            phrase = RenderedPhrase(text, path, wav_length_s(path))
        except (OSError, EOFError, ValueError):  # absent, or a damaged file: render again
            return None
        self._known[text] = phrase
        return phrase

    def request(self, texts: Iterable[str], urgent: bool = False) -> None:
        """Queue phrases not rendered yet; `urgent` ones jump the queue (a cue due now)."""
        missing = [text for text in dict.fromkeys(texts) if self.lookup(text) is None]
        with self._wake:
            for text in missing:
                if text in self._pending:
                    if not urgent:
                        continue
                    self._pending.remove(text)
                if urgent:
                    self._pending.appendleft(text)
                else:
                    self._pending.append(text)
            self._wake.notify()

    def pending_count(self) -> int:
        with self._wake:
            return len(self._pending)

    def cache_path(self, text: str) -> Path:
        return phrase_cache_path(self._cache_dir, self._key_prefix, text)

    def close(self, timeout_s: float = 5.0) -> None:
        with self._wake:
            self._closing = True
            self._wake.notify()
        self._thread.join(timeout_s)

    # -- the background thread -------------------------------------------------------------

    def _serve(self) -> None:
        failures = 0
        while not self._closing and failures <= MAX_RESTARTS:
            worker = _Worker(self._worker)
            try:
                ready = worker.wait_ready()
                if isinstance(ready, WorkerUnavailable):
                    self._set_status(RendererStatus(RendererState.UNAVAILABLE, reason=ready.reason))
                    return
                self._set_status(
                    RendererStatus(RendererState.READY, ready.engine, "", ready.voices)
                )
                if self._render_until_closed_or_broken(worker):
                    return
            except _WorkerBrokenError as broken:
                log.warning("speech worker failed: %s", broken)
                self._last_failure = str(broken)
            finally:
                worker.stop()
            failures += 1
        if not self._closing:
            reason = f"the speech engine keeps failing ({self._last_failure})"
            self._set_status(RendererStatus(RendererState.UNAVAILABLE, reason=reason))

    def _render_until_closed_or_broken(self, worker: _Worker) -> bool:
        """True when closed normally; raises _WorkerBrokenError when the worker must be replaced."""
        number = 0
        while True:
            text = self._next_text()
            if text is None:
                return True
            number += 1
            self._cache_dir.mkdir(parents=True, exist_ok=True)
            job = RenderJob(number, text, self.cache_path(text), self._voice, self._rate)
            try:
                result = worker.render(job, self._job_timeout_s)
            except _WorkerBrokenError:
                with self._wake:
                    self._pending.appendleft(text)  # tried again by the next worker
                raise
            if isinstance(result, RenderDone):
                phrase = RenderedPhrase(text, result.path, result.length_s)
                self._known[text] = phrase
                self._on_rendered(phrase)
            else:
                log.warning("could not render %r: %s", text, result.reason)

    def _next_text(self) -> str | None:
        with self._wake:
            while not self._pending and not self._closing:
                self._wake.wait()
            return None if self._closing else self._pending.popleft()

    def _set_status(self, status: RendererStatus) -> None:
        self.status = status
        log.info("speech renderer: %s %s %s", status.state, status.engine, status.reason)
        self._on_status(status)


class _WorkerBrokenError(Exception):
    pass


class _Worker:
    """One child process and its two queues."""

    def __init__(self, target: WorkerTarget) -> None:
        context = multiprocessing.get_context("spawn")
        self._jobs: multiprocessing.Queue[RenderJob | None] = context.Queue()
        self._results: multiprocessing.Queue[WorkerMessage] = context.Queue()
        self._process: SpawnProcess = context.Process(
            target=target, args=(self._jobs, self._results), name="hamtimer-speech", daemon=True
        )
        self._process.start()

    def wait_ready(self) -> WorkerReady | WorkerUnavailable:
        message = self._receive(START_TIMEOUT_S, "did not start")
        if isinstance(message, WorkerReady | WorkerUnavailable):
            return message
        raise _WorkerBrokenError(f"unexpected first message {message!r}")

    def render(self, job: RenderJob, timeout_s: float) -> RenderDone | RenderFailed:
        self._jobs.put(job)
        message = self._receive(timeout_s, f"hung on {job.text!r}")
        if isinstance(message, RenderDone | RenderFailed) and message.number == job.number:
            return message
        raise _WorkerBrokenError(f"unexpected answer {message!r}")

    def _receive(self, timeout_s: float, what: str) -> WorkerMessage:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                return self._results.get(timeout=0.1)
            except queue.Empty:
                if not self._process.is_alive():
                    raise _WorkerBrokenError(f"exited with code {self._process.exitcode}") from None
                if time.monotonic() > deadline:
                    raise _WorkerBrokenError(what) from None

    def stop(self) -> None:
        if self._process.is_alive():
            self._jobs.put(None)
            self._process.join(1.0)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(1.0)
        self._jobs.close()
        self._results.close()
