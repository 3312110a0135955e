"""The one Qt runner: adapts the session engine to the event loop.

One single-shot `Qt.PreciseTimer` is armed for `engine.next_deadline()`, and re-armed after each
handling. There is no polling tick: between deadlines the GUI thread sleeps.

Qt's precise timers wake late by about 0.1% of their interval (measured here: 0.2 ms for 20 ms,
1.2 ms for 1 s), so a long wait first ends APPROACH_S early and the timer is re-armed for the
short rest. Every deadline is then met within a fraction of a millisecond, for one extra
wake-up per deadline and no polling.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from hamtimer.core.engine import EngineEvent, SessionEngine
from hamtimer.services.remote import HeardCommand, RemoteCommand
from hamtimer.services.session import Session

log = logging.getLogger(__name__)

APPROACH_S = 0.05


class SessionRunner(QObject):
    """Drives a `Session` from the event loop; views listen to its signals and call its
    commands. The session's listeners (voice, screen-awake, history) are the session's own:
    this class adds only the timer and the signals."""

    engine_event = Signal(object)
    """Each engine event, in order (an `EngineEvent`), as the session's view listener."""
    changed = Signal()
    """After every handling: redraw from `session.snapshot()`."""
    finished = Signal(object)
    """The session ended (finished or stopped), with its `SessionRecord`."""

    def __init__(self, clock: Callable[[], float], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._session: Session | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.on_timer)
        self._deadline: float | None = None
        self._approaching = False

    def on_event(self, event: EngineEvent, _actual: float) -> None:
        """The view listener handed to `open_session`."""
        self.engine_event.emit(event)

    @property
    def session(self) -> Session:
        assert self._session is not None, "run() a session first"
        return self._session

    @property
    def engine(self) -> SessionEngine:
        return self.session.engine

    # Commands: each returns nothing; what happened arrives through the signals.
    def run(self, session: Session) -> None:
        self._session = session
        self._after(session.start())

    def toggle_pause(self) -> None:
        self._after(self.session.toggle_pause())

    def skip(self) -> None:
        self._after(self.session.skip())

    def back(self) -> None:
        self._after(self.session.back())

    def done(self) -> None:
        self._after(self.session.done())

    def stop(self) -> None:
        self._after(self.session.stop())

    def remote(self, command: RemoteCommand) -> None:
        self._after(self.session.remote(command))

    def heard(self, heard: HeardCommand) -> None:
        """A spoken command: run as the remote's, then confirmed (`Session.on_heard`)."""
        self._after(self.session.heard(heard))

    def interrupt(self) -> None:
        self._after(self.session.interrupt())

    def on_timer(self) -> None:
        if self._approaching and self._deadline is not None:
            self._start_timer(self._deadline)
        else:
            self.poll_now()

    def poll_now(self) -> None:
        """Handle whatever is due. The timer calls it; tests with a fake clock call it too."""
        self._after(self.session.poll())

    @property
    def timer_armed(self) -> bool:
        return self._timer.isActive()

    @property
    def timer_interval_ms(self) -> int:
        return self._timer.interval()

    def _after(self, events: list[EngineEvent]) -> None:
        self._arm()
        self.changed.emit()
        if events and self.session.ended:
            self.finished.emit(self.session.finish())

    def _arm(self) -> None:
        self._deadline = self.session.next_deadline()
        if self._deadline is None:
            self._timer.stop()
            return
        self._start_timer(self._deadline)

    def _start_timer(self, deadline: float) -> None:
        delay = deadline - self._clock()
        self._approaching = delay > 2 * APPROACH_S
        if self._approaching:
            delay -= APPROACH_S
        # Rounded up: a wake-up a hair early would find nothing due and spin once more.
        self._timer.start(max(0, math.ceil(delay * 1000)))
