"""Whether voice commands can work here, asked once off the GUI thread (it runs pactl, up to
2 s) and kept: the Settings page greys "Listen for commands" out with the reason, and a
session in the window starts listening only when the answer is None."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor, Future

from PySide6.QtCore import QObject, Signal


def _ask() -> str | None:
    # Looked up at call time: tests replace `voice_commands_unavailable` on its module.
    from hamtimer.services import voice_commands

    return voice_commands.voice_commands_unavailable()


class ListeningCheck(QObject):
    answered = Signal(object)
    """Why voice commands can't work here (a sentence), or None; on the GUI thread."""

    def __init__(self, background: Executor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._background = background
        self._asked = False
        self.known = False
        self.reason: str | None = None
        self._waiting: list[Callable[[str | None], None]] = []
        self.answered.connect(self._keep)

    def check(self) -> None:
        """Ask once, on the background thread; `answered` is emitted with the answer (queued
        to this object's thread: the GUI never waits for pactl)."""
        if self._asked:
            return
        self._asked = True
        self._background.submit(_ask).add_done_callback(self._deliver)

    def when_known(self, then: Callable[[str | None], None]) -> None:
        """`then(reason)` now if known, else once answered (the check is started if need be)."""
        if self.known:
            then(self.reason)
            return
        self._waiting.append(then)
        self.check()

    def _deliver(self, future: Future[str | None]) -> None:
        try:
            reason = future.result()
        except Exception as error:
            reason = f"Voice commands could not be checked: {error}."
        self.answered.emit(reason)

    def _keep(self, reason: object) -> None:
        self.known = True
        self.reason = reason if isinstance(reason, str) else None
        waiting, self._waiting = self._waiting, []
        for then in waiting:
            then(self.reason)
