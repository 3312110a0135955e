"""Keeps a running session in the history: journaled at every step boundary, saved at the end.

A session listener. Records are built on the caller's thread (a few microseconds), but every
write (the journal's two fsyncs, the history append) runs on the one history writer thread, so
no disk wait sits between a step's end and the next step's sound. The writes are handed over
only once the whole batch of events is out (`hand_over`, called by the Session): a writer
started mid-batch would compete for the GIL with the next step's sound and caption (Python
switches threads every 5 ms), as `make bench` showed. Writing never stops a session: a failure
is logged, and the journal left behind is recovered at the next start.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from concurrent.futures import Executor, Future
from datetime import UTC, datetime

from hamtimer.core.engine import (
    EngineEvent,
    SessionEngine,
    SessionFinished,
    SessionStopped,
    StepFinished,
    StepStarted,
)
from hamtimer.core.session_record import SessionEnd, SessionRecord, session_record
from hamtimer.services.history import HistoryStore, ReadOnlyHistoryError, UnknownSessionError
from hamtimer.services.history.journal import SessionJournal
from hamtimer.services.logging_setup import FILE_ONLY

log = logging.getLogger(__name__)

WRITE_ERRORS = (OSError, ValueError, ReadOnlyHistoryError, UnknownSessionError)


class SessionRecorder:
    def __init__(
        self,
        store: HistoryStore,
        engine: SessionEngine,
        writer: Executor,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._store = store
        self._engine = engine
        self._writer = writer
        self._now = now
        self._id = uuid.uuid4().hex
        self._started: datetime | None = None
        self._journal: SessionJournal | None = None
        """Touched only by jobs on the writer thread."""
        self.record: SessionRecord | None = None
        """The record once the session ended (whether or not it could be saved)."""
        self._saved: Future[bool] | None = None
        self._pending: list[Callable[[], object]] = []
        self._ended_by = SessionEnd.STOPPED
        """What a stop was: the user's, or the app being ended (`interrupting`)."""

    def interrupting(self) -> None:
        """The next stop is the app being ended (a logout, SIGTERM), not the user's choice."""
        self._ended_by = SessionEnd.INTERRUPTED

    def __call__(self, event: EngineEvent, _actual: float) -> None:
        if isinstance(event, StepStarted) and self._started is None:
            self._started = self._now()
            self._pending.append(self._open_journal)
        elif isinstance(event, StepFinished) and self._started is not None:
            journal = self._record(SessionEnd.INTERRUPTED)
            self._pending.append(lambda: self._write_journal(journal))
        elif isinstance(event, SessionFinished | SessionStopped) and self._started is not None:
            finished = isinstance(event, SessionFinished)
            # The status itself (completed, stopped, skipped) is session_record's rule.
            self.record = self._record(SessionEnd.FINISHED if finished else self._ended_by)

    def hand_over(self) -> None:
        """Give the writes of the events so far to the writer thread, in order: the journal's,
        then the final save once the session has ended."""
        pending, self._pending = self._pending, []
        for job in pending:
            self._writer.submit(job)
        if self.record is not None and self._saved is None:
            self._saved = self._writer.submit(self._save_final)

    def wait_saved(self, timeout_s: float | None = None) -> bool:
        """Whether the finished session is in the history (waits for its write)."""
        return self._saved is not None and self._saved.result(timeout_s)

    def _open_journal(self) -> None:
        try:
            self._journal = self._store.start_journal(self._id)
        except WRITE_ERRORS as error:
            log.warning("session journal not started: %s", error)

    def _write_journal(self, record: SessionRecord) -> None:
        if self._journal is None:
            return
        try:
            self._journal.write(record)
        except WRITE_ERRORS as error:
            # The journal of the step before stays behind and is recovered at the next start.
            log.warning("session journal not written: %s", error)

    def _save_final(self) -> bool:
        assert self.record is not None
        try:
            self._store.append(self.record)
        except WRITE_ERRORS as error:
            log.warning("history not written: %s", error)
            return False
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        return True

    def _record(self, ended_by: SessionEnd) -> SessionRecord:
        assert self._started is not None
        return session_record(
            self._engine.plan,
            self._engine.results(),
            record_id=self._id,
            started=self._started,
            ended=self._now(),
            ended_by=ended_by,
        )


def recover_interrupted(store: HistoryStore) -> list[str]:
    """What every command that reads the history does first (the window, `hamtimer run`,
    `hamtimer history`): the old layout converted, and sessions cut off last time (a crash, a
    kill, a power cut) saved as interrupted. Lines to tell the user, once each."""
    try:
        recovered, messages = store.prepare()
    except WRITE_ERRORS as error:
        log.warning("interrupted sessions not recovered: %s", error)
        return []
    lines = [
        f"Saved an interrupted session: {r.template_name}, {r.started.astimezone():%a %d %b %H:%M}"
        for r in recovered
    ]
    for line in [*lines, *messages]:
        log.warning("%s", line, extra=FILE_ONLY)
    return [*lines, *messages]
