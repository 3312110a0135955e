"""The strip across the top of the window while a finished session is not in the history.

A failed save keeps the session in its journal (services/session_recorder.py); this banner
says so, and where, until the session is saved: by "Try saving again" here, or by the next
start. It never goes away on its own while a session is waiting.
"""

from __future__ import annotations

from concurrent.futures import Executor, Future
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from hamtimer.ui.widgets.keyboard import readable

if TYPE_CHECKING:  # the history's modules load after the first frame
    from hamtimer.core.session_record import SessionRecord
    from hamtimer.services.history import HistoryStore

Recovery = tuple[list["SessionRecord"], list[str]]


class SaveBanner(QFrame):
    saved = Signal(int)
    """How many waiting sessions a retry saved (the history has changed)."""
    _retried = Signal(object)
    """A retry's outcome, from the background thread: (recovered, messages) or the error."""

    def __init__(self, history: HistoryStore, background: Executor) -> None:
        super().__init__()
        self._history = history
        self._background = background
        self.setObjectName("saveBanner")
        self.setProperty("role", "banner-error")
        self.message = QLabel("")
        self.message.setObjectName("saveProblem")
        self.message.setAccessibleName("Why a session is not in your history")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        readable(self.message)  # why a session is not saved, by keyboard too
        self.retry_button = QPushButton("Try saving again")
        self.retry_button.setObjectName("retrySave")
        self.retry_button.setAccessibleName("Try saving the waiting sessions to your history again")
        self.retry_button.clicked.connect(self.retry)
        layout = QHBoxLayout(self)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._retried.connect(self._on_retried)
        self.setVisible(False)

    def show_problem(self, text: str) -> None:
        """A session just ended unsaved: `text` says why and where it is kept."""
        self.message.setText(text)
        self.message.setAccessibleDescription(text)
        self.retry_button.setEnabled(True)
        self.setVisible(True)

    def check(self, messages: list[str]) -> None:
        """After the start's recovery: shown while sessions still wait, with the last reason."""
        waiting = self._history.waiting_sessions()
        if not waiting:
            self.setVisible(False)
            return
        reason = next((m for m in reversed(messages) if "not in your history yet" in m), "")
        self.show_problem(reason or _waiting_text(len(waiting)))

    def retry(self) -> None:
        self.retry_button.setEnabled(False)
        self.message.setText("Saving…")
        future = self._background.submit(self._history.recover_interrupted)
        future.add_done_callback(self._emit_outcome)

    def _emit_outcome(self, future: Future[Recovery]) -> None:
        error = future.exception()
        self._retried.emit(error if error is not None else future.result())

    def _on_retried(self, outcome: Recovery | BaseException) -> None:
        from hamtimer.services.history.store import SAVE_ERRORS, save_problem

        if isinstance(outcome, SAVE_ERRORS):
            self.show_problem(f"Still not saved: {save_problem(outcome)}.")
            return
        if isinstance(outcome, BaseException):
            raise outcome
        recovered, messages = outcome
        if recovered:
            self.saved.emit(len(recovered))
        self.check(messages)


def _waiting_text(count: int) -> str:
    sessions = "A session is" if count == 1 else f"{count} sessions are"
    return f"{sessions} not in your history yet; they are saved at the next start."
