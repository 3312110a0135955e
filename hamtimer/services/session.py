"""One session pipeline for the window and the terminal.

A `Session` owns the engine and an ordered list of listeners; every command and every poll
goes through it, and each event reaches the listeners in this order (see `open_session`):

1. the voice: the sound is what has to land on the second, so it goes first;
2. the frontend's view: the caption, the countdown, the terminal's line;
3. screen-awake: inhibit while running, release on pause and at the end;
4. the MPRIS player (media keys, headsets, playerctl), when the frontend takes remote commands;
5. the recorder: the journal at each step's end, the history at the end;
6. the --log-events writer, last, so its "actual" time is the moment everything above was done.

Each listener gets the monotonic time at which the event reached it. Adding an output (MPRIS,
notifications) is one entry in `open_session`'s list. Qt-free: the window drives a Session from
a QTimer, the terminal from a select() loop.

Nothing slow runs while a batch of events is handed out. Listeners that write files or call the
desktop queue that work and hand it to the one background thread once the batch is out
(`Deferring.hand_over`): started mid-batch, that thread would compete for the GIL with the next
step's sound and caption (Python switches threads every 5 ms). And the objects alive when a
session starts are frozen out of the garbage collector until it ends: a full collection of the
window's ~44,000 objects takes ~9 ms, enough to make a boundary late.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from hamtimer.core.announcements import Sound
from hamtimer.core.engine import (
    EngineEvent,
    EngineState,
    EventSink,
    SessionEngine,
    SessionFinished,
    SessionPaused,
    SessionResumed,
    SessionStopped,
    Snapshot,
    StepStarted,
)
from hamtimer.core.history import entry_of
from hamtimer.core.plan import Plan
from hamtimer.core.session_record import QuickLog, SessionEnd, SessionRecord, session_record
from hamtimer.services.remote import HeardCommand, RemoteCommand
from hamtimer.services.session_recorder import WRITE_ERRORS, SessionRecorder

if TYPE_CHECKING:
    from hamtimer.services.app_services import Services
    from hamtimer.services.screen_awake import ScreenAwake
    from hamtimer.services.speech.cue_voice import CueVoice

log = logging.getLogger(__name__)

SAVE_WAIT_S = 10.0
"""How long the end of a session waits for its history write before showing the summary."""

Clock = Callable[[], float]


@runtime_checkable
class Deferring(Protocol):
    """A listener with slow work (files, D-Bus) queued while a batch of events is handed out."""

    def hand_over(self) -> None:
        """Give the queued work to the background thread, in order."""


class Session:
    def __init__(
        self,
        engine: SessionEngine,
        listeners: Sequence[EventSink],
        recorder: SessionRecorder,
        services: Services,
        clock: Clock = time.monotonic,
    ) -> None:
        self.engine = engine
        self._listeners = tuple(listeners)
        self._deferring: list[Deferring] = []
        for listener in self._listeners:
            if isinstance(listener, Deferring):
                self._deferring.append(listener)
        self._recorder = recorder
        self._services = services
        self._clock = clock
        self._record: SessionRecord | None = None
        self.on_heard: list[Callable[[HeardCommand], None]] = []
        """Called on the session's thread once a spoken command has acted, to confirm it:
        `open_session` adds the voice's sound; the frontend adds its caption."""
        self.saved = False
        """Whether the finished session is in the history (known after `finish`)."""
        self.save_problem = ""
        """When not saved: one line saying why and where the session is kept."""
        self.kept = False
        """Not saved but kept for the next start (a log added now is kept with it)."""

    # -- commands: each returns the events it caused, after every listener has had them ----

    def start(self) -> list[EngineEvent]:
        if self.engine.state == EngineState.READY:
            gc.collect()  # before the clock starts, so what is frozen is what lives on
            gc.freeze()
        return self._dispatch(self.engine.start())

    def poll(self) -> list[EngineEvent]:
        return self._dispatch(self.engine.poll())

    def toggle_pause(self) -> list[EngineEvent]:
        return self._dispatch(self.engine.toggle_pause())

    def pause(self) -> list[EngineEvent]:
        return self._dispatch(self.engine.pause())

    def resume(self) -> list[EngineEvent]:
        return self._dispatch(self.engine.resume())

    def skip(self) -> list[EngineEvent]:
        return self._dispatch(self.engine.skip())

    def back(self) -> list[EngineEvent]:
        return self._dispatch(self.engine.back())

    def done(self) -> list[EngineEvent]:
        return self._dispatch(self.engine.done())

    def stop(self) -> list[EngineEvent]:
        return self._dispatch(self.engine.stop())

    def remote(self, command: RemoteCommand) -> list[EngineEvent]:
        """A command from a remote (MPRIS), on the session's own thread. Stop asks nothing."""
        actions: dict[RemoteCommand, Callable[[], list[EngineEvent]]] = {
            RemoteCommand.TOGGLE_PAUSE: self.toggle_pause,
            RemoteCommand.PLAY: self.resume,
            RemoteCommand.PAUSE: self.pause,
            RemoteCommand.NEXT: self.skip,
            RemoteCommand.PREVIOUS: self.back,
            RemoteCommand.STOP: self.stop,
            RemoteCommand.DONE: self.done,
        }
        return actions[command]()

    def heard(self, heard: HeardCommand) -> list[EngineEvent]:
        """A spoken command (voice commands), on the session's own thread: it acts first,
        then is confirmed (a sound, a caption), so the confirmation never delays it."""
        events = self.remote(heard.command)
        for confirm in self.on_heard:
            confirm(heard)
        return events

    def interrupt(self) -> list[EngineEvent]:
        """The app is being ended (a logout, SIGTERM): stop, and record it as interrupted."""
        self._recorder.interrupting()
        return self.stop()

    # -- queries ---------------------------------------------------------------------------

    @property
    def plan(self) -> Plan:
        return self.engine.plan

    @property
    def running(self) -> bool:
        """Started and not yet ended (running or paused)."""
        return self.engine.state in (EngineState.RUNNING, EngineState.PAUSED)

    @property
    def paused(self) -> bool:
        return self.engine.state == EngineState.PAUSED

    @property
    def ended(self) -> bool:
        return self.engine.state in (EngineState.FINISHED, EngineState.STOPPED)

    def snapshot(self) -> Snapshot:
        return self.engine.snapshot()

    def next_deadline(self) -> float | None:
        return self.engine.next_deadline()

    # -- the end ---------------------------------------------------------------------------

    def finish(self) -> SessionRecord:
        """The record of the ended session, once its history write is done (or has failed:
        then `saved` is False and the journal is recovered at the next start)."""
        if self._record is None:
            recorded = self._recorder.record
            outcome = self._recorder.wait_saved(SAVE_WAIT_S)
            self.saved, self.save_problem, self.kept = outcome.saved, outcome.problem, outcome.kept
            self._record = recorded or self._unrecorded()
        return self._record

    def save_quick_log(self, quick_log: QuickLog) -> str | None:
        """Add the after-session log to the saved session; why not, if it could not be."""
        record = self.finish()
        if not self.saved:
            kept = self._services.background.submit(self._recorder.keep_quick_log, quick_log)
            if kept.result():
                return "Your log is kept with the session and saved with it at the next start."
            return "The session is not in your history yet, so its log can't be saved."
        history = self._services.history
        try:
            self._services.background.submit(
                history.set_quick_log, entry_of(record), quick_log
            ).result()
        except WRITE_ERRORS as error:
            log.warning("quick log not saved: %s", error)
            return f"The log could not be saved ({error})."
        return None

    def _unrecorded(self) -> SessionRecord:
        """A session that ended before its first step (nothing to save)."""
        now = datetime.now(UTC)
        finished = self.engine.state == EngineState.FINISHED
        return session_record(
            self.plan,
            self.engine.results(),
            record_id="",
            started=now,
            ended=now,
            ended_by=SessionEnd.FINISHED if finished else SessionEnd.STOPPED,
        )

    def _dispatch(self, events: list[EngineEvent]) -> list[EngineEvent]:
        for event in events:
            for listener in self._listeners:
                listener(event, self._clock())
        for deferring in self._deferring:
            deferring.hand_over()  # slow work starts once the sound and caption are out
        if events and self.ended:
            gc.unfreeze()  # the session is over: collections may take their time again
        return events


