"""The history of finished sessions: one JSON file per session in a folder that may be synced
between computers. `store.HistoryStore` is the one entry point; the other modules are its
parts, each one concept: `layout` (what lives where), `documents` (the JSON of each file),
`index` (this computer's cache of the list), `journal` (the running session), `device` (this
computer's id), `legacy` (converting hamtimer 0.1's month files), `relocate` (moving the
folder). The merge rules themselves are pure and live in core.history_merge.
"""

from hamtimer.services.history.store import (
    HistoryLoad,
    HistoryStore,
    ReadOnlyHistoryError,
    UnknownSessionError,
)

__all__ = ["HistoryLoad", "HistoryStore", "ReadOnlyHistoryError", "UnknownSessionError"]
