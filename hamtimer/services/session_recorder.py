"""Keeps a running session in the history: journaled at every step boundary, saved at the end.

A session listener. Records are built on the caller's thread (a few microseconds), but every
write (the journal's two fsyncs, the history append) runs on the one history writer thread, so
no disk wait sits between a step's end and the next step's sound. The writes are handed over
only once the whole batch of events is out (`hand_over`, called by the Session): a writer
started mid-batch would compete for the GIL with the next step's sound and caption (Python
switches threads every 5 ms), as `make bench` showed. Writing never stops a session: a failure
is logged, and the journal left behind is recovered at the next start. A final save that
fails keeps the finished session in its journal, as it ended, and says where (`SaveOutcome`).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from hamtimer.core.engine import (
    EngineEvent,
    SessionEngine,
    SessionFinished,
    SessionStopped,
    StepFinished,
    StepStarted,
)
from hamtimer.core.session_record import QuickLog, SessionEnd, SessionRecord, session_record
from hamtimer.services.history import HistoryStore, ReadOnlyHistoryError, UnknownSessionError
from hamtimer.services.history.journal import SessionJournal
from hamtimer.services.history.store import SAVE_ERRORS, kept_aside_text, save_problem
from hamtimer.services.logging_setup import FILE_ONLY

log = logging.getLogger(__name__)

WRITE_ERRORS = (OSError, ValueError, ReadOnlyHistoryError, UnknownSessionError)


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    saved: bool
    problem: str = ""
    """When not saved: one line saying why, and where the session is kept until it is."""
    kept: bool = False
    """Not saved, but kept in the state folder for the next start to save."""


STILL_WRITING = SaveOutcome(
    False, "Your history is taking long to write; the session is saved once it is done."
)


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
        self._saved: Future[SaveOutcome] | None = None
        self._pending: list[Callable[[], object]] = []
        self._kept: SessionJournal | None = None
        """The journal holding the finished session when its save failed."""
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

    def wait_saved(self, timeout_s: float | None = None) -> SaveOutcome:
        """Whether the finished session is in the history (waits for its write)."""
        if self._saved is None:
            return SaveOutcome(False, "The session ended before its first step: nothing to save.")
        try:
            return self._saved.result(timeout_s)
        except TimeoutError:
            log.warning("history write still running after %s s", timeout_s)
            return STILL_WRITING

    def _open_journal(self) -> None:
        try:
            self._journal = self._store.start_journal(self._id)
        except WRITE_ERRORS as error:
            log.warning("session journal not started: %s", error, extra=FILE_ONLY)

    def _write_journal(self, record: SessionRecord) -> None:
        if self._journal is None:
            return
        try:
            self._journal.write(record)
        except WRITE_ERRORS as error:
            # The journal of the step before stays behind and is recovered at the next start.
            log.warning("session journal not written: %s", error, extra=FILE_ONLY)

    def _save_final(self) -> SaveOutcome:
        assert self.record is not None
        try:
            self._store.append(self.record)
        except SAVE_ERRORS as error:
            log.warning("history not written: %s", error, extra=FILE_ONLY)
            problem = self._keep_aside(self.record, error)
            return SaveOutcome(False, problem, kept=self._kept is not None)
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        return SaveOutcome(True)

    def _keep_aside(self, record: SessionRecord, error: BaseException) -> str:
        """The finished session written to its journal as it ended (the state folder, not the
        history's), for the next start to save; the line that says so."""
        try:
            journal = self._journal or self._store.start_journal(self._id)
            journal.write(record, final=True)
        except SAVE_ERRORS as kept_error:
            log.warning("session not kept either: %s", kept_error, extra=FILE_ONLY)
            return self._not_kept(error, kept_error)
        journal.release()  # the session is over: the next start may take it
        self._journal, self._kept = None, journal
        return kept_aside_text(record, journal.path, error)

    def _not_kept(self, error: BaseException, kept_error: BaseException) -> str:
        """Neither saved nor kept whole: the journal of its last written step, if any, is
        what the next start can save (as interrupted)."""
        journal, self._journal = self._journal, None
        if journal is not None and journal.path.exists():
            journal.release()  # the session is over: the next start may take it
            return (
                f"This session could not be saved: {save_problem(error)}. The next start "
                f"saves it as far as it was kept ({journal.path}), as interrupted."
            )
        if journal is not None:
            journal.close()
        return (
            f"This session could not be saved: {save_problem(error)}; "
            f"nor kept for later: {save_problem(kept_error)}."
        )

    def keep_quick_log(self, quick_log: QuickLog) -> bool:
        """The after-session log added to the kept session (its save failed), so what the
        user typed is saved with it at the next start. Run it on the writer thread, after the
        final save."""
        if self._kept is None or self.record is None:
            return False
        self.record = replace(self.record, log=quick_log)
        try:
            self._kept.write(self.record, final=True)
        except SAVE_ERRORS as error:
            log.warning("quick log not kept: %s", error, extra=FILE_ONLY)
            return False
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
