"""The history as choose-some rotation needs it: each template's latest sessions and the
exercises they got done (core.rotation decides from these).

The list of sessions comes from the history's summaries, read once when first asked; a
session's exercises come from its full record, read once per session. A finished session is
added as it ends, so the window never reads the history again for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hamtimer.core.rotation import PastSession, past_session

if TYPE_CHECKING:
    from hamtimer.core.history import HistoryEntry
    from hamtimer.core.session_record import SessionRecord
    from hamtimer.services.history import HistoryStore


class PastSessions:
    def __init__(self, store: HistoryStore) -> None:
        self._store = store
        self._entries: list[HistoryEntry] | None = None
        """Newest first; None until first asked."""
        self._read: dict[str, PastSession] = {}
        self._added: list[tuple[str, PastSession]] = []
        """Sessions finished since the entries were read: (template id, session), newest last."""

    def of(self, template_id: str, depth: int) -> list[PastSession]:
        """The template's latest `depth` sessions that got something done, newest first."""
        found = [s for t, s in reversed(self._added) if t == template_id and s.done]
        seen = {session.id for session in found}
        for entry in self._template_entries(template_id):
            if len(found) >= depth:
                break
            session = self._session(entry)
            if session is not None and session.done and session.id not in seen:
                found.append(session)
        return found[:depth]

    def add(self, record: SessionRecord) -> None:
        """A session just saved to the history."""
        self._added.append((record.template_id, past_session(record)))

    def forget(self) -> None:
        """The history changed underneath (an import): read it again when next asked."""
        self._entries = None
        self._added.clear()

    def _template_entries(self, template_id: str) -> list[HistoryEntry]:
        if self._entries is None:
            self._entries = self._store.load().entries
            self._added.clear()  # the entries read now hold them
        return [entry for entry in self._entries if entry.template_id == template_id]

    def _session(self, entry: HistoryEntry) -> PastSession | None:
        if entry.id not in self._read:
            record = self._store.record(entry)
            if record is None:
                return None  # its month file can't be read: the rotation goes without it
            self._read[entry.id] = past_session(record)
        return self._read[entry.id]


def previous_training(store: HistoryStore, record: SessionRecord) -> SessionRecord | None:
    """The last session of `record`'s template before it that counts as training (the
    summary weighs each leg against it); None for a first one or when it can't be read."""
    for entry in store.load().entries:  # newest first
        earlier = entry.started < record.started and entry.id != record.id
        if earlier and entry.template_id == record.template_id and entry.is_training:
            return store.record(entry)
    return None
