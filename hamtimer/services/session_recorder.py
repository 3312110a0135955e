"""Keeps a running session in the history: journaled at every step boundary, saved at the end.

An event sink for either runner (the window's or the terminal's). Writing never stops a
session: a failure is logged, and the journal left behind is recovered at the next start.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from hamtimer.core.engine import (
    EngineEvent,
    SessionEngine,
    SessionFinished,
    SessionStopped,
    StepFinished,
    StepStarted,
)
from hamtimer.core.history import SessionRecord, SessionStatus, session_record
from hamtimer.services.history_store import HistoryStore, ReadOnlyHistoryError, SessionJournal

log = logging.getLogger(__name__)


class SessionRecorder:
    def __init__(
        self,
        store: HistoryStore,
        engine: SessionEngine,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._store = store
        self._engine = engine
        self._now = now
        self._id = uuid.uuid4().hex
        self._started: datetime | None = None
        self._journal: SessionJournal | None = None
        self.saved: SessionRecord | None = None
        """The record once the session ended and was saved."""

    def on_event(self, event: EngineEvent, _actual: float) -> None:
        try:
            if isinstance(event, StepStarted) and self._started is None:
                self._started = self._now()
                self._journal = self._store.start_journal(self._id)
            elif isinstance(event, StepFinished) and self._journal is not None:
                self._journal.write(self._record(SessionStatus.INTERRUPTED))
            elif isinstance(event, SessionFinished | SessionStopped):
                self._save(
                    SessionStatus.COMPLETED
                    if isinstance(event, SessionFinished)
                    else SessionStatus.STOPPED
                )
        except (OSError, ValueError, ReadOnlyHistoryError) as error:
            # The journal stays behind and is recovered at the next start.
            log.warning("history not written: %s", error)

    def _save(self, status: SessionStatus) -> None:
        if self._started is None:
            return
        record = self._record(status)
        self._store.append(record)
        self.saved = record
        if self._journal is not None:
            self._journal.close()
            self._journal = None

    def _record(self, status: SessionStatus) -> SessionRecord:
        assert self._started is not None
        return session_record(
            self._engine.plan,
            self._engine.results(),
            record_id=self._id,
            started=self._started,
            ended=self._now(),
            status=status,
        )