@dataclass(slots=True)
class SpokenCues:
    """The voice as a listener. `on_unheard` is told when a phrase or sound was due but could
    not be played (the window flashes instead)."""

    voice: CueVoice
    plan: Plan
    on_unheard: Callable[[], None]

    def __call__(self, event: EngineEvent, _actual: float) -> None:
        if self.voice.on_event(event, self.plan) is False:
            self.on_unheard()


@dataclass(slots=True)
class KeepScreenAwake:
    """Inhibits the screen saver while the session runs; lets it sleep on pause and at the end.
    The calls (a D-Bus round trip on Linux) run on the background thread."""

    screen: ScreenAwake
    background: Executor
    _awake: bool = False
    _queued: list[Callable[[], None]] = field(default_factory=list)

    def __call__(self, event: EngineEvent, _actual: float) -> None:
        if isinstance(event, StepStarted | SessionResumed) and not self._awake:
            self._awake = True
            self._queued.append(self.screen.inhibit)
        elif isinstance(event, SessionPaused | SessionFinished | SessionStopped) and self._awake:
            self._awake = False
            self._queued.append(self.screen.release)

    def hand_over(self) -> None:
        queued, self._queued = self._queued, []
        for job in queued:
            self.background.submit(job)


def open_session(
    services: Services,
    plan: Plan,
    view: EventSink,
    voice: CueVoice | None = None,
    on_unheard: Callable[[], None] = lambda: None,
    clock: Clock = time.monotonic,
    wall_clock: Clock = time.time,
    remote: Callable[[RemoteCommand], None] | None = None,
) -> Session:
    """A session of `plan`, ready to start, with every output in its place. The engine tells
    a suspend from the two clocks (tests pass fake ones). A frontend that passes `remote`
    gets the MPRIS player's commands through it, on the player's thread: it hands them to its
    own thread, which calls `Session.remote`."""
    engine = SessionEngine(plan, clock=clock, wall_clock=wall_clock)
    recorder = SessionRecorder(services.history, engine, services.background)
    listeners: list[EventSink | None] = [
        SpokenCues(voice, plan, on_unheard) if voice is not None else None,
        view,
        KeepScreenAwake(services.screen_awake, services.background),
        _media_player(services, engine, remote, clock),
        recorder,
        services.event_log,
    ]
    session = Session(
        engine, [item for item in listeners if item is not None], recorder, services, clock
    )
    if voice is not None:
        session.on_heard.append(lambda _heard: _confirm_with_sound(voice))
    return session


def _confirm_with_sound(voice: CueVoice) -> None:
    voice.play_sound(Sound.HEARD)


def _media_player(
    services: Services,
    engine: SessionEngine,
    remote: Callable[[RemoteCommand], None] | None,
    clock: Clock,
) -> EventSink | None:
    if remote is None or services.mpris_bus is None:
        return None
    from hamtimer.services.mpris import MediaPlayerUpdates, MprisPlayer

    return MediaPlayerUpdates(MprisPlayer(remote, services.mpris_bus, clock), engine, clock)
