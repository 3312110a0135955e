"""The history store, kept at this name for the modules that import it from here: it lives
in services/history/ (one file per session, synced between computers)."""

from hamtimer.services.history import (
    HistoryLoad,
    HistoryStore,
    ReadOnlyHistoryError,
    UnknownSessionError,
)
from hamtimer.services.history.journal import SessionJournal

__all__ = [
    "HistoryLoad",
    "HistoryStore",
    "ReadOnlyHistoryError",
    "SessionJournal",
    "UnknownSessionError",
]
