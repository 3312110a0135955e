"""How the copies of one session, from two computers sharing a synced history folder, become
one: the rules alone, with no I/O (services/history applies them to files).

Every write of a session's file is stamped with when it was made and by which computer
(`Stamp`); so is a deletion's tombstone. After a sync, one session may have several versions
(its file and a sync tool's conflict copies of it) and a tombstone. Then:

1. The version with the later stamp wins. On the same moment, the larger computer id wins,
   then the larger text, so every computer picks the same version without asking the others
   (and so writes the same bytes, which a sync tool sees as no change).
2. The session is deleted when its tombstone is later than the winning version. An edit made
   after a deletion (Undo, or an edit on the other computer that had not heard of it yet)
   brings the session back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

Item = TypeVar("Item")


@dataclass(frozen=True, slots=True, order=True)
class Stamp:
    """When a session's file or tombstone was written, and by which computer."""

    at: datetime
    by: str
    """The device id of the computer (services/history/device.py)."""


@dataclass(frozen=True, slots=True)
class Version(Generic[Item]):
    """One copy of a session: its stamp, its text (the last tie-break) and what it holds."""

    stamp: Stamp
    text: str
    item: Item

    def order(self) -> tuple[Stamp, str]:
        return (self.stamp, self.text)


def winner(versions: Sequence[Version[Item]]) -> Version[Item]:
    """Rule 1: the latest version (needs at least one)."""
    return max(versions, key=Version.order)


def deleted(latest: Stamp, tombstone: Stamp | None) -> bool:
    """Rule 2: a tombstone later than the winning version deletes the session."""
    return tombstone is not None and tombstone.at > latest.at
