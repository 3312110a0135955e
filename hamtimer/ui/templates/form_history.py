"""Undo and redo for every edit in the editor's form, as snapshots of the whole draft.

A snapshot of the draft document (small: a template is at most 1 MB, usually a few kB) is
simpler and sturdier than one undo command per kind of field: whatever the form changed,
putting the document back and showing it again undoes it. Typing in one text field is one
step, not one per key (found from the drafts themselves, not from where the focus is).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

Document = dict[str, Any]
Selection = tuple[str, int] | None
Restore = Callable[[Document, Selection], None]
"""Shows a document again, with an exercise selected."""

TYPING = 1
"""The id of snapshots that merge with the next one typed into the same field."""


class FormSnapshot(QUndoCommand):
    def __init__(
        self,
        restore: Restore,
        before: tuple[Document, Selection],
        after: tuple[Document, Selection],
        typing_in: str | None,
    ) -> None:
        super().__init__("edit")
        self._restore = restore
        self.before, self.after = before, after
        self.typing_in = typing_in
        self._done = True  # pushed after the form already made the change

    def id(self) -> int:
        return TYPING if self.typing_in is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt's name)
        if not isinstance(other, FormSnapshot) or other.typing_in != self.typing_in:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._restore(*self.after)

    def undo(self) -> None:
        self._restore(*self.before)


class FormHistory(QObject):
    def __init__(
        self, document: Callable[[], Document], selection: Callable[[], Selection], restore: Restore
    ) -> None:
        super().__init__()
        self.stack = QUndoStack(self)
        self._document, self._selection = document, selection
        self._restore = restore
        self._last: tuple[Document, Selection] = ({}, None)
        self._restoring = False

    def start(self) -> None:
        """A document was loaded: it is where the history begins."""
        self.stack.clear()
        self._last = self._now()

    def record(self) -> None:
        """The form changed its document: one more step (or the same typing, longer)."""
        if self._restoring:
            return
        now = self._now()
        if now[0] == self._last[0]:
            return
        typing_in = _text_edited(self._last[0], now[0])
        self.stack.push(FormSnapshot(self._put_back, self._last, now, typing_in))
        self._last = now

    def undo(self) -> bool:
        if not self.stack.canUndo():
            return False
        self.stack.undo()
        return True

    def redo(self) -> bool:
        if not self.stack.canRedo():
            return False
        self.stack.redo()
        return True

    def _now(self) -> tuple[Document, Selection]:
        return copy.deepcopy(self._document()), self._selection()

    def _put_back(self, document: Document, selection: Selection) -> None:
        self._restoring = True
        try:
            self._restore(copy.deepcopy(document), selection)
        finally:
            self._restoring = False
        self._last = (copy.deepcopy(document), selection)


def _text_edited(before: Any, after: Any, path: str = "$") -> str | None:
    """The path of the one text that differs between two drafts (typing in a field), or None
    when anything else changed too."""
    if isinstance(before, str) and isinstance(after, str):
        return path if before != after else None
    if isinstance(before, dict) and isinstance(after, dict):
        if before.keys() != after.keys():
            return None
        keys = [key for key in before if before[key] != after[key]]
        return (
            _text_edited(before[keys[0]], after[keys[0]], f"{path}.{keys[0]}")
            if len(keys) == 1
            else None
        )
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        indexes = [i for i, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
        if len(indexes) == 1:
            return _text_edited(before[indexes[0]], after[indexes[0]], f"{path}[{indexes[0]}]")
    return None
