"""The fallback voice: Qt's QTextToSpeech, speaking live when pyttsx3 can't render phrases.

It lives on its own thread. On Linux its default engine, speechd, blocked 1.6 s in its
constructor while speech-dispatcher started, and with no audio device it stayed "Speaking"
forever; so it is built off the GUI thread, fed through a queued signal, and never waited on.
Live speech has no known length, so plans keep their estimated phrase lengths.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)

STOP_WAIT_MS = 2000


class _SpeechWorker(QObject):
    ready = Signal(str)
    """The engine's name: it can speak."""
    failed = Signal(str)
    """Why no engine could be built."""
    said = Signal(str)
    """A phrase was handed to the engine."""

    def __init__(self, engine: str | None) -> None:
        super().__init__()
        self._engine_name = engine
        self._speech: object = None

    @Slot()
    def build(self) -> None:
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError as error:
            self.failed.emit(f"Qt speech could not load ({error})")
            return
        speech = QTextToSpeech(self._engine_name) if self._engine_name else QTextToSpeech()
        if speech.state() == QTextToSpeech.State.Error:
            self.failed.emit(speech.errorString() or "Qt speech has no working engine")
            return
        self._speech = speech
        self.ready.emit(speech.engine())

    @Slot()
    def dispose(self) -> None:
        """On the worker's thread: the engine is deleted where it was made, then the thread ends."""
        from PySide6.QtTextToSpeech import QTextToSpeech

        speech, self._speech = self._speech, None
        if isinstance(speech, QTextToSpeech):
            speech.stop()
            speech.deleteLater()
        thread = self.thread()
        if thread is not None:
            thread.quit()

    @Slot(str, float)
    def say(self, text: str, volume: float) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        speech = self._speech
        if isinstance(speech, QTextToSpeech):
            speech.setVolume(volume)
            speech.say(text)
            self.said.emit(text)


class QtLiveSpeech(QObject):
    """`LiveSpeech` for CueVoice. `usable` is None while starting, then True or False."""

    _say = Signal(str, float)
    _dispose = Signal()

    def __init__(
        self, engine: str | None = None, on_status: Callable[[], None] = lambda: None
    ) -> None:
        super().__init__()
        self.name = "Qt speech"
        self.usable: bool | None = None
        self.problem = ""
        self._on_status = on_status
        self._thread = QThread()
        self._thread.setObjectName("qt-live-speech")
        self._worker = _SpeechWorker(engine)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.build)
        self._worker.ready.connect(self._ready)
        self._worker.failed.connect(self._failed)
        self._say.connect(self._worker.say)
        self._dispose.connect(self._worker.dispose)
        self._thread.start()

    def say(self, text: str, volume: float) -> None:
        self._say.emit(text, volume)

    def close(self) -> None:
        self._dispose.emit()
        if not self._thread.wait(STOP_WAIT_MS):
            log.warning("Qt speech did not stop in time")

    @Slot(str)
    def _ready(self, engine: str) -> None:
        self.name = f"Qt speech ({engine})"
        self.usable = True
        self._on_status()

    @Slot(str)
    def _failed(self, reason: str) -> None:
        log.warning("Qt speech unavailable: %s", reason)
        self.problem = reason
        self.usable = False
        self._on_status()
