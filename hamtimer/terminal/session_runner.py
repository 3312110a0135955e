"""`hamtimer run`: a session in the terminal, in real time, with captions and keys.

The loop sleeps until the session's next deadline (waking early for a key or a remote command)
and polls it; the session hands each event to its listeners, this module's
`TerminalSession.show` among them. No tick is counted; timing comes from the engine's clock.
"""

from __future__ import annotations

import contextlib
import os
import select
import sys
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Protocol, TextIO

from hamtimer.core.durations import clock_text
from hamtimer.core.engine import (
    CountdownTick,
    CueDue,
    EngineEvent,
    SessionFinished,
    SessionPaused,
    SessionResumed,
    SessionStopped,
    StepFinished,
    StepStarted,
)
from hamtimer.core.engine import PauseReason as _PauseReason
from hamtimer.core.plan import Plan, Step
from hamtimer.core.session_record import QuickLog, SessionRecord
from hamtimer.core.vocabulary import StepKind
from hamtimer.services.app_services import Services
from hamtimer.services.remote import HeardCommand, RemoteInbox
from hamtimer.services.session import Session, open_session
from hamtimer.services.speech.cue_voice import CueVoice
from hamtimer.terminal.formatting import summary_lines
from hamtimer.terminal.safe_output import quiet_closed_stdout

if TYPE_CHECKING:
    from hamtimer.services.voice_commands import VoiceCommands

KEY_HELP = (
    "keys: space, b or . pause/resume · n, → or PageDown skip · r, ← or PageUp back"
    " · d or Enter done · q stop"
)
PAGE_DOWN, PAGE_UP, RIGHT, LEFT = "\x1b[6~", "\x1b[5~", "\x1b[C", "\x1b[D"
"""What a terminal sends for these keys (a presenter clicker's next and back, the arrows)."""
SEQUENCE_WAIT_S = 0.02
"""An escape sequence arrives at once; a lone Esc is followed by nothing within this."""


class KeySource(Protocol):
    def wait(self, timeout: float | None) -> str | None:
        """Block up to `timeout` seconds (forever if None) for one key; None on timeout.
        A key with an escape sequence (PageDown) comes whole, as one string."""


class HasFileno(Protocol):
    def fileno(self) -> int: ...


class SleepOnly:
    """No keyboard (not a TTY): sleep until the deadline, or until a remote command (MPRIS)
    lands in `wake`."""

    def __init__(self, wake: HasFileno | None = None) -> None:
        self._wake = wake

    def wait(self, timeout: float | None) -> str | None:
        if self._wake is None:
            time.sleep(1.0 if timeout is None else timeout)
        else:
            select.select([self._wake], [], [], timeout)
        return None


