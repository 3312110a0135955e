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

from hamtimer.core.engine import (
    EngineEvent,
    EngineState,
    EventSink,
    SessionEngine,
    SessionFinished,
    SessionStopped,
)
from hamtimer.core.summary import SessionSummary, summarize

log = logging.getLogger(__name__)

APPROACH_S = 0.05


class SessionRunner(QObject):
    """Owns the engine's timer; views listen to its signals and call its commands."""

    engine_event = Signal(object)
    """Each engine event, in order (an `EngineEvent`)."""
    changed = Signal()
    """After every handling: redraw from `engine.snapshot()`."""
    finished = Signal(object)
    """The session ended (finished or stopped), with its `SessionSummary`."""

    def __init__(
        self,
        engine: SessionEngine,
        clock: Callable[[], float],
        sinks: tuple[EventSink, ...] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self._clock = clock
        self._sinks = sinks
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.on_timer)
        self._deadline: float | None = None
        self._approaching = False

    # Commands: each returns nothing; what happened arrives through the signals.
    def start(self) -> None:
        self._apply(self.engine.start())

    def toggle_pause(self) -> None:
        self._apply(self.engine.toggle_pause())

    def skip(self) -> None:
        self._apply(self.engine.skip())

    def back(self) -> None:
        self._apply(self.engine.back())

    def done(self) -> None:
        self._apply(self.engine.done())

    def stop(self) -> None:
        self._apply(self.engine.stop())

    def on_timer(self) -> None:
        if self._approaching and self._deadline is not None:
            self._start_timer(self._deadline)
        else:
            self.poll_now()

    def poll_now(self) -> None:
        """Handle whatever is due. The timer calls it; tests with a fake clock call it too."""
        self._apply(self.engine.poll())

    @property
    def timer_armed(self) -> bool:
        return self._timer.isActive()

    @property
    def timer_interval_ms(self) -> int:
        return self._timer.interval()

    def summary(self) -> SessionSummary:
        completed = self.engine.state == EngineState.FINISHED
        return summarize(self.engine.plan, self.engine.results(), completed)

    def _apply(self, events: list[EngineEvent]) -> None:
        actual = self._clock()
        for item in events:
            for sink in self._sinks:
                sink(item, actual)
            self.engine_event.emit(item)
        self._arm()
        self.changed.emit()
        if any(isinstance(item, SessionFinished | SessionStopped) for item in events):
            self.finished.emit(self.summary())

    def _arm(self) -> None:
        self._deadline = self.engine.next_deadline()
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
