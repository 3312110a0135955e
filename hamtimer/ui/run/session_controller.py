"""A session in the window: opens it on the run screen, routes the commands (keys, buttons,
the remote) to it, asks before a stop (paused while it asks), and says when it has ended.
The main window keeps only the navigation between pages."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QStackedWidget, QWidget

from hamtimer.services.remote import HeardCommand, RemoteCommand
from hamtimer.ui.widgets.accessible import announce

if TYPE_CHECKING:
    from hamtimer.core.engine import EngineEvent
    from hamtimer.core.plan import Plan
    from hamtimer.core.screen_reader import Announcements
    from hamtimer.core.session_record import QuickLog
    from hamtimer.services.app_services import Services
    from hamtimer.services.speech.cue_voice import CueVoice
    from hamtimer.services.voice_commands import VoiceCommands
    from hamtimer.ui.listening_check import ListeningCheck
    from hamtimer.ui.run.qt_runner import SessionRunner
    from hamtimer.ui.run.run_screen import RunScreen

log = logging.getLogger(__name__)

SESSION_COMMANDS = (
    "pause",
    "skip",
    "back",
    "done",
    "stop",
    "status",
    "remote_pause",
    "remote_stop",
)
SOUND_WAIT_S = 3.0
"""The longest Start waits for the audio stream to keep pace; then the session starts anyway."""
SOUND_POLL_MS = 50
REMOTE_KEYS = {"remote_pause": RemoteCommand.PAUSE, "remote_stop": RemoteCommand.STOP}


def confirm_stop(parent: QWidget) -> bool:
    """Ask before throwing a session away. Tests replace this function."""
    answer = QMessageBox.question(
        parent,
        "Stop the session?",
        "Stop this session now? What you have done so far is kept in the summary.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class SessionController(QObject):
    finished = Signal(object)
    """The session ended (finished or stopped), with its `SessionRecord`."""
    listening_problem = Signal(str)
    """Why voice commands stopped (emitted on their reader thread: connect it queued)."""
    waiting_for_sound = Signal(bool)
    """True while Start waits for the audio stream to keep pace; False when it is over."""

    def __init__(
        self,
        services: Services,
        pages: QStackedWidget,
        clock: Callable[[], float],
        wall_clock: Callable[[], float],
        remote: Callable[[RemoteCommand | HeardCommand], None],
        parent: QWidget,
        listening: ListeningCheck | None = None,
    ) -> None:
        """`remote`: where the media player's and the spoken commands go (the window's queued
        signal). `listening`: whether voice commands can work here (None: never listen)."""
        super().__init__(parent)
        self._services = services
        self._pages = pages
        self._clock = clock
        self._wall_clock = wall_clock
        self._remote = remote
        self._window = parent
        self._run_screen: RunScreen | None = None
        self.runner: SessionRunner | None = None
        self.voice: CueVoice | None = None
        self.muted = False
        self._reader: Announcements | None = None
        """What a screen reader is told during the session (core/screen_reader.py)."""
        self._listening = listening
        self.listener: VoiceCommands | None = None
        """The microphone, open while a session runs with "Listen for commands" on."""
        self._sound_wait: QTimer | None = None
        """While Start waits for the audio stream (`start`)."""

    @property
    def run_screen(self) -> RunScreen:
        """Imported and built when first needed, so the window shows sooner."""
        if self._run_screen is None:
            from hamtimer.ui.run.run_screen import RunScreen

            self._run_screen = RunScreen()
            self._pages.addWidget(self._run_screen)
        return self._run_screen

    @property
    def built(self) -> bool:
        return self._run_screen is not None

    @property
    def in_session(self) -> bool:
        return self.runner is not None and self.runner.session.running

    def start(self, plan: Plan) -> None:
        """Start a session of `plan`, once a sound played would start on time: the window's
        stream opens when a session is chosen, and a sound server can take up to ~2 s to start
        it (PulseAudio: 0.9-1.9 s measured); Start pressed sooner than that waits for it, at
        most SOUND_WAIT_S, rather than speak the first announcement late."""
        if self._sound_wait is not None:
            return  # a start is already on its way
        voice = self.voice
        if voice is None or voice.output_ready:
            self._start_now(plan)
            return
        voice.get_output_ready()
        deadline = self._clock() + SOUND_WAIT_S
        self._sound_wait = QTimer(self)
        self._sound_wait.setInterval(SOUND_POLL_MS)
        self._sound_wait.timeout.connect(lambda: self._start_when_heard(plan, deadline))
        self._sound_wait.start()
        self.waiting_for_sound.emit(True)

    def _start_when_heard(self, plan: Plan, deadline: float) -> None:
        voice = self.voice
        ready = voice is None or voice.output_ready
        if not ready and self._clock() < deadline:
            return
        if not ready:
            log.info("audio: the stream did not keep pace within %.1f s; starting", SOUND_WAIT_S)
        if self._sound_wait is not None:
            self._sound_wait.stop()
            self._sound_wait.deleteLater()
            self._sound_wait = None
        self.waiting_for_sound.emit(False)
        self._start_now(plan)

    def _start_now(self, plan: Plan) -> None:
        from hamtimer.services.session import open_session
        from hamtimer.ui.run.qt_runner import SessionRunner

        runner = SessionRunner(self._clock, parent=self)
        screen = self.run_screen
        session = open_session(
            self._services,
            plan,
            view=runner.on_event,
            voice=self.voice,
            on_unheard=screen.flash,
            clock=self._clock,
            wall_clock=self._wall_clock,
            remote=self._remote,
        )
        self.runner = runner
        settings = self._services.settings.load()[0]
        from hamtimer.core.screen_reader import Announcements  # the engine's: after start-up

        self._reader = Announcements(settings.reader())
        session.on_heard.append(lambda heard: screen.show_heard(heard.caption))
        runner.engine_event.connect(self._on_engine_event)
        runner.changed.connect(self._refresh)
        runner.finished.connect(self._stop_listening)
        runner.finished.connect(self.finished.emit)
        screen.prepare(plan)
        screen.set_muted(self.muted)
        self._pages.setCurrentWidget(screen)
        runner.run(session)
        if settings.listen_for_commands and self._listening is not None:
            self._listening.when_known(lambda reason: self._start_listening(runner, reason))

    # -- voice commands ----------------------------------------------------------------------

    def _start_listening(self, runner: SessionRunner, unavailable: str | None) -> None:
        """The microphone opens once the check has answered, if that session still runs."""
        if runner is not self.runner or not self.in_session or self.listener is not None:
            return
        if unavailable is not None:
            log.info("voice commands not started: %s", unavailable)
            self.listening_problem.emit(f"{unavailable} Carrying on without voice commands.")
            return
        from hamtimer.services import voice_commands

        voice = self.voice
        self.listener = voice_commands.VoiceCommands(
            on_heard=self._remote,
            gate=voice_commands.SpeakingGate(
                lambda: voice.audible_until if voice is not None else 0.0
            ),
            on_problem=self.listening_problem.emit,
        )
        self.listener.start()
        log.info("voice commands: listening for the session")

    def _stop_listening(self) -> None:
        listener, self.listener = self.listener, None
        if listener is not None:
            listener.close()

    def heard(self, heard: HeardCommand) -> None:
        """A spoken command, on the GUI thread: run as the remote's, and confirmed."""
        if self.runner is not None and self.in_session:
            self.runner.heard(heard)

    def command(self, name: str) -> None:
        """One of SESSION_COMMANDS, from a key, a button or the remote's keys."""
        runner = self.runner
        if runner is None or not self.in_session:
            return
        if name == "stop":
            self._ask_before_stopping(runner)
        elif name in REMOTE_KEYS:
            runner.remote(REMOTE_KEYS[name])
        elif name == "pause":
            runner.toggle_pause()
        elif name == "skip":
            runner.skip()
        elif name == "back":
            runner.back()
        elif name == "done":
            runner.done()
        elif name == "status":
            from hamtimer.core.screen_reader import status_sentence

            announce(self.run_screen, status_sentence(runner.session.snapshot()))

    def remote(self, command: RemoteCommand) -> None:
        """A media key, headset button or playerctl, through MPRIS: what the keys do, except
        that Stop asks nothing (the user is on the mat, not at the keyboard)."""
        if self.runner is not None and self.in_session:
            self.runner.remote(command)

    def _ask_before_stopping(self, runner: SessionRunner) -> None:
        """The clock waits while the question is open: a hold must not run out unseen behind
        it. No means carry on from where it was (resumed only if it was running)."""
        was_running = not runner.session.paused
        if was_running:
            runner.remote(RemoteCommand.PAUSE)
        if confirm_stop(self._window):
            runner.stop()
        elif was_running:
            runner.remote(RemoteCommand.PLAY)

    def toggle_mute(self) -> None:
        self.muted = not self.muted
        if self.voice is not None:
            self.voice.muted = self.muted
        if self._run_screen is not None:
            self._run_screen.set_muted(self.muted)

    def save_log(self, quick_log: QuickLog) -> str | None:
        """The summary's log, with the session just ended; a problem as one sentence."""
        if self.runner is None:
            return None
        return self.runner.session.save_quick_log(quick_log) or ""

    @property
    def saved(self) -> bool:
        return self.runner is not None and self.runner.session.saved

    def shut_down(self, interrupted: bool) -> None:
        """The session kept as far as it went: as interrupted when the app is being ended
        rather than closed."""
        if self.in_session and self.runner is not None and interrupted:
            self.runner.interrupt()  # its screen-awake listener lets the screen sleep
        elif self.in_session and self.runner is not None:
            self.runner.stop()
        self._stop_listening()

    def _on_engine_event(self, event: EngineEvent) -> None:
        self.run_screen.show_event(event)
        for text in self._reader.for_event(event) if self._reader else ():
            announce(self.run_screen, text)

    def _refresh(self) -> None:
        if self.runner is not None:
            snapshot = self.runner.session.snapshot()
            self.run_screen.show_snapshot(snapshot)
            for text in self._reader.for_snapshot(snapshot) if self._reader else ():
                announce(self.run_screen, text)