class TerminalKeys:
    """Single key presses from a TTY, in cbreak mode for the duration of the session; `wake`
    (a remote's inbox) ends a wait early too."""

    def __init__(self, stream: TextIO, wake: HasFileno | None = None) -> None:
        self._stream = stream
        self._wake = wake

    def wait(self, timeout: float | None) -> str | None:
        watched: list[HasFileno] = [self._stream]
        if self._wake is not None:
            watched.append(self._wake)
        ready, _, _ = select.select(watched, [], [], timeout)
        if self._stream not in ready:
            return None
        key = self._read_byte()
        return self._read_sequence(key) if key == "\x1b" else key

    def _read_byte(self) -> str:
        return os.read(self._stream.fileno(), 1).decode("utf-8", "replace")

    def _read_sequence(self, key: str) -> str:
        """ESC [ 6 ~ and the like: read to the sequence's last byte (a letter or ~)."""
        while len(key) < 8 and select.select([self._stream], [], [], SEQUENCE_WAIT_S)[0]:
            key += self._read_byte()
            if len(key) > 2 and (key[-1].isalpha() or key[-1] == "~"):
                break
        return key

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
    """Keys in, lines out: the terminal's part of a session. `show` is the session's view
    listener (hand it to `open_session`), `run` drives the session to its end."""

    def __init__(
        self,
        out: TextIO,
        keys: KeySource,
        clock: Callable[[], float] = time.monotonic,
        remote: RemoteInbox | None = None,
    ) -> None:
        self._out = out
        self._keys = keys
        self._clock = clock
        self._remote = remote
        """Commands from the MPRIS player's and the voice listener's threads; run here,
        between waits."""
        self._session: Session | None = None
        self._mid_line = False
        self.pedal_key = ""
        """A foot pedal's key when it types a character (a terminal gets no F-keys alike)."""
        self._reader_gone = False

    def run(self, session: Session) -> SessionRecord:
        """Run to the end (or until stopped) and return the record of what was done."""
        self._session = session
        session.start()
        try:
            while session.running and not self._reader_gone:
                self._wait_and_poll(session)
        except KeyboardInterrupt:
            session.stop()
        if session.running:  # `hamtimer run x | head` ended: the user stopped it, not a crash
            session.stop()
        record = session.finish()
        self._line("")
        for line in summary_lines(record):
            self._line(line)
        return record

    def _wait_and_poll(self, session: Session) -> None:
        snapshot = session.snapshot()
        if snapshot.pause_reason == _PauseReason.SUSPEND and isinstance(self._keys, SleepOnly):
            # Nobody can press a key to resume: carry on after a suspend, as the log shows.
            # (A pause asked for by a remote waits for the remote.)
            session.resume()
        deadline = session.next_deadline()
        timeout = None if deadline is None else max(0.0, deadline - self._clock())
        key = self._keys.wait(timeout)
        if key is not None:
            self._command(session, key)
        if self._remote is not None:
            for command in self._remote.drain():
                if isinstance(command, HeardCommand):
                    session.heard(command)
                else:
                    session.remote(command)
        session.poll()

    def _command(self, session: Session, key: str) -> None:
        actions: dict[str, Callable[[], list[EngineEvent]]] = {
            " ": session.toggle_pause,
            "p": session.toggle_pause,
            "b": session.toggle_pause,  # a presenter clicker's "blank screen"
            ".": session.toggle_pause,  # the same, on other clickers
            "n": session.skip,
            PAGE_DOWN: session.skip,
            RIGHT: session.skip,
            "r": session.back,
            PAGE_UP: session.back,
            LEFT: session.back,
            "d": session.done,
            "\n": session.done,
            "\r": session.done,
            "q": session.stop,
        }
        if self.pedal_key:
            actions.setdefault(self.pedal_key.lower(), session.toggle_pause)  # keys keep theirs
        action = actions.get(key if key.startswith("\x1b") else key.lower())
        if action is not None:
            action()

    def show_heard(self, heard: HeardCommand) -> None:
        """A spoken command has acted: say so (the session's `on_heard`)."""
        self._line(f"  🎙  {heard.caption}")

    def show(self, event: EngineEvent, _actual: float) -> None:
        """The view listener: one line per step, cue and pause, the countdown inline."""
        self._show(event)

    def _show(self, event: EngineEvent) -> None:
        if isinstance(event, StepStarted):
            self._line(self._step_header(event.step))
            for note in event.step.notes:  # the caution follows as a spoken line
                self._line(f"      Note: {note}")
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
        elif isinstance(event, SessionFinished) and self._session is not None:
            self._line(f"  {self._session.plan.finish_text}")
        elif isinstance(event, SessionStopped):
            self._line("  Session stopped.")

    def _step_header(self, step: Step) -> str:
        elapsed = self._session.snapshot().session_elapsed_s if self._session else 0.0
        when = clock_text(elapsed)
        side = step.side.caption
        length = f"{step.duration_s:.0f} s" if step.duration_s is not None else "until done"
        parts = [step.phase.caption, side, step.title if step.kind == StepKind.WORK else "", length]
        if step.kind in (StepKind.WORK, StepKind.OPEN) and step.set_count > 1:
            parts.insert(3, step.set_label)
        if step.kind in (StepKind.REST, StepKind.PREPARE) and step.next_title:
            parts.append(f"next: {step.next_title}")
        return f"[{when}] " + " · ".join(p for p in parts if p)

    def _write(self, text: str) -> None:
        self._emit(text)
        self._mid_line = True

    def _line(self, text: str) -> None:
        prefix = "\n" if self._mid_line else ""
        self._emit(prefix + text + "\n")
        self._mid_line = False

    def _emit(self, text: str) -> None:
        """Write and flush; a closed pipe (the reader went away) ends the output quietly and
        the session as stopped, instead of a traceback and a session saved as interrupted."""
        if self._reader_gone:
            return
        try:
            self._out.write(text)
            self._out.flush()
        except BrokenPipeError:
            self._reader_gone = True
            quiet_closed_stdout()


def keys_for(stream: TextIO, wake: HasFileno | None = None) -> KeySource:
    """Real key presses where stdin is a terminal; otherwise the session just runs. Either
    way a remote command in `wake` ends a wait."""
    return TerminalKeys(stream, wake) if stream.isatty() else SleepOnly(wake)


