"""`hamtimer run`: a session in the terminal, in real time, with captions and keys.

The loop sleeps until `engine.next_deadline()` (waking early only for a key), polls the engine
and prints what it returns. No tick is counted; timing comes from the engine's clock.
"""

from __future__ import annotations

import contextlib
import os
import select
import sys
import time
from collections.abc import Callable, Iterator
from typing import Protocol, TextIO

from hamtimer.core.durations import clock_text
from hamtimer.core.engine import (
    CountdownTick,
    CueDue,
    EngineEvent,
    EngineState,
    EventSink,
    SessionEngine,
    SessionFinished,
    SessionPaused,
    SessionResumed,
    SessionStopped,
    StepFinished,
    StepStarted,
)
from hamtimer.core.engine import PauseReason as _PauseReason
from hamtimer.core.phase_words import phase_word, side_word
from hamtimer.core.plan import Step, StepKind
from hamtimer.core.summary import SessionSummary, summarize
from hamtimer.terminal.formatting import summary_lines

KEY_HELP = "keys: space pause/resume · n skip · b back · d or Enter done · q stop"


class KeySource(Protocol):
    def wait(self, timeout: float | None) -> str | None:
        """Block up to `timeout` seconds (forever if None) for one key; None on timeout."""


class SleepOnly:
    """No keyboard (not a TTY): just sleep until the deadline."""

    def wait(self, timeout: float | None) -> str | None:
        time.sleep(1.0 if timeout is None else timeout)
        return None


class TerminalKeys:
    """Single key presses from a TTY, in cbreak mode for the duration of the session."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def wait(self, timeout: float | None) -> str | None:
        ready, _, _ = select.select([self._stream], [], [], timeout)
        if not ready:
            return None
        return os.read(self._stream.fileno(), 1).decode("utf-8", "replace")

    @contextlib.contextmanager
    def cbreak(self) -> Iterator[None]:
        import termios
        import tty

        fd = self._stream.fileno()
        saved = termios.tcgetattr(fd)
        try:
            tty.setcbreak(fd)
            yield
        finally:
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)


class TerminalSession:
    def __init__(
        self,
        engine: SessionEngine,
        out: TextIO,
        keys: KeySource,
        sinks: tuple[EventSink, ...] = (),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._engine = engine
        self._out = out
        self._keys = keys
        self._sinks = sinks
        self._clock = clock
        self._mid_line = False

    def run(self) -> SessionSummary:
        """Run to the end (or until stopped) and return what was done."""
        self._handle(self._engine.start())
        try:
            while self._engine.state in (EngineState.RUNNING, EngineState.PAUSED):
                self._wait_and_poll()
        except KeyboardInterrupt:
            self._handle(self._engine.stop())
        completed = self._engine.state == EngineState.FINISHED
        summary = summarize(self._engine.plan, self._engine.results(), completed)
        self._line("")
        for line in summary_lines(summary):
            self._line(line)
        return summary

    def _wait_and_poll(self) -> None:
        if self._engine.state == EngineState.PAUSED and isinstance(self._keys, SleepOnly):
            # Nobody can press a key to resume: carry on after a suspend, as the log shows.
            self._handle(self._engine.resume())
        deadline = self._engine.next_deadline()
        timeout = None if deadline is None else max(0.0, deadline - self._clock())
        key = self._keys.wait(timeout)
        if key is not None:
            self._handle(self._command(key))
        self._handle(self._engine.poll())

    def _command(self, key: str) -> list[EngineEvent]:
        engine = self._engine
        actions: dict[str, Callable[[], list[EngineEvent]]] = {
            " ": engine.toggle_pause,
            "p": engine.toggle_pause,
            "n": engine.skip,
            "b": engine.back,
            "d": engine.done,
            "\n": engine.done,
            "\r": engine.done,
            "q": engine.stop,
        }
        action = actions.get(key.lower())
        return action() if action is not None else []

    def _handle(self, events: list[EngineEvent]) -> None:
        actual = self._clock()
        for event in events:
            for sink in self._sinks:
                sink(event, actual)
            self._show(event)

    def _show(self, event: EngineEvent) -> None:
        if isinstance(event, StepStarted):
            self._line(self._step_header(event.step))
        elif isinstance(event, CueDue):
            self._line(f"      » {event.cue.text}")
        elif isinstance(event, CountdownTick):
            self._write(f"      {event.number}…" if not self._mid_line else f" {event.number}…")
        elif isinstance(event, StepFinished) and event.outcome.value != "completed":
            self._line(f"      ({event.outcome.value.replace('_', ' ')})")
        elif isinstance(event, SessionPaused):
            why = "the computer slept" if event.reason == _PauseReason.SUSPEND else "paused"
            self._line(f"  ⏸  Paused ({why}). Press space to carry on.")
        elif isinstance(event, SessionResumed):
            self._line("  ▶  Carrying on.")
        elif isinstance(event, SessionFinished):
            self._line(f"  {self._engine.plan.finish_text}")
        elif isinstance(event, SessionStopped):
            self._line("  Session stopped.")

    def _step_header(self, step: Step) -> str:
        snap = self._engine.snapshot()
        when = clock_text(snap.session_elapsed_s)
        side = side_word(step)
        length = f"{step.duration_s:.0f} s" if step.duration_s is not None else "until done"
        parts = [phase_word(step), side, step.title if step.kind == StepKind.WORK else "", length]
        if step.kind in (StepKind.WORK, StepKind.OPEN) and step.set_count > 1:
            parts.insert(3, step.set_label)
        if step.kind in (StepKind.REST, StepKind.PREPARE) and step.next_title:
            parts.append(f"next: {step.next_title}")
        return f"[{when}] " + " · ".join(p for p in parts if p)

    def _write(self, text: str) -> None:
        self._out.write(text)
        self._out.flush()
        self._mid_line = True

    def _line(self, text: str) -> None:
        prefix = "\n" if self._mid_line else ""
        self._out.write(prefix + text + "\n")
        self._out.flush()
        self._mid_line = False


def keys_for(stream: TextIO) -> KeySource:
    """Real key presses where stdin is a terminal; otherwise the session just runs."""
    return TerminalKeys(stream) if stream.isatty() else SleepOnly()


def run_in_terminal(
    engine: SessionEngine, sinks: tuple[EventSink, ...], use_keys: bool
) -> SessionSummary:
    keys = keys_for(sys.stdin) if use_keys else SleepOnly()
    session = TerminalSession(engine, sys.stdout, keys, sinks)
    if isinstance(keys, TerminalKeys):
        print(KEY_HELP)
        with keys.cbreak():
            return session.run()
    return session.run()