def run_in_terminal(
    services: Services,
    plan: Plan,
    voice: CueVoice | None,
    use_keys: bool,
    listen: bool = False,
) -> tuple[SessionRecord, str]:
    """`hamtimer run`: the session of `plan`, with keys when stdin is a terminal, the MPRIS
    player (media keys, headsets, playerctl) where there is a session bus, and voice commands
    if `listen` and they can work here; then, on a terminal, the log (effort, pain, notes;
    Enter skips each). Returns the record and, if it could not be saved, the line saying why
    and where it is kept."""
    listening = listen and _can_listen()
    remote = RemoteInbox() if services.mpris_bus is not None or listening else None
    try:
        return _run_in_terminal(services, plan, voice, use_keys, remote, listening)
    finally:
        if remote is not None:
            remote.close()


def _can_listen() -> bool:
    """Whether voice commands can work here; if not, one line says why."""
    from hamtimer.services.voice_commands import voice_commands_unavailable

    reason = voice_commands_unavailable()
    if reason is not None:
        print(f"{reason} Carrying on without voice commands.")
    return reason is None


def voice_listener(voice: CueVoice | None, inbox: RemoteInbox) -> VoiceCommands:
    """Voice commands into `inbox`, ignoring what is heard while `voice` speaks."""
    from hamtimer.services.voice_commands import (
        COMMAND_PHRASES,
        SpeakingGate,
        VoiceCommands,
        phrases_said,
    )

    print(f"Listening for {phrases_said(COMMAND_PHRASES)} (offline; nothing is recorded).")
    return VoiceCommands(
        on_heard=inbox.put,
        gate=SpeakingGate(lambda: voice.audible_until if voice is not None else 0.0),
        on_problem=print,
    )


def _run_in_terminal(
    services: Services,
    plan: Plan,
    voice: CueVoice | None,
    use_keys: bool,
    remote: RemoteInbox | None,
    listening: bool,
) -> tuple[SessionRecord, str]:
    keys = keys_for(sys.stdin, remote) if use_keys else SleepOnly(remote)
    terminal = TerminalSession(sys.stdout, keys, remote=remote)
    terminal.pedal_key = _typed_pedal_key(services)
    mpris = remote.put if remote is not None and services.mpris_bus is not None else None
    session = open_session(services, plan, view=terminal.show, voice=voice, remote=mpris)
    session.on_heard.append(terminal.show_heard)
    listener = voice_listener(voice, remote) if listening and remote is not None else None
    if listener is not None:
        listener.start()
    try:
        if isinstance(keys, TerminalKeys):
            pedal = f" · {terminal.pedal_key} (pedal) pause" if terminal.pedal_key else ""
            print(KEY_HELP + pedal)
            with keys.cbreak():
                record = terminal.run(session)
        else:
            record = terminal.run(session)
    finally:
        if listener is not None:
            listener.close()  # the microphone is open only while the session runs
    if (session.saved or session.kept) and sys.stdin.isatty():
        save_asked_log(session, input, sys.stdout)
    return record, session.save_problem


def _typed_pedal_key(services: Services) -> str:
    """The pedal's key from Settings, if a terminal receives it as one character."""
    key = services.settings.load()[0].pedal_key
    return key if len(key) == 1 else ""


def save_asked_log(session: Session, ask: Callable[[str], str], out: TextIO) -> None:
    """Ask for the log and save it with the session (nothing is saved if all are skipped)."""
    log = ask_quick_log(ask, out)
    if log != QuickLog():
        problem = session.save_quick_log(log)
        out.write((problem or "Saved with the session in your history.") + "\n")


def ask_quick_log(ask: Callable[[str], str], out: TextIO) -> QuickLog:
    """Effort, pain and notes, one question each; Enter (or end of input) skips one."""
    out.write("How did it go? (Enter skips)\n")
    try:
        effort = _ask_score(ask, out, "  Effort, 0 to 10 (RPE): ")
        pain = _ask_score(ask, out, "  Hamstring pain or soreness, 0 to 10: ")
        notes = ask("  Notes: ").strip()
    except EOFError:
        return QuickLog()
    return QuickLog(effort, pain, notes)


def _ask_score(ask: Callable[[str], str], out: TextIO, prompt: str) -> int | None:
    while True:
        answer = ask(prompt).strip()
        if not answer:
            return None
        if answer.isdigit() and 0 <= int(answer) <= 10:
            return int(answer)
        out.write("  A whole number from 0 to 10, or Enter to skip.\n")
